package uk.safeguarding.hub.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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

/**
 * Analysts' decisions on identity links: the pairs to review, confirming, rejecting, splitting, and the
 * history of a subject's decisions. The records' moves are written by {@link LinkMoves}.
 */
@Service
class IdentityDecisions implements LinkReviews {

    private static final String LIVE = LinkMoves.LIVE;

    private final JdbcClient jdbc;
    private final MatchModels models;
    private final LinkMoves moves;
    private final ApplicationEventPublisher events;

    IdentityDecisions(JdbcClient jdbc, MatchModels models, LinkMoves moves, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.models = models;
        this.moves = moves;
        this.events = events;
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
        moves.lockSubjects(r.subjectId(), r.candidateSubjectId());
        // the subjects as they are once locked: an earlier decision may have moved the records
        UUID from = moves.liveSubject(r.recordId());
        UUID to = moves.liveSubject(r.candidateRecordId());
        long nhsNumbers = jdbc.sql("""
                select count(distinct value) from subject_key where kind = 'nhs-number' and subject_id in (?, ?)""")
                .params(from, to).query(Long.class).single();
        if (nhsNumbers > 1) {
            throw new Refused("id: the two subjects hold different NHS numbers, so they cannot be one person");
        }
        long decision = moves.decision("confirm-link", reviewId, to, actor, reason);
        if (!from.equals(to)) {
            moves.move(decision, moves.liveRecords(from), from, to, actor, "analyst-confirmed", "confirmed");
            events.publishEvent(new SubjectsMerged(decision, from, to, actor));
        }
        decide(reviewId, "confirmed", actor, reason);
        return moves.decision(decision);
    }

    @Override
    @Transactional
    public Decision reject(long reviewId, String actor, String reason) {
        Review r = pendingForUpdate(reviewId);
        long decision = moves.decision("reject-link", reviewId, r.subjectId(), actor, reason);
        decide(reviewId, "rejected", actor, reason);
        return moves.decision(decision);
    }

    @Override
    @Transactional
    public Decision split(UUID subjectId, Collection<Long> recordIds, String actor, String reason) {
        moves.lockSubjects(subjectId);
        Set<Long> leaving = new HashSet<>(recordIds);
        List<Long> held = moves.liveRecords(subjectId);
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
                && moves.liveRecords(origins.iterator().next()).isEmpty();
        if (returning) {
            to = origins.iterator().next();
        } else {
            to = UUID.randomUUID();
            jdbc.sql("insert into subject (id) values (?)").param(to).update();
        }
        moves.lockSubjects(to);
        long decision = moves.decision("split-subject", null, subjectId, actor, reason);
        moves.move(decision, List.copyOf(leaving), subjectId, to, actor, "analyst-split", "confirmed");
        if (returning) {
            // what followed the records into this subject (consent, case assignments) goes back with them
            events.publishEvent(new MergeUndone(decision, subjectId, to, actor));
        }
        return moves.decision(decision);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Held> recordsOf(UUID subjectId) {
        return jdbc.sql("select r.id, r.agency from subject_link l join person_record r on r.id = l.person_record_id "
                        + "where l.subject_id = ? and l.status in " + LIVE + " order by r.id")
                .param(subjectId).query((rs, n) -> new Held(rs.getLong(1), rs.getString(2))).list();
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
                .query(Long.class).list().stream().map(moves::decision).toList();
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

    private void decide(long reviewId, String status, String actor, String reason) {
        jdbc.sql("update link_review set status = ?, decided_by = ?, decided_at = now(), reason = ? where id = ?")
                .params(status, actor, reason, reviewId).update();
    }
}
