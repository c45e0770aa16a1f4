package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.hub.LocalHubTest;

/** The partners' feeds into the hub's store: nothing lost, nothing doubled, every run reconciled. */
class FeedIngestTest extends LocalHubTest {

    private static final Simulators LONDON = uk.safeguarding.hub.TestRecords.LONDON;

    @Autowired
    RecordGateway gateway;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyIncidentIsStoredOnceAndRepeatRunsFindOnlyDuplicates() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'met-police-incidents' and kind = 'poll'")
                .query(Integer.class).single() >= 2);

        List<Map<String, Object>> runs = jdbc.sql("""
                select received, stored, duplicates, quarantined from feed_run
                where status = 'completed' and feed = 'met-police-incidents' and kind = 'poll' order by started_at""")
                .query().listOfRows();
        int incidents = LONDON.police().incidents().size();
        assertThat(runs.get(0)).containsEntry("received", incidents)
                .containsEntry("stored", incidents).containsEntry("quarantined", 0);
        assertThat(runs.get(1)).containsEntry("received", incidents)
                .containsEntry("duplicates", incidents).containsEntry("stored", 0);
        // (other tests add their own police records, so count the simulated incidents by their references)
        String[] references = LONDON.police().incidents().stream().map(i -> i.path("reference").asText()).toArray(String[]::new);
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents' and source_id = any(?)")
                .param(references).query(Integer.class).single()).isEqualTo(incidents);
        assertThat(jdbc.sql("select count(*) from event where agency = 'met-police' and current and local_id = any(?)")
                .param(references).query(Integer.class).single()).isEqualTo(incidents);
    }

    @Test
    void theTflFeedReconcilesToo() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'tfl-safeguarding-reports'")
                .query(Integer.class).single() >= 1);

        Map<String, Object> first = jdbc.sql("""
                select received, stored, duplicates, quarantined from feed_run
                where status = 'completed' and feed = 'tfl-safeguarding-reports' order by started_at limit 1""")
                .query().singleRow();
        assertThat(first).containsEntry("received", LONDON.tfl().reports().size())
                .containsEntry("stored", LONDON.tfl().reports().size())
                .containsEntry("quarantined", 0);
    }

    @Test
    void theLfbDropIsReadFileByFileAndReconciles() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'lfb-file-drop'")
                .query(Integer.class).single() >= 2);

        assertThat(jdbc.sql("""
                select received, stored, quarantined from feed_run where feed = 'lfb-file-drop' and status = 'completed'
                order by received""").query().listOfRows())
                .containsExactly(
                        Map.of("received", LONDON.lfb().visitCount(), "stored", LONDON.lfb().visitCount(), "quarantined", 0),
                        Map.of("received", LONDON.lfb().incidentCount(), "stored", LONDON.lfb().incidentCount(),
                                "quarantined", 0));
        // home fire safety visits are about people: linked to subjects the other feeds know
        assertThat(jdbc.sql("""
                select count(distinct l.subject_id) from person_record r join subject_link l on l.person_record_id = r.id
                where r.agency = 'lfb' and exists (select 1 from person_record o join subject_link ol
                    on ol.person_record_id = o.id where ol.subject_id = l.subject_id and o.agency = 'met-police')""")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void theHousingDropReconcilesAndItsComplainantsAreTheVictimsThePoliceKnow() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'lambeth-housing-drop'")
                .query(Integer.class).single() >= 2);

        assertThat(jdbc.sql("""
                select received, stored, quarantined from feed_run where feed = 'lambeth-housing-drop' and status = 'completed'
                order by received""").query().listOfRows())
                .containsExactly(
                        Map.of("received", LONDON.housing().tenancyEventCount(), "stored", LONDON.housing().tenancyEventCount(),
                                "quarantined", 0),
                        Map.of("received", LONDON.housing().complaintCount(), "stored", LONDON.housing().complaintCount(),
                                "quarantined", 0));
        assertThat(jdbc.sql("""
                select count(distinct l.subject_id) from event e join event_party p on p.event_id = e.id
                join subject_link l on l.person_record_id = p.person_record_id
                where e.kind = 'asb-complaint' and p.role = 'COMPLAINANT' and exists (
                    select 1 from person_record o join subject_link ol on ol.person_record_id = o.id
                    where ol.subject_id = l.subject_id and o.agency = 'met-police')""")
                .query(Integer.class).single()).isGreaterThan(10);
    }

    @Test
    void theAdultSocialCareDropReconcilesAndLinksByNhsNumber() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'lambeth-asc-drop'")
                .query(Integer.class).single() >= 2);

        assertThat(jdbc.sql("""
                select received, stored, quarantined from feed_run where feed = 'lambeth-asc-drop' and status = 'completed'
                order by received""").query().listOfRows())
                .containsExactly(
                        Map.of("received", LONDON.adultSocialCare().enquiryCount(),
                                "stored", LONDON.adultSocialCare().enquiryCount(), "quarantined", 0),
                        Map.of("received", LONDON.adultSocialCare().eventCount(),
                                "stored", LONDON.adultSocialCare().eventCount(), "quarantined", 0));
        // one person, one subject: all of a resident's care records share the subject of their first one
        // (records the council holds no NHS number for are not one person: they are left out of the grouping)
        assertThat(jdbc.sql("""
                select count(*) from (select r.nhs_number from person_record r join subject_link l on l.person_record_id = r.id
                  where r.agency = 'lambeth-asc' and r.nhs_number is not null
                  group by r.nhs_number having count(distinct l.subject_id) > 1) split""")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theChildrensDropReadsTheCinCensusChildByChildAndTheSsda903Return() {
        // one run per file: the CIN census, the SSDA903 header and episodes files
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'lambeth-csc-drop'")
                .query(Integer.class).single() >= 3);

        int children = LONDON.childrensSocialCare().childCount();
        int lookedAfter = LONDON.childrenLookedAfter().lookedAfter().size();
        int episodes = LONDON.childrenLookedAfter().truth().size() - lookedAfter;
        assertThat(jdbc.sql("select received, stored, quarantined from feed_run where feed = 'lambeth-csc-drop' and status = 'completed'")
                .query().listOfRows()).containsExactlyInAnyOrder(
                        Map.of("received", children, "stored", children, "quarantined", 0),
                        Map.of("received", lookedAfter, "stored", lookedAfter, "quarantined", 0),
                        Map.of("received", episodes, "stored", episodes, "quarantined", 0));
        // referrals, s47 enquiries, protection plans and looked-after episodes
        // (counted over the drop's own records: other tests keep records of their own for the agency)
        assertThat(jdbc.sql("""
                select count(distinct e.kind) from event e join source_record s on s.id = e.source_record_id
                where e.agency = 'lambeth-csc' and s.feed = 'lambeth-csc-drop'""").query(Integer.class).single())
                .isEqualTo(4);
    }

    @Test
    void theBtpFeedRunsInLocalModeAndReconciles() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'btp-incidents'")
                .query(Integer.class).single() >= 1);

        int incidents = LONDON.btp().incidents().size();
        assertThat(jdbc.sql("""
                select received, stored, quarantined from feed_run
                where status = 'completed' and feed = 'btp-incidents' order by started_at limit 1""").query().singleRow())
                .isEqualTo(Map.of("received", incidents, "stored", incidents, "quarantined", 0));
    }

    @Test
    void aRunCutShortByAStoppedHubIsMarkedAbandonedWhenTheFeedNextRuns() {
        String cut = jdbc.sql("""
                insert into feed_run (id, feed, started_at) values (gen_random_uuid(), 'met-police-incidents',
                now() - interval '1 hour') returning id::text""").query(String.class).single();

        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(
                jdbc.sql("select status from feed_run where id = ?::uuid").param(cut).query(String.class).single()));

        assertThat(jdbc.sql("select status, failure from feed_run where id = ?::uuid").param(cut).query().singleRow())
                .containsEntry("status", "failed")
                .containsEntry("failure", "abandoned: the hub stopped during the run");
    }

    @Test
    void aRecordThatFailsValidationIsQuarantinedWithEveryReasonAndCounted() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'test-feed') returning id::text")
                .query(String.class).single();
        SourceRecord bad = new SourceRecord(run, "test-feed", "met-police", "BAD-1", "{\"raw\":true}",
                List.of(new uk.safeguarding.connectors.canonical.PersonRecord("N1", "A", "B", null, null, "1234567890",
                        List.of(), List.of(), null, null)),
                List.of(), List.of("datetime: could not be read as OffsetDateTime"));

        assertThat(gateway.receive(bad)).isEqualTo(Outcome.QUARANTINED);

        var row = jdbc.sql("select raw, reasons from quarantined_record where source_id = 'BAD-1'").query().singleRow();
        assertThat(row.get("raw")).isEqualTo("{\"raw\":true}");
        assertThat(row.get("reasons").toString()).contains("datetime: could not be read as OffsetDateTime")
                .contains("people[0].nhsNumber: is not a valid NHS number").doesNotContain("1234567890");
        assertThat(jdbc.sql("select received, quarantined from feed_run where id = ?::uuid").param(run).query().singleRow())
                .containsEntry("received", 1).containsEntry("quarantined", 1);
    }

    @Test
    void aChangedRecordIsANewVersionThatReplacesTheOldEvents() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'test-feed') returning id::text")
                .query(String.class).single();
        var person = new uk.safeguarding.connectors.canonical.PersonRecord("N1", "Test", "Person",
                java.time.LocalDate.of(1970, 1, 1), null, null, List.of("met-police:TEST-1"), List.of(), null, null);
        java.util.function.Function<String, SourceRecord> version = summary -> new SourceRecord(run, "test-feed",
                "met-police", "CHANGING-1", "{\"summary\":\"" + summary + "\"}", List.of(person),
                List.of(new uk.safeguarding.connectors.canonical.EventRecord("CHANGING-1", "crime",
                        java.time.Instant.parse("2026-01-01T10:00:00Z"), "burglary", summary, null,
                        uk.safeguarding.connectors.canonical.EventRecord.Sensitivity.CRIMINAL_OFFENCE,
                        List.of(new uk.safeguarding.connectors.canonical.EventRecord.Party("N1",
                                uk.safeguarding.connectors.canonical.EventRecord.Role.VICTIM)))),
                List.of());

        assertThat(gateway.receive(version.apply("first account"))).isEqualTo(Outcome.STORED);
        assertThat(gateway.receive(version.apply("first account"))).isEqualTo(Outcome.DUPLICATE);
        assertThat(gateway.receive(version.apply("corrected account"))).isEqualTo(Outcome.STORED);

        assertThat(jdbc.sql("select version from source_record where source_id = 'CHANGING-1' order by version")
                .query(Integer.class).list()).containsExactly(1, 2);
        assertThat(jdbc.sql("select summary from event where local_id = 'CHANGING-1' and current").query(String.class).list())
                .containsExactly("corrected account");
        assertThat(jdbc.sql("select received, stored, duplicates from feed_run where id = ?::uuid").param(run).query().singleRow())
                .containsEntry("received", 3).containsEntry("stored", 2).containsEntry("duplicates", 1);
        // both versions' person records are linked to one subject through the agency id
        assertThat(jdbc.sql("""
                select count(distinct l.subject_id) from person_record r join subject_link l on l.person_record_id = r.id
                where 'met-police:TEST-1' = any(r.agency_ids)""").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void duplicatesAreRecognisedByTheRedisDeliveryLogAndStillByTheDatabaseWithoutIt() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'test-feed') returning id::text")
                .query(String.class).single();
        var person = new uk.safeguarding.connectors.canonical.PersonRecord("N1", "Test", "Person",
                java.time.LocalDate.of(1970, 1, 1), null, null, List.of("met-police:TEST-2"), List.of(), null, null);
        SourceRecord delivery = new SourceRecord(run, "test-feed", "met-police", "DELIVERED-TWICE-1", "{\"id\":1}",
                List.of(person), List.of(), List.of());
        String key = "met-police|DELIVERED-TWICE-1|" + DeliveryLog.contentHash(delivery.raw());

        assertThat(gateway.receive(delivery)).isEqualTo(Outcome.STORED);
        // remembered in Redis once committed, under the source record that kept it
        Object kept = redis.opsForHash().get("hub:deliveries-kept", key);
        assertThat(kept).isEqualTo(jdbc.sql("select id::text from source_record where source_id = 'DELIVERED-TWICE-1'")
                .query(String.class).single());
        assertThat(gateway.receive(delivery)).isEqualTo(Outcome.DUPLICATE);

        // Redis forgets (flushed, or a new Redis): the database's constraint still recognises the delivery
        redis.opsForHash().delete("hub:deliveries-kept", key);
        assertThat(gateway.receive(delivery)).isEqualTo(Outcome.DUPLICATE);
        assertThat(jdbc.sql("select count(*) from source_record where source_id = 'DELIVERED-TWICE-1'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select received, stored, duplicates from feed_run where id = ?::uuid").param(run).query().singleRow())
                .containsEntry("received", 3).containsEntry("stored", 1).containsEntry("duplicates", 2);
    }

    @Test
    void aDeliveryWhoseTransactionRollsBackIsNotRemembered() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'test-feed') returning id::text")
                .query(String.class).single();
        var person = new uk.safeguarding.connectors.canonical.PersonRecord("N1", "Test", "Person",
                java.time.LocalDate.of(1970, 1, 1), null, null, List.of("met-police:TEST-3"), List.of(), null, null);
        // the store keeps the record inside a transaction that is then rolled back (as when a later step fails)
        SourceRecord delivery = new SourceRecord(run, "test-feed", "met-police",
                "ROLLED-BACK-1", "{\"id\":2}", List.of(person), List.of(), List.of());
        String key = "met-police|ROLLED-BACK-1|" + DeliveryLog.contentHash(delivery.raw());
        transactions.executeWithoutResult(tx -> {
            assertThat(gateway.receive(delivery)).isEqualTo(Outcome.STORED);
            tx.setRollbackOnly();
        });
        assertThat(redis.opsForHash().hasKey("hub:deliveries-kept", key)).isFalse();
        assertThat(gateway.receive(delivery)).isEqualTo(Outcome.STORED);
    }
}
