package uk.safeguarding.hub.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk run's progress, written in transactions of their own (so that the feeds query shows it while the
 * load's own transaction is open) and logged every few seconds on the bulk load's log; numbers only. Kept
 * in a table of its own, not on the run's row, which the load's transaction holds locked.
 */
final class BulkProgress {

    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final UUID run;
    private final String feed;
    private final LongSupplier expected;
    private final long started = System.nanoTime();
    private long lastLogged = started;

    /** {@code ownTransaction} must start a new transaction (REQUIRES_NEW). */
    BulkProgress(JdbcClient jdbc, TransactionTemplate ownTransaction, UUID run, String feed, LongSupplier expected) {
        this.jdbc = jdbc;
        this.ownTransaction = ownTransaction;
        this.run = run;
        this.feed = feed;
        this.expected = expected;
    }

    /** After each chunk: the load's totals so far (received, stored, duplicates, quarantined). */
    void chunkKept(int[] totals) {
        long expect = expected.getAsLong();
        ownTransaction.executeWithoutResult(s -> jdbc.sql("""
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
