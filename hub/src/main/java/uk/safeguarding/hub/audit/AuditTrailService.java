package uk.safeguarding.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each query first appends its own audit entry (operation, no subjects) and commits it, so an auditor's
 * reading is on the record before any answer leaves; then it reads in one repeatable-read snapshot.
 * The two steps are separate transactions because an append must see the latest committed head.
 */
@Service
class AuditTrailService implements AuditTrail {

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final JdbcClient jdbc;
    private final AuditProperties.Anomalies thresholds;
    private final TransactionTemplate write;
    private final TransactionTemplate snapshot;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;

    AuditTrailService(AuditLog log, AuditCheckpoints checkpoints, JdbcClient jdbc, AuditProperties properties,
            PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.log = log;
        this.checkpoints = checkpoints;
        this.jdbc = jdbc;
        this.thresholds = properties.anomalies();
        this.write = new TransactionTemplate(transactions);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Override
    public Verification verify(Auditor auditor, OffsetDateTime from, OffsetDateTime to) {
        record(auditor, "verifyAuditLog", period(from, to));
        ChainVerifier.Outcome outcome = read(() -> checkpoints.verify(instant(from), instant(to)));
        return new Verification(outcome.valid(), outcome.entriesChecked(), outcome.firstBadSequence(),
                outcome.problem(), outcome.checkpointsChecked());
    }

    @Override
    public EntryPage entries(Auditor auditor, Filter filter, long offset, int limit) {
        Map<String, Object> detail = new LinkedHashMap<>();
        // which criteria, not their values, as for subject searches
        List<String> criteria = new ArrayList<>();
        if (filter.actor() != null) criteria.add("actor");
        if (filter.agency() != null) criteria.add("agency");
        if (filter.subjectId() != null) criteria.add("subjectId");
        if (filter.purpose() != null) criteria.add("purpose");
        if (filter.operation() != null) criteria.add("operation");
        if (filter.from() != null) criteria.add("from");
        if (filter.to() != null) criteria.add("to");
        detail.put("criteria", criteria);
        detail.put("offset", offset);
        record(auditor, "auditEntries", detail);
        List<AuditedEntry> rows = read(() -> jdbc.sql("""
                select sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation, subjects::text[],
                       detail::text, previous_hash, hash
                from audit_entry
                where (?::text is null or actor = ?) and (?::text is null or actor_agency = ?)
                  and (?::uuid is null or subjects @> array[?::uuid]) and (?::text is null or purpose = ?)
                  and (?::text is null or operation = ?)
                  and (?::timestamptz is null or recorded_at >= ?) and (?::timestamptz is null or recorded_at <= ?)
                order by sequence offset ? limit ?""")
                .params(filter.actor(), filter.actor(), filter.agency(), filter.agency(), filter.subjectId(),
                        filter.subjectId(), filter.purpose(), filter.purpose(), filter.operation(), filter.operation(),
                        ts(filter.from()), ts(filter.from()), ts(filter.to()), ts(filter.to()), offset, limit + 1)
                .query((rs, n) -> audited(rs)).list());
        boolean hasNext = rows.size() > limit;
        return new EntryPage(rows.subList(0, Math.min(limit, rows.size())), offset, hasNext);
    }

    @Override
    public List<AccessRecord> accessReport(Auditor auditor, UUID subjectId) {
        record(auditor, "accessReport", Map.of("subject", subjectId.toString()));
        List<AuditedEntry> rows = read(() -> jdbc.sql("""
                select sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation, subjects::text[],
                       detail::text, previous_hash, hash
                from audit_entry where subjects @> array[?::uuid] order by sequence""")
                .param(subjectId).query((rs, n) -> audited(rs)).list());
        return rows.stream().map(e -> accessRecord(e, subjectId.toString())).toList();
    }

    /**
     * What the entry released and withheld about this subject only: a search entry also lists other
     * subjects, which are not this requester's business. The access module writes one {@code records}
     * list of subjects and events, each with the fields released and withheld, and the agreements relied on.
     */
    private AccessRecord accessRecord(AuditedEntry e, String subject) {
        JsonNode detail = json.readTree(e.detail());
        List<String> released = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<WithheldField> withheld = new ArrayList<>();
        for (JsonNode r : detail.path("records")) {
            String event = r.path("event").asString(null);
            if (event == null && !subject.equals(r.path("subject").asString(""))) {
                continue;
            }
            if (event != null) {
                events.add(event);
            } else {
                r.path("released").forEach(f -> released.add(f.asString()));
            }
            for (JsonNode w : r.path("withheld")) {
                withheld.add(new WithheldField(event, w.path("field").asString(""), w.path("reason").asString("")));
            }
        }
        List<String> agreements = new ArrayList<>();
        detail.path("agreements").propertyNames().forEach(agreements::add);
        return new AccessRecord(e.sequence(), e.recordedAt(), e.actor(), e.actorAgency(), e.actorRoles(), e.purpose(),
                e.operation(), detail.has("refused"), agreements, released, events, withheld);
    }

    @Override
    public List<AccessAnomaly> anomalies(Auditor auditor, OffsetDateTime from, OffsetDateTime to) {
        record(auditor, "accessAnomalies", period(from, to));
        Instant end = to == null ? clock.instant() : to.toInstant();
        Instant start = from == null ? end.minus(thresholds.window()) : from.toInstant();
        return read(() -> {
            List<AccessAnomaly> found = new ArrayList<>();
            found.addAll(anomalies(AnomalyKind.BULK_READING, thresholds.bulkSubjects(), """
                    select actor, max(actor_agency), count(distinct s), min(recorded_at), max(recorded_at)
                    from audit_entry, unnest(subjects) s
                    where recorded_at >= ? and recorded_at <= ?
                    group by actor having count(distinct s) >= ?""", start, end));
            found.addAll(anomalies(AnomalyKind.OUT_OF_HOURS, thresholds.outOfHoursReads(), """
                    select actor, max(actor_agency), count(*), min(recorded_at), max(recorded_at)
                    from audit_entry
                    where recorded_at >= ? and recorded_at <= ? and cardinality(subjects) > 0
                      and (extract(isodow from recorded_at at time zone '%1$s') > 5
                           or (recorded_at at time zone '%1$s')::time < '%2$s'
                           or (recorded_at at time zone '%1$s')::time >= '%3$s')
                    group by actor having count(*) >= ?""".formatted(thresholds.zone().getId(),
                    thresholds.workdayStart(), thresholds.workdayEnd()), start, end));
            found.addAll(anomalies(AnomalyKind.REPEATED_REFUSALS, thresholds.refusals(), """
                    select actor, max(actor_agency), count(*), min(recorded_at), max(recorded_at)
                    from audit_entry
                    where recorded_at >= ? and recorded_at <= ? and (detail::jsonb -> 'refused') is not null
                    group by actor having count(*) >= ?""", start, end));
            found.addAll(anomalies(AnomalyKind.REPEATED_WITHHELD, thresholds.withheldFields(), """
                    select actor, max(actor_agency),
                           sum(jsonb_array_length(jsonb_path_query_array(detail::jsonb, '$.*[*].withheld[*]'))) n,
                           min(recorded_at), max(recorded_at)
                    from audit_entry
                    where recorded_at >= ? and recorded_at <= ?
                    group by actor
                    having sum(jsonb_array_length(jsonb_path_query_array(detail::jsonb, '$.*[*].withheld[*]'))) >= ?""",
                    start, end));
            found.sort(Comparator.comparing(AccessAnomaly::actor).thenComparing(AccessAnomaly::kind));
            return found;
        });
    }

    private List<AccessAnomaly> anomalies(AnomalyKind kind, int threshold, String sql, Instant start, Instant end) {
        return jdbc.sql(sql).params(Timestamp.from(start), Timestamp.from(end), threshold)
                .query((rs, n) -> new AccessAnomaly(rs.getString(1), rs.getString(2), kind, rs.getLong(3), threshold,
                        utc(AuditStore.instant(rs, 4)), utc(AuditStore.instant(rs, 5))))
                .list();
    }

    @Override
    public void refused(Auditor auditor, String operation, String reason) {
        record(auditor, operation, Map.of("refused", reason));
    }

    private void record(Auditor auditor, String operation, Map<String, Object> detail) {
        write.executeWithoutResult(status -> log.append(new AuditLog.Entry(auditor.userId(), auditor.agency(),
                auditor.roles(), null, operation, List.of(), detail)));
    }

    private <T> T read(Supplier<T> query) {
        return snapshot.execute(status -> query.get());
    }

    private static AuditedEntry audited(ResultSet rs) throws SQLException {
        return new AuditedEntry(rs.getLong(1), utc(AuditStore.instant(rs, 2)), rs.getString(3), rs.getString(4),
                AuditStore.strings(rs.getArray(5)), rs.getString(6), rs.getString(7),
                AuditStore.strings(rs.getArray(8)).stream().map(UUID::fromString).toList(), rs.getString(9),
                rs.getString(10), rs.getString(11));
    }

    private static Map<String, Object> period(OffsetDateTime from, OffsetDateTime to) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", from == null ? null : from.toInstant().toString());
        detail.put("to", to == null ? null : to.toInstant().toString());
        return detail;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Timestamp ts(OffsetDateTime time) {
        return time == null ? null : Timestamp.from(time.toInstant());
    }
}
