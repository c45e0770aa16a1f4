package uk.safeguarding.connectors.canonical;

import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * The hub's bulk path for large deliveries (a backfill, a big file drop): a run's records streamed in,
 * kept with the same meaning as through {@link RecordGateway} (validated, quarantined with every reason,
 * duplicates recognised, people linked, counted against the run) but published all at once: the whole
 * delivery becomes visible in one transaction, or nothing of it does. A connector that finds one in its
 * registry may hand it deliveries of at least {@link #minimumBytes()}.
 */
public interface BulkLoads {

    /** Deliveries this large or larger are worth the bulk path; smaller ones go through the gateway. */
    long minimumBytes();

    /**
     * Keeps every record of the delivery against the run, which the caller opened and closes. The records
     * are read as they are needed (never all held at once). {@code expected} estimates how many records the
     * delivery holds in all, for progress (0: unknown). If reading or keeping fails, nothing is published and
     * the exception is thrown.
     */
    Counts load(String runId, Iterator<SourceRecord> records, LongSupplier expected);

    /** What became of the delivery: received = stored + duplicates + quarantined. */
    record Counts(int received, int stored, int duplicates, int quarantined) {
    }
}
