package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.BulkLoads;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.LocalHubTest;

/**
 * The bulk path keeps a delivery exactly as the polled path keeps it, page by page: the same subjects,
 * events, versions and quarantine; it publishes a delivery whole or not at all; a re-run stores nothing.
 * Each test uses a "world" of its own: the same records, with source ids, agency ids and dates of birth
 * moved apart (a century per world) so that no two worlds' people can link to one another.
 */
class BulkLoadTest extends LocalHubTest {

    private static final int RECORDS = 640;
    private static final String[] GIVEN = {"Ada", "Bartholomew", "Cressida", "Dimitri", "Eulalia", "Fenwick", "Griselda"};
    private static final String[] FAMILY = {"Quillfeather", "Zephyrine", "Marchbanks", "Oddbody", "Thistlewood"};

    @Autowired
    RecordGateway gateway;

    @Autowired
    BulkLoad bulk;

    @Autowired
    Feeds feeds;

    @Value("${hub.feeds.lfb.dir}")
    String lfbDrop;

    @AfterEach
    void defaults() {
        bulk.chunkSize(5000);
        bulk.minimumBytes(8L << 20);
    }

    @Test
    void aLargeFileDropIsStreamedThroughTheBulkPathAndReconciles() throws Exception {
        bulk.minimumBytes(1);
        bulk.chunkSize(50);
        StringBuilder csv = new StringBuilder("VisitReference,VisitDate,OccupierGivenName,OccupierFamilyName,"
                + "OccupierDateOfBirth,Gender,AddressLine,Postcode,UPRN,BoroughCode,Mobility,Hoarding,Smoker,"
                + "SmokeAlarmsFitted,Notes\r\n");
        for (int i = 0; i < 180; i++) {
            int occupier = i % 60;
            csv.append("BULKHFSV-").append(i).append(",2026-10-0").append(1 + i % 9).append(",Orla,Bulkhaven")
                    .append((char) ('a' + occupier % 26)).append((char) ('a' + occupier / 26))
                    .append(",0").append(1 + occupier % 9).append("/0").append(1 + occupier % 9).append("/19")
                    .append(10 + occupier).append(",Female,").append(occupier).append(" Drop Street,,,")
                    .append("E09000022,Independent,None seen,No,2,\r\n");
        }
        csv.append("BULKHFSV-bad,2026-10-01,too,few,columns\r\n");
        java.nio.file.Path part = java.nio.file.Path.of(lfbDrop, "bulk-visits.tmp");
        java.nio.file.Files.writeString(part, csv);
        java.nio.file.Files.move(part, java.nio.file.Path.of(lfbDrop, "lfb-home-fire-safety-visits-bulk.csv"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'lfb-file-drop' and bulk and status = 'completed'")
                .query(Integer.class).single() > 0);
        assertThat(jdbc.sql("""
                select received, stored, duplicates, quarantined, read_so_far from feed_run join feed_run_progress on run_id = id
                where feed = 'lfb-file-drop' and bulk""").query().singleRow())
                .containsEntry("received", 181).containsEntry("stored", 180).containsEntry("quarantined", 1)
                .containsEntry("read_so_far", 181);
        // the partner's page shows the run as the feeds query gives it
        tools.jackson.databind.JsonNode run = client.query(client.devToken("lfb.contributor"),
                "{ feeds { lastRun { bulk status progress { read stored quarantined expected recordsPerSecond expectedEnd } } } }")
                .data().path("feeds").path(0).path("lastRun");
        assertThat(run.path("bulk").asBoolean()).isTrue();
        assertThat(run.path("progress").path("read").asInt()).isEqualTo(181);
        assertThat(run.path("progress").path("stored").asInt()).isEqualTo(180);
        assertThat(run.path("progress").path("quarantined").asInt()).isEqualTo(1);
        assertThat(run.path("progress").path("expected").asInt()).isGreaterThanOrEqualTo(181);
        assertThat(run.path("progress").path("recordsPerSecond").asDouble()).isPositive();
        assertThat(run.path("progress").path("expectedEnd").isNull()).isTrue();
        assertThat(jdbc.sql("select reasons[1] from quarantined_record where source_id like '%#181'").query(String.class).single())
                .isEqualTo("row 181: expected 15 columns, found 5");
        // sixty occupiers, three visits each: linked by name and date of birth
        assertThat(jdbc.sql("""
                select count(distinct l.subject_id) from person_record r join subject_link l on l.person_record_id = r.id
                where r.family_name like 'Bulkhaven%'""").query(Integer.class).single()).isEqualTo(60);
    }

    @Test
    void aBulkRunAndAPolledRunOfTheSameDataStoreTheSameSubjectsEventsAndQuarantine() {
        String polled = run("bulk-test-polled");
        List<SourceRecord> records = world("BLKP", 1890, polled);
        for (int from = 0; from < records.size(); from += 50) {
            gateway.receiveAll(records.subList(from, Math.min(records.size(), from + 50)));
        }
        bulk.chunkSize(100);
        String loaded = run("bulk-test-bulk");
        BulkLoads.Counts counts = bulk.load(loaded, world("BLKB", 1790, loaded).iterator(), () -> RECORDS);

        Snapshot byPolls = snapshot("BLKP", polled);
        Snapshot inBulk = snapshot("BLKB", loaded);
        assertThat(inBulk.counts()).isEqualTo(byPolls.counts());
        assertThat(counts).isEqualTo(new BulkLoads.Counts(byPolls.counts().get(0), byPolls.counts().get(1),
                byPolls.counts().get(2), byPolls.counts().get(3)));
        // the data holds stored records, duplicates, a second version and both kinds of quarantine
        assertThat(byPolls.counts().get(2)).isPositive();
        assertThat(byPolls.counts().get(3)).isPositive();
        assertThat(byPolls.versions()).contains("11:2");
        assertThat(byPolls.quarantine().values()).anyMatch(r -> r.contains("nhsNumber"))
                .anyMatch(r -> r.contains("an agency not in its register"));
        assertThat(inBulk.versions()).isEqualTo(byPolls.versions());
        assertThat(inBulk.events()).isEqualTo(byPolls.events());
        assertThat(inBulk.quarantine()).isEqualTo(byPolls.quarantine());
        assertThat(inBulk.subjects()).isEqualTo(byPolls.subjects());
        assertThat(inBulk.methods()).isEqualTo(byPolls.methods());
        // linking did something: people known to several records share a subject, by more than one rule
        assertThat(inBulk.subjects().size()).isLessThan(inBulk.methods().size() / 2);
        assertThat(new TreeSet<>(inBulk.methods().values())).contains("agency-id", "name-and-date-of-birth", "new-subject");
        assertThat(jdbc.sql("select bulk from feed_run where id = ?::uuid").param(loaded).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aBulkRunCutShortPublishesNothingAndARunAfterItKeepsEverythingOnce() {
        bulk.chunkSize(100);
        String cut = run("bulk-test-cut");
        java.util.concurrent.atomic.AtomicReference<Feeds.FeedRun> whileRunning = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger visibleWhileRunning = new java.util.concurrent.atomic.AtomicInteger(-1);
        List<SourceRecord> firstAttempt = world("BLKC", 1690, cut);
        Iterator<SourceRecord> endsEarly = new Iterator<>() {
            int read;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SourceRecord next() {
                if (read == 350) {
                    // the three chunks handed over are kept, the load's transaction still open: its progress shows,
                    // its rows do not
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                            "select read_so_far from feed_run_progress where run_id = ?::uuid").param(cut).query(Integer.class).optional()
                            .orElse(0) == 300);
                    whileRunning.set(feeds.runs("bulk-test-cut", 1).get(0));
                    visibleWhileRunning.set(jdbc.sql("select count(*) from source_record where source_id like 'BLKC-%'")
                            .query(Integer.class).single());
                    throw new IllegalStateException("the partner's file ended in the middle of a row");
                }
                return firstAttempt.get(read++);
            }
        };
        assertThatThrownBy(() -> bulk.load(cut, endsEarly, () -> RECORDS)).hasMessageContaining("ended in the middle");
        Feeds.FeedRun running = whileRunning.get();
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.bulk()).isTrue();
        assertThat(running.received()).isZero();
        assertThat(running.progress().read()).isEqualTo(300);
        assertThat(running.progress().stored() + running.progress().quarantined()).isBetween(290, 300);
        assertThat(running.progress().expected()).isEqualTo(RECORDS);
        assertThat(running.progress().recordsPerSecond()).isPositive();
        assertThat(running.progress().expectedEnd()).isAfter(running.startedAt());
        assertThat(visibleWhileRunning.get()).isZero();

        // three chunks were kept in the load's transaction before it failed: none of them is visible
        assertThat(jdbc.sql("select count(*) from source_record where source_id like 'BLKC-%'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from quarantined_record where source_id like 'BLKC-%'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from event where local_id like 'BLKC-%'").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from person_record where local_id like 'BLKC-%'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select received, read_so_far from feed_run join feed_run_progress on run_id = id where id = ?::uuid")
                .param(cut).query().singleRow()).containsEntry("received", 0).containsEntry("read_so_far", 300);

        String again = run("bulk-test-cut");
        BulkLoads.Counts kept = bulk.load(again, world("BLKC", 1690, again).iterator(), () -> RECORDS);
        assertThat(kept.received()).isEqualTo(RECORDS);
        assertThat(kept.stored()).isPositive();

        String rerun = run("bulk-test-cut");
        BulkLoads.Counts nothingNew = bulk.load(rerun, world("BLKC", 1690, rerun).iterator(), () -> RECORDS);
        assertThat(nothingNew).isEqualTo(new BulkLoads.Counts(RECORDS, 0, kept.stored() + kept.duplicates(),
                kept.quarantined()));
        assertThat(jdbc.sql("select count(*) from source_record where source_id like 'BLKC-%'").query(Integer.class).single())
                .isEqualTo(kept.stored());
    }

    private String run(String feed) {
        return jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), ?) returning id::text").param(feed)
                .query(String.class).single();
    }

    /**
     * {@value #RECORDS} incidents about 35 people, each recorded several times: by the police with an agency
     * id, by TfL by name and date of birth, some with a misspelt name; every 53rd with an NHS number that
     * fails its check digit, every 97th from an agency the hub does not know; record 600 sends record 10
     * again unchanged, record 601 sends record 11 again corrected.
     */
    private static List<SourceRecord> world(String world, int century, String run) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            int source = i == 600 ? 10 : i == 601 ? 11 : i;
            int k = source % 35;
            String given = GIVEN[k % GIVEN.length];
            String family = FAMILY[k % FAMILY.length] + (k >= 30 ? "" : "");
            if (source % 11 == 5) {
                family = family.substring(0, family.length() - 1) + "x"; // a misspelling
            }
            LocalDate born = LocalDate.of(century + k, 1 + k % 12, 1 + k % 28);
            boolean police = source % 3 != 0;
            String agency = source % 97 == 96 ? "no-such-agency" : police ? "met-police" : "tfl";
            String nhs = source % 53 == 7 ? "9434765918" : null; // wrong check digit
            PersonRecord person = new PersonRecord(world + "-" + source + "/p", given, family, born,
                    k % 2 == 0 ? PersonRecord.Sex.FEMALE : PersonRecord.Sex.MALE, nhs,
                    police ? List.of("met-police:" + world + "-" + k) : List.of(),
                    List.of(new Address("1 Test Row", null, null, null)), null, null);
            String summary = "incident " + source + (i == 601 ? " corrected" : "");
            String id = world + "-" + source;
            EventRecord event = new EventRecord(id, "incident", Instant.parse("2026-01-01T10:00:00Z").plusSeconds(source * 60L),
                    "test", summary, null, EventRecord.Sensitivity.ORDINARY,
                    List.of(new EventRecord.Party(person.localId(), EventRecord.Role.VICTIM)));
            String raw = "{\"id\":\"" + id + "\",\"summary\":\"" + summary + "\",\"person\":\"" + given + " " + family + "\"}";
            records.add(new SourceRecord(run, "bulk-test", agency, id, raw, List.of(person), List.of(event), List.of()));
        }
        assertThat(NhsNumber.Validator.isValid("9434765918")).isFalse();
        return records;
    }

    /** What a world's run left, with the world's prefix taken off every id. */
    private record Snapshot(List<Integer> counts, TreeSet<String> versions, TreeSet<String> events,
            Map<String, String> quarantine, TreeSet<String> subjects, Map<String, String> methods) {
    }

    private Snapshot snapshot(String world, String run) {
        Map<String, Object> c = jdbc.sql("select received, stored, duplicates, quarantined from feed_run where id = ?::uuid")
                .param(run).query().singleRow();
        List<Integer> counts = List.of((Integer) c.get("received"), (Integer) c.get("stored"), (Integer) c.get("duplicates"),
                (Integer) c.get("quarantined"));
        String like = world + "-%";
        int cut = world.length() + 1;
        TreeSet<String> versions = new TreeSet<>(jdbc.sql("select source_id, version from source_record where source_id like ?")
                .param(like).query((rs, n) -> rs.getString(1).substring(cut) + ":" + rs.getInt(2)).list());
        TreeSet<String> events = new TreeSet<>(jdbc.sql("""
                select e.local_id, e.current, e.summary, p.role, r.local_id from event e
                join event_party p on p.event_id = e.id join person_record r on r.id = p.person_record_id
                where e.local_id like ?""").param(like)
                .query((rs, n) -> rs.getString(1).substring(cut) + "|" + rs.getBoolean(2) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getString(5).substring(cut)).list());
        Map<String, String> quarantine = new TreeMap<>();
        jdbc.sql("select source_id, array_to_string(reasons, '; ') from quarantined_record where source_id like ?").param(like)
                .query(rs -> {
                    quarantine.merge(rs.getString(1).substring(cut), rs.getString(2), (a, b) -> a + " / " + b);
                });
        Map<String, TreeSet<String>> bySubject = new TreeMap<>();
        Map<String, String> methods = new TreeMap<>();
        jdbc.sql("""
                select l.subject_id::text, r.local_id, l.method from person_record r
                join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                where r.local_id like ?""").param(like)
                .query(rs -> {
                    String record = rs.getString(2).substring(cut);
                    bySubject.computeIfAbsent(rs.getString(1), s -> new TreeSet<>()).add(record);
                    methods.merge(record, rs.getString(3), (a, b) -> a + "," + b);
                });
        // subjects compared by the records they hold (their ids differ)
        TreeSet<String> subjects = new TreeSet<>();
        bySubject.values().forEach(records -> subjects.add(String.join(" ", records)));
        // and no subject holds records of another world
        assertThat(jdbc.sql("""
                select count(*) from subject_link l join person_record r on r.id = l.person_record_id
                where l.status in ('auto', 'confirmed') and l.subject_id::text = any(?) and r.local_id not like ?""")
                .params(bySubject.keySet().toArray(String[]::new), like).query(Integer.class).single()).isZero();
        return new Snapshot(counts, versions, events, quarantine, subjects, methods);
    }
}
