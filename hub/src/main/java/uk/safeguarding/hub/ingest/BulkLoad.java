package uk.safeguarding.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import uk.safeguarding.connectors.canonical.BulkLoads;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.identity.Identities;

/**
 * The bulk path for backfills and large drops. The records are read, mapped, validated and hashed a
 * chunk ahead on a reader thread (a bounded queue of two chunks, so a file is never held whole) while
 * the current chunk is kept: its source rows are streamed with COPY into a staging table, the new ones
 * (not already held under the same content hash) are moved into {@code source_record} by one statement
 * that also numbers versions, the people are linked as a block by the identity module, and the events
 * and their parties are COPYed in. Everything happens in ONE transaction: the delivery is published
 * whole when it commits, or, if anything fails or the hub stops, not at all. The meaning is the polled
 * path's ({@link RecordStore}): the same quarantine reasons, versions, duplicates and links, and the
 * run's counts reconcile. While a load links people it holds every identity key: linking by the
 * feeds' polls waits until it commits.
 */
@Service
public class BulkLoad implements BulkLoads {

    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);
    private static final String REFUSED_AGENCY =
            "the hub's store refused the record: it names something the hub does not know (e.g. an agency not in its register)";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate publish;
    private final TransactionTemplate progressTx;
    private final RecordStore store;
    private final Identities identities;
    private final NewEvents newEvents;
    private volatile long minimumBytes;
    private volatile int chunkSize;
    /** Nanoseconds spent per phase of keeping chunks (staging, storing, linking, events), for the log. */
    private final long[] phases = new long[4];

    BulkLoad(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, RecordStore store,
            Identities identities, NewEvents newEvents,
            @Value("${hub.ingest.bulk.minimum-size:8MB}") DataSize minimum,
            @Value("${hub.ingest.bulk.chunk:5000}") int chunkSize) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.publish = new TransactionTemplate(transactions);
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.identities = identities;
        this.newEvents = newEvents;
        this.minimumBytes = minimum.toBytes();
        this.chunkSize = chunkSize;
    }

    @Override
    public long minimumBytes() {
        return minimumBytes;
    }

    /** For tests: a small file counts as large. */
    void minimumBytes(long bytes) {
        this.minimumBytes = bytes;
    }

    /** For tests: smaller chunks, so that a small delivery spans several. */
    void chunkSize(int records) {
        this.chunkSize = records;
    }

    @Override
    public Counts load(String runId, Iterator<SourceRecord> records, LongSupplier expected) {
        UUID run = UUID.fromString(runId);
        String feed = jdbc.sql("update feed_run set bulk = true where id = ? returning feed").param(run)
                .query(String.class).single();
        Set<String> agencies = new HashSet<>(jdbc.sql("select code from agency").query(String.class).list());
        Reader reader = new Reader(records, chunkSize);
        Thread thread = new Thread(reader, "bulk-reader-" + feed);
        thread.setDaemon(true);
        thread.start();
        Progress progress = new Progress(run, feed, expected);
        try {
            int[] counts = publish.execute(status -> keepAll(run, feed, agencies, reader, progress));
            progress.published(counts);
            return new Counts(counts[0], counts[1], counts[2], counts[3]);
        } finally {
            reader.stop();
            thread.interrupt();
        }
    }

    /** In the publishing transaction: every chunk, then the run's counts. Returns received, stored, duplicates, quarantined. */
    private int[] keepAll(UUID run, String feed, Set<String> agencies, Reader reader, Progress progress) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyManager copy;
        try {
            copy = connection.unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            throw new IllegalStateException("the bulk path needs PostgreSQL's COPY", e);
        }
        jdbc.sql("""
                create temporary table bulk_source (seq int, agency text, source_id text, hash text, raw text)
                on commit drop""").update();
        int[] totals = new int[4];
        boolean[] keysHeld = {false};
        long waited = 0;
        long kept = 0;
        while (true) {
            long t0 = System.nanoTime();
            Chunk chunk = reader.next();
            long t1 = System.nanoTime();
            waited += t1 - t0;
            if (chunk == Chunk.END) {
                break;
            }
            int[] c = keep(run, feed, agencies, chunk, copy, keysHeld);
            kept += System.nanoTime() - t1;
            for (int i = 0; i < 4; i++) {
                totals[i] += c[i];
            }
            progress.chunkKept(totals);
        }
        jdbc.sql("""
                update feed_run set received = received + ?, stored = stored + ?, duplicates = duplicates + ?,
                    quarantined = quarantined + ? where id = ?""")
                .params(totals[0], totals[1], totals[2], totals[3], run).update();
        // where the time went: waiting for the reader (reading, mapping, validating) or keeping (the database)
        synchronized (phases) {
            log.info("Feed {} run {} (bulk): {} s keeping chunks (staging {} s, storing {} s, linking {} s, events {} s), "
                    + "{} s waiting for the reader", feed, run, seconds(kept), seconds(phases[0]), seconds(phases[1]),
                    seconds(phases[2]), seconds(phases[3]), seconds(waited));
            java.util.Arrays.fill(phases, 0);
        }
        return totals;
    }

    /** One chunk: quarantine, stage, store the new, link, events. Returns its counts. */
    private int[] keep(UUID run, String feed, Set<String> agencies, Chunk chunk, CopyManager copy, boolean[] keysHeld) {
        List<SourceRecord> records = chunk.records();
        int n = records.size();
        List<Integer> quarantine = new ArrayList<>();
        List<List<String>> reasons = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        CopyRows staged = new CopyRows();
        for (int i = 0; i < n; i++) {
            SourceRecord record = records.get(i);
            List<String> problems = chunk.problems().get(i);
            if (problems.isEmpty() && !agencies.contains(record.agency())) {
                problems = List.of(REFUSED_AGENCY);
            }
            if (!problems.isEmpty()) {
                quarantine.add(i);
                reasons.add(problems);
            } else if (seen.putIfAbsent(record.agency() + "|" + record.sourceId() + "|" + chunk.hashes()[i], i) == null) {
                staged.row(5).int4(i).text(record.agency()).text(record.sourceId()).text(chunk.hashes()[i]).text(record.raw());
            }
            // else: the same delivery twice in the chunk, a duplicate
        }
        long t0 = System.nanoTime();
        store.quarantine(records, quarantine, reasons);
        jdbc.sql("truncate bulk_source").update();
        staged.copyInto(copy, "bulk_source", "seq, agency, source_id, hash, raw");
        // the chunk's real size for the planner (a temporary table is never analysed otherwise)
        jdbc.sql("analyze bulk_source").update();
        long t1 = System.nanoTime();
        // The new deliveries (by content hash), versions numbered after those held and in file order. Each staged
        // row probes the records held under its partner id through the (agency, source_id, version) index, once for
        // both questions (held under this hash? the last version?): the lateral aggregate cannot be turned into a
        // join, so the work per chunk stays one probe per row. As an anti-join, the planner hashed the whole of
        // source_record for every chunk, which grows within the load's transaction: quadratic in the load's size.
        Map<Integer, long[]> kept = new HashMap<>();
        jdbc.sql("""
                insert into source_record (feed, agency, source_id, version, content_hash, raw, run_id)
                select ?, b.agency, b.source_id,
                    coalesce(h.version, 0) + row_number() over (partition by b.agency, b.source_id order by b.seq),
                    b.hash, b.raw, ?
                from bulk_source b
                cross join lateral (select max(s.version) as version, coalesce(bool_or(s.content_hash = b.hash), false) as held
                    from source_record s where s.agency = b.agency and s.source_id = b.source_id) h
                where not h.held
                order by b.seq
                returning id, version, agency, source_id, content_hash""")
                .params(feed, run)
                .query(rs -> {
                    kept.put(seen.get(rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5)),
                            new long[] {rs.getLong(1), rs.getInt(2)});
                });
        List<Integer> stored = new ArrayList<>();
        List<Long> newerVersions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] row = kept.get(i);
            if (row != null) {
                stored.add(i);
                if (row[1] > 1) {
                    newerVersions.add(row[0]);
                }
            }
        }
        List<Identities.Arrival> arrivals = new ArrayList<>();
        for (int i : stored) {
            for (PersonRecord person : records.get(i).people()) {
                arrivals.add(new Identities.Arrival(kept.get(i)[0], records.get(i).agency(), records.get(i).sourceId(),
                        person));
            }
        }
        long t2 = System.nanoTime();
        long[] personIds = new long[0];
        if (!arrivals.isEmpty()) {
            if (!keysHeld[0]) {
                identities.lockAllKeys();
                keysHeld[0] = true;
            }
            personIds = identities.registerBlock(arrivals);
        }
        long t3 = System.nanoTime();
        events(records, stored, kept, personIds, copy);
        if (!newerVersions.isEmpty()) {
            // a changed record replaces what its earlier versions said; they stay as history
            jdbc.sql("""
                    update event set current = false
                    where current and source_record_id in (select o.id from source_record o join source_record n
                        on n.agency = o.agency and n.source_id = o.source_id and o.version < n.version
                        where n.id = any(?::bigint[]))""")
                    .param(newerVersions.toArray(Long[]::new)).update();
        }
        long t4 = System.nanoTime();
        synchronized (phases) {
            phases[0] += t1 - t0;
            phases[1] += t2 - t1;
            phases[2] += t3 - t2;
            phases[3] += t4 - t3;
        }
        return new int[] {n, stored.size(), n - stored.size() - quarantine.size(), quarantine.size()};
    }

    private void events(List<SourceRecord> records, List<Integer> stored, Map<Integer, long[]> kept, long[] personIds,
            CopyManager copy) {
        CopyRows events = new CopyRows();
        CopyRows parties = new CopyRows();
        List<UUID> concerningPeople = new ArrayList<>();
        int person = 0;
        for (int i : stored) {
            SourceRecord record = records.get(i);
            Map<String, Long> people = new HashMap<>();
            for (PersonRecord p : record.people()) {
                people.put(p.localId(), personIds[person++]);
            }
            for (EventRecord event : record.events()) {
                UUID eventId = timeOrdered();
                var where = event.location();
                events.row(13).uuid(eventId).int8(kept.get(i)[0]).text(record.agency()).text(event.localId())
                        .text(event.kind()).timestamp(event.occurredAt()).text(event.category()).text(event.summary())
                        .text(where == null ? null : where.line())
                        .text(where == null ? null : Postcode.Validator.normalise(where.postcode()))
                        .text(where == null ? null : where.uprn()).text(where == null ? null : where.borough())
                        .text(event.sensitivity().name());
                Set<String> seen = new HashSet<>();
                for (EventRecord.Party party : event.parties()) {
                    if (seen.add(party.personLocalId() + "|" + party.role())) {
                        parties.row(3).uuid(eventId).int8(people.get(party.personLocalId())).text(party.role().name());
                    }
                }
                if (!seen.isEmpty()) {
                    concerningPeople.add(eventId);
                }
            }
        }
        events.copyInto(copy, "event", "id, source_record_id, agency, local_id, kind, occurred_at, category, summary, "
                + "location_line, postcode, uprn, borough, sensitivity");
        parties.copyInto(copy, "event_party", "event_id, person_record_id, role");
        // told once the delivery is published, as a poll's are once its batch commits
        newEvents.publishWhenCommitted(concerningPeople);
    }

    /**
     * A version 7 UUID (RFC 9562): milliseconds first, then random bits. A load's events are then added at
     * the end of the event table's primary key rather than all over it.
     */
    static UUID timeOrdered() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    /** A chunk as the reader prepared it: the records, each one's problems and content hash. */
    private record Chunk(List<SourceRecord> records, List<List<String>> problems, String[] hashes, RuntimeException failure) {
        static final Chunk END = new Chunk(List.of(), List.of(), new String[0], null);
    }

    /**
     * Reads, validates and hashes chunks ahead of the store, on its own thread; at most two wait. A
     * failure to read is handed over as a chunk, so that the store fails the load with it.
     */
    private final class Reader implements Runnable {
        private final Iterator<SourceRecord> records;
        private final int size;
        private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(2);
        private volatile boolean stopped;

        Reader(Iterator<SourceRecord> records, int size) {
            this.records = records;
            this.size = size;
        }

        @Override
        public void run() {
            try {
                while (!stopped && records.hasNext()) {
                    List<SourceRecord> chunk = new ArrayList<>(size);
                    while (chunk.size() < size && records.hasNext()) {
                        chunk.add(records.next());
                    }
                    List<List<String>> problems = new ArrayList<>(chunk.size());
                    String[] hashes = new String[chunk.size()];
                    for (int i = 0; i < chunk.size(); i++) {
                        problems.add(store.problems(chunk.get(i)));
                        hashes[i] = problems.get(i).isEmpty() ? RecordStore.sha256(chunk.get(i).raw()) : null;
                    }
                    hand(new Chunk(chunk, problems, hashes, null));
                }
                hand(Chunk.END);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failed) {
                try {
                    hand(new Chunk(List.of(), List.of(), new String[0], failed));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void hand(Chunk chunk) throws InterruptedException {
            while (!stopped && !ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the store is busy with the chunks before; wait (or stop, if the load has failed)
            }
        }

        Chunk next() {
            try {
                Chunk chunk = ready.take();
                if (chunk.failure() != null) {
                    throw chunk.failure();
                }
                return chunk;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the bulk load was interrupted", e);
            }
        }

        void stop() {
            stopped = true;
        }
    }

    /**
     * The run's progress, written in transactions of their own (so that the feeds query shows it while the
     * load's own transaction is open) and logged every few seconds; numbers only. Kept in a table of its own,
     * not on the run's row, which the load's transaction holds locked.
     */
    private final class Progress {
        private final UUID run;
        private final String feed;
        private final LongSupplier expected;
        private final long started = System.nanoTime();
        private long lastLogged = started;

        Progress(UUID run, String feed, LongSupplier expected) {
            this.run = run;
            this.feed = feed;
            this.expected = expected;
        }

        void chunkKept(int[] totals) {
            long expect = expected.getAsLong();
            progressTx.executeWithoutResult(s -> jdbc.sql("""
                    insert into feed_run_progress (run_id, read_so_far, stored_so_far, quarantined_so_far, expected)
                    values (?, ?, ?, ?, ?)
                    on conflict (run_id) do update set read_so_far = excluded.read_so_far,
                        stored_so_far = excluded.stored_so_far, quarantined_so_far = excluded.quarantined_so_far,
                        expected = excluded.expected, updated_at = now()""")
                    .params(run, totals[0], totals[1], totals[3], expect > 0 ? (int) Math.max(expect, totals[0]) : null)
                    .update());
            long now = System.nanoTime();
            if (now - lastLogged > TimeUnit.SECONDS.toNanos(5)) {
                lastLogged = now;
                double rate = totals[0] / ((now - started) / 1e9);
                String end = expect > totals[0] && rate > 0
                        ? ", expected end " + Instant.now().plusSeconds((long) ((expect - totals[0]) / rate))
                        : "";
                log.info("Feed {} run {} (bulk): read {}, to store {}, quarantined {}, {} records/s{}", feed, run, totals[0],
                        totals[1], totals[3], Math.round(rate), end);
            }
        }

        void published(int[] totals) {
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Feed {} run {} (bulk) published in one transaction: received {}, stored {}, duplicates {}, "
                    + "quarantined {} in {} s ({} records/s)", feed, run, totals[0], totals[1], totals[2], totals[3],
                    Duration.ofMillis((long) (seconds * 1000)).toSeconds(), Math.round(totals[0] / Math.max(seconds, 1e-3)));
        }
    }
}
