package uk.safeguarding.hub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import uk.safeguarding.connectors.SettingProblem;
import uk.safeguarding.hub.HubApplication;

/**
 * Every mix of local and production settings: local mode only with none, server mode with every local
 * part off as soon as one is given, and a refusal naming the setting where they contradict.
 */
class RunModeTest {

    private static MockEnvironment settings(String... pairs) {
        MockEnvironment env = new MockEnvironment();
        for (int i = 0; i < pairs.length; i += 2) {
            env.setProperty(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static MockEnvironment decided(MockEnvironment env) {
        new RunMode().postProcessEnvironment(env, new SpringApplication(HubApplication.class));
        return env;
    }

    private static void assertRefused(MockEnvironment env, String setting, String... words) {
        assertThatThrownBy(() -> decided(env)).isInstanceOfSatisfying(SettingProblem.class, problem -> {
            assertThat(problem.setting()).isEqualTo(setting);
            assertThat(problem.getMessage()).doesNotContain("\n").contains(words);
        });
    }

    @Test
    void withNoSettingsEveryLocalPartIsOnAndListensOnThisMachineOnly() {
        MockEnvironment env = decided(settings());
        assertThat(env.getProperty("hub.mode")).isEqualTo("local");
        for (String part : RunMode.LOCAL_PARTS) {
            assertThat(env.getProperty(part, Boolean.class)).as(part).isTrue();
        }
        assertThat(env.getProperty("hub.graphiql.enabled", Boolean.class)).isTrue();
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("hub.audit.anchors-required", Boolean.class)).isFalse();
    }

    @Test
    void aDatabaseAndAnIssuerMakeServerModeWithEveryLocalPartOff() {
        MockEnvironment env = decided(settings("spring.datasource.url", "jdbc:postgresql://db.example:5432/hub",
                "HUB_ISSUER_URI", "https://login.example/realms/hub"));
        assertThat(env.getProperty("hub.mode")).isEqualTo("server");
        for (String part : RunMode.LOCAL_PARTS) {
            assertThat(env.getProperty(part, Boolean.class)).as(part).isFalse();
        }
        assertThat(env.getProperty("hub.graphiql.enabled", Boolean.class)).isFalse();
        // auditors must be able to pin the key and keep witnessed checkpoints
        assertThat(env.getProperty("hub.audit.anchors-required", Boolean.class)).isTrue();
        assertThat(env.getProperty("spring.graphql.schema.introspection.enabled", Boolean.class)).isFalse();
        assertThat(env.getProperty(RunMode.ISSUER)).isEqualTo("https://login.example/realms/hub");
        assertThat(env.getProperty("server.address")).isNull();
    }

    @Test
    void aDatabaseWithoutTheProfileOrAnIssuerIsRefusedRatherThanTrustingTheDevelopmentIssuer() {
        // the issue's operator: SPRING_DATASOURCE_URL set, the profile forgotten
        assertRefused(settings("spring.datasource.url", "jdbc:postgresql://db.example:5432/hub"), RunMode.ISSUER,
                "Server mode (spring.datasource.url (SPRING_DATASOURCE_URL) is set) needs HUB_ISSUER_URI");
    }

    @Test
    void anIssuerOrARedisHostAloneIsServerModeAndNeedsTheDatabase() {
        assertRefused(settings("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://login.example/realms/hub"),
                RunMode.DATASOURCE, "needs spring.datasource.url (SPRING_DATASOURCE_URL)");
        assertRefused(settings("spring.data.redis.host", "redis.internal"), RunMode.DATASOURCE,
                "Server mode (spring.data.redis.host (SPRING_DATA_REDIS_HOST) is set)");
    }

    @Test
    void theServerProfileAloneIsServerModeAndNeedsItsServers() {
        MockEnvironment env = settings();
        env.setActiveProfiles("server");
        assertRefused(env, RunMode.DATASOURCE, "Server mode (the server profile is active) needs spring.datasource.url");
        env.setProperty("spring.datasource.url", "jdbc:postgresql://db.example/hub");
        env.setProperty("HUB_ISSUER_URI", "https://login.example/realms/hub");
        assertThat(decided(env).getProperty("hub.dev-issuer.enabled", Boolean.class)).isFalse();
    }

    @Test
    void aLocalPartTurnedOnBesideProductionSettingsIsRefusedByName() {
        String[] production = {"spring.datasource.url", "jdbc:postgresql://db.example:5432/hub",
            "HUB_ISSUER_URI", "https://login.example/realms/hub"};
        for (String part : RunMode.LOCAL_PARTS) {
            MockEnvironment env = settings(production);
            env.setProperty(part, "true");
            assertRefused(env, part, "=true contradicts server mode", "never run beside production settings");
        }
        MockEnvironment declared = settings("hub.mode", "server", "hub.dev-issuer.enabled", "true");
        assertRefused(declared, "hub.dev-issuer.enabled", "contradicts server mode (hub.mode=server)");
    }

    @Test
    void localModeDeclaredMayUseServersOnThisMachineOnly() {
        MockEnvironment shared = decided(settings("hub.mode", "local",
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:5433/postgres", "spring.data.redis.host", "localhost"));
        assertThat(shared.getProperty("hub.dev-issuer.enabled", Boolean.class)).isTrue();

        assertRefused(settings("hub.mode", "local", "spring.datasource.url", "jdbc:postgresql://db.example:5432/hub"),
                RunMode.DATASOURCE, "hub.mode=local runs only against servers on this machine");
        assertRefused(settings("hub.mode", "local", "spring.data.redis.host", "10.0.0.7"),
                RunMode.REDIS_HOST, "spring.data.redis.host (SPRING_DATA_REDIS_HOST) points elsewhere");
        MockEnvironment profile = settings("hub.mode", "local");
        profile.setActiveProfiles("server");
        assertRefused(profile, "hub.mode", "hub.mode=local contradicts the server profile");
        assertRefused(settings("hub.mode", "demo"), "hub.mode", "it is local or server");
    }

    @Test
    void aRealIssuerAndTheDevelopmentIssuerNeverRunTogether() {
        assertRefused(settings("hub.mode", "local", "HUB_ISSUER_URI", "http://localhost:8180/realms/hub"),
                "hub.dev-issuer.enabled", "the hub trusts one issuer");
        MockEnvironment keycloak = decided(settings("hub.mode", "local", "HUB_ISSUER_URI", "http://localhost:8180/realms/hub",
                "hub.dev-issuer.enabled", "false"));
        assertThat(keycloak.getProperty("hub.embedded.postgres", Boolean.class)).isTrue();
    }

    @Test
    void addressesOnThisMachineAreRecognisedWithoutLookingAnythingUp() {
        assertThat(RunMode.onThisMachine("jdbc:postgresql://127.0.0.1:5432/postgres")).isTrue();
        assertThat(RunMode.onThisMachine("jdbc:postgresql://localhost/hub?ssl=true")).isTrue();
        assertThat(RunMode.onThisMachine("jdbc:postgresql://[::1]:5432/hub")).isTrue();
        assertThat(RunMode.onThisMachine("jdbc:postgresql:hub")).isTrue();
        assertThat(RunMode.onThisMachine("redis://user:secret@127.0.0.1:6379")).isTrue();
        assertThat(RunMode.onThisMachine("localhost")).isTrue();
        assertThat(RunMode.onThisMachine("jdbc:postgresql://127.0.0.1:5432,db.example:5432/hub")).isFalse();
        assertThat(RunMode.onThisMachine("jdbc:postgresql://localhost.example.org/hub")).isFalse();
        assertThat(RunMode.onThisMachine("https://login.example/realms/hub")).isFalse();
        assertThat(RunMode.onThisMachine("db")).isFalse();
    }

    @Test
    void thePoliciesFolderMayBeAPlainPathOrAFileUrl(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("agreements"));
        String expected = folder.toUri().toString();
        assertThat(decided(settings("hub.policies.dir", folder.toString())).getProperty("hub.policies.dir")).isEqualTo(expected);
        assertThat(decided(settings("hub.policies.dir", "file:" + folder)).getProperty("hub.policies.dir")).isEqualTo(expected);
        assertThat(decided(settings("hub.policies.dir", "file://" + folder + "/")).getProperty("hub.policies.dir"))
                .isEqualTo(expected);
        assertThat(decided(settings("hub.policies.dir", "classpath:policies")).getProperty("hub.policies.dir"))
                .isEqualTo("classpath:policies");
        assertRefused(settings("hub.policies.dir", folder.resolve("missing").toString()), "hub.policies.dir",
                "hub.policies.dir (HUB_POLICIES_DIR) names " + folder.resolve("missing"), "which is not a folder");
        assertRefused(settings("hub.policies.dir", "https://example.org/policies"), "hub.policies.dir",
                "a folder's path or a file: URL");
    }
}
