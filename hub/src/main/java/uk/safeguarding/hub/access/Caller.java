package uk.safeguarding.hub.access;

import java.util.Set;

/** Who is asking: the user, their agency, their realm roles and the boroughs they work in. */
public record Caller(String userId, String agency, Set<String> roles, Set<String> boroughs) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        boroughs = boroughs == null ? Set.of() : Set.copyOf(boroughs);
    }
}
