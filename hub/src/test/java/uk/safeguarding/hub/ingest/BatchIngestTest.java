package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.LocalHubTest;

/** A batch is kept as its records would be one by one: linked, versioned, and one bad record costs only itself. */
class BatchIngestTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    private String run() {
        return jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'batch-test') returning id::text")
                .query(String.class).single();
    }

    private static SourceRecord incident(String run, String agency, String sourceId, String summary, PersonRecord person) {
        return new SourceRecord(run, "batch-test", agency, sourceId, "{\"id\":\"" + sourceId + "\",\"summary\":\"" + summary + "\"}",
                List.of(person), List.of(new EventRecord(sourceId, "crime", Instant.parse("2026-02-01T10:00:00Z"), "burglary",
                        summary, null, EventRecord.Sensitivity.CRIMINAL_OFFENCE,
                        List.of(new EventRecord.Party(person.localId(), EventRecord.Role.VICTIM)))), List.of());
    }

    private static PersonRecord person(String agencyId, String given) {
        return new PersonRecord("N1", given, "Batchfield", LocalDate.of(1981, 5, 17), PersonRecord.Sex.FEMALE, null,
                List.of(agencyId), List.of(), null, null);
    }

    @Test
    void peopleInOneBatchLinkToOneAnotherAndARepeatedRecordBecomesItsNextVersion() {
        String run = run();
        List<Outcome> outcomes = gateway.receiveAll(List.of(
                incident(run, "met-police", "BATCH-1", "first", person("met-police:BATCH-P1", "Ada")),
                incident(run, "met-police", "BATCH-2", "second", person("met-police:BATCH-P1", "Ada")),
                // the same name and date of birth at another agency, arriving in the same batch
                incident(run, "tfl", "BATCH-3", "third", person("tfl:BATCH-P9", "Ada")),
                incident(run, "met-police", "BATCH-1", "first, corrected", person("met-police:BATCH-P1", "Ada")),
                incident(run, "met-police", "BATCH-2", "second", person("met-police:BATCH-P1", "Ada"))));

        assertThat(outcomes).containsExactly(Outcome.STORED, Outcome.STORED, Outcome.STORED, Outcome.STORED,
                Outcome.DUPLICATE);
        assertThat(jdbc.sql("""
                select count(distinct l.subject_id) from person_record r join subject_link l on l.person_record_id = r.id
                where r.family_name = 'Batchfield'""").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select method from person_record r join subject_link l on l.person_record_id = r.id "
                + "where r.agency = 'tfl' and r.family_name = 'Batchfield'").query(String.class).single())
                .isEqualTo("name-and-date-of-birth");
        assertThat(jdbc.sql("select version from source_record where source_id = 'BATCH-1' order by version")
                .query(Integer.class).list()).containsExactly(1, 2);
        assertThat(jdbc.sql("select summary from event where local_id = 'BATCH-1' and current").query(String.class).list())
                .containsExactly("first, corrected");
        assertThat(jdbc.sql("select received, stored, duplicates, quarantined from feed_run where id = ?::uuid").param(run)
                .query().singleRow()).containsEntry("received", 5).containsEntry("stored", 4).containsEntry("duplicates", 1)
                .containsEntry("quarantined", 0);
    }

    @Test
    void aRecordTheStoreRefusesIsQuarantinedWithTheReasonAndTheRestOfTheBatchIsKept() {
        String run = run();
        List<Outcome> outcomes = gateway.receiveAll(List.of(
                incident(run, "met-police", "REFUSED-1", "kept", person("met-police:REFUSED-P1", "Bea")),
                // an agency the hub has no register entry for: the database refuses it, not validation
                incident(run, "no-such-agency", "REFUSED-2", "refused", person("no-such-agency:P2", "Bea")),
                incident(run, "met-police", "REFUSED-3", "kept too", person("met-police:REFUSED-P1", "Bea"))));

        assertThat(outcomes).containsExactly(Outcome.STORED, Outcome.QUARANTINED, Outcome.STORED);
        assertThat(jdbc.sql("select reasons[1] from quarantined_record where source_id = 'REFUSED-2'").query(String.class).single())
                .startsWith("the hub's store refused the record: it names something the hub does not know");
        assertThat(jdbc.sql("select received, stored, quarantined from feed_run where id = ?::uuid").param(run).query().singleRow())
                .containsEntry("received", 3).containsEntry("stored", 2).containsEntry("quarantined", 1);
    }

    @Test
    void twoBatchesAboutOneNewPersonAtOnceMakeOneSubject() throws Exception {
        String run = run();
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                String family = "Racefield" + i;
                PersonRecord byPolice = new PersonRecord("N1", "Cora", family, LocalDate.of(1975, 3, 9), PersonRecord.Sex.FEMALE,
                        null, List.of("met-police:RACE-" + i), List.of(), null, null);
                PersonRecord byTfl = new PersonRecord("N1", "Cora", family, LocalDate.of(1975, 3, 9), PersonRecord.Sex.FEMALE,
                        null, List.of("tfl:RACE-" + i), List.of(), null, null);
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                var police = two.submit(() -> {
                    start.await();
                    return gateway.receiveAll(List.of(incident(run, "met-police", "RACE-P-" + family, "police", byPolice)));
                });
                var tfl = two.submit(() -> {
                    start.await();
                    return gateway.receiveAll(List.of(incident(run, "tfl", "RACE-T-" + family, "tfl", byTfl)));
                });
                start.countDown();
                assertThat(police.get()).containsExactly(Outcome.STORED);
                assertThat(tfl.get()).containsExactly(Outcome.STORED);
                assertThat(jdbc.sql("""
                        select count(distinct l.subject_id) from person_record r join subject_link l on l.person_record_id = r.id
                        where r.family_name = ?""").param(family).query(Integer.class).single()).as(family).isEqualTo(1);
            }
        } finally {
            two.shutdown();
        }
    }
}
