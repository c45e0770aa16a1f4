package uk.safeguarding.connectors.canonical;

import java.util.Optional;

/**
 * The ledger of feed runs, so that what a partner sent reconciles with what the hub kept. With several
 * hub instances sharing the store, only one may run a feed at a time.
 */
public interface FeedRuns {

    /** Opens a run of a feed; empty when another instance is running it now. */
    Optional<String> open(String feed);

    /** Records that a run ended normally and lets the feed go. */
    void complete(String runId);

    /** Records that a run stopped early and lets the feed go; {@code reason} never names a person. */
    void fail(String runId, String reason);
}
