package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.AlertStream;
import uk.safeguarding.hub.GraphQlClient;
import uk.safeguarding.hub.HubApplication;
import uk.safeguarding.hub.TestRecords;

/**
 * Two hub instances sharing one PostgreSQL and one Redis, as when scaled out: each feed is polled by one
 * instance at a time, and what both poll is kept once; a case manager connected to one instance hears of
 * an event the other kept.
 */
class TwoInstancesIT {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = SpringApplication.run(HubApplication.class, "--server.port=0", "--hub.feeds.police.initial-delay=0s",
                "--hub.feeds.police.period=2s", "--spring.application.name=hub-one");
        Environment env = first.getEnvironment();
        // the second instance brings no servers of its own: it uses the first one's, and the same partners
        second = SpringApplication.run(HubApplication.class, "--server.port=0", "--hub.feeds.police.initial-delay=0s",
                "--hub.feeds.police.period=2s", "--spring.application.name=hub-two",
                "--hub.mode=local", "--hub.embedded.postgres=false", "--hub.embedded.redis=false", "--hub.embedded.simulators=false",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "--spring.datasource.password=",
                "--spring.data.redis.host=" + env.getProperty("spring.data.redis.host"),
                "--spring.data.redis.port=" + env.getProperty("spring.data.redis.port"),
                "--hub.feeds.police.url=" + env.getProperty("hub.feeds.police.url"),
                "--hub.feeds.tfl.url=" + env.getProperty("hub.feeds.tfl.url"),
                "--hub.feeds.mental-health.url=" + env.getProperty("hub.feeds.mental-health.url"),
                "--hub.feeds.lfb.dir=" + env.getProperty("hub.feeds.lfb.dir"),
                "--hub.feeds.housing.dir=" + env.getProperty("hub.feeds.housing.dir"),
                "--hub.feeds.asc.dir=" + env.getProperty("hub.feeds.asc.dir"),
                "--hub.feeds.csc.dir=" + env.getProperty("hub.feeds.csc.dir"));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void eachFeedIsPolledByOneInstanceAtATimeAndKeptOnce() {
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed'")
                .query(Integer.class).single() >= 6);

        List<Map<String, Object>> runs = jdbc.sql("""
                select started_at, finished_at from feed_run
                where feed = 'met-police-incidents' and status = 'completed' order by started_at""").query().listOfRows();
        for (int i = 1; i < runs.size(); i++) {
            // the lock is held from open to close: no run starts before the one before it has finished
            assertThat(((java.sql.Timestamp) runs.get(i).get("started_at")).toInstant())
                    .isAfterOrEqualTo(((java.sql.Timestamp) runs.get(i - 1).get("finished_at")).toInstant());
        }
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents'").query(Integer.class).single())
                .isEqualTo(TestRecords.LONDON.police().incidents().size());
        assertThat(jdbc.sql("""
                select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed' and stored > 0""")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCaseManagerOnOneInstanceIsAlertedOfAnEventTheOtherKept() throws Exception {
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed'")
                .query(Integer.class).single() > 0);
        // tokens are the dev issuer's of each instance (each signs with a key of its own)
        GraphQlClient one = new GraphQlClient("http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port"));
        GraphQlClient two = new GraphQlClient("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"));
        Resident victim = TestRecords.resident(2);
        String subject = jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'met-police' and p.given_name = ? and p.family_name = ? and p.date_of_birth = ?::date
                  and l.status in ('auto', 'confirmed') limit 1""")
                .params(victim.givenName(), victim.familyName(), victim.dateOfBirth().toString()).query(String.class).single();
        String caseId = one.query(one.devToken("lambeth.analyst"), "mutation($s: ID!) { referCase(input: { subjectId: $s, "
                + "purpose: VVASB_PANEL, referringAgency: \"met-police\", source: POLICE, reason: \"Repeated ASB\", "
                + "category: \"anti-social-behaviour\" }) { id } }", Map.of("s", subject)).data().path("referCase").path("id").asString();
        one.query(one.devToken("lambeth.chair"), "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, "
                + "caseManager: \"lambeth.casemanager\") { id } }", Map.of("c", caseId));

        try (AlertStream alerts = new AlertStream("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"),
                two.devToken("lambeth.casemanager"), "subscription { caseAlerts(purpose: VVASB_PANEL) { caseId event { agency summary } } }",
                second.getBean("casework.newEvents", org.springframework.messaging.SubscribableChannel.class))) {
            String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'alert-test') returning id::text")
                    .query(String.class).single();
            PersonRecord occupier = new PersonRecord("occupier-" + victim.trueId(), victim.givenName(), victim.familyName(),
                    victim.dateOfBirth(), null, null, List.of(), List.of(), null, null);
            EventRecord fire = new EventRecord("INC-TWO-1", "fire-attendance", Instant.now().minusSeconds(600), "deliberate-fire",
                    "Fire in the bin store below her flat", null, EventRecord.Sensitivity.ORDINARY,
                    List.of(new EventRecord.Party(occupier.localId(), EventRecord.Role.OCCUPIER)));
            // kept by the first instance
            assertThat(first.getBean(RecordGateway.class).receiveAll(List.of(new SourceRecord(run, "alert-test", "lfb",
                    "incident:INC-TWO-1", "{\"incident\":\"INC-TWO-1\"}", List.of(occupier), List.of(fire), List.of()))))
                    .containsExactly(RecordGateway.Outcome.STORED);
            // heard by the second, where the case manager is connected
            assertThat(alerts.await("Fire in the bin store", Duration.ofSeconds(20))).as("alert on the other instance")
                    .isNotNull().contains(caseId, "\"agency\":\"lfb\"");
        }
    }
}
