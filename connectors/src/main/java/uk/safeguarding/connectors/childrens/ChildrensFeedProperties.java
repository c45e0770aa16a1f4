package uk.safeguarding.connectors.childrens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.connectors.file.FileDropSettings;

/**
 * Settings of children's social care's file drop ({@code HUB_FEEDS_CSC_DIR}, ...): CIN census XML files and
 * SSDA903 (children looked after) CSV files, in one folder.
 */
@ConfigurationProperties("hub.feeds.csc")
public record ChildrensFeedProperties(
        @DefaultValue("true") boolean enabled,
        String dir,
        @DefaultValue("lambeth-csc") String agency,
        @DefaultValue("lambeth-csc-drop") String feed,
        @DefaultValue("10s") Duration poll,
        @DefaultValue("2s") Duration settle) implements FileDropSettings {
}
