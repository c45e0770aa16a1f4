package uk.safeguarding.connectors.housing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.file.FileDropSettings;

/**
 * Settings of a housing provider's file drop ({@code HUB_FEEDS_HOUSING_DIR}, ...): ASB complaint and
 * tenancy event CSVs from the council or a registered social landlord.
 */
@ConfigurationProperties("hub.feeds.housing")
public record HousingFeedProperties(
        @DefaultValue("true") boolean enabled,
        String dir,
        @DefaultValue("lambeth-housing") String agency,
        @DefaultValue("lambeth-housing-drop") String feed,
        @DefaultValue("10s") Duration poll,
        @DefaultValue("2s") Duration settle) implements FileDropSettings {
}
