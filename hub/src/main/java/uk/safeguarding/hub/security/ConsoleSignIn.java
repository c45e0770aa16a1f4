package uk.safeguarding.hub.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /console/config}: how the web console signs people in. In local mode, the development
 * issuer's demo users; otherwise the Keycloak realm the hub trusts, through the authorisation code flow
 * with PKCE of the public client. No secrets: a public client has none.
 */
@RestController
class ConsoleSignIn {

    private final ObjectProvider<DevIssuer> devIssuer;
    private final String issuer;
    private final String clientId;

    ConsoleSignIn(ObjectProvider<DevIssuer> devIssuer, @Value("${hub.console.issuer:}") String issuer,
            @Value("${hub.console.client-id:hub-console}") String clientId) {
        this.devIssuer = devIssuer;
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
    }

    @GetMapping(path = "/console/config", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        DevIssuer dev = devIssuer.getIfAvailable();
        if (dev != null) {
            config.put("signIn", "development");
            config.put("tokenEndpoint", "/dev/token");
            config.put("users", dev.users().stream().map(u -> Map.of("username", u.username(),
                    "name", (u.firstName() + " " + u.lastName()).trim(), "roles", u.roles(),
                    "agency", u.agency() == null ? "" : u.agency())).toList());
        } else {
            // Keycloak's endpoints sit under the realm's issuer; the browser reaches them at this address
            config.put("signIn", "oidc");
            config.put("issuer", issuer);
            config.put("clientId", clientId);
            config.put("authorizationEndpoint", issuer + "/protocol/openid-connect/auth");
            config.put("tokenEndpoint", issuer + "/protocol/openid-connect/token");
            config.put("endSessionEndpoint", issuer + "/protocol/openid-connect/logout");
            config.put("users", List.of());
        }
        return config;
    }
}
