package uk.safeguarding.connectors.socialcare;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.file.FileDropSettings;

/**
 * Settings of adult social care's file drop ({@code HUB_FEEDS_ASC_DIR}, ...): Client Level Data event
 * files and Care Act s42 safeguarding enquiry files.
 */
@ConfigurationProperties("hub.feeds.asc")
public record AdultSocialCareFeedProperties(
        @DefaultValue("true") boolean enabled,
        String dir,
        @DefaultValue("lambeth-asc") String agency,
        @DefaultValue("lambeth-asc-drop") String feed,
        @DefaultValue("10s") Duration poll,
        @DefaultValue("2s") Duration settle) implements FileDropSettings {
}
