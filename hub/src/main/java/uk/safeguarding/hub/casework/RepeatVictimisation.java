package uk.safeguarding.hub.casework;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.ingest.EventHistory;

/**
 * The pattern that suggests a referral before any agency makes one: the same person suffering repeated
 * incidents, known to more than one agency, within a period, with no case open. Candidates are found and
 * ranked on the events of agencies the analyst may learn of, and a suggestion is made only if the pattern
 * holds on the events they may see: no one is put forward, or ahead of another, by what the analyst may not see.
 */
final class RepeatVictimisation {

    /**
     * @param incidents incidents against the person within the period
     * @param agencies  agencies they were recorded by
     * @param days      the period, counted back from today
     */
    @ConfigurationProperties("hub.casework.repeat-victimisation")
    record Settings(@DefaultValue("3") int incidents, @DefaultValue("2") int agencies, @DefaultValue("90") int days) {
    }

    private final Settings settings;
    private final Clock clock;

    RepeatVictimisation(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Settings settings() {
        return settings;
    }

    OffsetDateTime since() {
        return OffsetDateTime.now(clock).minusDays(settings.days());
    }

    /** The pattern, as the events are searched for it. */
    EventHistory.RepeatPattern pattern() {
        return new EventHistory.RepeatPattern(RiskMatrix.INCIDENTS, RiskMatrix.ACCUSED, since(), settings.incidents(),
                settings.agencies());
    }

    /** The incidents against the person in the period, among the events given; the pattern holds if they are enough. */
    List<DisclosedEvent> incidents(List<DisclosedEvent> visible) {
        OffsetDateTime since = since();
        return visible.stream().filter(e -> e.kind() != null && RiskMatrix.INCIDENTS.contains(e.kind())
                && e.occurredAt() != null && !e.occurredAt().isBefore(since)
                && e.roles().stream().noneMatch(RiskMatrix.ACCUSED::contains)).toList();
    }

    boolean holds(List<DisclosedEvent> incidents) {
        return incidents.size() >= settings.incidents()
                && incidents.stream().map(DisclosedEvent::agency).distinct().count() >= settings.agencies();
    }
}
