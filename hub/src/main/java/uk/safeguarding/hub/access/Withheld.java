package uk.safeguarding.hub.access;

/**
 * A field the caller does not receive, and why, in terms a caller and an auditor can act on.
 *
 * @param agreement the agreement whose terms decided, where one did
 * @param clause    the clause of that agreement
 */
public record Withheld(String field, Reason reason, String explanation, String agreement, String clause) {

    public enum Reason {
        NO_AGREEMENT, ROLE, PURPOSE, LAWFUL_BASIS, CONSENT_REFUSED, CONSENT_WITHDRAWN, RELATIONSHIP,
        AGREEMENT_EXPIRED, REVIEW_OVERDUE
    }
}
