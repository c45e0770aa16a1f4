package uk.safeguarding.hub.security;

import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import uk.safeguarding.hub.access.Caller;

/** Reads the caller from a token: Keycloak's realm roles plus our {@code agency} and {@code boroughs} claims. */
public final class Callers {

    private Callers() {
    }

    public static Caller from(Jwt jwt) {
        String user = jwt.getClaimAsString("preferred_username");
        return new Caller(user != null ? user : jwt.getSubject(), jwt.getClaimAsString("agency"),
                new LinkedHashSet<>(realmRoles(jwt)), new LinkedHashSet<>(SecurityConfig.strings(jwt.getClaim("boroughs"))));
    }

    static List<String> realmRoles(Jwt jwt) {
        return SecurityConfig.strings(SecurityConfig.map(jwt.getClaim("realm_access")).get("roles"));
    }
}
