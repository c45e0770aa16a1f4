package uk.safeguarding.connectors.police;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.http.HttpFeedSettings;

/**
 * Settings of the British Transport Police incidents feed ({@code HUB_FEEDS_BTP_URL} and friends): the
 * same data.police.uk shape as the Met's ({@code location_type} {@code BTP}, {@code location_subtype}
 * {@code STATION}), read by a second instance of {@link PoliceIncidentsRoute}. Off unless
 * {@code hub.feeds.btp.enabled=true}.
 *
 * @param url base URL of the partner API; pages are read from {@code {url}/incidents?page=N}
 */
@ConfigurationProperties("hub.feeds.btp")
public record BtpFeedProperties(
        @DefaultValue("false") boolean enabled,
        String url,
        @DefaultValue("btp") String agency,
        @DefaultValue("btp-incidents") String feed,
        @DefaultValue("2s") Duration initialDelay,
        @DefaultValue("15m") Duration period,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) implements HttpFeedSettings {
}
