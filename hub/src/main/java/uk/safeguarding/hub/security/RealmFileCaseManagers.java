package uk.safeguarding.hub.security;

import java.util.Set;
import uk.safeguarding.hub.access.CaseManagers;
import uk.safeguarding.hub.access.Role;

/** Local mode: the users of the realm file, whom the development issuer signs tokens for. */
final class RealmFileCaseManagers implements CaseManagers {

    private final DemoUsers users;

    RealmFileCaseManagers(DemoUsers users) {
        this.users = users;
    }

    @Override
    public boolean isCaseManagerAt(String username, Set<String> agencies) {
        return users.find(username).filter(u -> u.roles().contains(Role.CASE_MANAGER.realmName())
                && u.agency() != null && agencies.contains(u.agency())).isPresent();
    }
}
