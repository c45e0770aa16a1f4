package uk.safeguarding.connectors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.childrens.ChildrensFeedProperties;
import uk.safeguarding.connectors.childrens.ChildrensFileDropRoute;
import uk.safeguarding.connectors.housing.HousingFeedProperties;
import uk.safeguarding.connectors.housing.HousingFileDropRoute;
import uk.safeguarding.connectors.lfb.LfbFeedProperties;
import uk.safeguarding.connectors.lfb.LfbFileDropRoute;
import uk.safeguarding.connectors.mentalhealth.FhirMentalHealthRoute;
import uk.safeguarding.connectors.mentalhealth.MentalHealthFeedProperties;
import uk.safeguarding.connectors.police.BtpFeedProperties;
import uk.safeguarding.connectors.police.PoliceFeedProperties;
import uk.safeguarding.connectors.police.PoliceIncidentsRoute;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFeedProperties;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFileDropRoute;
import uk.safeguarding.connectors.tfl.TflFeedProperties;
import uk.safeguarding.connectors.tfl.TflSafeguardingRoute;

/** Registers one route set per enabled partner feed; the hub supplies the gateway and the run ledger. */
@AutoConfiguration
@EnableConfigurationProperties({PoliceFeedProperties.class, TflFeedProperties.class, LfbFeedProperties.class,
    HousingFeedProperties.class, AdultSocialCareFeedProperties.class, MentalHealthFeedProperties.class,
    ChildrensFeedProperties.class, BtpFeedProperties.class})
public class ConnectorsAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.police.enabled", havingValue = "true", matchIfMissing = true)
    PoliceIncidentsRoute policeIncidentsRoute(PoliceFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.url() == null || props.url().isBlank()) {
            throw missing("police", "url");
        }
        return new PoliceIncidentsRoute(props, "Metropolitan Police: incidents", gateway, runs);
    }

    /** British Transport Police: the police route again, with its own settings; off unless enabled. */
    @Bean
    @ConditionalOnProperty(name = "hub.feeds.btp.enabled", havingValue = "true")
    PoliceIncidentsRoute btpIncidentsRoute(BtpFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.url() == null || props.url().isBlank()) {
            throw missing("btp", "url");
        }
        return new PoliceIncidentsRoute(props, "British Transport Police: incidents at stations", gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.tfl.enabled", havingValue = "true", matchIfMissing = true)
    TflSafeguardingRoute tflSafeguardingRoute(TflFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.url() == null || props.url().isBlank()) {
            throw missing("tfl", "url");
        }
        return new TflSafeguardingRoute(props, gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.mental-health.enabled", havingValue = "true", matchIfMissing = true)
    FhirMentalHealthRoute fhirMentalHealthRoute(MentalHealthFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.url() == null || props.url().isBlank()) {
            throw missing("mental-health", "url");
        }
        return new FhirMentalHealthRoute(props, gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.lfb.enabled", havingValue = "true", matchIfMissing = true)
    LfbFileDropRoute lfbFileDropRoute(LfbFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.dir() == null || props.dir().isBlank()) {
            throw missing("lfb", "dir");
        }
        return new LfbFileDropRoute(props, gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.housing.enabled", havingValue = "true", matchIfMissing = true)
    HousingFileDropRoute housingFileDropRoute(HousingFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.dir() == null || props.dir().isBlank()) {
            throw missing("housing", "dir");
        }
        return new HousingFileDropRoute(props, gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.asc.enabled", havingValue = "true", matchIfMissing = true)
    AdultSocialCareFileDropRoute adultSocialCareFileDropRoute(AdultSocialCareFeedProperties props, RecordGateway gateway,
            FeedRuns runs) {
        if (props.dir() == null || props.dir().isBlank()) {
            throw missing("asc", "dir");
        }
        return new AdultSocialCareFileDropRoute(props, gateway, runs);
    }

    @Bean
    @ConditionalOnProperty(name = "hub.feeds.csc.enabled", havingValue = "true", matchIfMissing = true)
    ChildrensFileDropRoute childrensFileDropRoute(ChildrensFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        if (props.dir() == null || props.dir().isBlank()) {
            throw missing("csc", "dir");
        }
        return new ChildrensFileDropRoute(props, gateway, runs);
    }

    /** The feed is on (its default) but has no address: name the setting and the way to turn the feed off. */
    private static SettingProblem missing(String feed, String address) {
        String setting = "hub.feeds." + feed + "." + address;
        String variable = setting.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        return new SettingProblem(setting, setting + " (" + variable + ") is not set; set it, or turn the feed off with hub.feeds."
                + feed + ".enabled=false");
    }
}
