package uk.safeguarding.hub.access;

import java.util.Set;

/**
 * Who is asking: the user (their user name), their agency, their realm roles and the boroughs they work in, and
 * the stable id their identity provider gives them ({@code tokenSubject}, the token's {@code sub}; null if unknown).
 */
public record Caller(String userId, String agency, Set<String> roles, Set<String> boroughs, String tokenSubject) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        boroughs = boroughs == null ? Set.of() : Set.copyOf(boroughs);
    }

    public Caller(String userId, String agency, Set<String> roles, Set<String> boroughs) {
        this(userId, agency, roles, boroughs, null);
    }
}
