package uk.safeguarding.hub.casework;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.access.DisclosedEvent;

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
    private final JdbcClient jdbc;
    private final Clock clock;

    RepeatVictimisation(Settings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Settings settings() {
        return settings;
    }

    OffsetDateTime since() {
        return OffsetDateTime.now(clock).minusDays(settings.days());
    }

    /**
     * Subjects whose records of these agencies show the pattern, with an incident in these boroughs, and who
     * have no open case, most incidents first.
     */
    List<UUID> candidates(Set<String> boroughs, Set<String> agencies, int max) {
        return jdbc.sql("""
                select l.subject_id from event e
                join event_party p on p.event_id = e.id
                join subject_link l on l.person_record_id = p.person_record_id and l.status in ('auto', 'confirmed')
                where e.current and e.kind = any(?) and e.occurred_at >= ? and p.role <> all(?) and e.agency = any(?)
                  and not exists (select 1 from panel_case c where c.subject_id = l.subject_id and c.closed_at is null)
                group by l.subject_id
                having count(distinct e.id) >= ? and count(distinct e.agency) >= ? and bool_or(e.borough = any(?))
                order by count(distinct e.id) desc, l.subject_id
                limit ?""")
                .params(RiskMatrix.INCIDENTS.toArray(String[]::new), since(), RiskMatrix.ACCUSED.toArray(String[]::new),
                        agencies.toArray(String[]::new), settings.incidents(), settings.agencies(), boroughs.toArray(String[]::new), max)
                .query(UUID.class).list();
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
