package uk.safeguarding.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.HubApplication;

/**
 * End-to-end ingest: the hub in local mode, in this JVM, with every simulated partner at a population
 * of {@code people} (default 30,000), reading each feed once through its connector (HTTP pages, FHIR
 * bundles, CSV and XML file drops), validating, keeping and linking every record. Prints each feed's
 * records a second (from its first run's counts and times; the feeds run at once, sharing the cores),
 * the total, the heap used, and beside it a plain PostgreSQL {@code COPY} of the same canonical rows
 * (the source records, person records, events and parties the run kept) into empty tables of the same
 * shape. Usage: {@code benchmarks/run ingest [people] [--hub.setting=value ...]}.
 */
public final class IngestThroughput {

    private static final List<String> TABLES = List.of("source_record", "person_record", "subject", "subject_link",
            "event", "event_party");

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 30_000;
        // further arguments are the hub's settings, e.g. --hub.ingest.bulk.minimum-size=0 (every file drop in bulk)
        List<String> settings = new java.util.ArrayList<>(List.of("--server.port=0",
                "--logging.level.root=warn", "--hub.simulator.people=" + people,
                "--hub.feeds.police.initial-delay=0s", "--hub.feeds.police.period=1h",
                "--hub.feeds.tfl.initial-delay=0s", "--hub.feeds.tfl.period=1h",
                "--hub.feeds.mental-health.initial-delay=0s", "--hub.feeds.mental-health.period=1h"));
        java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).forEach(settings::add);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 100, TimeUnit.MILLISECONDS);

        long started = System.nanoTime();
        ConfigurableApplicationContext hub = SpringApplication.run(HubApplication.class, settings.toArray(String[]::new));
        try {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            int feeds = hub.getBeansOfType(uk.safeguarding.connectors.canonical.Replayable.class).size();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
            // a file drop may take a few polls to see all of its files; wait until every feed has rested
            while (!allDone(jdbc, feeds)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the feeds did not finish within an hour");
                }
                TimeUnit.SECONDS.sleep(1);
            }
            sampler.shutdown();
            System.out.printf("%nIngest of a synthetic London of %,d people (hub ready and ingesting %.0f s after start)%n",
                    people, (System.nanoTime() - started) / 1e9);
            System.out.printf("PostgreSQL fsync=%s, synchronous_commit=%s; runs through the bulk path: %d%n",
                    jdbc.sql("show fsync").query(String.class).single(),
                    jdbc.sql("show synchronous_commit").query(String.class).single(),
                    jdbc.sql("select count(*) from feed_run where bulk").query(Integer.class).single());
            System.out.printf("%-28s %10s %10s %10s %12s %10s%n", "feed", "received", "stored", "quarantined", "seconds",
                    "records/s");
            List<Map<String, Object>> rows = jdbc.sql("""
                    select feed, sum(received) received, sum(stored) stored, sum(quarantined) quarantined,
                        min(started_at) started, max(finished_at) finished
                    from feed_run where kind = 'poll' and received > 0 group by feed order by feed""").query().listOfRows();
            long total = 0;
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            for (Map<String, Object> row : rows) {
                OffsetDateTime from = ((java.sql.Timestamp) row.get("started")).toInstant().atOffset(java.time.ZoneOffset.UTC);
                OffsetDateTime to = ((java.sql.Timestamp) row.get("finished")).toInstant().atOffset(java.time.ZoneOffset.UTC);
                double seconds = Duration.between(from, to).toMillis() / 1000.0;
                long received = ((Number) row.get("received")).longValue();
                total += received;
                first = first == null || from.isBefore(first) ? from : first;
                last = last == null || to.isAfter(last) ? to : last;
                System.out.printf("%-28s %,10d %,10d %,10d %12.1f %,10.0f%n", row.get("feed"), received,
                        ((Number) row.get("stored")).longValue(), ((Number) row.get("quarantined")).longValue(), seconds,
                        received / seconds);
            }
            double wall = Duration.between(first, last).toMillis() / 1000.0;
            double ingestRate = total / wall;
            System.out.printf("%-28s %,10d %10s %10s %12.1f %,10.0f%n", "all feeds (wall clock)", total, "", "", wall, ingestRate);
            System.out.printf("heap used: peak %,d MB during the run (max heap %,d MB)%n", peakHeap.get() >> 20,
                    memory.getHeapMemoryUsage().getMax() >> 20);

            identity(jdbc, people);
            double copySeconds = copy(BenchmarkHub.ownerDataSource(hub));
            long sourceRecords = jdbc.sql("select count(*) from source_record").query(Long.class).single();
            System.out.printf("PostgreSQL COPY of the same rows (%s) into empty tables: %.1f s, %,.0f source records/s%n",
                    String.join(", ", TABLES), copySeconds, sourceRecords / copySeconds);
            System.out.printf("ingest / COPY: %.0f%%%n", 100 * ingestRate / (sourceRecords / copySeconds));
        } finally {
            hub.close();
        }
    }

    /**
     * How the hub's subjects compare with the generator's true persons: pairwise precision, recall and F1
     * over the person records kept, how each was linked, and the share in review (numbers only).
     */
    private static void identity(JdbcClient jdbc, int people) {
        Map<String, String> truth = new java.util.HashMap<>();
        uk.safeguarding.simulators.Simulators.of(uk.safeguarding.simulators.Simulators.SEED, people).truth()
                .forEach(t -> truth.put(t.key(), t.trueId()));
        Map<String, Long> cells = new java.util.HashMap<>();
        Map<String, Long> bySubject = new java.util.HashMap<>();
        Map<String, Long> byPerson = new java.util.HashMap<>();
        long[] unknown = new long[1];
        jdbc.sql("""
                select r.agency, s.source_id, r.local_id, l.subject_id::text
                from person_record r join source_record s on s.id = r.source_record_id
                join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')""")
                .query(rs -> {
                    String person = truth.get(uk.safeguarding.simulators.RecordedPerson.key(rs.getString(1),
                            rs.getString(2), rs.getString(3)));
                    if (person == null) {
                        unknown[0]++;
                        return;
                    }
                    String subject = rs.getString(4);
                    cells.merge(subject + "|" + person, 1L, Long::sum);
                    bySubject.merge(subject, 1L, Long::sum);
                    byPerson.merge(person, 1L, Long::sum);
                });
        double tp = cells.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double predicted = bySubject.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double actual = byPerson.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double precision = predicted == 0 ? 1 : tp / predicted;
        double recall = actual == 0 ? 1 : tp / actual;
        long records = bySubject.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("identity: %,d person records (%,d without a true id), %,d subjects for %,d true persons; "
                + "pairwise precision %.4f, recall %.4f, F1 %.4f%n", records, unknown[0], bySubject.size(), byPerson.size(),
                precision, recall, 2 * precision * recall / (precision + recall));
        jdbc.sql("select method, count(*) from subject_link where status in ('auto', 'confirmed') group by method order by 2 desc")
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list()
                .forEach(m -> System.out.printf("  linked by %s%n", m));
        boolean reviews = jdbc.sql("select to_regclass('link_review') is not null").query(Boolean.class).single();
        if (reviews) {
            long pairs = jdbc.sql("select count(*) from link_review").query(Long.class).single();
            long inReview = jdbc.sql("""
                    select count(distinct r) from link_review, unnest(array[person_record_id, candidate_record_id]) r""")
                    .query(Long.class).single();
            System.out.printf("  review: %,d pairs queued, %,d records in a pair (%.2f%% of records)%n", pairs, inReview,
                    100.0 * inReview / Math.max(1, records));
        }
    }

    private static boolean allDone(JdbcClient jdbc, int feeds) {
        return jdbc.sql("""
                select count(distinct feed) = ? and bool_and(status <> 'running')
                    and coalesce(extract(epoch from now() - max(finished_at)) > 15, false)
                from feed_run where kind = 'poll' and received > 0""").param(feeds).query(Boolean.class).optional()
                .orElse(false);
    }

    /** COPY each table out to memory, then time COPY into an empty table of the same shape. */
    private static double copy(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, byte[]> dumps = new java.util.LinkedHashMap<>();
            for (String table : TABLES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy.copyOut("copy " + table + " to stdout (format binary)", out);
                dumps.put(table, out.toByteArray());
                try (var statement = connection.createStatement()) {
                    statement.execute("create table copy_" + table + " (like " + table + " including defaults)");
                }
            }
            long start = System.nanoTime();
            connection.setAutoCommit(false);
            for (Map.Entry<String, byte[]> dump : dumps.entrySet()) {
                copy.copyIn("copy copy_" + dump.getKey() + " from stdin (format binary)", new ByteArrayInputStream(dump.getValue()));
            }
            connection.commit();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private IngestThroughput() {
    }
}
