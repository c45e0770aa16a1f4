package uk.safeguarding.hub.access;

import java.util.Set;

/**
 * The user directory, asked one thing: is there a real user of this name with the case-manager role at one of
 * these agencies? Local mode answers from the Keycloak realm file its development issuer serves; server mode asks
 * Keycloak's Admin REST API with the hub's service account.
 */
public interface CaseManagers {

    /** @param username the user's name as tokens carry it ({@code preferred_username}) */
    boolean isCaseManagerAt(String username, Set<String> agencies);
}
