package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * Reads outside working hours show as an anomaly, and reads inside them do not, whatever the hour at which
 * the suite runs: the hub's clock is moved to a Saturday night and then to a Monday morning in London. A
 * hub of its own, because its clock jumps days ahead.
 */
@TestPropertySource(properties = "hub.audit.anomalies.out-of-hours-reads=3")
@DirtiesContext
class OutOfHoursReadsTest extends LocalHubTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void readsOnASaturdayNightAreFlaggedAndReadsOnAMondayMorningAreNot() {
        ZonedDateTime saturdayNight = ZonedDateTime.ofInstant(clock.instant(), LONDON)
                .with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).with(LocalTime.of(3, 0));
        clock.advanceTo(saturdayNight.toInstant());
        readThreeTimes("lambeth.analyst");

        ZonedDateTime mondayMorning = saturdayNight.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(LocalTime.of(11, 0));
        clock.advanceTo(mondayMorning.toInstant());
        readThreeTimes("lambeth.chair");

        JsonNode found = client.query(client.devToken("hub.auditor"),
                "query($from: DateTime, $to: DateTime) { accessAnomalies(from: $from, to: $to) { actor kind count } }",
                Map.of("from", saturdayNight.minusHours(1).toOffsetDateTime().toString(),
                        "to", mondayMorning.plusHours(1).toOffsetDateTime().toString()))
                .data().path("accessAnomalies");
        List<String> outOfHours = new ArrayList<>();
        found.forEach(a -> {
            if (a.path("kind").asString().equals("OUT_OF_HOURS")) {
                outOfHours.add(a.path("actor").asString() + ":" + a.path("count").asInt());
            }
        });
        assertThat(outOfHours).as(found.toString()).containsExactly("lambeth.analyst:3");
    }

    private void readThreeTimes(String user) {
        var victim = TestRecords.resident(0);
        String token = client.devToken(user);
        for (int i = 0; i < 3; i++) {
            JsonNode edges = client.query(token, "query($name: String) { searchSubjects(purpose: VVASB_PANEL, name: $name, first: 1) "
                    + "{ edges { node { id } } } }", Map.of("name", victim.familyName())).data().path("searchSubjects").path("edges");
            assertThat(edges.isEmpty()).as("a read that touches a subject").isFalse();
        }
    }
}
