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

    Exemption claimExemption(Caller caller, UUID subjectId, Purpose purpose, ExemptionBasis basis, String justification);

    Exemption reviewExemption(Caller caller, UUID exemptionId, boolean upheld, String note);

    List<Exemption> exemptions(Caller caller, String reviewStatus);

    void assignCaseManager(Caller caller, UUID subjectId, String caseManager);

    record ConsentRecord(UUID subjectId, String agency, Purpose purpose, ConsentState state, String recordedBy,
            OffsetDateTime recordedAt) {
    }

    record Exemption(UUID id, UUID subjectId, Purpose purpose, ExemptionBasis basis, String justification,
            String claimedBy, String claimedByAgency, OffsetDateTime claimedAt, OffsetDateTime expiresAt,
            String reviewStatus, String reviewedBy, String reviewNote) {
    }
}
