package uk.safeguarding.hub.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * The records the hub could not keep, with every reason, which their agency can correct and replay
 * through the feed's own mapping.
 */
public interface Quarantine {

    /**
     * A feed's quarantined records, newest first, from just before {@code beforeId} (null: the newest);
     * only an agency's own feed for a non-null agency.
     */
    List<QuarantinedRecord> records(String agency, String feed, boolean includeResolved, Long beforeId, int limit);

    /** The agency that provides a quarantined record, or null if there is no such record. */
    String agencyOf(long quarantinedId);

    /**
     * Maps the record again (the corrected raw record, or the original when null, e.g. after the
     * connector was fixed) and hands it to the store; the original is marked resolved.
     */
    ReplayResult replay(long quarantinedId, String correctedRaw);

    /**
     * A quarantined record: {@code raw} is its text; {@code received} the bytes the partner sent and the encoding
     * the text was decoded from, when the feed read bytes (null for text feeds and for older records).
     */
    record QuarantinedRecord(long id, String feed, String agency, String sourceId, String raw, List<String> reasons,
            OffsetDateTime receivedAt, OffsetDateTime resolvedAt, String resolution, SourceRecord.Received received) {
    }

    record ReplayResult(String outcome, List<String> reasons) {
    }
}
