package uk.safeguarding.hub.access;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.MergeUndone;
import uk.safeguarding.hub.identity.SubjectsMerged;

/**
 * Consent and case assignments are recorded for a subject, that is for a person: when identity finds two
 * subjects to be one person, what was recorded for the one emptied follows its records, and when a
 * split sends the records back, exactly the rows the merge brought go back with them (kept in
 * {@code subject_row_move}). Runs in the identity decision's transaction, so the two never disagree. A
 * live assignment of a case manager the other subject already has stays behind (it would be a
 * duplicate), so it is there again if the merge is undone. Each move is audited.
 */
@Component
class SubjectRowsFollowMerges {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    SubjectRowsFollowMerges(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(SubjectsMerged merge) {
        List<Long> consents = jdbc.sql("update consent set subject_id = ? where subject_id = ? returning id")
                .params(merge.to(), merge.from()).query(Long.class).list();
        List<Long> assignments = jdbc.sql("""
                update case_assignment c set subject_id = ?
                where c.subject_id = ?
                  and not (c.ended_at is null and exists (
                      select 1 from case_assignment d
                      where d.subject_id = ? and d.case_manager = c.case_manager and d.purpose = c.purpose
                        and d.agreement = c.agreement and d.ended_at is null))
                returning c.id""")
                .params(merge.to(), merge.from(), merge.to()).query(Long.class).list();
        keep(merge.decision(), consents, assignments, merge.from(), merge.to());
        audited("moveSubjectRows", merge.decision(), merge.decidedBy(), merge.from(), merge.to(), consents, assignments);
    }

    @EventListener
    void undone(MergeUndone undo) {
        // the rows an earlier merge brought from the subject the records return to, still where it put them
        List<Long> consents = back("consent", "consent", undo);
        List<Long> assignments = back("case_assignment", "case-assignment", undo);
        keep(undo.decision(), consents, assignments, undo.from(), undo.to());
        audited("returnSubjectRows", undo.decision(), undo.decidedBy(), undo.from(), undo.to(), consents, assignments);
    }

    private List<Long> back(String table, String kind, MergeUndone undo) {
        return jdbc.sql("update " + table + " set subject_id = ? where subject_id = ? and id in ("
                        + "select row_id from subject_row_move where kind = ? and from_subject = ? and to_subject = ?) "
                        + "returning id")
                .params(undo.to(), undo.from(), kind, undo.to(), undo.from()).query(Long.class).list();
    }

    private void keep(long decision, List<Long> consents, List<Long> assignments, UUID from, UUID to) {
        for (var rows : Map.of("consent", consents, "case-assignment", assignments).entrySet()) {
            if (!rows.getValue().isEmpty()) {
                jdbc.sql("""
                        insert into subject_row_move (decision_id, kind, row_id, from_subject, to_subject)
                        select ?, ?, unnest(?::bigint[]), ?, ?""")
                        .params(decision, rows.getKey(), rows.getValue().toArray(Long[]::new), from, to).update();
            }
        }
    }

    private void audited(String operation, long decision, String actor, UUID from, UUID to, List<Long> consents,
            List<Long> assignments) {
        if (consents.isEmpty() && assignments.isEmpty()) {
            return;
        }
        audit.append(new AuditLog.Entry(actor, null, Set.of(), null, operation, List.of(from, to),
                Map.of("decision", decision, "consents", consents, "caseAssignments", assignments, "from", from.toString(),
                        "to", to.toString())));
    }
}
