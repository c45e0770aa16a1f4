package uk.safeguarding.connectors.http;

import java.time.Duration;

/** What every paged HTTP feed is configured with (each feed binds its own {@code hub.feeds.<name>} block). */
public interface HttpFeedSettings {

    /** Base URL of the partner API. */
    String url();

    /** The providing agency (controller). */
    String agency();

    /** The feed code runs are recorded under. */
    String feed();

    Duration initialDelay();

    /** Time between runs. */
    Duration period();

    /** Attempts per page after the first, on 429, 5xx, time-outs and broken pages. */
    int maxRetries();

    /** First back-off delay, doubled on each retry up to {@link #maxRetryDelay()}; Retry-After wins. */
    Duration retryDelay();

    Duration maxRetryDelay();

    Duration connectTimeout();

    Duration responseTimeout();

    /** After three runs in a row fail, polls are skipped this long before one is tried again. */
    default Duration circuitOpen() {
        return Duration.ofMinutes(5);
    }
}
