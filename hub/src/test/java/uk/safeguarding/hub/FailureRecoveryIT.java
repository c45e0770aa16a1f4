package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The hub's own servers failing under it: PostgreSQL restarting and Redis going away. Meanwhile nothing is
 * disclosed that is not decided and audited, errors name no internals and no person, and afterwards the
 * hub carries on by itself: reads, audit, feed runs, with nothing lost and nothing kept twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureRecoveryIT {

    private static final String SEARCH = "query($n: String) { searchSubjects(purpose: VVASB_PANEL, name: $n) { edges { node { id familyName } } } }";

    private static Path postgresData;
    private static int postgresPort;
    private static int redisPort;
    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static ConfigurableApplicationContext hub;
    private static JdbcClient jdbc;
    private static GraphQlClient client;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        postgresData = Files.createTempDirectory("hub-failures-pg");
        postgresPort = freePort();
        redisPort = freePort();
        postgres = startPostgres();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
        hub = SpringApplication.run(HubApplication.class, "--server.port=0", "--spring.application.name=hub-failures",
                "--hub.mode=local", "--hub.embedded.postgres=false", "--hub.embedded.redis=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                // a request waits at most this long for a connection while the database is away
                "--spring.datasource.hikari.connection-timeout=2000",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--hub.feeds.police.initial-delay=0s", "--hub.feeds.police.period=2s", "--hub.feeds.lock-expiry=2s",
                // the outages here would hold checkpoints back; entries unsealed for twice the interval fail verification
                "--hub.audit.checkpoint-interval=10m");
        jdbc = hub.getBean(JdbcClient.class);
        baseUrl = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
        client = new GraphQlClient(baseUrl);
        await().atMost(Duration.ofSeconds(90)).until(() -> completedPoliceRuns(OffsetDateTime.now().minusYears(1)) > 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void postgresRestartingDisclosesNothingMeanwhileAndTheHubCarriesOnAfterwards() throws Exception {
        Resident resident = TestRecords.resident(0);
        String analyst = client.devToken("lambeth.analyst");
        assertThat(client.query(analyst, SEARCH, Map.of("n", resident.familyName())).data().path("searchSubjects")
                .path("edges").size()).isPositive();
        long auditedBefore = audited();

        postgres.close();
        GraphQlClient.Response during = client.query(analyst, SEARCH, Map.of("n", resident.familyName()));
        assertThat(during.data().findValues("familyName")).isEmpty();
        assertThat(during.errors().get(0).path("message").asString()).contains("nothing was disclosed");
        assertThat(during.body().toString()).doesNotContain(resident.familyName())
                .doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("postgres").doesNotContain("Exception");
        assertThat(status("/actuator/health")).isEqualTo(503);

        OffsetDateTime restarted = OffsetDateTime.now();
        postgres = startPostgres();
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health") == 200);
        JsonNode after = client.query(analyst, SEARCH, Map.of("n", resident.familyName())).data().path("searchSubjects");
        assertThat(after.findValuesAsString("familyName")).contains(resident.familyName());
        // the read after the restart is audited, and the chain is whole
        assertThat(audited()).isGreaterThan(auditedBefore);
        assertThat(client.query(client.devToken("hub.auditor"), "{ verifyAuditLog { valid entriesChecked } }").data()
                .path("verifyAuditLog").path("valid").asBoolean()).isTrue();
        // feeds run again by themselves, and what was kept before is not kept again
        await().atMost(Duration.ofSeconds(60)).until(() -> completedPoliceRuns(restarted) > 0);
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents'").query(Integer.class).single())
                .isEqualTo(TestRecords.LONDON.police().incidents().size());
    }

    @Test
    @Order(2)
    void withoutRedisReadsAndIngestGoOnFeedPollsPauseAndResumeWhenItReturns() throws Exception {
        Resident resident = TestRecords.resident(1);
        String analyst = client.devToken("lambeth.analyst");
        redis.stop();
        OffsetDateTime down = OffsetDateTime.now();

        // reads are decided and audited as ever (the per-user rate is counted in the instance meanwhile)
        long auditedBefore = audited();
        assertThat(client.query(analyst, SEARCH, Map.of("n", resident.familyName())).data().path("searchSubjects")
                .findValuesAsString("familyName")).contains(resident.familyName());
        assertThat(audited()).isGreaterThan(auditedBefore);

        // a delivery is kept once: the database recognises the second copy without Redis's delivery log
        RecordGateway gateway = hub.getBean(RecordGateway.class);
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'failure-test') returning id::text")
                .query(String.class).single();
        PersonRecord person = new PersonRecord("occupier", resident.givenName(), resident.familyName(), resident.dateOfBirth(),
                null, null, List.of(), List.of(), null, null);
        SourceRecord visit = new SourceRecord(run, "failure-test", "lfb", "visit:REDIS-DOWN", "{\"visit\":\"REDIS-DOWN\"}",
                List.of(person), List.of(new EventRecord("REDIS-DOWN", "home-fire-safety-visit", Instant.now().minusSeconds(60),
                        null, "Smoke alarm fitted", null, EventRecord.Sensitivity.ORDINARY,
                        List.of(new EventRecord.Party("occupier", EventRecord.Role.OCCUPIER)))), List.of());
        assertThat(gateway.receiveAll(List.of(visit))).containsExactly(RecordGateway.Outcome.STORED);
        assertThat(gateway.receiveAll(List.of(visit))).containsExactly(RecordGateway.Outcome.DUPLICATE);

        // no feed lock can be taken, so polls are skipped (rather than two instances polling at once): the
        // scheduler keeps trying, and no run starts
        double skippedBefore = pollsSkippedForWantOfRedis();
        await().atMost(Duration.ofSeconds(30)).until(() -> pollsSkippedForWantOfRedis() >= skippedBefore + 2);
        assertThat(jdbc.sql("select count(*) from feed_run where feed = 'met-police-incidents' and started_at > ?")
                .param(down).query(Integer.class).single()).isZero();

        redis.start();
        OffsetDateTime back = OffsetDateTime.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> completedPoliceRuns(back) > 0);
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents'").query(Integer.class).single())
                .isEqualTo(TestRecords.LONDON.police().incidents().size());
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        // the same port and data directory each time: a restart, not a new database
        return EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(postgresData).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
    }

    private static int completedPoliceRuns(OffsetDateTime since) {
        return jdbc.sql("select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed' and started_at > ?")
                .param(since).query(Integer.class).single();
    }

    private static double pollsSkippedForWantOfRedis() {
        var counter = hub.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("hub.feed.polls.skipped")
                .tags("feed", "met-police-incidents", "reason", "lock-unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long audited() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }

    private static int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
