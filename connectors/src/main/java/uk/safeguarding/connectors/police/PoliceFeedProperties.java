package uk.safeguarding.connectors.police;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.http.HttpFeedSettings;

/**
 * Settings of the Metropolitan Police incidents feed ({@code HUB_FEEDS_POLICE_URL} and friends).
 *
 * @param url          base URL of the partner API; pages are read from {@code {url}/incidents?page=N}
 * @param period       time between runs
 * @param maxRetries   attempts per page after the first, on 429, 5xx, time-outs and broken pages
 * @param retryDelay   first back-off delay, doubled on each retry up to {@code maxRetryDelay};
 *                     a partner's Retry-After wins when it gives one (capped the same way)
 */
@ConfigurationProperties("hub.feeds.police")
public record PoliceFeedProperties(
        @DefaultValue("true") boolean enabled,
        String url,
        @DefaultValue("met-police") String agency,
        @DefaultValue("met-police-incidents") String feed,
        @DefaultValue("2s") Duration initialDelay,
        @DefaultValue("15m") Duration period,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) implements HttpFeedSettings {
}
