package uk.safeguarding.connectors.tfl;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.http.HttpFeedSettings;

/** Settings of the Transport for London network safeguarding reports feed ({@code HUB_FEEDS_TFL_URL}, ...). */
@ConfigurationProperties("hub.feeds.tfl")
public record TflFeedProperties(
        @DefaultValue("true") boolean enabled,
        String url,
        @DefaultValue("tfl") String agency,
        @DefaultValue("tfl-safeguarding-reports") String feed,
        @DefaultValue("3s") Duration initialDelay,
        @DefaultValue("15m") Duration period,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) implements HttpFeedSettings {
}
