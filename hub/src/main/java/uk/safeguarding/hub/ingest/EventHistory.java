package uk.safeguarding.hub.ingest;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the events that involve given person records, newest first, and finds the people whose events
 * show a pattern. Only the access module calls this: what it returns is raw and must pass a disclosure
 * decision before it leaves the hub.
 */
@Service
public class EventHistory {

    /** An event as stored, with the roles the given people played in it. */
    public record StoredEvent(UUID id, String agency, String kind, OffsetDateTime occurredAt, String category,
            String summary, String locationLine, String postcode, String borough, String sensitivity,
            List<String> roles) {
    }

    /**
     * An agency's events of one class of data (ORDINARY, SPECIAL_CATEGORY, CRIMINAL_OFFENCE): what the
     * fact that a record exists is decided for, since the fact of a mental health encounter is itself
     * health data.
     */
    public record EventClass(String agency, String sensitivity) {
    }

    private final JdbcClient jdbc;

    EventHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Current events involving any of {@code personRecordIds} of the {@code classes} (none if it is empty:
     * a caller who may learn of no agency's events sees none), skipping {@code offset} and returning at
     * most {@code limit}.
     */
    public List<StoredEvent> involving(Collection<Long> personRecordIds, Set<EventClass> classes, long offset, int limit) {
        if (personRecordIds.isEmpty() || classes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select e.id, e.agency, e.kind, e.occurred_at, e.category, e.summary, e.location_line, e.postcode,
                       e.borough, e.sensitivity, array_agg(distinct p.role order by p.role) as roles
                from event e
                join event_party p on p.event_id = e.id
                where p.person_record_id = any(?) and e.current
                  and e.agency || '|' || e.sensitivity = any(?::text[])
                group by e.id
                order by e.occurred_at desc, e.id
                offset ? limit ?""")
                .params(personRecordIds.toArray(Long[]::new), keys(classes), offset, limit)
                .query(EventHistory::row).list();
    }

    /** One current event, if it involves any of {@code personRecordIds} and is of one of the {@code classes}. */
    public Optional<StoredEvent> one(Collection<Long> personRecordIds, Set<EventClass> classes, UUID eventId) {
        if (personRecordIds.isEmpty() || classes.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select e.id, e.agency, e.kind, e.occurred_at, e.category, e.summary, e.location_line, e.postcode,
                       e.borough, e.sensitivity, array_agg(distinct p.role order by p.role) as roles
                from event e join event_party p on p.event_id = e.id
                where e.id = ? and p.person_record_id = any(?) and e.current
                  and e.agency || '|' || e.sensitivity = any(?::text[])
                group by e.id""")
                .params(eventId, personRecordIds.toArray(Long[]::new), keys(classes))
                .query(EventHistory::row).optional();
    }

    /**
     * A pattern of repeated victimisation: at least {@code incidents} current events of {@code kinds} since
     * {@code since}, from at least {@code agencies} agencies, in none of which the person played one of
     * {@code excludedRoles}.
     */
    public record RepeatPattern(Set<String> kinds, Set<String> excludedRoles, OffsetDateTime since, int incidents,
            int agencies) {
    }

    /**
     * Subjects whose events of the {@code classes} show the pattern, with one of them in {@code boroughs},
     * leaving out {@code excluded}; most incidents first, at most {@code max}.
     */
    public List<UUID> showing(RepeatPattern pattern, Set<EventClass> classes, Set<String> boroughs,
            Collection<UUID> excluded, int max) {
        if (classes.isEmpty() || boroughs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select l.subject_id from event e
                join event_party p on p.event_id = e.id
                join record_subject l on l.person_record_id = p.person_record_id
                where e.current and e.kind = any(?) and e.occurred_at >= ? and p.role <> all(?)
                  and e.agency || '|' || e.sensitivity = any(?::text[])
                  and l.subject_id <> all(?)
                group by l.subject_id
                having count(distinct e.id) >= ? and count(distinct e.agency) >= ? and bool_or(e.borough = any(?))
                order by count(distinct e.id) desc, l.subject_id
                limit ?""")
                .params(pattern.kinds().toArray(String[]::new), pattern.since(), pattern.excludedRoles().toArray(String[]::new),
                        keys(classes), excluded.toArray(UUID[]::new), pattern.incidents(),
                        pattern.agencies(),
                        boroughs.toArray(String[]::new), max)
                .query(UUID.class).list();
    }

    /** How many current events of the {@code classes} involving any of {@code personRecordIds} each agency holds. */
    public Map<String, Integer> countByAgency(Collection<Long> personRecordIds, Set<EventClass> classes) {
        Map<String, Integer> counts = new HashMap<>();
        if (personRecordIds.isEmpty() || classes.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                select e.agency, count(distinct e.id) from event e join event_party p on p.event_id = e.id
                where p.person_record_id = any(?) and e.current
                  and e.agency || '|' || e.sensitivity = any(?::text[])
                group by e.agency""")
                .params(personRecordIds.toArray(Long[]::new), keys(classes))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * The classes as one filter on each event already found through its parties: a plain filter, so that
     * the planner never starts from every event of an agency.
     */
    private static String[] keys(Set<EventClass> classes) {
        return classes.stream().map(c -> c.agency() + "|" + c.sensitivity()).toArray(String[]::new);
    }

    private static StoredEvent row(ResultSet rs, int n) throws SQLException {
        Array roles = rs.getArray("roles");
        return new StoredEvent(rs.getObject("id", UUID.class), rs.getString("agency"), rs.getString("kind"),
                rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString("category"), rs.getString("summary"), rs.getString("location_line"),
                rs.getString("postcode"), rs.getString("borough"), rs.getString("sensitivity"),
                Arrays.asList((String[]) roles.getArray()));
    }
}
