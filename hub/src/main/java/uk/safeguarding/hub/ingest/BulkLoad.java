package uk.safeguarding.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private final RecordValidation validation;
    private final Identities identities;
    private final EventStore events;
    private final FeedRunLedger runs;
    private volatile long minimumBytes;
    private volatile int chunkSize;
    /** Nanoseconds spent per phase of keeping chunks (staging, storing, linking, events), for the log. */
    private final long[] phases = new long[4];

    BulkLoad(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, RecordStore store,
            RecordValidation validation, Identities identities, EventStore events, FeedRunLedger runs,
            @Value("${hub.ingest.bulk.minimum-size:8MB}") DataSize minimum,
            @Value("${hub.ingest.bulk.chunk:5000}") int chunkSize) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.publish = new TransactionTemplate(transactions);
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.validation = validation;
        this.identities = identities;
        this.events = events;
        this.runs = runs;
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
        ChunkReader reader = new ChunkReader(records, chunkSize, validation);
        Thread thread = new Thread(reader, "bulk-reader-" + feed);
        thread.setDaemon(true);
        thread.start();
        BulkProgress progress = new BulkProgress(jdbc, progressTx, run, feed, expected);
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
    private int[] keepAll(UUID run, String feed, Set<String> agencies, ChunkReader reader, BulkProgress progress) {
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
            ChunkReader.Chunk chunk = reader.next();
            long t1 = System.nanoTime();
            waited += t1 - t0;
            if (chunk == ChunkReader.Chunk.END) {
                break;
            }
            int[] c = keep(run, feed, agencies, chunk, copy, keysHeld);
            kept += System.nanoTime() - t1;
            for (int i = 0; i < 4; i++) {
                totals[i] += c[i];
            }
            progress.chunkKept(totals);
        }
        runs.count(run, totals[1], totals[2], totals[3]);
        // where the time went: waiting for the reader (reading, mapping, validating) or keeping (the database)
        synchronized (phases) {
            log.info("Feed {} run {} (bulk): {} s keeping chunks (staging {} s, storing {} s, linking {} s, events {} s), "
                    + "{} s waiting for the reader", feed, run, seconds(kept), seconds(phases[0]), seconds(phases[1]),
                    seconds(phases[2]), seconds(phases[3]), seconds(waited));
            Arrays.fill(phases, 0);
        }
        return totals;
    }

    /** One chunk: quarantine, stage, store the new, link, events. Returns its counts. */
    private int[] keep(UUID run, String feed, Set<String> agencies, ChunkReader.Chunk chunk, CopyManager copy, boolean[] keysHeld) {
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
        List<Identities.Arrival> arrivals = RecordStore.arrivals(records, stored, i -> kept.get(i)[0]);
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
        events.copy(records, stored, i -> kept.get(i)[0], personIds, copy);
        events.supersede(newerVersions);
        long t4 = System.nanoTime();
        synchronized (phases) {
            phases[0] += t1 - t0;
            phases[1] += t2 - t1;
            phases[2] += t3 - t2;
            phases[3] += t4 - t3;
        }
        return new int[] {n, stored.size(), n - stored.size() - quarantine.size(), quarantine.size()};
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }
}
