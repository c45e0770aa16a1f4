package uk.safeguarding.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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

    CaseWorkService(JdbcClient jdbc, PolicyStore policies, AuditLog audit, StringRedisTemplate redis, Clock clock,
            Disclosures disclosures, PartnerAgencies partners) {
        this.disclosures = disclosures;
        this.partners = partners;
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ConsentRecord recordConsent(Caller caller, UUID subjectId, String agency, Purpose purpose,
            ConsentState state, String evidence) {
        requireReader(caller, purpose);
        requireVisible(caller, purpose, subjectId);
        if (state == ConsentState.NOT_ASKED) {
            throw new InvalidInput("state: record GRANTED, REFUSED or WITHDRAWN");
        }
        if (!partners.isPartner(agency)) {
            throw new InvalidInput("agency: '" + agency + "' is not a partner agency");
        }
        OffsetDateTime at = jdbc.sql("""
                insert into consent (subject_id, agency, purpose, state, evidence, recorded_by, recorded_by_agency)
                values (?, ?, ?, ?, ?, ?, ?) returning recorded_at""")
                .params(subjectId, agency, purpose.name(), state.name(), evidence, caller.userId(), caller.agency())
                .query(OffsetDateTime.class).single();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(),
                state == ConsentState.WITHDRAWN ? "withdrawConsent" : "recordConsent", List.of(subjectId),
                Map.of("agency", agency, "state", state.name())));
        return new ConsentRecord(subjectId, agency, purpose, state, caller.userId(), at);
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
        try {
            redis.convertAndSend(AUDITOR_ALERTS, "{\"type\":\"exemption-claimed\",\"exemption\":\"" + id + "\"}");
        } catch (RuntimeException e) {
            // the claim and its audit entry stand; the alert is a convenience, the review list is the record
            log.warn("Could not alert auditors of exemption {}: {}", id, e.getClass().getSimpleName());
        }
        return find(id);
    }

    @Override
    @Transactional
    public Exemption reviewExemption(Caller caller, UUID exemptionId, boolean upheld, String note) {
        Act.REVIEW_EXEMPTIONS.require(caller);
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
    public List<Exemption> exemptions(Caller caller, String reviewStatus) {
        Act.LIST_EXEMPTIONS.require(caller);
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
    public void assignCaseManager(Caller caller, UUID subjectId, String caseManager) {
        Act.ASSIGN_CASE_MANAGER.require(caller);
        requireSubject(subjectId);
        jdbc.sql("""
                insert into case_assignment (subject_id, case_manager, assigned_by) values (?, ?, ?)
                on conflict (subject_id, case_manager) where ended_at is null do nothing""")
                .params(subjectId, caseManager, caller.userId()).update();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "assignCaseManager",
                List.of(subjectId), Map.of("caseManager", caseManager)));
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

    private void requireSubject(UUID subjectId) {
        if (!jdbc.sql("select exists (select 1 from subject where id = ?)").param(subjectId).query(Boolean.class).single()) {
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
