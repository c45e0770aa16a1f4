package uk.safeguarding.connectors.mentalhealth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.http.HttpFeedSettings;

/** Settings of the mental health trust's FHIR R4 feed ({@code HUB_FEEDS_MENTALHEALTH_URL}, ...). */
@ConfigurationProperties("hub.feeds.mental-health")
public record MentalHealthFeedProperties(
        @DefaultValue("true") boolean enabled,
        String url,
        @DefaultValue("slam") String agency,
        @DefaultValue("slam-fhir") String feed,
        @DefaultValue("4s") Duration initialDelay,
        @DefaultValue("15m") Duration period,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) implements HttpFeedSettings {
}
