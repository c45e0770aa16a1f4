package uk.safeguarding.connectors.canonical;

import java.util.Optional;

/**
 * The ledger of feed runs, so that what a partner sent reconciles with what the hub kept. With several
 * hub instances sharing the store, only one may run a feed at a time.
 */
public interface FeedRuns {

    /** Opens a run of a feed; empty when another instance is running it now. */
    Optional<String> open(String feed);

    /**
     * The page a newly opened run of a paged feed starts at: 1, or where the feed's previous run stopped
     * if it was cut short (the hub stopped, or the partner failed).
     */
    default int startPage(String runId) {
        return 1;
    }

    /**
     * Records how many records a run expects in all, as the partner's first page tells (pages times items a
     * page), so that its progress can say when it should end.
     */
    default void expect(String runId, long records) {
    }

    /** Records that every record of a page has been handed over, so a later run can resume after it. */
    default void pageDone(String runId, int page) {
    }

    /** Records that a run ended normally and lets the feed go. */
    void complete(String runId);

    /** Records that a run stopped early and lets the feed go; {@code reason} never names a person. */
    void fail(String runId, String reason);
}
