package uk.safeguarding.hub.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.matching.MatchModel;

/** Subjects merged by the hub's own rules, when one arriving record carries identity keys two subjects hold. */
@Component
class RuleMerges {

    /** Who merges subjects by rule, in the decision, the links and the audit log. */
    static final String RULES = "hub:deterministic-rules";

    private final JdbcClient jdbc;
    private final LinkMoves moves;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    RuleMerges(JdbcClient jdbc, LinkMoves moves, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.moves = moves;
        this.audit = audit;
        this.events = events;
    }

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
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?, hashtext(?))").params(LinkMoves.SUBJECT_LOCKS, id)
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
        List<Long> records = moves.liveRecords(from);
        long decision = moves.decision("merge-subjects", null, to, RULES,
                "one record carries identity keys both subjects hold (" + rule + ")");
        moves.move(decision, records, from, to, RULES, "merged-by-rule", "auto");
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
                where l.subject_id = ? and l.status in """ + LinkMoves.LIVE)
                .param(subject)
                .query((rs, n) -> MatchModel.prepare(MatchModels.person(rs.getString(1), rs.getString(2),
                        rs.getObject(3, java.time.LocalDate.class), rs.getString(4), rs.getString(5), null, null, null, null,
                        null)))
                .list();
    }
}
