package uk.safeguarding.hub.access;

/** The hub's realm roles, as Keycloak's realm names them. */
public enum Role {
    PANEL_ANALYST("panel-analyst"),
    PANEL_CHAIR("panel-chair"),
    CASE_MANAGER("case-manager"),
    COMMISSIONER("commissioner"),
    AUDITOR("auditor"),
    HUB_ADMIN("hub-admin"),
    AGENCY_CONTRIBUTOR("agency-contributor");

    private final String realmName;

    Role(String realmName) {
        this.realmName = realmName;
    }

    /** The role's name in tokens and in agreements. */
    public String realmName() {
        return realmName;
    }

    public boolean heldBy(Caller caller) {
        return caller.roles().contains(realmName);
    }
}
