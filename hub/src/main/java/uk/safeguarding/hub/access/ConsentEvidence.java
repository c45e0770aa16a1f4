package uk.safeguarding.hub.access;

import java.time.LocalDate;

/**
 * What a consent rests on: a document the recorder can produce, named by its kind, its reference (the form's
 * number, the call recording's id, the e-consent receipt) and its date. Not free text.
 */
public record ConsentEvidence(Kind kind, String reference, LocalDate date) {

    public enum Kind {
        /** A consent form the person signed. */
        SIGNED_FORM,
        /** Verbal consent, recorded (a call recording or a contemporaneous note with its own reference). */
        RECORDED_VERBAL,
        /** Consent given electronically (an e-consent service's receipt). */
        ELECTRONIC
    }
}
