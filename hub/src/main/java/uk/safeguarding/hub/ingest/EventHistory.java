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
 * Reads the events that involve given person records, newest first. Only the access module calls
 * this: what it returns is raw and must pass a disclosure decision before it leaves the hub.
 */
@Service
public class EventHistory {

    /** An event as stored, with the roles the given people played in it. */
    public record StoredEvent(UUID id, String agency, String kind, OffsetDateTime occurredAt, String category,
            String summary, String locationLine, String postcode, String borough, String sensitivity,
            List<String> roles) {
    }

    private final JdbcClient jdbc;

    EventHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Current events involving any of {@code personRecordIds} from {@code agencies} (none if it is empty:
     * a caller who may see no agency's events sees none), skipping {@code offset} and returning at most
     * {@code limit}.
     */
    public List<StoredEvent> involving(Collection<Long> personRecordIds, Set<String> agencies, long offset, int limit) {
        if (personRecordIds.isEmpty() || agencies.isEmpty()) {
            return List.of();
        }
        String[] agencyFilter = agencies.toArray(String[]::new);
        return jdbc.sql("""
                select e.id, e.agency, e.kind, e.occurred_at, e.category, e.summary, e.location_line, e.postcode,
                       e.borough, e.sensitivity, array_agg(distinct p.role order by p.role) as roles
                from event e
                join event_party p on p.event_id = e.id
                where p.person_record_id = any(?) and e.current
                  and e.agency = any(?::text[])
                group by e.id
                order by e.occurred_at desc, e.id
                offset ? limit ?""")
                .params(personRecordIds.toArray(Long[]::new), agencyFilter, offset, limit)
                .query(EventHistory::row).list();
    }

    /** One current event, if it involves any of {@code personRecordIds} and comes from one of {@code agencies}. */
    public Optional<StoredEvent> one(Collection<Long> personRecordIds, Set<String> agencies, UUID eventId) {
        if (personRecordIds.isEmpty() || agencies.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select e.id, e.agency, e.kind, e.occurred_at, e.category, e.summary, e.location_line, e.postcode,
                       e.borough, e.sensitivity, array_agg(distinct p.role order by p.role) as roles
                from event e join event_party p on p.event_id = e.id
                where e.id = ? and p.person_record_id = any(?) and e.current and e.agency = any(?::text[])
                group by e.id""")
                .params(eventId, personRecordIds.toArray(Long[]::new), agencies.toArray(String[]::new))
                .query(EventHistory::row).optional();
    }

    /** How many current events involving any of {@code personRecordIds} each of {@code agencies} holds. */
    public Map<String, Integer> countByAgency(Collection<Long> personRecordIds, Set<String> agencies) {
        Map<String, Integer> counts = new HashMap<>();
        if (personRecordIds.isEmpty() || agencies.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                select e.agency, count(distinct e.id) from event e join event_party p on p.event_id = e.id
                where p.person_record_id = any(?) and e.current and e.agency = any(?::text[]) group by e.agency""")
                .params(personRecordIds.toArray(Long[]::new), agencies.toArray(String[]::new))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
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
