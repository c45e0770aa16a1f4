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
 * shape. Usage: {@code benchmarks/run ingest [people]}.
 */
public final class IngestThroughput {

    private static final List<String> TABLES = List.of("source_record", "person_record", "subject", "subject_link",
            "event", "event_party");

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
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
        ConfigurableApplicationContext hub = SpringApplication.run(HubApplication.class, "--server.port=0",
                "--logging.level.root=warn", "--hub.simulator.people=" + people,
                "--hub.feeds.police.initial-delay=0s", "--hub.feeds.police.period=1h",
                "--hub.feeds.tfl.initial-delay=0s", "--hub.feeds.tfl.period=1h",
                "--hub.feeds.mental-health.initial-delay=0s", "--hub.feeds.mental-health.period=1h");
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

            double copySeconds = copy(hub.getBean(DataSource.class));
            long sourceRecords = jdbc.sql("select count(*) from source_record").query(Long.class).single();
            System.out.printf("PostgreSQL COPY of the same rows (%s) into empty tables: %.1f s, %,.0f source records/s%n",
                    String.join(", ", TABLES), copySeconds, sourceRecords / copySeconds);
            System.out.printf("ingest / COPY: %.0f%%%n", 100 * ingestRate / (sourceRecords / copySeconds));
        } finally {
            hub.close();
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
