package uk.safeguarding.hub.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Contribution;

/** Pairs put to an analyst on arrival: those the matcher was unsure of, and records whose exact key leads to somebody else. */
final class LinkProposals {

    private LinkProposals() {
    }

    /** A pair for an analyst: the arriving record, the stored one it resembles, the score and its waterfall, and why. */
    record Review(long record, long candidate, double score, List<Contribution> contributions, LinkReviews.Cause cause) {
    }

    /** Queues pairs for review; a pair proposed before (whatever the analyst decided) is not proposed again. */
    static void propose(JdbcClient jdbc, Long modelId, List<Review> reviews) {
        if (reviews.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into link_review (person_record_id, candidate_record_id, score, contributions, model_id, cause)
                select x.record, x.candidate, x.score, x.contributions::jsonb, ?, x.cause
                from unnest(?::bigint[], ?::bigint[], ?::float8[], ?::text[], ?::text[])
                    as x(record, candidate, score, contributions, cause)
                on conflict do nothing""")
                .params(modelId, reviews.stream().map(Review::record).toArray(Long[]::new),
                        reviews.stream().map(Review::candidate).toArray(Long[]::new),
                        reviews.stream().map(Review::score).toArray(Double[]::new),
                        reviews.stream().map(r -> MatchModels.JSON.writeValueAsString(r.contributions())).toArray(String[]::new),
                        reviews.stream().map(r -> r.cause().code).toArray(String[]::new))
                .update();
    }

    /** An arriving record whose exact key ({@code kind}, {@code value}) leads to a subject it clearly differs from. */
    record Conflict(long record, MatchModel.Prepared person, UUID subject, String kind, String value) {
    }

    /**
     * The pairs for an analyst that key conflicts make: the arriving record and the subject's record carrying
     * the key (else its newest), scored with the weights in force so the waterfall shows where they differ.
     */
    static List<Review> conflicting(JdbcClient jdbc, MatchModel model, List<Conflict> conflicts) {
        List<Review> out = new ArrayList<>();
        for (Conflict x : conflicts) {
            jdbc.sql("""
                    select r.id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number, r.agency_ids, r.postcode,
                           r.uprn, r.phone, r.email
                    from subject_link l join person_record r on r.id = l.person_record_id
                    where l.subject_id = ? and l.status in ('auto', 'confirmed')
                    order by (? = any(r.agency_ids) or r.nhs_number = ?
                              or r.family_name_key || '|' || r.given_name_key || '|' || r.date_of_birth = ?) desc, r.id desc
                    limit 1""")
                    .params(x.subject(), x.value(), x.value(), x.value())
                    .query(rs -> {
                        MatchModel.Prepared held = MatchModel.prepare(MatchModels.person(rs.getString(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getArray(7),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                        MatchModel.Scored s = model.score(x.person(), held);
                        out.add(new Review(x.record(), rs.getLong(1), s.score(), s.contributions(),
                                LinkReviews.Cause.conflictOf(x.kind())));
                    });
        }
        return out;
    }
}
