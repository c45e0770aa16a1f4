package uk.safeguarding.hub.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import uk.safeguarding.hub.access.CaseManagers;
import uk.safeguarding.hub.access.Role;

/**
 * Server mode: Keycloak's Admin REST API, as the realm's {@code hub-directory} service account (client
 * credentials; its only permission is realm-management's {@code view-users}). A user is a case manager at an
 * agency if Keycloak has an enabled user of exactly that name whose {@code agency} attribute is the agency and
 * whose realm roles (composites included) hold {@code case-manager}. Anything else, including Keycloak not
 * answering, is not a case manager: an assignment is refused rather than made unchecked.
 */
final class KeycloakCaseManagers implements CaseManagers {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;
    private final String tokenUri;
    private final String adminUri;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    /** @param issuer the realm's issuer, {@code https://host/realms/<realm>}: the admin API is {@code https://host/admin/realms/<realm>} */
    KeycloakCaseManagers(RestClient http, String issuer, String clientId, String clientSecret, Clock clock) {
        String realm = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        int at = realm.lastIndexOf("/realms/");
        if (at < 0) {
            throw new IllegalArgumentException("the issuer is not a Keycloak realm (…/realms/<name>)");
        }
        this.http = http;
        this.tokenUri = realm + "/protocol/openid-connect/token";
        this.adminUri = realm.substring(0, at) + "/admin" + realm.substring(at);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public boolean isCaseManagerAt(String username, Set<String> agencies) {
        String bearer = "Bearer " + token();
        List<Map<String, Object>> found = http.get()
                .uri(adminUri + "/users?username={u}&exact=true&briefRepresentation=false", username)
                .header("Authorization", bearer).retrieve().body(LIST);
        for (Map<String, Object> user : found == null ? List.<Map<String, Object>>of() : found) {
            // Keycloak keeps user names in lower case; exact=true still matches case-insensitively
            if (!username.equalsIgnoreCase(String.valueOf(user.get("username"))) || !Boolean.TRUE.equals(user.get("enabled"))
                    || !agencies.contains(agency(user))) {
                continue;
            }
            List<Map<String, Object>> roles = http.get().uri(adminUri + "/users/{id}/role-mappings/realm/composite", user.get("id"))
                    .header("Authorization", bearer).retrieve().body(LIST);
            if (roles != null && roles.stream().anyMatch(r -> Role.CASE_MANAGER.realmName().equals(r.get("name")))) {
                return true;
            }
        }
        return false;
    }

    private static String agency(Map<String, Object> user) {
        if (user.get("attributes") instanceof Map<?, ?> attributes && attributes.get("agency") instanceof List<?> values
                && !values.isEmpty()) {
            return Objects.toString(values.get(0), null);
        }
        return null;
    }

    /** The service account's token, fetched again shortly before it expires. */
    private synchronized String token() {
        if (token == null || clock.instant().isAfter(tokenExpires)) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
            Map<String, Object> answer = http.post().uri(tokenUri).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form).retrieve().body(OBJECT);
            if (answer == null || !(answer.get("access_token") instanceof String issued)) {
                throw new IllegalStateException("Keycloak issued the hub-directory service account no token");
            }
            long lifetime = answer.get("expires_in") instanceof Number n ? n.longValue() : 60;
            token = issued;
            tokenExpires = clock.instant().plusSeconds(Math.max(0, lifetime - 30));
        }
        return token;
    }
}
