package uk.safeguarding.hub.access.policy;

import java.time.LocalDate;

/** Whether an agreement is in force on a day. Only an active agreement shares anything. */
public enum AgreementStatus {
    ACTIVE, REVIEW_OVERDUE, EXPIRED, NOT_YET_EFFECTIVE;

    static AgreementStatus on(LocalDate day, LocalDate effective, LocalDate reviewBy, LocalDate expires) {
        if (day.isBefore(effective)) {
            return NOT_YET_EFFECTIVE;
        }
        if (day.isAfter(expires)) {
            return EXPIRED;
        }
        return day.isAfter(reviewBy) ? REVIEW_OVERDUE : ACTIVE;
    }
}
