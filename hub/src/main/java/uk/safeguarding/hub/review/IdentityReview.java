package uk.safeguarding.hub.review;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosedRecord;
import uk.safeguarding.hub.access.Purpose;

/**
 * The analyst's side of identity resolution (panel analysts and chairs, under a purpose they may read
 * personal data for). Every call is audited; every decision is kept with who made it, when and why.
 */
public interface IdentityReview {

    /**
     * Pending pairs whose two records the caller may see, oldest first, after the review {@code afterId}.
     * Blind: without the score and contributions, for labelling that the score does not sway.
     */
    Page pending(Caller caller, Purpose purpose, long afterId, int limit, boolean blind);

    Decision confirm(Caller caller, Purpose purpose, long reviewId, String reason);

    Decision reject(Caller caller, Purpose purpose, long reviewId, String reason);

    Decision split(Caller caller, Purpose purpose, UUID subjectId, List<Long> recordIds, String reason);

    /** The subject's records the caller may see, disclosed: what a split chooses from. */
    List<DisclosedRecord> records(Caller caller, Purpose purpose, UUID subjectId);

    /** The identity decisions about the subject, oldest first: enough to undo any. */
    List<Decision> history(Caller caller, Purpose purpose, UUID subjectId);

    /** Re-trains the match weights on the stored records (hub-admin); null when another instance is training. */
    MatchModelInfo train(Caller caller);

    record Page(List<LinkReview> reviews, boolean hasNext) {
    }

    /**
     * @param score in bits (log2 of the odds); null in blind mode
     * @param contributions the waterfall, prior first; empty in blind mode
     */
    record LinkReview(long id, DisclosedRecord record, DisclosedRecord candidate, Double score, Double matchProbability,
            List<Contribution> contributions, OffsetDateTime proposedAt, boolean blind) {
    }

    /**
     * One comparison's part in the score. A comparison of a field withheld from the caller on either
     * record shows no level or weight, only why (it would tell what the field holds).
     */
    record Contribution(String field, String level, Double weight, String withheld) {
    }

    /** @param reasonWithheld why {@code reason} is null: the decision concerns a record the caller may not see */
    record Decision(long id, String kind, Long reviewId, UUID subjectId, String decidedBy, OffsetDateTime decidedAt,
            String reason, String reasonWithheld, List<Move> moves) {
    }

    record Move(long recordId, UUID fromSubject, UUID toSubject) {
    }

    record MatchModelInfo(long id, OffsetDateTime trainedAt, String trainedBy, int records, double lower, double upper) {
    }
}
