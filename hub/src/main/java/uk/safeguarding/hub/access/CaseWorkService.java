package uk.safeguarding.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.policy.PolicySet;
import uk.safeguarding.hub.access.policy.PolicySet.LoadedAgreement;
import uk.safeguarding.hub.access.policy.PolicyStore;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.ingest.PartnerAgencies;

/** Consent, exemptions and case assignments: recorded, checked against the agreements, audited. */
@Service
class CaseWorkService implements CaseWork {

    /** Auditors' consoles and alerting subscribe here; messages carry ids only. */
    static final String AUDITOR_ALERTS = "hub:auditor-alerts";

    private static final Logger log = LoggerFactory.getLogger(CaseWorkService.class);

    private final JdbcClient jdbc;
    private final PolicyStore policies;
    private final AuditLog audit;
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Disclosures disclosures;
    private final PartnerAgencies partners;
    private final CaseManagers caseManagers;

    CaseWorkService(JdbcClient jdbc, PolicyStore policies, AuditLog audit, StringRedisTemplate redis, Clock clock,
            Disclosures disclosures, PartnerAgencies partners, CaseManagers caseManagers) {
        this.caseManagers = caseManagers;
        this.disclosures = disclosures;
        this.partners = partners;
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
        this.redis = redis;
        this.clock = clock;
    }

    /** A document reference: letters, digits and the punctuation references use; no spaces, so no prose. */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._:#-]*");
    private static final int REFERENCE_MAX = 64;

    @Override
    @Transactional
    public ConsentRecord recordConsent(Caller caller, UUID subjectId, String agency, Purpose purpose,
            ConsentState state, ConsentEvidence evidence) {
        LocalDate today = LocalDate.now(clock);
        PolicySet policy = requireReader(caller, purpose);
        if (state == ConsentState.NOT_ASKED) {
            throw new InvalidInput("state: record GRANTED, REFUSED or WITHDRAWN");
        }
        if (!partners.isPartner(agency)) {
            throw new InvalidInput("agency: '" + agency + "' is not a partner agency");
        }
        // decided by the agreements alone, before the subject is looked at: the answer is the same for anyone
        PolicySet.Grant named = policy.consentRecorder(caller, purpose, agency, today).orElseThrow(() -> new DisclosureRefused(
                "No agreement in force for " + purpose + " names your agency (" + caller.agency() + ") and roles "
                        + caller.roles() + " among those who may record consent to " + agency + " sharing."));
        String reference = requireEvidence(evidence, today);
        requireVisible(caller, purpose, subjectId);
        long id = jdbc.sql("""
                insert into consent (subject_id, agency, purpose, state, evidence_kind, evidence_reference, evidence_date,
                                     recorded_by, recorded_by_subject, recorded_by_agency, recorded_by_role, agreement,
                                     review_status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(subjectId, agency, purpose.name(), state.name(), evidence.kind().name(), reference, evidence.date(),
                        caller.userId(), caller.tokenSubject(), caller.agency(), named.role(), named.agreement().versionId(),
                        state == ConsentState.GRANTED ? "AWAITING_REVIEW" : null)
                .query(Long.class).single();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(),
                state == ConsentState.WITHDRAWN ? "withdrawConsent" : "recordConsent", List.of(subjectId),
                Map.of("consent", id, "agency", agency, "state", state.name(), "evidenceKind", evidence.kind().name(),
                        "role", named.role(), "agreement", named.agreement().citation())));
        alertAuditors("{\"type\":\"consent-recorded\",\"consent\":" + id + "}", "consent " + id);
        return consent(id);
    }

    /** The evidence as a document can be named: a kind, a reference (returned stripped) and a date not in the future. */
    private static String requireEvidence(ConsentEvidence evidence, LocalDate today) {
        if (evidence == null || evidence.kind() == null) {
            throw new InvalidInput("evidence.kind: say what the consent rests on (SIGNED_FORM, RECORDED_VERBAL or ELECTRONIC)");
        }
        String reference = evidence.reference() == null ? "" : evidence.reference().strip();
        if (reference.isEmpty()) {
            throw new InvalidInput("evidence.reference: name the document (a form number, a recording or receipt id)");
        }
        if (reference.length() > REFERENCE_MAX || !REFERENCE.matcher(reference).matches()) {
            throw new InvalidInput("evidence.reference: a document reference of at most " + REFERENCE_MAX
                    + " letters, digits and / . _ : # - (no spaces), such as CF-2026-0412, not a description");
        }
        if (evidence.date() == null) {
            throw new InvalidInput("evidence.date: say when the consent was given");
        }
        if (evidence.date().isAfter(today)) {
            throw new InvalidInput("evidence.date: " + evidence.date() + " is in the future");
        }
        return reference;
    }

    @Override
    @Transactional
    @Requires(Act.LIST_CONSENTS)
    public List<ConsentRecord> consents(Caller caller, String reviewStatus) {
        List<ConsentRecord> listed = jdbc.sql("""
                select * from consent where (?::text is null or review_status = ?) order by recorded_at desc, id desc limit 500""")
                .params(reviewStatus, reviewStatus).query(CaseWorkService::consentRecord).list();
        // who consented to what is about people: reading the list is itself a disclosure
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("reviewStatus", reviewStatus);
        detail.put("consents", listed.stream().map(ConsentRecord::id).toList());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "consents",
                listed.stream().map(ConsentRecord::subjectId).distinct().toList(), detail));
        return listed;
    }

    @Override
    @Transactional
    @Requires(Act.REVIEW_CONSENTS)
    public ConsentRecord reviewConsent(Caller caller, long consentId, boolean upheld, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInput("note: say what the review found");
        }
        int changed = jdbc.sql("""
                update consent set review_status = ?, reviewed_by = ?, reviewed_at = now(), review_note = ?
                where id = ? and review_status = 'AWAITING_REVIEW'""")
                .params(upheld ? "UPHELD" : "NOT_UPHELD", caller.userId(), note.strip(), consentId).update();
        if (changed == 0) {
            throw new InvalidInput("consentId: no granted consent awaiting review has this id");
        }
        ConsentRecord reviewed = consent(consentId);
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), reviewed.purpose().name(),
                "reviewConsent", List.of(reviewed.subjectId()), Map.of("consent", consentId, "upheld", upheld)));
        return reviewed;
    }

    private void alertAuditors(String message, String what) {
        try {
            redis.convertAndSend(AUDITOR_ALERTS, message);
        } catch (RuntimeException e) {
            // the act and its audit entry stand; the alert is a convenience, the review list is the record
            log.warn("Could not alert auditors of {}: {}", what, e.getClass().getSimpleName());
        }
    }

    private ConsentRecord consent(long id) {
        return jdbc.sql("select * from consent where id = ?").param(id).query(CaseWorkService::consentRecord).single();
    }

    private static ConsentRecord consentRecord(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String kind = rs.getString("evidence_kind");
        return new ConsentRecord(rs.getLong("id"), rs.getObject("subject_id", UUID.class), rs.getString("agency"),
                Purpose.valueOf(rs.getString("purpose")), ConsentState.valueOf(rs.getString("state")),
                kind == null ? null : new ConsentEvidence(ConsentEvidence.Kind.valueOf(kind), rs.getString("evidence_reference"),
                        rs.getObject("evidence_date", LocalDate.class)),
                rs.getString("recorded_by"), rs.getString("recorded_by_subject"), rs.getString("recorded_by_agency"),
                rs.getString("recorded_by_role"),
                rs.getString("agreement"), rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("review_status"),
                rs.getString("reviewed_by"), rs.getString("review_note"));
    }

    @Override
    @Transactional
    public Exemption claimExemption(Caller caller, UUID subjectId, Purpose purpose, ExemptionBasis basis,
            String agreement, String justification) {
        LocalDate today = LocalDate.now(clock);
        PolicySet policy = requireReader(caller, purpose);
        requireVisible(caller, purpose, subjectId);
        if (justification == null || justification.strip().length() < 20) {
            throw new InvalidInput("justification: say why, in at least 20 characters");
        }
        LoadedAgreement under = exemptionAgreement(policy.exemptionAgreements(caller, purpose, basis, today), purpose,
                basis, agreement);
        Duration lasts = under.document().exemptionDuration();
        // never beyond the agreement's last day in force (London midnight ending it)
        OffsetDateTime agreementEnds = under.lastDayInForce().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        String claimedUnder = under.citation(); // id@version#hash, as disclosures cite it
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into exemption (id, subject_id, purpose, basis, justification, claimed_by, claimed_by_agency,
                                       agreement, agreement_version, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, least(now() + ?::interval, ?))""")
                .params(id, subjectId, purpose.name(), basis.name(), justification.strip(), caller.userId(), caller.agency(),
                        under.id(), under.document().version(), lasts.toSeconds() + " seconds", agreementEnds)
                .update();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "claimExemption",
                List.of(subjectId), Map.of("exemption", id.toString(), "basis", basis.name(), "agreement", claimedUnder,
                        "lastsSeconds", lasts.toSeconds())));
        alertAuditors("{\"type\":\"exemption-claimed\",\"exemption\":\"" + id + "\"}", "exemption " + id);
        return find(id);
    }

    @Override
    @Transactional
    @Requires(Act.REVIEW_EXEMPTIONS)
    public Exemption reviewExemption(Caller caller, UUID exemptionId, boolean upheld, String note) {
        int changed = jdbc.sql("""
                update exemption set review_status = ?, reviewed_by = ?, reviewed_at = now(), review_note = ?
                where id = ? and review_status = 'AWAITING_REVIEW'""")
                .params(upheld ? "UPHELD" : "NOT_UPHELD", caller.userId(), note, exemptionId).update();
        if (changed == 0) {
            throw new InvalidInput("exemptionId: no exemption awaiting review has this id");
        }
        Exemption reviewed = find(exemptionId);
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), reviewed.purpose().name(),
                "reviewExemption", List.of(reviewed.subjectId()),
                Map.of("exemption", exemptionId.toString(), "upheld", upheld)));
        return reviewed;
    }

    @Override
    @Transactional
    @Requires(Act.LIST_EXEMPTIONS)
    public List<Exemption> exemptions(Caller caller, String reviewStatus) {
        List<Exemption> listed = jdbc.sql("""
                select * from exemption where (?::text is null or review_status = ?) order by claimed_at desc limit 500""")
                .params(reviewStatus, reviewStatus).query(CaseWorkService::exemption).list();
        // the justifications say why someone was looked at: reading them is itself a disclosure
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("reviewStatus", reviewStatus);
        detail.put("exemptions", listed.stream().map(e -> e.id().toString()).toList());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "exemptions",
                listed.stream().map(Exemption::subjectId).distinct().toList(), detail));
        return listed;
    }

    @Override
    @Transactional
    public Assignment assignCaseManager(Caller caller, UUID subjectId, Purpose purpose, String agreement,
            String caseManager) {
        LocalDate today = LocalDate.now(clock);
        PolicySet policy = requireReader(caller, purpose);
        // decided by the agreements alone, before the subject is looked at: the answer is the same for anyone
        LoadedAgreement under = allocationAgreement(policy.allocator(caller, purpose, today), caller, purpose, agreement);
        String assignee = caseManager == null ? "" : caseManager.strip();
        Set<String> recipients = new TreeSet<>(PolicySet.recipients(under));
        if (assignee.isEmpty() || !caseManagers.isCaseManagerAt(assignee, recipients)) {
            throw new InvalidInput("caseManager: no user with the case-manager role at an agency that receives under "
                    + under.id() + " (" + String.join(", ", recipients) + ") is called '" + assignee + "'");
        }
        requireVisible(caller, purpose, subjectId);
        Long id = jdbc.sql("""
                insert into case_assignment (subject_id, case_manager, assigned_by, assigned_by_subject, assigned_by_agency,
                                             purpose, agreement, agreement_version)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (subject_id, case_manager, purpose, agreement) where ended_at is null do nothing
                returning id""")
                .params(subjectId, assignee, caller.userId(), caller.tokenSubject(), caller.agency(), purpose.name(), under.id(),
                        under.document().version())
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            // already assigned under this agreement: the assignment in force stands, and nothing new is recorded
            return jdbc.sql("""
                    select * from case_assignment where subject_id = ? and case_manager = ? and purpose = ? and agreement = ?
                      and ended_at is null""").params(subjectId, assignee, purpose.name(), under.id())
                    .query(CaseWorkService::assignment).single();
        }
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "assignCaseManager",
                List.of(subjectId), Map.of("assignment", id, "caseManager", assignee, "agreement", under.citation())));
        return assignment(id);
    }

    @Override
    @Transactional
    public Assignment endAssignment(Caller caller, long assignmentId) {
        LocalDate today = LocalDate.now(clock);
        // one answer for an assignment that does not exist, is ended, or is not the caller's to end
        InvalidInput none = new InvalidInput("assignmentId: no assignment in force that you may end has this id");
        Assignment found = jdbc.sql("select * from case_assignment where id = ? and ended_at is null and agreement is not null")
                .param(assignmentId).query(CaseWorkService::assignment).optional().orElseThrow(() -> none);
        PolicySet policy = policies.current();
        String agreementId = found.agreement().substring(0, found.agreement().indexOf('@'));
        if (policy.refusal(caller, found.purpose(), today).isPresent()
                || policy.allocator(caller, found.purpose(), today).stream().noneMatch(g -> g.agreement().id().equals(agreementId))
                || disclosures.subject(caller, found.purpose(), found.subjectId()).isEmpty()) {
            throw none;
        }
        jdbc.sql("update case_assignment set ended_at = now(), ended_by = ? where id = ?").params(caller.userId(), assignmentId)
                .update();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), found.purpose().name(),
                "endAssignment", List.of(found.subjectId()), Map.of("assignment", assignmentId, "caseManager",
                        found.caseManager(), "agreement", found.agreement())));
        return assignment(assignmentId);
    }

    @Override
    @Transactional
    public List<Assignment> endAssignments(Caller caller, UUID subjectId, Purpose purpose, String caseManager) {
        LocalDate today = LocalDate.now(clock);
        String[] mine = policies.current().allocator(caller, purpose, today).stream().map(g -> g.agreement().id())
                .toArray(String[]::new);
        requireVisible(caller, purpose, subjectId);
        List<Long> ended = jdbc.sql("""
                update case_assignment set ended_at = now(), ended_by = ?
                where subject_id = ? and purpose = ? and case_manager = ? and agreement = any(?) and ended_at is null
                returning id""").params(caller.userId(), subjectId, purpose.name(), caseManager, mine)
                .query(Long.class).list();
        for (long id : ended) {
            Assignment a = assignment(id);
            audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "endAssignment",
                    List.of(subjectId), Map.of("assignment", id, "caseManager", caseManager, "agreement", a.agreement())));
        }
        return ended.stream().map(this::assignment).toList();
    }

    @Override
    @Transactional
    public List<Assignment> endAssignmentsOfClosedCase(Caller caller, UUID subjectId, Purpose purpose, String caseManager) {
        List<Long> ended = jdbc.sql("""
                update case_assignment set ended_at = now(), ended_by = ?
                where subject_id = ? and purpose = ? and case_manager = ? and ended_at is null
                returning id""").params(caller.userId(), subjectId, purpose.name(), caseManager).query(Long.class).list();
        for (long id : ended) {
            audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "endAssignment",
                    List.of(subjectId), Map.of("assignment", id, "caseManager", caseManager,
                            "agreement", assignment(id).agreement(), "because", "case closed")));
        }
        return ended.stream().map(this::assignment).toList();
    }

    @Override
    @Transactional
    public List<Assignment> assignments(Caller caller, UUID subjectId, Purpose purpose) {
        LocalDate today = LocalDate.now(clock);
        PolicySet policy = requireReader(caller, purpose);
        List<String> mine = policy.allocator(caller, purpose, today).stream().map(g -> g.agreement().id()).toList();
        if (mine.isEmpty()) {
            throw new DisclosureRefused(notAllocator(caller, purpose));
        }
        requireVisible(caller, purpose, subjectId);
        List<Assignment> listed = jdbc.sql("""
                select * from case_assignment where subject_id = ? and purpose = ? and agreement = any(?) and ended_at is null
                order by assigned_at""").params(subjectId, purpose.name(), mine.toArray(String[]::new))
                .query(CaseWorkService::assignment).list();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "caseAssignments",
                List.of(subjectId), Map.of("assignments", listed.stream().map(Assignment::id).toList())));
        return listed;
    }

    /** The agreement an allocation is made under: the one named, or the only one that names the caller an allocator. */
    private static LoadedAgreement allocationAgreement(List<PolicySet.Grant> grants, Caller caller, Purpose purpose,
            String named) {
        if (grants.isEmpty()) {
            throw new DisclosureRefused(notAllocator(caller, purpose));
        }
        List<String> ids = grants.stream().map(g -> g.agreement().id()).toList();
        if (named != null && !named.isBlank()) {
            return grants.stream().map(PolicySet.Grant::agreement).filter(a -> a.id().equals(named.strip())).findFirst()
                    .orElseThrow(() -> new DisclosureRefused("Agreement '" + named.strip() + "' does not name you among its "
                            + "allocators for " + purpose + "; " + String.join(", ", ids) + " does."));
        }
        if (grants.size() > 1) {
            throw new InvalidInput("agreement: more than one agreement in force names you an allocator for " + purpose
                    + " (" + String.join(", ", ids) + "): name the one the assignment is under");
        }
        return grants.get(0).agreement();
    }

    private static String notAllocator(Caller caller, Purpose purpose) {
        return "No agreement in force for " + purpose + " names your agency (" + caller.agency() + ") and roles "
                + caller.roles() + " among those who may allocate case managers.";
    }

    private Assignment assignment(long id) {
        return jdbc.sql("select * from case_assignment where id = ?").param(id).query(CaseWorkService::assignment).single();
    }

    private static Assignment assignment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String purpose = rs.getString("purpose");
        return new Assignment(rs.getLong("id"), rs.getObject("subject_id", UUID.class),
                purpose == null ? null : Purpose.valueOf(purpose),
                rs.getString("agreement") == null ? null : rs.getString("agreement") + "@" + rs.getString("agreement_version"),
                rs.getString("case_manager"), rs.getString("assigned_by"), rs.getObject("assigned_at", OffsetDateTime.class),
                rs.getObject("ended_at", OffsetDateTime.class), rs.getString("ended_by"));
    }

    /** The agreement a claim is made under: the one named, or the only one that allows the claim. */
    private static LoadedAgreement exemptionAgreement(List<LoadedAgreement> allowing, Purpose purpose,
            ExemptionBasis basis, String named) {
        if (allowing.isEmpty()) {
            throw new DisclosureRefused("No agreement in force lets you claim " + basis.code() + " for " + purpose + ".");
        }
        List<String> ids = allowing.stream().map(LoadedAgreement::id).toList();
        if (named != null && !named.isBlank()) {
            return allowing.stream().filter(a -> a.id().equals(named.strip())).findFirst().orElseThrow(() ->
                    new DisclosureRefused("Agreement '" + named.strip() + "' does not let you claim " + basis.code() + " for "
                            + purpose + "; " + String.join(", ", ids) + " does."));
        }
        if (allowing.size() > 1) {
            throw new InvalidInput("agreement: more than one agreement in force lets you claim " + basis.code() + " for "
                    + purpose + " (" + String.join(", ", ids) + "): name the one whose clause you need");
        }
        return allowing.get(0);
    }

    private PolicySet requireReader(Caller caller, Purpose purpose) {
        PolicySet policy = policies.current();
        policy.refusal(caller, purpose, LocalDate.now(clock)).ifPresent(why -> {
            throw new DisclosureRefused(why);
        });
        return policy;
    }

    /**
     * An act about a subject is open only to a caller who may see that subject under the purpose; one they
     * may not see is answered exactly as one that does not exist, so that the act reveals nothing.
     */
    private void requireVisible(Caller caller, Purpose purpose, UUID subjectId) {
        if (disclosures.subject(caller, purpose, subjectId).isEmpty()) {
            throw new InvalidInput("subjectId: no subject has this id");
        }
    }

    private Exemption find(UUID id) {
        return jdbc.sql("select * from exemption where id = ?").param(id).query(CaseWorkService::exemption).single();
    }

    private static Exemption exemption(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Exemption(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
                Purpose.valueOf(rs.getString("purpose")), ExemptionBasis.valueOf(rs.getString("basis")),
                rs.getString("agreement") == null ? null : rs.getString("agreement") + "@" + rs.getString("agreement_version"),
                rs.getString("justification"), rs.getString("claimed_by"), rs.getString("claimed_by_agency"),
                rs.getObject("claimed_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
                rs.getString("review_status"), rs.getString("reviewed_by"), rs.getString("review_note"));
    }
}
