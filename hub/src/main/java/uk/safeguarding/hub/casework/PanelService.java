package uk.safeguarding.hub.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import uk.safeguarding.hub.access.Act;
import uk.safeguarding.hub.access.Requires;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.CaseWork;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.ingest.PartnerAgencies;

@Service
@EnableConfigurationProperties({RiskMatrix.Settings.class, RepeatVictimisation.Settings.class})
class PanelService implements Panel {

    private final PanelCases store;
    private final CaseAlerts caseAlerts;
    private final Disclosures disclosures;
    private final CaseWork caseWork;
    private final AuditLog audit;
    private final RiskMatrix matrix;
    private final RepeatVictimisation repeats;
    private final Clock clock;
    private final PartnerAgencies partners;

    PanelService(PanelCases store, CaseAlerts caseAlerts, Disclosures disclosures, CaseWork caseWork, AuditLog audit,
            RiskMatrix.Settings risk, RepeatVictimisation.Settings repeats, Clock clock, PartnerAgencies partners) {
        this.store = store;
        this.caseAlerts = caseAlerts;
        this.disclosures = disclosures;
        this.caseWork = caseWork;
        this.audit = audit;
        this.matrix = new RiskMatrix(risk, clock);
        this.repeats = new RepeatVictimisation(repeats, clock);
        this.clock = clock;
        this.partners = partners;
    }

    @Override
    public Flux<Alert> alerts(Caller caller, Purpose purpose) {
        admit(caller, purpose, "caseAlerts");
        return caseAlerts.of(caller, purpose);
    }

    @Override
    @Transactional
    public PanelCase refer(Caller caller, Purpose purpose, NewReferral r) {
        admit(caller, purpose, "referCase");
        DisclosedSubject subject = disclosures.subject(caller, purpose, r.subjectId())
                .orElseThrow(() -> new InvalidInput("subjectId: no subject you may see has this id"));
        String borough = r.borough() != null ? r.borough() : onlyBorough(caller);
        if (!caller.boroughs().contains(borough)) {
            throw new InvalidInput("borough: you do not work in " + borough);
        }
        requireAgency("referringAgency", r.referringAgency());
        if (ReferralCategories.find(r.category()).isEmpty()) {
            throw new InvalidInput("category: '" + r.category() + "' is not a referral category (referralCategories lists them)");
        }
        for (UUID evidence : r.evidenceEventIds()) {
            // evidence is what the referrer can show the panel: an event of the subject they may see
            if (disclosures.event(caller, purpose, subject.id(), evidence).isEmpty()) {
                throw new InvalidInput("evidenceEventIds: " + evidence + " is not an event of the subject that you may see");
            }
        }
        // the case's work is kept by the referrer's agency, under the one agreement that shares it with its workers
        String agreement = disclosures.caseAgreement(caller, purpose, r.agreement());
        UUID id = store.open(subject.id(), borough, purpose, agreement, caller.agency(), caller.userId(), r);
        PanelCase opened = worked(caller, purpose, id);
        record(caller, purpose, "referCase", opened, Map.of("referringAgency", r.referringAgency(), "source", r.source().name()));
        return opened;
    }

    @Override
    @Transactional
    public List<SuggestedReferral> suggestReferrals(Caller caller, Purpose purpose, int limit) {
        admit(caller, purpose, "suggestReferrals");
        if (!boroughWorker(caller)) {
            throw new DisclosureRefused("Referrals are suggested to panel analysts and chairs.");
        }
        List<SuggestedReferral> suggestions = new ArrayList<>();
        // each candidate's timeline is read (and audited) for the caller: twice the page is enough to fill it
        // people already with an open case under this purpose (another purpose's cases are not the caller's to know)
        List<UUID> open = store.openSubjects(purpose);
        for (UUID candidate : disclosures.showingPattern(caller, purpose, "suggestReferrals", repeats.pattern(), open,
                2 * limit)) {
            if (suggestions.size() == limit) {
                break;
            }
            // the pattern must hold on what the caller may see, or the suggestion would reveal the rest
            List<DisclosedEvent> incidents = repeats.incidents(
                    disclosures.timeline(caller, purpose, candidate, Set.of(), 0, 500).items());
            if (repeats.holds(incidents)) {
                disclosures.subject(caller, purpose, candidate).ifPresent(subject -> suggestions.add(new SuggestedReferral(
                        subject, incidents, incidents.stream().map(DisclosedEvent::agency).distinct().sorted().toList(),
                        repeats.since())));
            }
        }
        suggestions.sort(Comparator.comparingInt((SuggestedReferral s) -> -s.incidents().size()));
        return suggestions;
    }

    @Override
    @Transactional
    public List<PanelCase> cases(Caller caller, Purpose purpose, CaseState state, long offset, int limit) {
        admit(caller, purpose, "panelCases");
        List<PanelCase> cases = shown(caller, purpose, store.page(purpose, state, worker(caller), offset, limit));
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "panelCases",
                cases.stream().map(PanelCase::subjectId).distinct().toList(),
                Map.of("cases", cases.stream().map(c -> c.id().toString()).toList(), "agreements", citations(cases))));
        return cases;
    }

    @Override
    @Transactional
    public Optional<PanelCase> find(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "panelCase");
        Optional<PanelCase> found = visible(caller, purpose, caseId);
        found.ifPresent(c -> record(caller, purpose, "panelCase", c, Map.of()));
        return found;
    }

    @Override
    @Transactional
    public RiskSuggestion suggestRisk(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "suggestRisk");
        return suggestion(caller, purpose, worked(caller, purpose, caseId));
    }

    @Override
    @Transactional
    public Optional<CaseProfile> profile(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "caseProfile");
        return visible(caller, purpose, caseId).map(c -> {
            record(caller, purpose, "caseProfile", c, Map.of());
            return new CaseProfile(c, disclosures.coverage(caller, purpose, c.subjectId()), caller.userId(),
                    OffsetDateTime.now(clock));
        });
    }

    /** Reads the subject and their history through the disclosures (audited there), and scores what was released. */
    private RiskSuggestion suggestion(Caller caller, Purpose purpose, PanelCase c) {
        LocalDate born = disclosures.subject(caller, purpose, c.subjectId()).map(DisclosedSubject::dateOfBirth).orElse(null);
        return matrix.suggest(disclosures.timeline(caller, purpose, c.subjectId(), Set.of(), 0, 500).items(), born);
    }

    @Override
    @Transactional
    public PanelCase assessRisk(Caller caller, Purpose purpose, UUID caseId, RiskLevel level, String rationale,
            String referBackTo) {
        admit(caller, purpose, "assessRisk");
        PanelCase c = worked(caller, purpose, caseId);
        requireOpen(c);
        RiskSuggestion suggested = suggestion(caller, purpose, c);
        boolean overridden = level != suggested.level();
        if (overridden && (rationale == null || rationale.isBlank())) {
            throw new InvalidInput("rationale: the suggested level is " + suggested.level() + " (score " + suggested.score()
                    + "); say why the case is " + level);
        }
        if (level != RiskLevel.HIGH) {
            requireAgency("referBackTo", referBackTo);
        }
        store.assess(caseId, suggested, level, blankToNull(rationale), referBackTo, caller.userId());
        PanelCase assessed = worked(caller, purpose, caseId);
        record(caller, purpose, "assessRisk", assessed, Map.of("level", level.name(), "suggested", suggested.level().name(),
                "overridden", overridden));
        return assessed;
    }

    @Override
    @Transactional
    @Requires(Act.SCHEDULE_PANEL_MEETING)
    public Meeting scheduleMeeting(Caller caller, String borough, LocalDate heldOn) {
        if (!caller.boroughs().contains(borough)) {
            throw new InvalidInput("borough: you do not chair a panel in " + borough);
        }
        UUID id = UUID.randomUUID();
        if (!store.schedule(id, borough, heldOn, caller.userId())) {
            throw new InvalidInput("heldOn: " + borough + " already has a panel meeting on " + heldOn);
        }
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "schedulePanelMeeting",
                List.of(), Map.of("meeting", id, "borough", borough, "heldOn", heldOn.toString())));
        return new Meeting(id, borough, heldOn, caller.userId());
    }

    @Override
    @Transactional
    public Agenda agenda(Caller caller, Purpose purpose, UUID meetingId) {
        admit(caller, purpose, "panelAgenda");
        Meeting meeting = meeting(caller, meetingId);
        // the panel's cases as the caller may see them: new ones, reviews due, and overdue actions
        List<PanelCase> onPanel = shown(caller, purpose, store.onPanel(purpose, meeting.borough()));
        List<PanelCase> fresh = onPanel.stream().filter(c -> c.decisions().isEmpty()).toList();
        List<PanelCase> reviews = onPanel.stream()
                .filter(c -> c.reviewDue() != null && !c.reviewDue().isAfter(meeting.heldOn())).toList();
        List<Action> overdue = onPanel.stream().flatMap(c -> c.actions().stream())
                .filter(a -> a.status() == ActionStatus.OPEN && a.dueOn().isBefore(meeting.heldOn()))
                .sorted(Comparator.comparing(Action::dueOn)).toList();
        List<PanelCase> shown = new ArrayList<>(fresh);
        shown.addAll(reviews);
        shown.addAll(onPanel.stream().filter(c -> overdue.stream().anyMatch(a -> a.caseId().equals(c.id()))).toList());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "panelAgenda",
                shown.stream().map(PanelCase::subjectId).distinct().toList(),
                Map.of("meeting", meetingId, "agreements", citations(shown))));
        return new Agenda(meeting, fresh, reviews, overdue);
    }

    @Override
    @Transactional
    @Requires(Act.RECORD_PANEL_DECISION)
    public PanelCase recordDecision(Caller caller, Purpose purpose, UUID meetingId, UUID caseId, String decision,
            LocalDate nextReviewOn) {
        admit(caller, purpose, "recordPanelDecision");
        Meeting meeting = meeting(caller, meetingId);
        PanelCase c = worked(caller, purpose, caseId);
        if (c.state() != CaseState.ON_PANEL || !c.borough().equals(meeting.borough())) {
            throw new InvalidInput("caseId: the case is not on this meeting's panel (it is " + c.state() + ")");
        }
        store.decide(meetingId, caseId, decision, nextReviewOn, caller.userId());
        PanelCase decided = worked(caller, purpose, caseId);
        record(caller, purpose, "recordPanelDecision", decided, Map.of("meeting", meetingId));
        return decided;
    }

    @Override
    @Transactional
    @Requires(Act.APPOINT_CASE_MANAGER)
    public PanelCase appointCaseManager(Caller caller, Purpose purpose, UUID caseId, String caseManager, String agreement) {
        admit(caller, purpose, "appointCaseManager");
        PanelCase c = worked(caller, purpose, caseId);
        requireOpen(c);
        // the legitimate relationship some agreements ask for before they share with a case manager: made, under one
        // agreement, only by its allocators and only to a real case manager at one of its receiving agencies
        CaseWork.Assignment assigned = caseWork.assignCaseManager(caller, c.subjectId(), purpose, agreement, caseManager);
        if (c.caseManager() != null && !c.caseManager().equals(assigned.caseManager())) {
            // the case changes hands: what it opened to the case manager before closes
            caseWork.endAssignments(caller, c.subjectId(), purpose, c.caseManager());
        }
        store.nameCaseManager(caseId, assigned.caseManager());
        PanelCase appointed = worked(caller, purpose, caseId);
        record(caller, purpose, "appointCaseManager", appointed, Map.of("caseManager", assigned.caseManager(),
                "assignment", assigned.id()));
        return appointed;
    }

    @Override
    @Transactional
    public Action addAction(Caller caller, Purpose purpose, UUID caseId, String description, String ownerAgency,
            LocalDate dueOn) {
        admit(caller, purpose, "addCaseAction");
        PanelCase c = worked(caller, purpose, caseId);
        requireOpen(c);
        requireAgency("ownerAgency", ownerAgency);
        UUID id = store.addAction(caseId, description, ownerAgency, dueOn, caller.userId());
        PanelCase added = worked(caller, purpose, caseId);
        record(caller, purpose, "addCaseAction", added, Map.of("action", id, "ownerAgency", ownerAgency));
        return action(added, id);
    }

    @Override
    @Transactional
    public Action updateAction(Caller caller, Purpose purpose, UUID actionId, ActionStatus status, String note) {
        admit(caller, purpose, "updateCaseAction");
        UUID caseId = store.caseOfAction(actionId).flatMap(id -> visible(caller, purpose, id)).map(PanelCase::id)
                .orElseThrow(() -> new InvalidInput("id: no action of yours has this id"));
        store.updateAction(actionId, status, blankToNull(note));
        PanelCase updated = worked(caller, purpose, caseId);
        record(caller, purpose, "updateCaseAction", updated, Map.of("action", actionId, "status", status.name()));
        return action(updated, actionId);
    }

    @Override
    @Transactional
    @Requires(Act.CLOSE_PANEL_CASE)
    public PanelCase resolve(Caller caller, Purpose purpose, UUID caseId, CaseOutcome outcome, String note) {
        admit(caller, purpose, "resolveCase");
        PanelCase c = worked(caller, purpose, caseId);
        requireOpen(c);
        store.close(caseId, outcome, note);
        if (c.caseManager() != null) {
            // the relationship the case gave its case manager ends with it
            caseWork.endAssignmentsOfClosedCase(caller, c.subjectId(), purpose, c.caseManager());
        }
        // the closer still sees the case they closed if they work its borough; a case manager closing it does not
        PanelCase closed = store.load(purpose, caseId);
        record(caller, purpose, "resolveCase", closed, Map.of("outcome", outcome.name()));
        return shown(caller, purpose, closed).orElseThrow(() -> new InvalidInput("caseId: no case of yours has this id"));
    }

    // --- who may do what

    private void admit(Caller caller, Purpose purpose, String operation) {
        if (!Act.WORK_PANEL_CASES.allows(caller)) {
            throw new DisclosureRefused("Panel case work is for panel analysts, chairs and case managers.");
        }
        disclosures.requireReader(caller, purpose, operation);
    }

    private static boolean boroughWorker(Caller caller) {
        return Act.WORK_BOROUGH_CASES.allows(caller);
    }

    private static PanelCases.Worker worker(Caller caller) {
        return new PanelCases.Worker(boroughWorker(caller), caller.boroughs(), caller.userId());
    }

    /**
     * The case as the caller may see it: opened under this purpose, in their boroughs (analysts, chairs) or naming
     * them while open (case managers), and shown by the choke point. Another borough's case, one opened under another
     * purpose or agreement, or one whose subject the caller is no longer assigned, is answered as a missing one: its
     * existence is not the caller's to know.
     */
    private Optional<PanelCase> visible(Caller caller, Purpose purpose, UUID caseId) {
        return store.worked(caseId, purpose, worker(caller)).flatMap(id -> shown(caller, purpose, store.load(purpose, id)));
    }

    /** The case to work on, as {@link #visible}; otherwise the same answer as for a made-up id. */
    private PanelCase worked(Caller caller, Purpose purpose, UUID caseId) {
        return visible(caller, purpose, caseId).orElseThrow(() -> new InvalidInput("caseId: no case of yours has this id"));
    }

    /** The case with its work decided at the choke point; empty if the caller may not see the case at all. */
    private Optional<PanelCase> shown(Caller caller, Purpose purpose, PanelCase c) {
        return disclosures.caseWork(caller, purpose, c.subjectId(), c.agreement(), c.keeper()).map(c::shownWith);
    }

    private List<PanelCase> shown(Caller caller, Purpose purpose, List<UUID> cases) {
        return cases.stream().flatMap(id -> shown(caller, purpose, store.load(purpose, id)).stream()).toList();
    }

    private static Action action(PanelCase c, UUID actionId) {
        return c.actions().stream().filter(a -> a.id().equals(actionId)).findFirst().orElseThrow();
    }

    /** The agreement versions the cases' work was released under, for the read's audit entry. */
    private static List<String> citations(List<PanelCase> cases) {
        return cases.stream().flatMap(c -> c.work().agreements().stream()).distinct().sorted().toList();
    }

    private Meeting meeting(Caller caller, UUID meetingId) {
        return store.meeting(meetingId, caller.boroughs())
                .orElseThrow(() -> new InvalidInput("meetingId: no panel meeting of yours has this id"));
    }

    private static void requireOpen(PanelCase c) {
        if (c.closedAt() != null) {
            throw new InvalidInput("caseId: the case was closed (" + c.state() + ")");
        }
    }

    private void requireAgency(String argument, String agency) {
        if (!partners.isPartner(agency)) {
            throw new InvalidInput(argument + ": '" + agency + "' is not a partner agency's code");
        }
    }

    private static String onlyBorough(Caller caller) {
        if (caller.boroughs().size() != 1) {
            throw new InvalidInput("borough: you work in " + caller.boroughs().size() + " boroughs; say whose panel takes the case");
        }
        return caller.boroughs().iterator().next();
    }

    /** Audits an act on (or read of) a case, citing the agreements its work was shown under. */
    private void record(Caller caller, Purpose purpose, String operation, PanelCase c, Map<String, Object> detail) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("case", c.id());
        entry.putAll(detail);
        entry.put("agreements", c.work() == null ? List.of() : c.work().agreements());
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                List.of(c.subjectId()), entry));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
