package uk.safeguarding.hub.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.matching.MatchModel;

/**
 * Analysts' decisions on identity links. A move supersedes the record's live link (kept, marked
 * superseded) with a confirmed one to the new subject, writes the move to {@code link_move}, and hands
 * the identity keys only the moved records hold to the subject they went to, so that later arrivals
 * follow them. Subjects, then keys, are locked in one order, as ingest locks keys, so that a decision and
 * a batch about the same person do not interleave.
 */
@Service
class IdentityDecisions implements LinkReviews {

    private static final int SUBJECT_LOCKS = 7303;
    private static final int KEY_LOCKS = 7301;
    private static final String LIVE = "('auto', 'confirmed')";

    private final JdbcClient jdbc;
    private final MatchModels models;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    IdentityDecisions(JdbcClient jdbc, MatchModels models, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.models = models;
        this.audit = audit;
        this.events = events;
    }

    /** Who merges subjects by rule, in the decision, the links and the audit log. */
    static final String RULES = "hub:deterministic-rules";

    /**
     * Merges subject {@code from} into {@code to} because one arriving record carries identity keys both
     * hold ({@code rule}: the kind of key that found {@code from}), in the caller's transaction: a decision
     * of its own, every live record of {@code from} moved with the move kept (so a split undoes it), the
     * keys following the records, and an audit entry. Not merged (returns false) when any record of one
     * clearly differs from any of the other on a discriminating field: an exact key shared by two
     * different people is a recording error for an analyst, not a reason to merge them. Also not merged
     * while an analyst's decision holds either subject (the next record with both keys tries again).
     */
    boolean mergeByRule(UUID from, UUID to, String rule) {
        String[] ids = {from.toString(), to.toString()};
        java.util.Arrays.sort(ids);
        for (String id : ids) {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?, hashtext(?))").params(SUBJECT_LOCKS, id)
                    .query(Boolean.class).single()) {
                return false;
            }
        }
        List<MatchModel.Prepared> a = discriminating(from);
        List<MatchModel.Prepared> b = discriminating(to);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (MatchModel.Prepared x : a) {
            for (MatchModel.Prepared y : b) {
                if (MatchModel.conflict(x, y)) {
                    return false;
                }
            }
        }
        List<Long> records = liveRecords(from);
        long decision = decision("merge-subjects", null, to, RULES,
                "one record carries identity keys both subjects hold (" + rule + ")");
        move(decision, records, from, to, RULES, "merged-by-rule", "auto");
        events.publishEvent(new SubjectsMerged(decision, from, to, RULES));
        audit.append(new AuditLog.Entry(RULES, null, Set.of(), null, "mergeSubjects", List.of(from, to),
                Map.of("decision", decision, "rule", rule, "records", records, "from", from.toString(), "to", to.toString())));
        return true;
    }

    /** A subject's live records, their fields for comparing. */
    private List<MatchModel.Prepared> discriminating(UUID subject) {
        return jdbc.sql("""
                select distinct r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number
                from subject_link l join person_record r on r.id = l.person_record_id
                where l.subject_id = ? and l.status in """ + LIVE)
                .param(subject)
                .query((rs, n) -> MatchModel.prepare(MatchModels.person(rs.getString(1), rs.getString(2),
                        rs.getObject(3, java.time.LocalDate.class), rs.getString(4), rs.getString(5), null, null, null, null,
                        null)))
                .list();
    }

    private static final String REVIEW = """
            select v.id, v.person_record_id, la.subject_id, a.agency, v.candidate_record_id, lb.subject_id, b.agency,
                   v.score, v.contributions::text, v.status, v.proposed_at, v.decided_by, v.decided_at, v.cause
            from link_review v
            join person_record a on a.id = v.person_record_id
            join subject_link la on la.person_record_id = a.id and la.status in """ + LIVE + """

            join person_record b on b.id = v.candidate_record_id
            join subject_link lb on lb.person_record_id = b.id and lb.status in """ + LIVE + "\n";

    @Override
    @Transactional(readOnly = true)
    public List<Review> pending(Collection<String> agencies, long afterId, int limit) {
        if (agencies.isEmpty()) {
            return List.of();
        }
        String[] visible = agencies.toArray(String[]::new);
        return jdbc.sql(REVIEW + """
                where v.status = 'pending' and v.id > ? and a.agency = any(?::text[]) and b.agency = any(?::text[])
                order by v.id limit ?""")
                .params(afterId, visible, visible, limit)
                .query((rs, n) -> review(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Review> review(long id) {
        return jdbc.sql(REVIEW + "where v.id = ?").param(id).query((rs, n) -> review(rs)).optional();
    }

    private static Review review(ResultSet rs) throws SQLException {
        List<Contribution> waterfall = MatchModels.JSON.readValue(rs.getString(9), new TypeReference<List<Contribution>>() {
        });
        return new Review(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4), rs.getLong(5),
                rs.getObject(6, UUID.class), rs.getString(7), rs.getDouble(8), waterfall, rs.getString(10),
                rs.getObject(11, OffsetDateTime.class), rs.getString(12), rs.getObject(13, OffsetDateTime.class),
                Cause.of(rs.getString(14)));
    }

    @Override
    @Transactional
    public Decision confirm(long reviewId, String actor, String reason) {
        Review r = pendingForUpdate(reviewId);
        lockSubjects(r.subjectId(), r.candidateSubjectId());
        // the subjects as they are once locked: an earlier decision may have moved the records
        UUID from = liveSubject(r.recordId());
        UUID to = liveSubject(r.candidateRecordId());
        long nhsNumbers = jdbc.sql("""
                select count(distinct value) from subject_key where kind = 'nhs-number' and subject_id in (?, ?)""")
                .params(from, to).query(Long.class).single();
        if (nhsNumbers > 1) {
            throw new Refused("id: the two subjects hold different NHS numbers, so they cannot be one person");
        }
        long decision = decision("confirm-link", reviewId, to, actor, reason);
        if (!from.equals(to)) {
            move(decision, liveRecords(from), from, to, actor, "analyst-confirmed", "confirmed");
            events.publishEvent(new SubjectsMerged(decision, from, to, actor));
        }
        decide(reviewId, "confirmed", actor, reason);
        return decision(decision);
    }

    @Override
    @Transactional
    public Decision reject(long reviewId, String actor, String reason) {
        Review r = pendingForUpdate(reviewId);
        long decision = decision("reject-link", reviewId, r.subjectId(), actor, reason);
        decide(reviewId, "rejected", actor, reason);
        return decision(decision);
    }

    @Override
    @Transactional
    public Decision split(UUID subjectId, Collection<Long> recordIds, String actor, String reason) {
        lockSubjects(subjectId);
        Set<Long> leaving = new HashSet<>(recordIds);
        List<Long> held = liveRecords(subjectId);
        if (leaving.isEmpty() || !held.containsAll(leaving)) {
            throw new Refused("recordIds: every record must be one of the subject's own");
        }
        if (leaving.size() == held.size()) {
            throw new Refused("recordIds: a split leaves at least one record with the subject");
        }
        // records a merge brought in go back to the subject they came from (its consent, cases and keys
        // are still there); anything else goes to a new subject
        Map<Long, UUID> cameFrom = new LinkedHashMap<>();
        jdbc.sql("""
                select distinct on (person_record_id) person_record_id, from_subject from link_move
                where to_subject = ? and person_record_id = any(?::bigint[])
                order by person_record_id, decision_id desc""")
                .params(subjectId, leaving.toArray(Long[]::new))
                .query(rs -> {
                    cameFrom.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        Set<UUID> origins = new HashSet<>(cameFrom.values());
        UUID to;
        boolean returning = cameFrom.size() == leaving.size() && origins.size() == 1
                && liveRecords(origins.iterator().next()).isEmpty();
        if (returning) {
            to = origins.iterator().next();
        } else {
            to = UUID.randomUUID();
            jdbc.sql("insert into subject (id) values (?)").param(to).update();
        }
        lockSubjects(to);
        long decision = decision("split-subject", null, subjectId, actor, reason);
        move(decision, List.copyOf(leaving), subjectId, to, actor, "analyst-split", "confirmed");
        if (returning) {
            // what followed the records into this subject (consent, case assignments) goes back with them
            events.publishEvent(new MergeUndone(decision, subjectId, to, actor));
        }
        return decision(decision);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Held> recordsOf(UUID subjectId) {
        return jdbc.sql("select r.id, r.agency from subject_link l join person_record r on r.id = l.person_record_id "
                        + "where l.subject_id = ? and l.status in " + LIVE + " order by r.id")
                .param(subjectId).query((rs, n) -> new Held(rs.getLong(1), rs.getString(2))).list();
    }

    private List<Long> liveRecords(UUID subjectId) {
        return jdbc.sql("select person_record_id from subject_link where subject_id = ? and status in " + LIVE
                + " order by person_record_id").param(subjectId).query(Long.class).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Decision> history(UUID subjectId) {
        return jdbc.sql("""
                select d.id from identity_decision d
                where d.subject_id = ?
                   or exists (select 1 from link_move m where m.decision_id = d.id and (m.from_subject = ? or m.to_subject = ?))
                   or exists (select 1 from link_review v join subject_link l on l.person_record_id in (v.person_record_id,
                              v.candidate_record_id) and l.status in """ + LIVE + """
                               where v.id = d.review_id and l.subject_id = ?)
                order by d.id""")
                .params(subjectId, subjectId, subjectId, subjectId)
                .query(Long.class).list().stream().map(this::decision).toList();
    }

    @Override
    public Optional<Model> train(String actor) {
        return Optional.ofNullable(models.train(actor)).map(IdentityDecisions::model);
    }

    @Override
    public Optional<Model> model() {
        return models.latest().map(IdentityDecisions::model);
    }

    private static Model model(MatchModels.Trained t) {
        return new Model(t.id(), t.trainedAt(), t.trainedBy(), t.records(), t.lower(), t.upper());
    }

    private Review pendingForUpdate(long reviewId) {
        Optional<String> status = jdbc.sql("select status from link_review where id = ? for update").param(reviewId)
                .query(String.class).optional();
        if (status.isEmpty()) {
            throw new Refused("id: no link review has this id");
        }
        if (!status.get().equals("pending")) {
            throw new Refused("id: this review was already decided (" + status.get() + ")");
        }
        return review(reviewId).orElseThrow(() -> new Refused("id: no link review has this id"));
    }

    private UUID liveSubject(long recordId) {
        return jdbc.sql("select subject_id from subject_link where person_record_id = ? and status in " + LIVE)
                .param(recordId).query(UUID.class).single();
    }

    private void lockSubjects(UUID... subjects) {
        String[] ids = java.util.Arrays.stream(subjects).map(UUID::toString).toArray(String[]::new);
        jdbc.sql("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(s) as h from unnest(?::text[]) s order by 1) locks""")
                .params(SUBJECT_LOCKS, ids).query((rs, n) -> 1).list();
    }

    private long decision(String kind, Long reviewId, UUID subject, String actor, String reason) {
        return jdbc.sql("""
                insert into identity_decision (kind, review_id, subject_id, decided_by, reason)
                values (?, ?, ?, ?, ?) returning id""")
                .params(kind, reviewId, subject, actor, reason).query(Long.class).single();
    }

    private void decide(long reviewId, String status, String actor, String reason) {
        jdbc.sql("update link_review set status = ?, decided_by = ?, decided_at = now(), reason = ? where id = ?")
                .params(status, actor, reason, reviewId).update();
    }

    /** Moves the records' live links from one subject to another, keeping the old links and the move. */
    private void move(long decision, List<Long> records, UUID from, UUID to, String actor, String method, String status) {
        Long[] ids = records.toArray(Long[]::new);
        // the identity keys the moving records carry, locked as ingest locks them
        jdbc.sql("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(kind || '|' || value) as h from (""" + KEYS + """
                    ) k order by 1) locks""")
                .params(KEY_LOCKS, ids, ids, ids).query((rs, n) -> 1).list();
        List<Double> scores = new ArrayList<>();
        List<Long> moved = new ArrayList<>();
        jdbc.sql("update subject_link set status = 'superseded' where person_record_id = any(?::bigint[]) and subject_id = ? "
                        + "and status in " + LIVE + " returning person_record_id, score")
                .params(ids, from)
                .query(rs -> {
                    moved.add(rs.getLong(1));
                    scores.add(rs.getDouble(2));
                });
        jdbc.sql("""
                insert into subject_link (person_record_id, subject_id, method, score, status, decided_by)
                select x.record, ?, ?, x.score, ?, ? from unnest(?::bigint[], ?::float8[]) x(record, score)""")
                .params(to, method, status, actor, moved.toArray(Long[]::new), scores.toArray(Double[]::new)).update();
        jdbc.sql("""
                insert into link_move (decision_id, person_record_id, from_subject, to_subject)
                select ?, unnest(?::bigint[]), ?, ?""")
                .params(decision, ids, from, to).update();
        // keys held by records that stay are left with the subject they stay in
        Long[] staying = liveRecords(from).toArray(Long[]::new);
        jdbc.sql("""
                update subject_key s set subject_id = ?
                from (select kind, value from (""" + KEYS + """
                      ) moving
                      except select kind, value from (""" + KEYS + """
                      ) stay) k
                where s.kind = k.kind and s.value = k.value and s.subject_id = ?""")
                .params(to, ids, ids, ids, staying, staying, staying, from).update();
    }

    /** The deterministic identity keys of a set of records (three parameters: the same ids). */
    private static final String KEYS = """
            select 'agency-id' as kind, unnest(agency_ids) as value from person_record where id = any(?::bigint[])
            union all
            select 'nhs-number', nhs_number from person_record where id = any(?::bigint[]) and nhs_number is not null
            union all
            select 'name-dob', family_name_key || '|' || given_name_key || '|' || date_of_birth from person_record
            where id = any(?::bigint[]) and family_name_key is not null and given_name_key is not null
              and date_of_birth is not null""";

    private Decision decision(long id) {
        List<Move> moves = jdbc.sql("""
                select person_record_id, from_subject, to_subject from link_move where decision_id = ? order by person_record_id""")
                .param(id)
                .query((rs, n) -> new Move(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))).list();
        List<Held> concerns = jdbc.sql("""
                select p.id, p.agency from person_record p
                where p.id in (select person_record_id from link_move where decision_id = ?)
                   or p.id in (select unnest(array[v.person_record_id, v.candidate_record_id]) from identity_decision d
                               join link_review v on v.id = d.review_id where d.id = ?)
                order by p.id""")
                .params(id, id).query((rs, n) -> new Held(rs.getLong(1), rs.getString(2))).list();
        return jdbc.sql("select id, kind, review_id, subject_id, decided_by, decided_at, reason from identity_decision where id = ?")
                .param(id)
                .query((rs, n) -> new Decision(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7),
                        new ArrayList<>(moves), concerns))
                .single();
    }
}
