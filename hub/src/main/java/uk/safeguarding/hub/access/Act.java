package uk.safeguarding.hub.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The acts that are not reads under an agreement (those the agreements decide, field by field), and the
 * roles that may do them: the one place that answers "may this caller do this act". Acts that widen what someone
 * may read under an agreement (recording consent, naming a case manager) are answered by the agreement itself,
 * which names who may ({@code consent-recorders}, {@code allocators}): see {@code PolicySet.consentRecorder} and
 * {@code PolicySet.allocator}.
 */
public enum Act {
    SCHEDULE_PANEL_MEETING("schedule panel meetings", Role.PANEL_CHAIR),
    SEE_PANEL_MEETINGS("see the panel's meetings", Role.PANEL_ANALYST, Role.PANEL_CHAIR),
    RECORD_PANEL_DECISION("record panel decisions", Role.PANEL_CHAIR),
    APPOINT_CASE_MANAGER("appoint case managers", Role.PANEL_CHAIR),
    CLOSE_PANEL_CASE("close panel cases", Role.PANEL_CHAIR),
    WORK_PANEL_CASES("work panel cases", Role.PANEL_ANALYST, Role.PANEL_CHAIR, Role.CASE_MANAGER),
    WORK_BOROUGH_CASES("work every case of their boroughs", Role.PANEL_ANALYST, Role.PANEL_CHAIR),
    REVIEW_IDENTITIES("review identity links", Role.PANEL_ANALYST, Role.PANEL_CHAIR),
    TRAIN_MATCH_MODEL("re-train the identity match weights", Role.HUB_ADMIN),
    LIST_EXEMPTIONS("list exemptions", Role.AUDITOR),
    REVIEW_EXEMPTIONS("review exemptions", Role.AUDITOR),
    LIST_CONSENTS("list consents", Role.AUDITOR),
    REVIEW_CONSENTS("review consents", Role.AUDITOR),
    RELOAD_POLICIES("reload the policies", Role.HUB_ADMIN),
    SEE_EVERY_FEED("see every agency's feeds", Role.HUB_ADMIN),
    SEE_OWN_AGENCY_FEEDS("see their own agency's feeds", Role.AGENCY_CONTRIBUTOR);

    private final String what;
    private final List<Role> roles;

    Act(String what, Role... roles) {
        this.what = what;
        this.roles = List.of(roles);
    }

    public boolean allows(Caller caller) {
        return roles.stream().anyMatch(r -> r.heldBy(caller));
    }

    /** Refuses (FORBIDDEN, saying which roles may) a caller who may not. */
    public void require(Caller caller) {
        if (!allows(caller)) {
            throw new DisclosureRefused(refusal());
        }
    }

    /** "Only the panel-chair role may assign case managers." */
    public String refusal() {
        return "Only the " + roles.stream().map(Role::realmName).collect(Collectors.joining(" or ")) + " role may " + what + ".";
    }
}
