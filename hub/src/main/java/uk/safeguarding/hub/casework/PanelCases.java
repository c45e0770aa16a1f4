package uk.safeguarding.hub.casework;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.casework.Panel.Action;
import uk.safeguarding.hub.casework.Panel.ActionStatus;
import uk.safeguarding.hub.casework.Panel.Assessment;
import uk.safeguarding.hub.casework.Panel.CaseFlag;
import uk.safeguarding.hub.casework.Panel.CaseOutcome;
import uk.safeguarding.hub.casework.Panel.CaseState;
import uk.safeguarding.hub.casework.Panel.Decision;
import uk.safeguarding.hub.casework.Panel.Meeting;
import uk.safeguarding.hub.casework.Panel.NewReferral;
import uk.safeguarding.hub.casework.Panel.PanelCase;
import uk.safeguarding.hub.casework.Panel.Referral;
import uk.safeguarding.hub.casework.Panel.ReferralSource;
import uk.safeguarding.hub.casework.Panel.RiskLevel;
import uk.safeguarding.hub.casework.Panel.RiskSuggestion;

/**
 * The panel's cases as stored: a case with its referrals, assessments, actions and decisions, and the meetings. No
 * decisions about who may see what are taken here (PanelService and the choke point take them): a case is loaded
 * whole, its work not yet decided.
 */
@Repository
class PanelCases {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    PanelCases(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who works a case: its borough's analysts and chairs, or the case manager it names while it is open. */
    record Worker(boolean boroughWorker, Collection<String> boroughs, String user) {
    }

    /** The case, if opened under the purpose and the worker works it. */
    Optional<UUID> worked(UUID caseId, Purpose purpose, Worker w) {
        return jdbc.sql("""
                select id from panel_case
                where id = ? and purpose = ? and ((? and borough = any(?::text[])) or (case_manager = ? and closed_at is null))""")
                .params(caseId, purpose.name(), w.boroughWorker(), w.boroughs().toArray(String[]::new), w.user())
                .query(UUID.class).optional();
    }

    /** The cases the worker works under the purpose, newest first. */
    List<UUID> page(Purpose purpose, CaseState state, Worker w, long offset, int limit) {
        String s = state == null ? null : state.name();
        return jdbc.sql("""
                select id from panel_case
                where ((? and borough = any(?::text[])) or (case_manager = ? and closed_at is null))
                  and (?::text is null or state = ?) and purpose = ?
                order by opened_at desc, id offset ? limit ?""")
                .params(w.boroughWorker(), w.boroughs().toArray(String[]::new), w.user(), s, s, purpose.name(), offset, limit)
                .query(UUID.class).list();
    }

    /** A borough panel's cases under the purpose in a state, oldest first. */
    List<UUID> onPanel(Purpose purpose, String borough) {
        return jdbc.sql("select id from panel_case where state = 'ON_PANEL' and borough = ? and purpose = ? order by opened_at")
                .params(borough, purpose.name()).query(UUID.class).list();
    }

    /** People with a case open under the purpose. */
    List<UUID> openSubjects(Purpose purpose) {
        return jdbc.sql("select subject_id from panel_case where closed_at is null and purpose = ?")
                .param(purpose.name()).query(UUID.class).list();
    }

    /** The open cases naming the case manager, of the subjects given, by subject. */
    Map<UUID, UUID> openCasesOf(String caseManager, Purpose purpose, Collection<UUID> subjects) {
        Map<UUID, UUID> bySubject = new LinkedHashMap<>();
        jdbc.sql("""
                select subject_id, id from panel_case
                where case_manager = ? and closed_at is null and subject_id = any(?::uuid[]) and purpose = ?""")
                .params(caseManager, subjects.stream().map(UUID::toString).toArray(String[]::new), purpose.name())
                .query(rs -> {
                    bySubject.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        return bySubject;
    }

    UUID open(UUID subjectId, String borough, Purpose purpose, String agreement, String keeper, String by, NewReferral r) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into panel_case (id, subject_id, borough, state, opened_by, purpose, agreement, keeper)
                values (?, ?, ?, 'REFERRED', ?, ?, ?, ?)""")
                .params(id, subjectId, borough, by, purpose.name(), agreement, keeper).update();
        jdbc.sql("""
                insert into referral (case_id, referring_agency, source, reason, category, evidence_event_ids, referred_by)
                values (?, ?, ?, ?, ?, ?::uuid[], ?)""")
                .params(id, r.referringAgency(), r.source().name(), r.reason(), r.category(),
                        r.evidenceEventIds().stream().map(UUID::toString).toArray(String[]::new), by)
                .update();
        return id;
    }

    /** Keeps the assessment; high risk goes to the panel, low and medium back to a partner agency, monitored. */
    void assess(UUID caseId, RiskSuggestion suggested, RiskLevel level, String rationale, String referBackTo, String by) {
        jdbc.sql("""
                insert into risk_assessment (case_id, suggested_level, suggested_score, level, rationale, contributions, assessed_by)
                values (?, ?, ?, ?, ?, ?::json, ?)""")
                .params(caseId, suggested.level().name(), suggested.score(), level.name(), rationale,
                        JSON.writeValueAsString(suggested.contributions()), by)
                .update();
        if (level == RiskLevel.HIGH) {
            jdbc.sql("""
                    update panel_case set state = 'ON_PANEL', risk_level = 'HIGH', referred_back_to = null,
                        placed_on_panel_at = coalesce(placed_on_panel_at, now()) where id = ?""").param(caseId).update();
        } else {
            jdbc.sql("update panel_case set state = 'REFERRED_BACK', risk_level = ?, referred_back_to = ? where id = ?")
                    .params(level.name(), referBackTo, caseId).update();
        }
    }

    /** False if the borough already has a meeting that day. */
    boolean schedule(UUID id, String borough, LocalDate heldOn, String chair) {
        return jdbc.sql("""
                insert into panel_meeting (id, borough, held_on, chair) values (?, ?, ?, ?)
                on conflict (borough, held_on) do nothing""").params(id, borough, heldOn, chair).update() > 0;
    }

    Optional<Meeting> meeting(UUID meetingId, Collection<String> boroughs) {
        return jdbc.sql("select id, borough, held_on, chair from panel_meeting where id = ? and borough = any(?::text[])")
                .params(meetingId, boroughs.toArray(String[]::new))
                .query((rs, n) -> new Meeting(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4)))
                .optional();
    }

    void decide(UUID meetingId, UUID caseId, String decision, LocalDate nextReviewOn, String by) {
        jdbc.sql("insert into panel_decision (meeting_id, case_id, decision, next_review_on, decided_by) values (?, ?, ?, ?, ?)")
                .params(meetingId, caseId, decision, nextReviewOn, by).update();
        jdbc.sql("update panel_case set review_due = ? where id = ?").params(nextReviewOn, caseId).update();
    }

    void nameCaseManager(UUID caseId, String caseManager) {
        jdbc.sql("update panel_case set case_manager = ? where id = ?").params(caseManager, caseId).update();
    }

    UUID addAction(UUID caseId, String description, String ownerAgency, LocalDate dueOn, String by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_action (id, case_id, description, owner_agency, due_on, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, caseId, description, ownerAgency, dueOn, by).update();
        return id;
    }

    Optional<UUID> caseOfAction(UUID actionId) {
        return jdbc.sql("select case_id from case_action where id = ?").param(actionId).query(UUID.class).optional();
    }

    /** A note given replaces the last; none keeps it. */
    void updateAction(UUID actionId, ActionStatus status, String note) {
        jdbc.sql("""
                update case_action set status = ?, note = coalesce(?, note),
                    closed_at = case when ? = 'OPEN' then null else now() end where id = ?""")
                .params(status.name(), note, status.name(), actionId).update();
    }

    void close(UUID caseId, CaseOutcome outcome, String note) {
        jdbc.sql("update panel_case set state = ?, closed_at = now(), closing_note = ? where id = ?")
                .params(outcome == CaseOutcome.RESOLVED ? "RESOLVED" : "CLOSED_RISK_REDUCED", note, caseId).update();
    }

    /** The case as stored, its work not yet decided ({@link PanelCase#work()} null). */
    PanelCase load(Purpose purpose, UUID id) {
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
                .query((rs, n) -> action(rs, today)).list();
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
            return new PanelCase(id, rs.getObject("subject_id", UUID.class), purpose, rs.getString("agreement"),
                    rs.getString("keeper"), state, rs.getString("borough"),
                    rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                    level == null ? null : RiskLevel.valueOf(level), rs.getString("case_manager"),
                    rs.getString("referred_back_to"), reviewDue, referrals, assessments, actions, decisions, flags, null);
        }).single();
    }

    private static Action action(ResultSet rs, LocalDate today) throws SQLException {
        ActionStatus status = ActionStatus.valueOf(rs.getString("status"));
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        return new Action(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getString("description"),
                rs.getString("owner_agency"), due, status, rs.getString("note"),
                status == ActionStatus.OPEN && due.isBefore(today));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }
}
