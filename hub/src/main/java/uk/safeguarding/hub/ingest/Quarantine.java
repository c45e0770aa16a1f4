package uk.safeguarding.hub.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What partner agencies see of their own feeds: runs with their counts, and the records the hub could
 * not keep, which they can correct and replay through the feed's own mapping.
 */
public interface Quarantine {

    List<FeedRun> runs(String agency, String feed, int limit);

    List<QuarantinedRecord> records(String agency, String feed, boolean includeResolved, int limit);

    /** The agency that provides a quarantined record, or null if there is no such record. */
    String agencyOf(long quarantinedId);

    /** Maps the corrected raw record again and hands it to the store; the original is marked resolved. */
    ReplayResult replay(long quarantinedId, String correctedRaw);

    record FeedRun(UUID id, String feed, OffsetDateTime startedAt, OffsetDateTime finishedAt, String status,
            String failure, int received, int stored, int duplicates, int quarantined) {
    }

    record QuarantinedRecord(long id, String feed, String agency, String sourceId, String raw, List<String> reasons,
            OffsetDateTime receivedAt, OffsetDateTime resolvedAt, String resolution) {
    }

    record ReplayResult(String outcome, List<String> reasons) {
    }
}
