package uk.safeguarding.hub.casework;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.access.Act;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.CaseWork;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.ingest.NewEvents;
import uk.safeguarding.hub.ingest.PartnerAgencies;

@Service
@EnableConfigurationProperties({RiskMatrix.Settings.class, RepeatVictimisation.Settings.class})
class PanelService implements Panel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Disclosures disclosures;
    private final CaseWork caseWork;
    private final AuditLog audit;
    private final RiskMatrix matrix;
    private final RepeatVictimisation repeats;
    private final Clock clock;
    private final SubscribableChannel newEvents;
    private final PartnerAgencies partners;

    PanelService(JdbcClient jdbc, Disclosures disclosures, CaseWork caseWork, AuditLog audit, RiskMatrix.Settings risk,
            RepeatVictimisation.Settings repeats, Clock clock,
            @Qualifier(NewEventsListener.ARRIVALS) SubscribableChannel newEvents, PartnerAgencies partners) {
        this.jdbc = jdbc;
        this.disclosures = disclosures;
        this.caseWork = caseWork;
        this.audit = audit;
        this.matrix = new RiskMatrix(risk, clock);
        this.repeats = new RepeatVictimisation(repeats, clock);
        this.clock = clock;
        this.newEvents = newEvents;
        this.partners = partners;
    }

    @Override
    public Flux<Alert> alerts(Caller caller, Purpose purpose) {
        admit(caller, purpose, "caseAlerts");
        return Flux.create(sink -> {
            MessageHandler handler = message -> {
                for (Alert alert : alertsFor(caller, purpose, NewEvents.read((String) message.getPayload()))) {
                    sink.next(alert);
                }
            };
            newEvents.subscribe(handler);
            sink.onDispose(() -> newEvents.unsubscribe(handler));
        });
    }

    /** The arrivals about the subjects of the caller's open cases, each event disclosed (and audited) for them. */
    private List<Alert> alertsFor(Caller caller, Purpose purpose, NewEvents.Batch batch) {
        String[] subjects = batch.arrivals().stream().map(a -> a.subjectId().toString()).distinct().toArray(String[]::new);
        Map<UUID, UUID> caseBySubject = new LinkedHashMap<>();
        jdbc.sql("""
                select subject_id, id from panel_case
                where case_manager = ? and closed_at is null and subject_id = any(?::uuid[]) and purpose = ?""")
                .params(caller.userId(), subjects, purpose.name())
                .query(rs -> {
                    caseBySubject.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        List<Alert> alerts = new ArrayList<>();
        for (NewEvents.Arrival arrival : batch.arrivals()) {
            UUID caseId = caseBySubject.get(arrival.subjectId());
            if (caseId != null) {
                disclosures.event(caller, purpose, arrival.subjectId(), arrival.eventId())
                        .ifPresent(e -> alerts.add(new Alert(caseId, arrival.subjectId(), e, OffsetDateTime.now(clock))));
            }
        }
        return alerts;
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
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into panel_case (id, subject_id, borough, state, opened_by, purpose)
                values (?, ?, ?, 'REFERRED', ?, ?)""").params(id, subject.id(), borough, caller.userId(), purpose.name()).update();
        jdbc.sql("""
                insert into referral (case_id, referring_agency, source, reason, category, evidence_event_ids, referred_by)
                values (?, ?, ?, ?, ?, ?::uuid[], ?)""")
                .params(id, r.referringAgency(), r.source().name(), r.reason(), r.category(),
                        r.evidenceEventIds().stream().map(UUID::toString).toArray(String[]::new), caller.userId())
                .update();
        record(caller, purpose, "referCase", subject.id(), Map.of("case", id, "referringAgency", r.referringAgency(),
                "source", r.source().name()));
        return load(purpose, id);
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
        List<UUID> open = jdbc.sql("select subject_id from panel_case where closed_at is null and purpose = ?")
                .param(purpose.name()).query(UUID.class).list();
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
        List<UUID> ids = jdbc.sql("""
                select id from panel_case
                where ((? and borough = any(?::text[])) or (case_manager = ? and closed_at is null))
                  and (?::text is null or state = ?) and purpose = ?
                order by opened_at desc, id offset ? limit ?""")
                .params(boroughWorker(caller), caller.boroughs().toArray(String[]::new), caller.userId(),
                        state == null ? null : state.name(), state == null ? null : state.name(), purpose.name(), offset, limit)
                .query(UUID.class).list();
        List<PanelCase> cases = ids.stream().map(id -> load(purpose, id)).toList();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "panelCases",
                cases.stream().map(PanelCase::subjectId).distinct().toList(),
                Map.of("cases", cases.stream().map(c -> c.id().toString()).toList())));
        return cases;
    }

    @Override
    @Transactional
    public Optional<PanelCase> find(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "panelCase");
        Optional<PanelCase> found = visible(caller, purpose, caseId).map(id -> load(purpose, id));
        found.ifPresent(c -> record(caller, purpose, "panelCase", c.subjectId(), Map.of("case", c.id())));
        return found;
    }

    @Override
    @Transactional
    public RiskSuggestion suggestRisk(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "suggestRisk");
        PanelCase c = load(purpose, require(caller, purpose, caseId));
        return suggestion(caller, purpose, c);
    }

    @Override
    @Transactional
    public Optional<CaseProfile> profile(Caller caller, Purpose purpose, UUID caseId) {
        admit(caller, purpose, "caseProfile");
        return visible(caller, purpose, caseId).map(id -> {
            PanelCase c = load(purpose, id);
            record(caller, purpose, "caseProfile", c.subjectId(), Map.of("case", id));
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
        PanelCase c = load(purpose, require(caller, purpose, caseId));
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
        jdbc.sql("""
                insert into risk_assessment (case_id, suggested_level, suggested_score, level, rationale, contributions, assessed_by)
                values (?, ?, ?, ?, ?, ?::json, ?)""")
                .params(caseId, suggested.level().name(), suggested.score(), level.name(), blankToNull(rationale),
                        JSON.writeValueAsString(suggested.contributions()), caller.userId())
                .update();
        // high risk goes to the panel; low and medium go back to a partner agency, monitored by the panel
        if (level == RiskLevel.HIGH) {
            jdbc.sql("""
                    update panel_case set state = 'ON_PANEL', risk_level = 'HIGH', referred_back_to = null,
                        placed_on_panel_at = coalesce(placed_on_panel_at, now()) where id = ?""").param(caseId).update();
        } else {
            jdbc.sql("update panel_case set state = 'REFERRED_BACK', risk_level = ?, referred_back_to = ? where id = ?")
                    .params(level.name(), referBackTo, caseId).update();
        }
        record(caller, purpose, "assessRisk", c.subjectId(), Map.of("case", caseId, "level", level.name(),
                "suggested", suggested.level().name(), "overridden", overridden));
        return load(purpose, caseId);
    }

    @Override
    @Transactional
    public Meeting scheduleMeeting(Caller caller, String borough, LocalDate heldOn) {
        Act.SCHEDULE_PANEL_MEETING.require(caller);
        if (!caller.boroughs().contains(borough)) {
            throw new InvalidInput("borough: you do not chair a panel in " + borough);
        }
        UUID id = UUID.randomUUID();
        int made = jdbc.sql("""
                insert into panel_meeting (id, borough, held_on, chair) values (?, ?, ?, ?)
                on conflict (borough, held_on) do nothing""").params(id, borough, heldOn, caller.userId()).update();
        if (made == 0) {
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
        List<PanelCase> fresh = casesWhere("""
                state = 'ON_PANEL' and borough = ? and purpose = ?
                  and not exists (select 1 from panel_decision d where d.case_id = c.id)""",
                purpose, meeting.borough(), purpose.name());
        List<PanelCase> reviews = casesWhere("""
                state = 'ON_PANEL' and borough = ? and purpose = ? and review_due <= ?""", purpose, meeting.borough(),
                purpose.name(), meeting.heldOn());
        List<Action> overdue = jdbc.sql("""
                select a.* from case_action a join panel_case c on c.id = a.case_id
                where c.borough = ? and c.purpose = ? and c.state = 'ON_PANEL' and a.status = 'OPEN' and a.due_on < ?
                order by a.due_on""")
                .params(meeting.borough(), purpose.name(), meeting.heldOn()).query(this::action).list();
        List<UUID> subjects = new ArrayList<>();
        fresh.forEach(c -> subjects.add(c.subjectId()));
        reviews.forEach(c -> subjects.add(c.subjectId()));
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "panelAgenda",
                subjects.stream().distinct().toList(), Map.of("meeting", meetingId)));
        return new Agenda(meeting, fresh, reviews, overdue);
    }

    @Override
    @Transactional
    public PanelCase recordDecision(Caller caller, Purpose purpose, UUID meetingId, UUID caseId, String decision,
            LocalDate nextReviewOn) {
        Act.RECORD_PANEL_DECISION.require(caller);
        admit(caller, purpose, "recordPanelDecision");
        Meeting meeting = meeting(caller, meetingId);
        PanelCase c = load(purpose, require(caller, purpose, caseId));
        if (c.state() != CaseState.ON_PANEL || !c.borough().equals(meeting.borough())) {
            throw new InvalidInput("caseId: the case is not on this meeting's panel (it is " + c.state() + ")");
        }
        jdbc.sql("insert into panel_decision (meeting_id, case_id, decision, next_review_on, decided_by) values (?, ?, ?, ?, ?)")
                .params(meetingId, caseId, decision, nextReviewOn, caller.userId()).update();
        jdbc.sql("update panel_case set review_due = ? where id = ?").params(nextReviewOn, caseId).update();
        record(caller, purpose, "recordPanelDecision", c.subjectId(), Map.of("case", caseId, "meeting", meetingId));
        return load(purpose, caseId);
    }

    @Override
    @Transactional
    public PanelCase appointCaseManager(Caller caller, Purpose purpose, UUID caseId, String caseManager, String agreement) {
        Act.APPOINT_CASE_MANAGER.require(caller);
        admit(caller, purpose, "appointCaseManager");
        PanelCase c = load(purpose, require(caller, purpose, caseId));
        requireOpen(c);
        // the legitimate relationship some agreements ask for before they share with a case manager: made, under one
        // agreement, only by its allocators and only to a real case manager at one of its receiving agencies
        CaseWork.Assignment assigned = caseWork.assignCaseManager(caller, c.subjectId(), purpose, agreement, caseManager);
        if (c.caseManager() != null && !c.caseManager().equals(assigned.caseManager())) {
            // the case changes hands: what it opened to the case manager before closes
            caseWork.endAssignments(caller, c.subjectId(), purpose, c.caseManager());
        }
        jdbc.sql("update panel_case set case_manager = ? where id = ?").params(assigned.caseManager(), caseId).update();
        record(caller, purpose, "appointCaseManager", c.subjectId(), Map.of("case", caseId, "caseManager",
                assigned.caseManager(), "assignment", assigned.id()));
        return load(purpose, caseId);
    }

    @Override
    @Transactional
    public Action addAction(Caller caller, Purpose purpose, UUID caseId, String description, String ownerAgency,
            LocalDate dueOn) {
        admit(caller, purpose, "addCaseAction");
        PanelCase c = load(purpose, require(caller, purpose, caseId));
        requireOpen(c);
        requireAgency("ownerAgency", ownerAgency);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_action (id, case_id, description, owner_agency, due_on, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, caseId, description, ownerAgency, dueOn, caller.userId()).update();
        record(caller, purpose, "addCaseAction", c.subjectId(), Map.of("case", caseId, "action", id, "ownerAgency", ownerAgency));
        return jdbc.sql("select * from case_action where id = ?").param(id).query(this::action).single();
    }

    @Override
    @Transactional
    public Action updateAction(Caller caller, Purpose purpose, UUID actionId, ActionStatus status, String note) {
        admit(caller, purpose, "updateCaseAction");
        UUID caseId = jdbc.sql("select case_id from case_action where id = ?").param(actionId).query(UUID.class).optional()
                .orElseThrow(() -> new InvalidInput("id: no action of yours has this id"));
        PanelCase c = load(purpose, visible(caller, purpose, caseId)
                .orElseThrow(() -> new InvalidInput("id: no action of yours has this id")));
        jdbc.sql("""
                update case_action set status = ?, note = coalesce(?, note),
                    closed_at = case when ? = 'OPEN' then null else now() end where id = ?""")
                .params(status.name(), blankToNull(note), status.name(), actionId).update();
        record(caller, purpose, "updateCaseAction", c.subjectId(), Map.of("case", caseId, "action", actionId,
                "status", status.name()));
        return jdbc.sql("select * from case_action where id = ?").param(actionId).query(this::action).single();
    }

    @Override
    @Transactional
    public PanelCase resolve(Caller caller, Purpose purpose, UUID caseId, CaseOutcome outcome, String note) {
        Act.CLOSE_PANEL_CASE.require(caller);
        admit(caller, purpose, "resolveCase");
        PanelCase c = load(purpose, require(caller, purpose, caseId));
        requireOpen(c);
        String state = outcome == CaseOutcome.RESOLVED ? "RESOLVED" : "CLOSED_RISK_REDUCED";
        jdbc.sql("update panel_case set state = ?, closed_at = now(), closing_note = ? where id = ?")
                .params(state, note, caseId).update();
        if (c.caseManager() != null) {
            // the relationship the case gave its case manager ends with it
            caseWork.endAssignmentsOfClosedCase(caller, c.subjectId(), purpose, c.caseManager());
        }
        record(caller, purpose, "resolveCase", c.subjectId(), Map.of("case", caseId, "outcome", outcome.name()));
        return load(purpose, caseId);
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

    /**
     * The case, if the caller works it: opened under this purpose, and in their boroughs (analysts, chairs) or
     * naming them while it is open (case managers: closing it ends their assignment, and their sight of it).
     */
    private Optional<UUID> visible(Caller caller, Purpose purpose, UUID caseId) {
        return jdbc.sql("""
                select id from panel_case
                where id = ? and purpose = ? and ((? and borough = any(?::text[])) or (case_manager = ? and closed_at is null))""")
                .params(caseId, purpose.name(), boroughWorker(caller), caller.boroughs().toArray(String[]::new),
                        caller.userId())
                .query(UUID.class).optional();
    }

    /**
     * Another borough's case, or one opened under another purpose, is answered as a missing one: its existence is
     * not the caller's to know.
     */
    private UUID require(Caller caller, Purpose purpose, UUID caseId) {
        return visible(caller, purpose, caseId).orElseThrow(() -> new InvalidInput("caseId: no case of yours has this id"));
    }

    private Meeting meeting(Caller caller, UUID meetingId) {
        return jdbc.sql("select id, borough, held_on, chair from panel_meeting where id = ? and borough = any(?::text[])")
                .params(meetingId, caller.boroughs().toArray(String[]::new))
                .query((rs, n) -> new Meeting(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4)))
                .optional().orElseThrow(() -> new InvalidInput("meetingId: no panel meeting of yours has this id"));
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

    private void record(Caller caller, Purpose purpose, String operation, UUID subject, Map<String, Object> detail) {
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                List.of(subject), new LinkedHashMap<>(detail)));
    }

    // --- reading cases

    private List<PanelCase> casesWhere(String condition, Purpose purpose, Object... params) {
        return jdbc.sql("select id from panel_case c where " + condition + " order by opened_at").params(params)
                .query(UUID.class).list().stream().map(id -> load(purpose, id)).toList();
    }

    private PanelCase load(Purpose purpose, UUID id) {
        LocalDate today = LocalDate.now(clock);
        List<Referral> referrals = jdbc.sql("select * from referral where case_id = ? order by id").param(id)
                .query((rs, n) -> new Referral(rs.getString("referring_agency"), ReferralSource.valueOf(rs.getString("source")),
                        rs.getString("reason"), rs.getString("category"), rs.getString("referred_by"),
                        rs.getObject("referred_at", OffsetDateTime.class), uuids(rs.getArray("evidence_event_ids"))))
                .list();
        List<Assessment> assessments = jdbc.sql("select * from risk_assessment where case_id = ? order by id desc").param(id)
                .query((rs, n) -> new Assessment(RiskLevel.valueOf(rs.getString("suggested_level")), rs.getInt("suggested_score"),
                        RiskLevel.valueOf(rs.getString("level")), !rs.getString("level").equals(rs.getString("suggested_level")),
                        rs.getString("rationale"), rs.getString("assessed_by"), rs.getObject("assessed_at", OffsetDateTime.class)))
                .list();
        List<Action> actions = jdbc.sql("select * from case_action where case_id = ? order by due_on, id").param(id)
                .query(this::action).list();
        List<Decision> decisions = jdbc.sql("""
                select d.meeting_id, m.held_on, d.decision, d.decided_by from panel_decision d
                join panel_meeting m on m.id = d.meeting_id where d.case_id = ? order by m.held_on, d.id""").param(id)
                .query((rs, n) -> new Decision(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4)))
                .list();
        return jdbc.sql("select * from panel_case where id = ?").param(id).query((rs, n) -> {
            CaseState state = CaseState.valueOf(rs.getString("state"));
            LocalDate reviewDue = rs.getObject("review_due", LocalDate.class);
            List<CaseFlag> flags = new ArrayList<>();
            if (state == CaseState.ON_PANEL && reviewDue != null && reviewDue.isBefore(today)) {
                flags.add(CaseFlag.REVIEW_OVERDUE);
            }
            if (actions.stream().anyMatch(Action::overdue)) {
                flags.add(CaseFlag.ACTION_OVERDUE);
            }
            String level = rs.getString("risk_level");
            return new PanelCase(id, rs.getObject("subject_id", UUID.class), purpose, state, rs.getString("borough"),
                    rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                    level == null ? null : RiskLevel.valueOf(level), rs.getString("case_manager"),
                    rs.getString("referred_back_to"), reviewDue, referrals, assessments, actions, decisions, flags);
        }).single();
    }

    private Action action(ResultSet rs, int n) throws SQLException {
        ActionStatus status = ActionStatus.valueOf(rs.getString("status"));
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        return new Action(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getString("description"),
                rs.getString("owner_agency"), due, status, rs.getString("note"),
                status == ActionStatus.OPEN && due.isBefore(LocalDate.now(clock)));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
