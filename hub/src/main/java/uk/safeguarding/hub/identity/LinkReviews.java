package uk.safeguarding.hub.identity;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pairs the matcher was unsure of, and analysts' decisions on them: confirm (the arriving record's
 * subject joins the candidate's), reject (kept apart, never proposed again), split (records leave a
 * subject: back to the subject a merge took them from, or to a new one). Decisions move live links and
 * keep the old ones, and record each move (record, from, to, who, when, why). Callers check roles and
 * audit; this holds identifiers and scores only.
 */
public interface LinkReviews {

    /**
     * Pending pairs both of whose records come from {@code agencies}, in proposal order after the review
     * {@code afterId} (keyset paging).
     */
    List<Review> pending(Collection<String> agencies, long afterId, int limit);

    Optional<Review> review(long id);

    Decision confirm(long reviewId, String actor, String reason);

    Decision reject(long reviewId, String actor, String reason);

    Decision split(UUID subjectId, Collection<Long> recordIds, String actor, String reason);

    /** The live records of a subject, with their agencies. */
    List<Held> recordsOf(UUID subjectId);

    record Held(long recordId, String agency) {
    }

    /** Decisions that moved records into or out of the subject, or were about its reviews, oldest first. */
    List<Decision> history(UUID subjectId);

    /** Re-trains the match weights on the stored records; empty when another instance is training now. */
    Optional<Model> train(String actor);

    /** The weights in force (empty: those shipped with the hub). */
    Optional<Model> model();

    /**
     * @param recordId the record that arrived; {@code candidateRecordId} the stored one it resembles
     * @param subjectId and {@code candidateSubjectId}: where each record is now
     */
    record Review(long id, long recordId, UUID subjectId, String agency, long candidateRecordId, UUID candidateSubjectId,
            String candidateAgency, double score, List<Contribution> contributions, String status,
            OffsetDateTime proposedAt, String decidedBy, OffsetDateTime decidedAt, Cause cause) {
    }

    /** Why a pair was put to an analyst rather than linked or kept apart by the hub. */
    enum Cause {
        SCORE("score", "The score is between the thresholds for review and for linking."),
        AMBIGUOUS("ambiguous", "The record has no date of birth or given name and resembles subjects holding different people."),
        AGENCY_ID_CONFLICT("agency-id-conflict", "The record's agency id is held by a subject whose records clearly differ from it "
                + "on date of birth, given name or sex: a recording error or two people, so it was not linked by the id."),
        NHS_NUMBER_CONFLICT("nhs-number-conflict", "The record's NHS number is held by a subject whose records clearly differ from "
                + "it on date of birth, given name or sex: a recording error or two people, so it was not linked by the number."),
        NAME_DOB_CONFLICT("name-dob-conflict", "The record's name and date of birth are held by a subject whose records clearly "
                + "differ from it on sex or given name: a recording error or two people, so it was not linked by them.");

        /** As stored in {@code link_review.cause}. */
        public final String code;
        public final String explanation;

        Cause(String code, String explanation) {
            this.code = code;
            this.explanation = explanation;
        }

        public static Cause of(String code) {
            for (Cause c : values()) {
                if (c.code.equals(code)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown review cause " + code);
        }

        /** The conflict of an exact key of this kind ({@code agency-id}, {@code nhs-number}, {@code name-dob}). */
        public static Cause conflictOf(String keyKind) {
            return of(keyKind + "-conflict");
        }
    }

    /** One field's part in the score, in bits; {@code field} is the matcher's comparison (GIVEN_NAME, ...) or prior. */
    record Contribution(String field, String level, double weight) {
    }

    /** @param concerns every record the decision is about (those it moved and its review's pair), with its agency */
    record Decision(long id, String kind, Long reviewId, UUID subjectId, String decidedBy, OffsetDateTime decidedAt,
            String reason, List<Move> moves, List<Held> concerns) {
    }

    record Move(long recordId, UUID fromSubject, UUID toSubject) {
    }

    record Model(long id, OffsetDateTime trainedAt, String trainedBy, int records, double lower, double upper) {
    }

    /** A decision that cannot be made as asked; the message names the argument and is safe to show. */
    class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
