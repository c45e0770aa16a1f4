package uk.safeguarding.hub.security;

import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import uk.safeguarding.hub.access.Caller;

/** Reads the caller from a token: Keycloak's realm roles plus our {@code agency} and {@code boroughs} claims. */
public final class Callers {

    private Callers() {
    }

    public static Caller from(Jwt jwt) {
        String user = jwt.getClaimAsString("preferred_username");
        return new Caller(user != null ? user : jwt.getSubject(), jwt.getClaimAsString("agency"),
                new LinkedHashSet<>(realmRoles(jwt)), new LinkedHashSet<>(strings(jwt.getClaim("boroughs"))), jwt.getSubject());
    }

    static List<String> realmRoles(Jwt jwt) {
        return strings(map(jwt.getClaim("realm_access")).get("roles"));
    }

    static List<String> strings(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
