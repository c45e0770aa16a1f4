package uk.safeguarding.hub.security;

import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.client.RestClient;
import uk.safeguarding.hub.access.CaseManagers;

/**
 * Where the hub looks a case manager up: the directory of whoever issues the tokens it trusts. The development
 * issuer's realm file in local mode, Keycloak's Admin REST API otherwise.
 */
@Configuration
class CaseManagerDirectory {

    @Bean
    @ConditionalOnProperty(name = "hub.dev-issuer.enabled", havingValue = "true")
    CaseManagers realmFileCaseManagers(@Value("${hub.dev-issuer.realm-file}") Resource realmFile) throws IOException {
        return new RealmFileCaseManagers(new DemoUsers(realmFile));
    }

    @Bean
    @ConditionalOnProperty(name = "hub.dev-issuer.enabled", havingValue = "false", matchIfMissing = true)
    CaseManagers keycloakCaseManagers(@Value("${hub.directory.realm-url:${spring.security.oauth2.resourceserver.jwt.issuer-uri}}") String realm,
            @Value("${hub.directory.client-id:hub-directory}") String clientId,
            @Value("${hub.directory.client-secret:}") String clientSecret, Clock clock) {
        if (clientSecret.isBlank()) {
            throw new uk.safeguarding.connectors.SettingProblem("hub.directory.client-secret",
                    "hub.directory.client-secret (HUB_DIRECTORY_CLIENTSECRET) is not set: the hub checks that an assigned "
                            + "case manager is a real user through Keycloak's hub-directory service account, and needs its secret");
        }
        return new KeycloakCaseManagers(RestClient.create(), realm, clientId, clientSecret, clock);
    }
}
