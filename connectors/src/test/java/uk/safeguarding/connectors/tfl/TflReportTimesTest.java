package uk.safeguarding.connectors.tfl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** Times as TfL's Unified API writes them (ISO-8601: Z, any offset, 7 fractional digits, or no zone). */
class TflReportTimesTest {

    private final TflSafeguardingRoute route = new TflSafeguardingRoute(new TflFeedProperties(true, "http://127.0.0.1:9",
            "tfl", "tfl-safeguarding-reports", Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2)), record -> RecordGateway.Outcome.STORED,
            new FeedRuns() {
                @Override
                public Optional<String> open(String feed) {
                    return Optional.empty();
                }

                @Override
                public void complete(String runId) {
                }

                @Override
                public void fail(String runId, String reason) {
                }
            });

    private SourceRecord report(String reportedAt) {
        return route.replay("run", """
                {"$type": "Tfl.Api.Presentation.Entities.SafeguardingReport, Tfl.Api.Presentation.Entities",
                 "id": "TFL-77", "stationNaptanId": "940GZZLUBXN", "stationName": "Brixton Underground Station",
                 "line": "victoria", "reportedAt": "%s", "category": "welfare concern", "borough": "E09000022"}"""
                .formatted(reportedAt));
    }

    private Instant at(String reportedAt) {
        SourceRecord r = report(reportedAt);
        assertThat(r.problems()).as(reportedAt).isEmpty();
        return r.events().get(0).occurredAt();
    }

    @Test
    void aNegativeOffsetIsAValidTime() {
        assertThat(at("2026-03-14T21:10:00-01:00")).isEqualTo(Instant.parse("2026-03-14T22:10:00Z"));
        assertThat(at("2026-07-14T23:10:00+01:00")).isEqualTo(Instant.parse("2026-07-14T22:10:00Z"));
        assertThat(at("2026-03-14T22:10:00.6339576Z")).isEqualTo(Instant.parse("2026-03-14T22:10:00.6339576Z"));
    }

    @Test
    void aTimeWithoutAZoneIsLondonTime() {
        // British Summer Time: 23:10 in London is 22:10 UTC
        assertThat(at("2026-07-14T23:10:00")).isEqualTo(Instant.parse("2026-07-14T22:10:00Z"));
        // winter: London is on UTC
        assertThat(at("2026-01-14T23:10:00")).isEqualTo(Instant.parse("2026-01-14T23:10:00Z"));
    }

    @Test
    void notSetOrNotATimeIsStillQuarantined() {
        assertThat(report("0001-01-01T00:00:00Z").problems())
                .containsExactly("reportedAt: missing, not set (0001-01-01) or not an ISO-8601 time");
        assertThat(report("14/03/2026 22:10").problems())
                .containsExactly("reportedAt: missing, not set (0001-01-01) or not an ISO-8601 time");
    }
}
