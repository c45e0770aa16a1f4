package uk.safeguarding.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.Replayable;
import uk.safeguarding.connectors.police.PoliceIncidentsRoute;

/** Which routes the auto-configuration registers: BTP only when the hub switches it on. */
class ConnectorsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConnectorsAutoConfiguration.class))
            .withBean(RecordGateway.class, () -> record -> RecordGateway.Outcome.STORED)
            .withBean(FeedRuns.class, () -> new FeedRuns() {
                @Override
                public Optional<String> open(String feed) {
                    return Optional.of("run");
                }

                @Override
                public void complete(String runId) {
                }

                @Override
                public void fail(String runId, String reason) {
                }
            })
            .withPropertyValues("hub.feeds.police.url=http://met.example", "hub.feeds.tfl.enabled=false",
                    "hub.feeds.mental-health.enabled=false", "hub.feeds.lfb.enabled=false",
                    "hub.feeds.housing.enabled=false", "hub.feeds.asc.enabled=false", "hub.feeds.csc.enabled=false");

    @Test
    void btpIsOffUnlessEnabled() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean("btpIncidentsRoute");
            assertThat(app.getBeansOfType(PoliceIncidentsRoute.class).values())
                    .extracting(PoliceIncidentsRoute::feedCode).containsExactly("met-police-incidents");
        });
    }

    @Test
    void btpEnabledIsASecondPoliceRouteWithItsOwnFeedAndAgency() {
        context.withPropertyValues("hub.feeds.btp.enabled=true", "hub.feeds.btp.url=http://btp.example/btp").run(app -> {
            assertThat(app).hasNotFailed();
            PoliceIncidentsRoute btp = app.getBean("btpIncidentsRoute", PoliceIncidentsRoute.class);
            assertThat(btp.feedCode()).isEqualTo("btp-incidents");
            assertThat(btp.feedAgency()).isEqualTo("btp");
            assertThat(btp.feedName()).isEqualTo("British Transport Police: incidents at stations");
            assertThat(btp.feedTransport()).isEqualTo(Replayable.Transport.REST_JSON);
            assertThat(app.getBeansOfType(PoliceIncidentsRoute.class)).hasSize(2);
        });
    }

    @Test
    void btpEnabledWithoutAUrlRefusesToStart() {
        context.withPropertyValues("hub.feeds.btp.enabled=true").run(app ->
                assertThat(app).hasFailed().getFailure().hasStackTraceContaining("hub.feeds.btp.url"));
    }
}
