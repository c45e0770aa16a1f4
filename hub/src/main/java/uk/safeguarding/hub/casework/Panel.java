package uk.safeguarding.hub.casework;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Flux;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.CaseWork;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.Purpose;

/**
 * The panel's work on cases. Analysts and chairs work the cases of their boroughs, case managers the
 * cases they are named on; everything is done under a purpose an agreement in force grants them.
 */
public interface Panel {

    PanelCase refer(Caller caller, Purpose purpose, NewReferral referral);

    /**
     * People the feeds show suffering repeated incidents across agencies, with no case open, to refer
     * (panel-analyst, panel-chair): each with the incidents, as the caller may see them, that show it.
     */
    List<SuggestedReferral> suggestReferrals(Caller caller, Purpose purpose, int limit);

    /** Cases the caller may work, newest first, from {@code offset}; one more than asked tells of a next page. */
    List<PanelCase> cases(Caller caller, Purpose purpose, CaseState state, long offset, int limit);

    Optional<PanelCase> find(Caller caller, Purpose purpose, UUID caseId);

    RiskSuggestion suggestRisk(Caller caller, Purpose purpose, UUID caseId);

    /** The case with the gaps in what the partners' records show the caller (see Disclosures.coverage). */
    Optional<CaseProfile> profile(Caller caller, Purpose purpose, UUID caseId);

    PanelCase assessRisk(Caller caller, Purpose purpose, UUID caseId, RiskLevel level, String rationale, String referBackTo);

    Meeting scheduleMeeting(Caller caller, String borough, LocalDate heldOn);

    Agenda agenda(Caller caller, Purpose purpose, UUID meetingId);

    PanelCase recordDecision(Caller caller, Purpose purpose, UUID meetingId, UUID caseId, String decision,
            LocalDate nextReviewOn);

    /** Names the case's case manager and assigns them its subject under the purpose and one agreement ({@link CaseWork#assignCaseManager}). */
    PanelCase appointCaseManager(Caller caller, Purpose purpose, UUID caseId, String caseManager, String agreement);

    Action addAction(Caller caller, Purpose purpose, UUID caseId, String description, String ownerAgency, LocalDate dueOn);

    Action updateAction(Caller caller, Purpose purpose, UUID actionId, ActionStatus status, String note);

    PanelCase resolve(Caller caller, Purpose purpose, UUID caseId, CaseOutcome outcome, String note);

    /** New events for the subjects of the caller's open cases (as their case manager), as they arrive. */
    Flux<Alert> alerts(Caller caller, Purpose purpose);

    record Alert(UUID caseId, UUID subjectId, DisclosedEvent event, OffsetDateTime receivedAt) {
    }

    enum CaseState { REFERRED, ON_PANEL, REFERRED_BACK, RESOLVED, CLOSED_RISK_REDUCED }

    enum ReferralSource { POLICE, SELF, OTHER_AGENCY }

    enum RiskLevel { LOW, MEDIUM, HIGH }

    enum ActionStatus { OPEN, DONE, CANCELLED }

    enum CaseOutcome { RESOLVED, RISK_REDUCED }

    enum CaseFlag { REVIEW_OVERDUE, ACTION_OVERDUE }

    record SuggestedReferral(DisclosedSubject subject, List<DisclosedEvent> incidents, List<String> agencies,
            OffsetDateTime since) {
    }

    /** @param agreement the agreement the case is to belong to (its id); may be left out when only one can hold it */
    record NewReferral(UUID subjectId, String referringAgency, ReferralSource source, String reason, String category,
            List<UUID> evidenceEventIds, String borough, String agreement) {
    }

    /**
     * A case as its workers see it; the subject itself is disclosed separately, under the purpose. Its free text is
     * the case work of {@code keeper} (the agency whose staff opened it) under {@code agreement}, each piece shown
     * only where {@code work} releases it.
     */
    record PanelCase(UUID id, UUID subjectId, Purpose purpose, String agreement, String keeper, CaseState state,
            String borough, OffsetDateTime openedAt, OffsetDateTime closedAt, RiskLevel riskLevel, String caseManager,
            String referredBackTo, LocalDate reviewDue, List<Referral> referrals, List<Assessment> assessments,
            List<Action> actions, List<Decision> decisions, List<CaseFlag> flags, Disclosures.CaseWorkRelease work) {

        /** The case as the choke point's decisions on its work let the caller see it: withheld text is null. */
        PanelCase shownWith(Disclosures.CaseWorkRelease decided) {
            return new PanelCase(id, subjectId, purpose, agreement, keeper, state, borough, openedAt, closedAt, riskLevel,
                    caseManager, referredBackTo, reviewDue,
                    referrals.stream().map(r -> new Referral(r.referringAgency(), r.source(),
                            decided.releases("case.reason") ? r.reason() : null, r.category(), r.referredBy(),
                            r.referredAt(), r.evidenceEventIds())).toList(),
                    assessments.stream().map(a -> new Assessment(a.suggestedLevel(), a.suggestedScore(), a.level(),
                            a.overridden(), decided.releases("case.rationale") ? a.rationale() : null, a.assessedBy(),
                            a.assessedAt())).toList(),
                    actions.stream().map(a -> a.shownWith(decided)).toList(),
                    decisions.stream().map(d -> new Decision(d.meetingId(), d.heldOn(),
                            decided.releases("case.decision") ? d.decision() : null, d.decidedBy())).toList(),
                    flags, decided);
        }

        /** The case work's fields withheld from the caller, and why (none before the choke point has decided). */
        public List<uk.safeguarding.hub.access.Withheld> withheld() {
            return work == null ? List.of() : work.withheld();
        }
    }

    record Referral(String referringAgency, ReferralSource source, String reason, String category, String referredBy,
            OffsetDateTime referredAt, List<UUID> evidenceEventIds) {
    }

    record Assessment(RiskLevel suggestedLevel, int suggestedScore, RiskLevel level, boolean overridden,
            String rationale, String assessedBy, OffsetDateTime assessedAt) {
    }

    record RiskSuggestion(RiskLevel level, int score, int history, int vulnerability, int support, int mediumFrom,
            int highFrom, List<Contribution> contributions) {
    }

    /** One reason the score moved, and by how much; an event's id only if the assessor may see it. */
    record Contribution(String factor, int points, String reason, UUID eventId, String agency) {
    }

    record CaseProfile(PanelCase panelCase, List<Disclosures.AgencyCoverage> gaps, String preparedBy,
            OffsetDateTime preparedAt) {
    }

    record Meeting(UUID id, String borough, LocalDate heldOn, String chair) {
    }

    record Agenda(Meeting meeting, List<PanelCase> newHighRiskCases, List<PanelCase> reviewsDue, List<Action> overdueActions) {
    }

    record Decision(UUID meetingId, LocalDate heldOn, String decision, String decidedBy) {
    }

    record Action(UUID id, UUID caseId, String description, String ownerAgency, LocalDate dueOn, ActionStatus status,
            String note, boolean overdue) {

        Action shownWith(Disclosures.CaseWorkRelease decided) {
            return new Action(id, caseId, decided.releases("case.description") ? description : null, ownerAgency, dueOn,
                    status, decided.releases("case.note") ? note : null, overdue);
        }
    }
}
