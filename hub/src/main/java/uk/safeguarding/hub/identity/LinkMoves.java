package uk.safeguarding.hub.identity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.identity.LinkReviews.Decision;
import uk.safeguarding.hub.identity.LinkReviews.Held;
import uk.safeguarding.hub.identity.LinkReviews.Move;

/**
 * What every identity decision writes, in the caller's transaction: the decision, and the records it moves
 * between subjects. A move supersedes the record's live link (kept, marked superseded) with one to the new
 * subject, writes the move to {@code link_move}, and hands the identity keys only the moved records hold to
 * the subject they went to, so that later arrivals follow them. Subjects, then keys, are locked in one
 * order, as ingest locks keys, so that a decision and a batch about the same person do not interleave.
 */
@Component
class LinkMoves {

    /** Advisory lock class of subjects (two-number form; identity keys' is {@link IdentityKeys#KEY_LOCKS}). */
    static final int SUBJECT_LOCKS = 7303;
    /** Link statuses that hold a record in a subject now (a superseded link is history). */
    static final String LIVE = "('auto', 'confirmed')";

    private final JdbcClient jdbc;

    LinkMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> liveRecords(UUID subjectId) {
        return jdbc.sql("select person_record_id from subject_link where subject_id = ? and status in " + LIVE
                + " order by person_record_id").param(subjectId).query(Long.class).list();
    }

    UUID liveSubject(long recordId) {
        return jdbc.sql("select subject_id from subject_link where person_record_id = ? and status in " + LIVE)
                .param(recordId).query(UUID.class).single();
    }

    void lockSubjects(UUID... subjects) {
        String[] ids = Arrays.stream(subjects).map(UUID::toString).toArray(String[]::new);
        jdbc.sql("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(s) as h from unnest(?::text[]) s order by 1) locks""")
                .params(SUBJECT_LOCKS, ids).query((rs, n) -> 1).list();
    }

    long decision(String kind, Long reviewId, UUID subject, String actor, String reason) {
        return jdbc.sql("""
                insert into identity_decision (kind, review_id, subject_id, decided_by, reason)
                values (?, ?, ?, ?, ?) returning id""")
                .params(kind, reviewId, subject, actor, reason).query(Long.class).single();
    }

    /** Moves the records' live links from one subject to another, keeping the old links and the move. */
    void move(long decision, List<Long> records, UUID from, UUID to, String actor, String method, String status) {
        Long[] ids = records.toArray(Long[]::new);
        // the identity keys the moving records carry, locked as ingest locks them
        jdbc.sql("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(kind || '|' || value) as h from (""" + KEYS + """
                    ) k order by 1) locks""")
                .params(IdentityKeys.KEY_LOCKS, ids, ids, ids).query((rs, n) -> 1).list();
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

    Decision decision(long id) {
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
