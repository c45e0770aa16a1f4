package uk.safeguarding.benchmarks;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
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
 * A partner's backfill: one LFB incident file of {@code rows} rows (default 1,000,000) in the London
 * Datastore's published 39-column layout, Windows-1252 as the export is, dropped into the hub's LFB file
 * drop and kept through the bulk path (streamed, COPY into staging, published in one transaction). The
 * hub runs in local mode in this JVM with only the LFB feed on. Prints the run's records a second (from
 * the run's start and finish), its progress while it runs, the peak heap, and a plain binary COPY of the
 * very rows the run kept (source records and events) into empty tables of the same shape. With
 * {@code --durable}, the embedded PostgreSQL starts with fsync and synchronous commit on (its defaults
 * are off). Usage: {@code benchmarks/run backfill [rows] [--durable] [--hub.setting=value ...]}.
 */
public final class Backfill {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String HEADER = String.join(",", List.of("IncidentNumber", "DateOfCall", "CalYear", "TimeOfCall",
            "HourOfCall", "IncidentGroup", "StopCodeDescription", "SpecialServiceType", "PropertyCategory", "PropertyType",
            "AddressQualifier", "Postcode_full", "Postcode_district", "UPRN", "USRN", "IncGeo_BoroughCode",
            "IncGeo_BoroughName", "ProperCase", "IncGeo_WardCode", "IncGeo_WardName", "IncGeo_WardNameNew", "Easting_m",
            "Northing_m", "Easting_rounded", "Northing_rounded", "Latitude", "Longitude", "FRS", "IncidentStationGround",
            "FirstPumpArriving_AttendanceTime", "FirstPumpArriving_DeployedFromStation", "SecondPumpArriving_AttendanceTime",
            "SecondPumpArriving_DeployedFromStation", "NumStationsWithPumpsAttending", "NumPumpsAttending", "PumpCount",
            "PumpMinutesRounded", "Notional Cost (£)", "NumCalls"));
    private static final String[][] KINDS = {
        {"Fire", "Primary Fire", "", "Dwelling", "Purpose Built Flats/Maisonettes - 4 to 9 storeys "},
        {"Fire", "Secondary Fire", "", "Outdoor", "Loose refuse (incl in small bins)"},
        {"False Alarm", "AFA", "", "Dwelling", "Purpose Built Flats/Maisonettes - Up to 3 storeys "},
        {"False Alarm", "False alarm - Good intent", "", "Dwelling", "House - single occupancy "},
        {"Special Service", "Special Service", "Effecting entry/exit", "Dwelling", "Self contained Sheltered Housing"},
        {"Special Service", "Special Service", "Flooding", "Dwelling", "Converted Flat/Maisonettes - 3 or more storeys"}};
    private static final String[][] BOROUGHS = {{"E09000022", "LAMBETH", "Lambeth"}, {"E09000028", "SOUTHWARK", "Southwark"},
        {"E09000032", "WANDSWORTH", "Wandsworth"}, {"E09000033", "WESTMINSTER", "Westminster"}};
    private static final String[] STATIONS = {"Brixton", "Clapham", "Lambeth", "West Norwood", "Kennington", "Old Kent Road"};

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        boolean durable = false;
        // further --name=value arguments are the hub's settings, e.g. --hub.ingest.bulk.chunk=20000
        List<String> hubSettings = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--durable")) {
                durable = true;
            } else if (arg.startsWith("--")) {
                hubSettings.add(arg);
            } else {
                rows = Integer.parseInt(arg);
            }
        }
        hubSettings.addAll(0, List.of("--server.port=0",
                "--logging.level.root=warn", "--logging.level.uk.safeguarding.hub.ingest.BulkLoad=info",
                "--hub.simulator.people=1000", "--hub.feeds.police.enabled=false", "--hub.feeds.btp.enabled=false",
                "--hub.feeds.tfl.enabled=false", "--hub.feeds.mental-health.enabled=false",
                "--hub.feeds.housing.enabled=false", "--hub.feeds.asc.enabled=false", "--hub.feeds.csc.enabled=false",
                "--hub.embedded.postgres-durable=" + durable));
        ConfigurableApplicationContext hub = SpringApplication.run(HubApplication.class, hubSettings.toArray(String[]::new));
        try {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            String settings = "fsync=" + jdbc.sql("show fsync").query(String.class).single() + ", synchronous_commit="
                    + jdbc.sql("show synchronous_commit").query(String.class).single();
            // the simulated drop's own small files first, so that the backfill runs alone
            while (jdbc.sql("select count(*) from feed_run where feed = 'lfb-file-drop' and status = 'completed'")
                    .query(Integer.class).single() < 1) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            Path drop = Path.of(hub.getEnvironment().getProperty("hub.feeds.lfb.dir"));
            Path staging = Files.createTempDirectory("backfill-");
            Path file = staging.resolve("lfb-incidents-2009-2026.csv");
            long written = System.nanoTime();
            write(file, rows);
            System.out.printf("%nwrote %,d LFB incident rows (%,d MB, Windows-1252) in %.1f s%n", rows, Files.size(file) >> 20,
                    (System.nanoTime() - written) / 1e9);

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peakHeap = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "heap-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 50, TimeUnit.MILLISECONDS);
            Files.move(file, drop.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            long dropped = System.nanoTime();
            Map<String, Object> run;
            long lastShown = 0;
            while (true) {
                run = jdbc.sql("""
                        select id, status, failure, received, stored, duplicates, quarantined, read_so_far, stored_so_far,
                            quarantined_so_far, expected,
                            extract(epoch from coalesce(finished_at, now()) - started_at) as seconds
                        from feed_run left join feed_run_progress on run_id = id
                        where feed = 'lfb-file-drop' and bulk order by started_at desc limit 1""")
                        .query().listOfRows().stream().findFirst().orElse(null);
                if (run != null && !"running".equals(run.get("status"))) {
                    break;
                }
                if (run != null && System.nanoTime() - lastShown > TimeUnit.SECONDS.toNanos(10)) {
                    lastShown = System.nanoTime();
                    double seconds = ((Number) run.get("seconds")).doubleValue();
                    int read = run.get("read_so_far") == null ? 0 : (Integer) run.get("read_so_far");
                    System.out.printf("  progress (the feeds query's figures): read %,d of about %s, to store %,d, "
                            + "quarantined %,d, %,.0f records/s%n", read, run.get("expected"), run.get("stored_so_far"),
                            run.get("quarantined_so_far"), read / Math.max(seconds, 0.001));
                }
                if (System.nanoTime() - dropped > TimeUnit.MINUTES.toNanos(60)) {
                    throw new IllegalStateException("the backfill did not finish within an hour");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            sampler.shutdown();
            double seconds = ((Number) run.get("seconds")).doubleValue();
            int received = (Integer) run.get("received");
            System.out.printf("%nBackfill of one LFB incident file, %,d rows, through the bulk path (PostgreSQL %s)%n", rows,
                    settings);
            System.out.printf("run %s: %s%s; received %,d, stored %,d, duplicates %,d, quarantined %,d%n", run.get("id"),
                    run.get("status"), run.get("failure") == null ? "" : " (" + run.get("failure") + ")", received,
                    run.get("stored"), run.get("duplicates"), run.get("quarantined"));
            double rate = received / seconds;
            System.out.printf("bulk run (open to published): %.1f s, %,.0f records/s; from the file's drop: %.1f s%n", seconds,
                    rate, (System.nanoTime() - dropped) / 1e9);
            System.out.printf("heap used: peak %,d MB while loading (%,d MB before; max heap %,d MB)%n", peakHeap.get() >> 20,
                    baseline >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
            UUID id = (UUID) run.get("id");
            double copySeconds = copy(BenchmarkHub.ownerDataSource(hub), id);
            long kept = jdbc.sql("select count(*) from source_record where run_id = ?").param(id).query(Long.class).single();
            System.out.printf("PostgreSQL COPY (binary) of the rows the run kept (%,d source records and their events) into "
                    + "empty tables: %.1f s, %,.0f records/s%n", kept, copySeconds, kept / copySeconds);
            System.out.printf("bulk / COPY: %.0f%%%n", 100 * rate / (kept / copySeconds));
        } finally {
            hub.close();
        }
    }

    /** The rows, written as they are made (never held whole). */
    private static void write(Path file, int rows) throws Exception {
        Random random = new Random(2009);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
        DateTimeFormatter number = DateTimeFormatter.ofPattern("ddMMyyyy");
        LocalDateTime start = LocalDateTime.of(2009, 1, 1, 0, 0);
        long span = java.time.Duration.between(start, LocalDateTime.of(2026, 10, 31, 23, 59)).getSeconds();
        try (BufferedWriter out = Files.newBufferedWriter(file, WINDOWS_1252)) {
            out.write(HEADER);
            out.write("\r\n");
            for (int i = 0; i < rows; i++) {
                // in call order, as the published file is
                LocalDateTime at = start.plusSeconds(span * i / rows + random.nextInt(60));
                String[] kind = KINDS[random.nextInt(KINDS.length)];
                String[] borough = BOROUGHS[random.nextInt(BOROUGHS.length)];
                boolean dwelling = kind[3].equals("Dwelling");
                String postcode = "SW" + (1 + random.nextInt(20)) + " " + (1 + random.nextInt(9))
                        + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
                int first = 180 + random.nextInt(420);
                int pumps = 1 + random.nextInt(3);
                String station = STATIONS[random.nextInt(STATIONS.length)];
                out.write(String.join(",", String.format("%06d-%s", i, at.format(number)), at.format(day),
                        Integer.toString(at.getYear()), at.format(time), Integer.toString(at.getHour()), kind[0], kind[1],
                        kind[2], kind[3], "\"" + kind[4] + "\"",
                        dwelling ? "Within same building" : "Open land/water - nearest gazetteer location",
                        dwelling ? postcode : "", postcode.split(" ")[0], dwelling ? Long.toString(100000000000L + random.nextInt(99999999)) : "0",
                        Integer.toString(20400000 + random.nextInt(9999)), borough[0], borough[1], borough[2], "E05014100",
                        "BRIXTON NORTH", "Brixton North", "", "", Integer.toString(531000 + random.nextInt(900)),
                        Integer.toString(175000 + random.nextInt(900)), "", "", "London", station, Integer.toString(first),
                        station, pumps > 1 ? Integer.toString(first + 60 + random.nextInt(200)) : "",
                        pumps > 1 ? STATIONS[random.nextInt(STATIONS.length)] : "", Integer.toString(pumps),
                        Integer.toString(pumps), Integer.toString(pumps), Integer.toString(60 * pumps),
                        Integer.toString(pumps * 352), Integer.toString(1 + random.nextInt(3))));
                out.write("\r\n");
            }
        }
    }

    /** The run's source records and events out to files, then timed COPY into empty tables of the same shape. */
    private static double copy(DataSource dataSource, UUID run) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, String> queries = new java.util.LinkedHashMap<>();
            queries.put("source_record", "select * from source_record where run_id = '" + run + "'");
            queries.put("event", "select e.* from event e join source_record s on s.id = e.source_record_id where s.run_id = '"
                    + run + "'");
            Map<String, Path> dumps = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Path dump = Files.createTempFile("backfill-" + q.getKey(), ".copy");
                dump.toFile().deleteOnExit();
                try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(dump), 1 << 16)) {
                    copy.copyOut("copy (" + q.getValue() + ") to stdout (format binary)", out);
                }
                dumps.put(q.getKey(), dump);
                try (var statement = connection.createStatement()) {
                    statement.execute("create table backfill_copy_" + q.getKey() + " (like " + q.getKey() + " including defaults)");
                }
            }
            long start = System.nanoTime();
            connection.setAutoCommit(false);
            for (Map.Entry<String, Path> dump : dumps.entrySet()) {
                try (var in = new java.io.BufferedInputStream(Files.newInputStream(dump.getValue()), 1 << 16)) {
                    copy.copyIn("copy backfill_copy_" + dump.getKey() + " from stdin (format binary)", in);
                }
            }
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Path dump : dumps.values()) {
                Files.deleteIfExists(dump);
            }
            return seconds;
        }
    }

    private Backfill() {
    }
}
