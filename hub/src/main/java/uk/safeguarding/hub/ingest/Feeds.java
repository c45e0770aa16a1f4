package uk.safeguarding.hub.ingest;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.safeguarding.connectors.canonical.Replayable.Transport;

/**
 * The state of each partner feed: its latest run and counts, how stale its data is, why it last failed,
 * and the quality of what it sends. No personal data: counts, shares and reasons naming fields and rules.
 */
public interface Feeds {

    /** The feeds running on this hub that an agency provides (every feed for a null agency). */
    List<FeedStatus> feeds(String agency);

    /** A feed's latest runs, newest first. */
    List<FeedRun> runs(String feed, int limit);

    /** Data quality of each of the given feeds, in one read. */
    Map<String, DataQuality> quality(Collection<String> feeds);

    /** @param lagSeconds seconds since the start of the last completed run (null before one has completed) */
    record FeedStatus(String id, String agency, String name, Transport transport, FeedRun lastRun, Long lagSeconds,
            String lastError) {
    }

    record FeedRun(UUID id, String feed, String kind, String instance, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, String status, String failure, int received, int stored, int duplicates,
            int quarantined, boolean bulk, Progress progress) {
    }

    /**
     * How far a run has got: records read, stored (a bulk run's: to be stored when it publishes) and
     * quarantined, the total expected (null: unknown), the rate and the expected end (null once finished).
     */
    record Progress(int read, int stored, int quarantined, Integer expected, double recordsPerSecond,
            OffsetDateTime expectedEnd) {
    }

    record DataQuality(int personRecords, List<FieldCompleteness> completeness, List<RejectionReason> rejectionReasons) {
    }

    record FieldCompleteness(String field, int present, double share) {
    }

    record RejectionReason(String reason, int count) {
    }
}
