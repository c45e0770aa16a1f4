package uk.safeguarding.connectors.lfb;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.file.FileDropSettings;

/**
 * Settings of the London Fire Brigade file drop ({@code HUB_FEEDS_LFB_DIR}, ...): monthly incident CSVs
 * and home fire safety visit CSVs placed in one folder. Files read are moved to {@code .done/}, files
 * that could not be read at all to {@code .failed/}.
 *
 * @param settle how long a file must stay unchanged before it is read (a file still being written waits)
 */
@ConfigurationProperties("hub.feeds.lfb")
public record LfbFeedProperties(
        @DefaultValue("true") boolean enabled,
        String dir,
        @DefaultValue("lfb") String agency,
        @DefaultValue("lfb-file-drop") String feed,
        @DefaultValue("10s") Duration poll,
        @DefaultValue("2s") Duration settle) implements FileDropSettings {
}
