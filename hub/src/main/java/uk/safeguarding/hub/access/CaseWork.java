package uk.safeguarding.hub.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What practitioners record that changes what may be shared: consent, exemptions claimed ("break
 * glass"), and who a subject's case manager is. Every change is audited.
 */
public interface CaseWork {

    /**
     * Records (or withdraws) a subject's consent to {@code agency} sharing their data for the purpose: only by a
     * caller an agreement in force names among its consent recorders for that agency, for a subject they may see
     * under the purpose, on evidence they can produce. A grant is announced to auditors and awaits their review.
     */
    ConsentRecord recordConsent(Caller caller, UUID subjectId, String agency, Purpose purpose, ConsentState state,
            ConsentEvidence evidence);

    /** Consents recorded, newest first, for auditors (an audited read: they name people). */
    List<ConsentRecord> consents(Caller caller, String reviewStatus);

    /** An auditor's review of a granted consent; one found not upheld stops releasing at once. */
    ConsentRecord reviewConsent(Caller caller, long consentId, boolean upheld, String note);

    /**
     * Break glass under one agreement: {@code agreement} names it, and may be left out when only one agreement
     * in force lets the caller claim this exemption for the purpose. The claim opens only that agreement's
     * clauses, for as long as that agreement allows and never beyond its last day in force.
     */
    Exemption claimExemption(Caller caller, UUID subjectId, Purpose purpose, ExemptionBasis basis, String agreement,
            String justification);

    Exemption reviewExemption(Caller caller, UUID exemptionId, boolean upheld, String note);

    List<Exemption> exemptions(Caller caller, String reviewStatus);

    /**
     * Names a subject's case manager under one agreement for the purpose: only by a caller the agreement names
     * among its allocators, for a subject they may see under the purpose, and only a real user with the
     * case-manager role at an agency that receives under that agreement. {@code agreement} (its id) may be left
     * out when only one agreement in force names the caller an allocator for the purpose. The assignment opens
     * only that agreement's {@code assigned-case-manager} clauses, for that purpose, until it is ended.
     */
    Assignment assignCaseManager(Caller caller, UUID subjectId, Purpose purpose, String agreement, String caseManager);

    /** Ends an assignment (by an allocator of its agreement who may see its subject): it opens nothing from now on. */
    Assignment endAssignment(Caller caller, long assignmentId);

    /**
     * Ends the assignments in force of {@code caseManager} to the subject under the purpose that the caller, as an
     * allocator, may end: a case handed to another case manager no longer opens anything to the one before.
     */
    List<Assignment> endAssignments(Caller caller, UUID subjectId, Purpose purpose, String caseManager);

    /**
     * Ends every assignment in force of {@code caseManager} to the subject under the purpose, whoever made it, because
     * the panel case that gave the relationship has closed: closing narrows access, so it needs the closer's authority
     * over the case, not over the agreement. Audited as the closer's act.
     */
    List<Assignment> endAssignmentsOfClosedCase(Caller caller, UUID subjectId, Purpose purpose, String caseManager);

    /** The assignments in force for a subject under the purpose, made under agreements that name the caller an allocator. */
    List<Assignment> assignments(Caller caller, UUID subjectId, Purpose purpose);

    /**
     * @param recordedById the recorder's stable id at the identity provider (their token's {@code sub})
     * @param agreement the agreement that named the recorder, as {@code id@version} (null for consents recorded
     *                  before agreements named recorders: a grant of those releases nothing)
     * @param reviewStatus AWAITING_REVIEW, UPHELD or NOT_UPHELD for a grant; null for a refusal or withdrawal
     */
    record ConsentRecord(long id, UUID subjectId, String agency, Purpose purpose, ConsentState state,
            ConsentEvidence evidence, String recordedBy, String recordedById, String recordedByAgency, String recordedByRole,
            String agreement,
            OffsetDateTime recordedAt, String reviewStatus, String reviewedBy, String reviewNote) {
    }

    /** @param agreement the agreement assigned under, as {@code id@version} */
    record Assignment(long id, UUID subjectId, Purpose purpose, String agreement, String caseManager, String assignedBy,
            OffsetDateTime assignedAt, OffsetDateTime endedAt, String endedBy) {
    }

    /** @param agreement the agreement claimed under, as {@code id@version} (null for claims made before issue 14: they open nothing) */
    record Exemption(UUID id, UUID subjectId, Purpose purpose, ExemptionBasis basis, String agreement, String justification,
            String claimedBy, String claimedByAgency, OffsetDateTime claimedAt, OffsetDateTime expiresAt,
            String reviewStatus, String reviewedBy, String reviewNote) {
    }
}
