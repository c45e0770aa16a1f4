package uk.safeguarding.hub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.io.TempDir;
import java.util.Base64;
import java.security.KeyPairGenerator;
import java.nio.file.Path;
import java.nio.file.Files;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import redis.embedded.RedisServer;
import uk.safeguarding.connectors.SettingProblem;
import uk.safeguarding.hub.HubApplication;

/**
 * The hub started as an operator would start it on servers (here real PostgreSQL and Redis binaries
 * started by the test, standing in for the council's): every local part off, nothing simulated, no
 * development issuer; and refused, in one line naming the setting, when the settings contradict.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerModeStartTest {

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;

    @TempDir
    static Path anchors;

    @BeforeAll
    static void servers() throws Exception {
        // server mode requires a persistent signing key and a witness folder (docs/audit.md)
        byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Files.writeString(anchors.resolve("signing-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key) + "\n-----END PRIVATE KEY-----\n");
        postgres = EmbeddedPostgres.builder().start();
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
    }

    @AfterAll
    static void stop() throws IOException {
        // server mode logs ECS JSON, and Spring Boot keeps the format in system properties: later hubs in this JVM log plainly
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** What an operator sets: the database, Redis and the realm (never contacted at start-up), no profile. */
    private static List<String> operatorSettings(String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=hub-server-mode",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.data.redis.host=localhost", "--spring.data.redis.port=" + redisPort,
                "--HUB_ISSUER_URI=http://localhost:9/realms/hub", "--hub.directory.client-secret=server-mode-test",
                "--hub.audit.signing-key-file=" + anchors.resolve("signing-key.pem"),
                "--hub.audit.witness-dir=" + anchors.resolve("witness")));
        args.addAll(List.of(more));
        return args;
    }

    private static final List<String> NO_FEEDS = List.of("police", "btp", "tfl", "mental-health", "lfb", "housing", "asc", "csc")
            .stream().map(feed -> "--hub.feeds." + feed + ".enabled=false").toList();

    @Test
    void productionSettingsWithoutTheProfileStartServerModeWithNothingLocal() throws Exception {
        List<String> args = operatorSettings();
        args.addAll(NO_FEEDS);
        try (ConfigurableApplicationContext hub = SpringApplication.run(HubApplication.class, args.toArray(String[]::new))) {
            assertThat(hub.getEnvironment().getProperty("hub.mode")).isEqualTo("server");
            assertThat(hub.containsBean("devIssuer")).isFalse();
            assertThat(hub.containsBean("hubLocalInfrastructure")).isFalse();
            // the operator's database got the schema; no simulated partner wrote anything into it
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from flyway_schema_history").query(Integer.class).single()).isPositive();
            assertThat(jdbc.sql("select count(*) from source_record").query(Integer.class).single()).isZero();

            String base = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/dev/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=hub.admin")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isNotEqualTo(200);
            assertThat(token.body()).doesNotContain("access_token");
            HttpResponse<String> graphiql = http.send(HttpRequest.newBuilder(URI.create(base + "/graphiql")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(graphiql.statusCode()).isEqualTo(404);
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(base + "/console/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains("\"signIn\":\"oidc\"", "http://localhost:9/realms/hub").doesNotContain("/dev/token");
        }
    }

    @Test
    void theDevelopmentIssuerBesideADatabaseIsRefusedInOneLine(CapturedOutput output) {
        List<String> args = operatorSettings("--hub.dev-issuer.enabled=true");
        assertThatThrownBy(() -> SpringApplication.run(HubApplication.class, args.toArray(String[]::new)))
                .isInstanceOf(SettingProblem.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                "hub.dev-issuer.enabled (HUB_DEVISSUER_ENABLED)=true contradicts server mode (spring.datasource.url "
                        + "(SPRING_DATASOURCE_URL) is set)")
                .doesNotContain("\tat uk.safeguarding");
    }

    @Test
    void serverModeWithoutAPersistentSigningKeyIsRefusedInOneLine(CapturedOutput output) {
        List<String> args = operatorSettings();
        args.removeIf(arg -> arg.startsWith("--hub.audit.signing-key-file="));
        args.addAll(NO_FEEDS);
        assertThatThrownBy(() -> SpringApplication.run(HubApplication.class, args.toArray(String[]::new)))
                .hasRootCauseInstanceOf(SettingProblem.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                "hub.audit.signing-key-file (HUB_AUDIT_SIGNING_KEY_FILE) is required in server mode")
                .doesNotContain("\tat uk.safeguarding");
    }

    @Test
    void aFeedWithNowhereToReadFromIsNamedNotAStackTrace(CapturedOutput output) {
        // server mode simulates nothing, so the police feed (on by default) has no address
        List<String> args = operatorSettings();
        assertThatThrownBy(() -> SpringApplication.run(HubApplication.class, args.toArray(String[]::new)))
                .hasRootCauseInstanceOf(SettingProblem.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                "hub.feeds.police.url (HUB_FEEDS_POLICE_URL) is not set; set it, or turn the feed off with hub.feeds.police.enabled=false")
                .doesNotContain("\tat uk.safeguarding");
    }
}
