package uk.safeguarding.hub.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What practitioners record that changes what may be shared: consent, exemptions claimed ("break
 * glass"), and who a subject's case manager is. Every change is audited.
 */
public interface CaseWork {

    ConsentRecord recordConsent(Caller caller, UUID subjectId, String agency, Purpose purpose, ConsentState state,
            String evidence);

    /**
     * Break glass under one agreement: {@code agreement} names it, and may be left out when only one agreement
     * in force lets the caller claim this exemption for the purpose. The claim opens only that agreement's
     * clauses, for as long as that agreement allows and never beyond its last day in force.
     */
    Exemption claimExemption(Caller caller, UUID subjectId, Purpose purpose, ExemptionBasis basis, String agreement,
            String justification);

    Exemption reviewExemption(Caller caller, UUID exemptionId, boolean upheld, String note);

    List<Exemption> exemptions(Caller caller, String reviewStatus);

    void assignCaseManager(Caller caller, UUID subjectId, String caseManager);

    record ConsentRecord(UUID subjectId, String agency, Purpose purpose, ConsentState state, String recordedBy,
            OffsetDateTime recordedAt) {
    }

    /** @param agreement the agreement claimed under, as {@code id@version} (null for claims made before issue 14: they open nothing) */
    record Exemption(UUID id, UUID subjectId, Purpose purpose, ExemptionBasis basis, String agreement, String justification,
            String claimedBy, String claimedByAgency, OffsetDateTime claimedAt, OffsetDateTime expiresAt,
            String reviewStatus, String reviewedBy, String reviewNote) {
    }
}
