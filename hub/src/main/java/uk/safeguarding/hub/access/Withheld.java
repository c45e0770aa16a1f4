package uk.safeguarding.hub.access;

/**
 * A field the caller does not receive, and why, in terms a caller and an auditor can act on.
 *
 * @param agreement the agreement whose terms decided, where one did
 * @param clause    the clause of that agreement
 */
public record Withheld(String field, Reason reason, String explanation, String agreement, String clause) {

    public enum Reason {
        /** No agreement shares this field of this agency's records for the purpose with the caller's agency. */
        NO_AGREEMENT,
        /** An agreement shares it, but not with any of the caller's roles. */
        ROLE,
        /** The agreement has no lawful basis for this class of data (special category, criminal offence). */
        LAWFUL_BASIS,
        /** Only the subject's assigned case manager may see it. */
        RELATIONSHIP,
        CONSENT_NOT_ASKED, CONSENT_REFUSED, CONSENT_WITHDRAWN,
        AGREEMENT_NOT_YET_EFFECTIVE, AGREEMENT_REVIEW_OVERDUE, AGREEMENT_EXPIRED
    }
}
