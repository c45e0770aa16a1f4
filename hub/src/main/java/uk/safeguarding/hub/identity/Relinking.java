package uk.safeguarding.hub.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.MatchModel.Prepared;

/**
 * After the match weights are re-trained, what the matcher decided with the old ones is looked at again
 * with the new (issue 17). Each open pair it queued on its score is re-scored: withdrawn below the review
 * threshold; linked above the link threshold when the two subjects may be one person (as an analyst's
 * confirmation would, consent and case assignments following); otherwise it waits with its new score. Each
 * record it linked automatically is scored again against the rest of its subject: one that no longer
 * reaches the link threshold leaves for a subject of its own, its pair queued when between the thresholds.
 * Each link and unlink is a decision of {@value #MATCHER} with its moves kept, so a split or a confirmation
 * undoes it, and the pass is audited. Analysts' decisions, links by exact key, and pairs queued for another
 * cause (a key conflict, an undated record resembling two people) are left alone.
 */
@Component
class Relinking {

    static final String MATCHER = "hub:matcher";
    private static final Logger log = LoggerFactory.getLogger(Relinking.class);
    private static final String LIVE = LinkMoves.LIVE;
    private static final String FIELDS = """
            r.id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number, r.agency_ids, r.postcode, r.uprn,
            r.phone, r.email""";

    private final JdbcClient jdbc;
    private final MatchModels models;
    private final LinkMoves moves;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    Relinking(JdbcClient jdbc, MatchModels models, LinkMoves moves, AuditLog audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.models = models;
        this.moves = moves;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What one pass did: pairs re-scored, reviews withdrawn, link and unlink decisions. */
    record Pass(long modelId, int rescored, List<Long> withdrawn, List<Long> linked, List<Long> unlinked) {
    }

    @EventListener
    void trained(MatchModelTrained trained) {
        if (!models.settings().relinkAfterTraining()) {
            return;
        }
        try {
            relink(trained.modelId());
        } catch (RuntimeException e) {
            // the class only: a message could quote the data it failed on; the next training tries again
            log.warn("Re-linking after training failed ({}); links stay as they were", e.getClass().getName());
        }
    }

    /** Looks again, with the weights in force (trained as {@code modelId}), at the matcher's open pairs and links. */
    Pass relink(long modelId) {
        return transaction.execute(status -> {
            MatchModels.Current weights = models.current();
            MatchModel model = weights.model();
            Pass pass = new Pass(modelId, 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            Set<UUID> subjects = new LinkedHashSet<>();
            int rescored = rescorePairs(weights, pass, subjects);
            reexamineLinks(weights, model, pass, subjects);
            pass = new Pass(modelId, rescored, pass.withdrawn(), pass.linked(), pass.unlinked());
            audit.append(new AuditLog.Entry(MATCHER, null, Set.of(), null, "relinkAfterTraining", List.copyOf(subjects),
                    Map.of("model", modelId, "rescored", rescored, "withdrawn", pass.withdrawn(), "linked", pass.linked(),
                            "unlinked", pass.unlinked())));
            return pass;
        });
    }

    private int rescorePairs(MatchModels.Current weights, Pass pass, Set<UUID> subjects) {
        MatchModel model = weights.model();
        List<long[]> pairs = jdbc.sql("""
                select id, person_record_id, candidate_record_id from link_review
                where status = 'pending' and cause = 'score' order by id for update""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        int rescored = 0;
        for (long[] pair : pairs) {
            Prepared record = record(pair[1]);
            Prepared candidate = record(pair[2]);
            if (record == null || candidate == null) {
                continue; // a record no longer linked anywhere: nothing to decide
            }
            MatchModel.Scored s = model.score(record, candidate);
            rescored++;
            jdbc.sql("update link_review set score = ?, contributions = ?::jsonb, model_id = ? where id = ?")
                    .params(s.score(), MatchModels.JSON.writeValueAsString(s.contributions()), weights.id(), pair[0]).update();
            if (s.score() < model.thresholds().lower()) {
                jdbc.sql("""
                        update link_review set status = 'withdrawn', decided_by = ?, decided_at = now(), reason = ?
                        where id = ?""")
                        .params(MATCHER, "below the review threshold with the weights trained as model " + pass.modelId(),
                                pair[0]).update();
                pass.withdrawn().add(pair[0]);
            } else if (s.score() >= model.thresholds().upper()) {
                link(pair[0], pair[1], pair[2], record, s.score(), model, pass, subjects);
            }
        }
        return rescored;
    }

    /** Joins the record's subject to the candidate's, as a confirmation would, if they may be one person. */
    private void link(long reviewId, long recordId, long candidateId, Prepared record, double score, MatchModel model,
            Pass pass, Set<UUID> subjects) {
        UUID from = moves.liveSubject(recordId);
        UUID to = moves.liveSubject(candidateId);
        moves.lockSubjects(from, to);
        List<Prepared> held = List.copyOf(records(to).values());
        long nhsNumbers = jdbc.sql("""
                select count(distinct value) from subject_key where kind = 'nhs-number' and subject_id in (?, ?)""")
                .params(from, to).query(Long.class).single();
        if (from.equals(to) || nhsNumbers > 1 || model.clearlyApart(List.copyOf(records(from).values()), held)
                || !MatchModel.onePerson(record, held)) {
            return; // the pair waits for an analyst with its new score
        }
        long decision = moves.decision("link-after-training", reviewId, to, MATCHER,
                "scored %.1f bits with the weights trained as model %d".formatted(score, pass.modelId()));
        moves.move(decision, moves.liveRecords(from), from, to, MATCHER, "linked-after-training", "auto");
        events.publishEvent(new SubjectsMerged(decision, from, to, MATCHER));
        jdbc.sql("update link_review set status = 'linked', decided_by = ?, decided_at = now(), reason = ? where id = ?")
                .params(MATCHER, "linked after re-training (decision " + decision + ")", reviewId).update();
        pass.linked().add(decision);
        subjects.add(from);
        subjects.add(to);
    }

    private void reexamineLinks(MatchModels.Current weights, MatchModel model, Pass pass, Set<UUID> subjects) {
        List<Object[]> links = jdbc.sql("""
                select person_record_id, subject_id from subject_link
                where status = 'auto' and method = 'probabilistic' order by person_record_id""")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, UUID.class)}).list();
        List<LinkProposals.Review> reviews = new ArrayList<>();
        for (Object[] link : links) {
            long recordId = (Long) link[0];
            UUID subject = (UUID) link[1];
            Map<Long, Prepared> held = records(subject);
            Prepared record = held.remove(recordId);
            if (record == null || held.isEmpty()) {
                continue; // moved meanwhile, or the only record of its subject
            }
            long best = 0;
            MatchModel.Scored bestScore = null;
            for (Map.Entry<Long, Prepared> other : held.entrySet()) {
                MatchModel.Scored s = model.score(record, other.getValue());
                if (bestScore == null || s.score() > bestScore.score()) {
                    best = other.getKey();
                    bestScore = s;
                }
            }
            if (bestScore.score() >= model.thresholds().upper()) {
                continue;
            }
            UUID own = UUID.randomUUID();
            jdbc.sql("insert into subject (id) values (?)").param(own).update();
            moves.lockSubjects(subject, own);
            long decision = moves.decision("unlink-after-training", null, subject, MATCHER,
                    "scored %.1f bits against the subject's records with the weights trained as model %d, under the link "
                            .formatted(bestScore.score(), pass.modelId()) + "threshold");
            moves.move(decision, List.of(recordId), subject, own, MATCHER, "unlinked-after-training", "auto");
            pass.unlinked().add(decision);
            subjects.add(subject);
            subjects.add(own);
            if (bestScore.score() >= model.thresholds().lower()) {
                reviews.add(new LinkProposals.Review(recordId, best, bestScore.score(), bestScore.contributions(),
                        LinkReviews.Cause.SCORE));
            }
        }
        LinkProposals.propose(jdbc, weights.id(), reviews);
    }

    /** A live record's compared fields, or null when it is linked nowhere. */
    private Prepared record(long id) {
        return jdbc.sql("select " + FIELDS + " from person_record r join subject_link l on l.person_record_id = r.id "
                        + "and l.status in " + LIVE + " where r.id = ?")
                .param(id).query((rs, n) -> prepared(rs)).optional().orElse(null);
    }

    /** A subject's live records by id, their compared fields. */
    private Map<Long, Prepared> records(UUID subject) {
        Map<Long, Prepared> out = new LinkedHashMap<>();
        jdbc.sql("select " + FIELDS + " from subject_link l join person_record r on r.id = l.person_record_id "
                        + "where l.subject_id = ? and l.status in " + LIVE + " order by r.id")
                .param(subject)
                .query(rs -> {
                    out.put(rs.getLong(1), prepared(rs));
                });
        return out;
    }

    private static Prepared prepared(java.sql.ResultSet rs) throws java.sql.SQLException {
        return MatchModel.prepare(MatchModels.person(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                rs.getString(5), rs.getString(6), rs.getArray(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11)));
    }
}
