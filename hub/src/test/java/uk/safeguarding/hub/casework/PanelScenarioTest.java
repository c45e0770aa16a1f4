package uk.safeguarding.hub.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.AlertStream;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * The panel's story end to end, as issue 7 tells it: a generated victim suffers incidents known to six
 * agencies; the hub suggests the referral; the analyst refers her with the incidents as evidence; the risk
 * matrix scores her high and explains why from what the analyst may see; the panel takes the case, the
 * chair names a case manager and agrees actions; the fire brigade attends her address and the case
 * manager is alerted; the case is resolved; the commissioner's statistics move with it and never show a
 * small count; the printable profile shows what the analyst may see and nothing else.
 */
class PanelScenarioTest extends LocalHubTest {

    private static final String LAMBETH = "E09000022";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int THRESHOLD = 10;
    private static final String STATISTICS = """
            query($from: Date!, $to: Date!) { panelStatistics(purpose: STATISTICS, from: $from, to: $to) {
              method agreements
              referralsBySourceAndRiskLevel { ...table } referralsByCategory { ...table } referralsByBorough { ...table }
              referralsByAgeBand { ...table } referralsByMonth { ...table } takeUp { ...table } casesByState { ...table }
              outcomes { casesOpened { value withheld } casesClosed { value withheld } highRiskShare medianDaysToResolution notes } } }
            fragment table on StatisticsTable { title columnLabels rows { label cells { value withheld } total { value withheld } }
              columnTotals { value withheld } total { value withheld } }""";

    @Autowired
    RecordGateway gateway;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(NewEventsListener.ARRIVALS)
    org.springframework.messaging.SubscribableChannel arrivals;

    @Test
    void aVictimKnownToSixAgenciesIsReferredScoredHighSupportedByThePanelAndTheStatisticsMove() throws Exception {
        String analyst = client.devToken("lambeth.analyst");
        String chair = client.devToken("lambeth.chair");
        String caseManager = client.devToken("lambeth.casemanager");
        String commissioner = client.devToken("lambeth.commissioner");
        LocalDate today = LocalDate.now(LONDON);
        Map<String, Object> month = Map.of("from", today.withDayOfMonth(1).toString(), "to", today.toString());

        // a generated resident with no case yet, and six agencies' records of what she suffered
        Resident victim = null;
        String subject = null;
        for (int i = 1; subject == null; i++) {
            victim = TestRecords.resident(i);
            String candidate = subjectOf(victim);
            if (jdbc.sql("select count(*) from panel_case where subject_id = ?::uuid").param(candidate).query(Integer.class).single() == 0) {
                subject = candidate;
            }
        }
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'scenario-test') returning id::text")
                .query(String.class).single();
        Address home = new Address(victim.address().line(), victim.address().postcode(), victim.address().uprn(), LAMBETH);
        deliver(run, victim, "met-police", "crime", 60, "criminal-damage-arson", "Front door set alight overnight", home,
                Sensitivity.CRIMINAL_OFFENCE, Role.VICTIM);
        deliver(run, victim, "lambeth-housing", "asb-complaint", 40, "harassment", "Neighbours shouting abuse at the door", home,
                Sensitivity.ORDINARY, Role.COMPLAINANT);
        deliver(run, victim, "lambeth-asc", "safeguarding-enquiry", 30, "s42", "Section 42 enquiry opened: self-neglect", home,
                Sensitivity.SPECIAL_CATEGORY, Role.SERVICE_USER);
        deliver(run, victim, "slam", "mental-health-encounter", 25, "crisis", "Crisis team visit; low mood after the attacks", null,
                Sensitivity.SPECIAL_CATEGORY, Role.PATIENT);
        deliver(run, victim, "tfl", "network-safeguarding-report", 20, "followed", "Followed from the station by the same youths",
                new Address("Brixton Underground Station (victoria line)", null, null, LAMBETH), Sensitivity.ORDINARY, Role.VICTIM);
        deliver(run, victim, "lfb", "fire-attendance", 10, "deliberate-fire", "Lit paper pushed through the letterbox", home,
                Sensitivity.ORDINARY, Role.OCCUPIER);
        assertThat(jdbc.sql("select count(distinct r.agency) from subject_link l join person_record r on r.id = l.person_record_id "
                + "where l.subject_id = ?::uuid and l.status in ('auto', 'confirmed')").param(subject).query(Integer.class).single())
                .isGreaterThanOrEqualTo(6);
        JsonNode before = statistics(commissioner, month);

        // 1. the hub suggests the referral, from incidents across agencies that the analyst may see
        JsonNode suggestions = ok(client.query(analyst, "{ suggestedReferrals(purpose: VVASB_PANEL, first: 50) { subject { id } "
                + "agencies incidents { id agency kind } } }")).path("suggestedReferrals");
        JsonNode suggestion = null;
        for (JsonNode s : suggestions) {
            if (s.path("subject").path("id").asString().equals(subject)) {
                suggestion = s;
            }
        }
        assertThat(suggestion).as("the victim is suggested for referral").isNotNull();
        assertThat(texts(suggestion.path("agencies")))
                .contains("met-police", "lambeth-housing", "tfl", "lfb");
        Set<String> visible = timeline(analyst, subject).keySet();
        List<String> evidence = suggestion.path("incidents").findValuesAsString("id");
        assertThat(visible).containsAll(evidence);

        // 2. referred, with the incidents as evidence (an event she may not see is refused as evidence)
        Response hidden = client.query(analyst, referral(), Map.of("s", subject, "e", List.of(UUID.randomUUID().toString())));
        assertThat(hidden.errors().get(0).path("message").asString()).contains("evidenceEventIds");
        JsonNode referred = ok(client.query(analyst, referral(), Map.of("s", subject, "e", evidence))).path("referCase");
        String caseId = referred.path("id").asString();
        assertThat(referred.path("state").asString()).isEqualTo("REFERRED");
        assertThat(texts(referred.path("referrals").get(0).path("evidenceEventIds"))).containsExactlyInAnyOrderElementsOf(evidence);

        // 3. scored high, explained only by events she may see; confirmed, so the case goes to the panel
        JsonNode risk = ok(client.query(analyst, "query($c: ID!) { suggestRisk(caseId: $c, purpose: VVASB_PANEL) { level score "
                + "contributions { factor points reason eventId agency } } }", Map.of("c", caseId))).path("suggestRisk");
        assertThat(risk.path("level").asString()).isEqualTo("HIGH");
        Set<String> explainedBy = new HashSet<>();
        Set<String> factors = new HashSet<>();
        for (JsonNode c : risk.path("contributions")) {
            factors.add(c.path("factor").asString());
            if (!c.path("eventId").isNull()) {
                explainedBy.add(c.path("eventId").asString());
            }
        }
        assertThat(visible).containsAll(explainedBy);
        assertThat(explainedBy).containsAll(evidence);
        assertThat(factors).contains("HISTORY", "VULNERABILITY");
        JsonNode assessed = ok(client.query(analyst, "mutation($c: ID!) { assessRisk(input: { caseId: $c, purpose: VVASB_PANEL, "
                + "level: HIGH }) { state riskLevel assessments { overridden } } }", Map.of("c", caseId))).path("assessRisk");
        assertThat(assessed.path("state").asString()).isEqualTo("ON_PANEL");
        assertThat(assessed.path("assessments").get(0).path("overridden").asBoolean()).isFalse();

        // 4. the panel: on the agenda, a case manager named, actions agreed with two agencies
        String meeting = ok(client.query(chair, "mutation($d: Date!) { schedulePanelMeeting(borough: \"" + LAMBETH + "\", heldOn: $d) "
                + "{ id } }", Map.of("d", today.plusDays(35).toString()))).path("schedulePanelMeeting").path("id").asString();
        assertThat(ok(client.query(chair, "query($m: ID!) { panelAgenda(meetingId: $m, purpose: VVASB_PANEL) { newHighRiskCases { id } } }",
                Map.of("m", meeting))).path("panelAgenda").path("newHighRiskCases").findValuesAsString("id")).contains(caseId);
        ok(client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, caseManager: "
                + "\"lambeth.casemanager\") { id } }", Map.of("c", caseId)));
        ok(client.query(chair, "mutation($m: ID!, $c: ID!, $r: Date) { recordPanelDecision(meetingId: $m, caseId: $c, "
                + "purpose: VVASB_PANEL, decision: \"Support and protection plan agreed\", nextReviewOn: $r) { id } }",
                Map.of("m", meeting, "c", caseId, "r", today.plusDays(63).toString())));
        List<String> actions = new ArrayList<>();
        for (String[] action : new String[][] {{"Fit a fireproof letterbox", "lfb"}, {"Move her to a safer tenancy", "lambeth-housing"}}) {
            actions.add(ok(client.query(chair, "mutation($c: ID!, $t: String!, $o: String!, $d: Date!) { addCaseAction(caseId: $c, "
                    + "purpose: VVASB_PANEL, description: $t, ownerAgency: $o, dueOn: $d) { id } }",
                    Map.of("c", caseId, "t", action[0], "o", action[1], "d", today.plusDays(28).toString())))
                    .path("addCaseAction").path("id").asString());
        }
        JsonNode mine = ok(client.query(caseManager, "{ panelCases(purpose: VVASB_PANEL, first: 50) { edges { node { id "
                + "actions { ownerAgency } } } } }")).path("panelCases");
        assertThat(mine.findValuesAsString("id")).containsExactly(caseId);
        assertThat(mine.findValuesAsString("ownerAgency")).containsExactlyInAnyOrder("lfb", "lambeth-housing");

        // 5. the fire brigade attends her address again: her case manager is told
        try (AlertStream alerts = new AlertStream("http://localhost:" + port, caseManager,
                "subscription { caseAlerts(purpose: VVASB_PANEL) { caseId event { id agency kind summary } } }", arrivals)) {
            deliver(run, victim, "lfb", "fire-attendance", 0, "deliberate-fire", "Bin set alight against her front door", home,
                    Sensitivity.ORDINARY, Role.OCCUPIER);
            String alert = alerts.await("Bin set alight", Duration.ofSeconds(20));
            assertThat(alert).as("the case manager is alerted").isNotNull().contains(caseId, "\"agency\":\"lfb\"");
        }

        // 6. the printable profile holds what the analyst may see: every lane, released words, withheld reasons
        HttpResponse<String> printed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/cases/" + caseId + "/profile?purpose=VVASB_PANEL")).header("Authorization", "Bearer " + analyst).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(printed.statusCode()).isEqualTo(200);
        Map<String, JsonNode> seen = timeline(analyst, subject);
        for (String agency : List.of("met-police", "lambeth-housing", "lambeth-asc", "slam", "tfl", "lfb")) {
            assertThat(printed.body()).contains("<h3>" + agency + "</h3>");
        }
        for (JsonNode event : seen.values()) {
            if (!event.path("summary").isNull()) {
                assertThat(printed.body()).contains(HtmlUtils.htmlEscape(event.path("summary").asString()));
            }
        }
        assertThat(printed.body()).contains("Front door set alight overnight", "Lit paper pushed through the letterbox")
                .doesNotContain("Crisis team visit", "Section 42 enquiry opened", "Followed from the station")
                .contains("withheld: ");

        // 7. actions done, the case resolved
        for (String action : actions) {
            ok(client.query(chair, "mutation($a: ID!) { updateCaseAction(id: $a, purpose: VVASB_PANEL, status: DONE) { id } }",
                    Map.of("a", action)));
        }
        assertThat(ok(client.query(chair, "mutation($c: ID!) { resolveCase(caseId: $c, purpose: VVASB_PANEL, outcome: RESOLVED, "
                + "note: \"Moved to a safer home; no incidents since\") { state } }", Map.of("c", caseId)))
                .path("resolveCase").path("state").asString()).isEqualTo("RESOLVED");

        // 8. the quarter's other referrals, so that the figures are large enough to publish
        int more = Math.max(0, THRESHOLD + 1 - casesThisQuarter(null));
        for (String other : unreferredPoliceSubjects(more)) {
            ok(client.query(analyst, referral(), Map.of("s", other, "e", List.of())));
        }

        // a referral kept before categories were catalogued, its category a referrer's words
        String legacy = unreferredPoliceSubjects(1).get(0);
        ok(client.query(analyst, referral(), Map.of("s", legacy, "e", List.of())));
        jdbc.sql("update referral set category = 'Dispute with Mr Okafor at no. 12' where case_id = "
                + "(select id from panel_case where subject_id = ?::uuid)").param(legacy).update();

        // the statistics moved with the case, and show no count below the threshold
        JsonNode after = statistics(commissioner, month);
        // categories are the catalogue's labels, every one, whatever was typed or counted
        assertThat(after.path("referralsByCategory").path("rows").findValuesAsString("label"))
                .containsExactlyElementsOf(ReferralCategories.ALL.stream().map(ReferralCategories.Category::label).toList());
        assertThat(after.toString()).doesNotContain("Okafor");
        for (JsonNode figures : List.of(before, after)) {
            assertSafe(figures);
        }
        int opened = casesThisQuarter(null);
        assertThat(opened).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(after.path("outcomes").path("casesOpened").path("value").asInt()).isEqualTo(opened);
        assertThat(after.path("referralsByMonth").path("total").path("value").asInt()).isEqualTo(opened);
        assertThat(published(before.path("outcomes").path("casesOpened"))).isNotEqualTo(opened);
        assertPublishedAsCounted(after, "casesByState", "Resolved", casesThisQuarter("RESOLVED"));
        assertPublishedAsCounted(after, "casesByState", "On the panel", casesThisQuarter("ON_PANEL"));
        assertThat(texts(after.path("agreements"))).containsExactly("lambeth-victim-services-statistics");
        assertThat(after.path("method").asString()).contains("1-9 suppressed", "ESSnet");
        if (casesThisQuarter("RESOLVED") + casesThisQuarter("CLOSED_RISK_REDUCED") < THRESHOLD) {
            assertThat(after.path("outcomes").path("medianDaysToResolution").isNull()).isTrue();
            assertThat(after.path("outcomes").path("notes").toString()).contains("fewer than 10 cases");
        }

        // figures only: the commissioner reads no personal data, and the panel's analyst receives no statistics
        Response search = client.query(commissioner, "{ searchSubjects(purpose: STATISTICS, name: \"a\") { edges { node { id } } } }");
        assertThat(search.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        Response notRecipient = client.query(analyst, STATISTICS, month);
        assertThat(notRecipient.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(notRecipient.errors().get(0).path("message").asString()).contains("recipient");
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'panelStatistics' and actor = 'lambeth.commissioner' "
                + "and detail::text like '%lambeth-victim-services-statistics%'").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'panelStatistics' and actor = 'lambeth.analyst' "
                + "and detail::text like '%refused%'").query(Integer.class).single()).isPositive();
    }

    /** No published count is below the threshold (zeros aside), and no line has exactly one withheld entry. */
    private static void assertSafe(JsonNode figures) {
        for (String name : List.of("referralsBySourceAndRiskLevel", "referralsByCategory", "referralsByBorough",
                "referralsByAgeBand", "referralsByMonth", "takeUp", "casesByState")) {
            JsonNode table = figures.path(name);
            List<JsonNode> counts = new ArrayList<>(table.findValues("value"));
            for (JsonNode value : counts) {
                if (!value.isNull()) {
                    assertThat(value.asInt()).as(name).satisfiesAnyOf(v -> assertThat(v).isZero(),
                            v -> assertThat(v).isGreaterThanOrEqualTo(THRESHOLD));
                }
            }
            List<List<JsonNode>> lines = new ArrayList<>();
            List<JsonNode> column = new ArrayList<>();
            for (JsonNode row : table.path("rows")) {
                List<JsonNode> line = new ArrayList<>();
                row.path("cells").forEach(line::add);
                if (!row.path("total").isNull()) {
                    line.add(row.path("total"));
                    lines.add(line);
                } else {
                    column.addAll(line);
                }
            }
            if (!column.isEmpty()) {
                column.add(table.path("total"));
                lines.add(column);
            }
            for (int c = 0; c < table.path("columnLabels").size(); c++) {
                List<JsonNode> line = new ArrayList<>();
                for (JsonNode row : table.path("rows")) {
                    line.add(row.path("cells").get(c));
                }
                line.add(table.path("columnTotals").get(c));
                lines.add(line);
            }
            for (List<JsonNode> line : lines) {
                long withheld = line.stream().filter(e -> e.path("value").isNull()).count();
                assertThat(withheld).as(name + ": one withheld entry in a line could be worked out from the rest").isNotEqualTo(1);
            }
        }
    }

    /** A count is published as it is when at or above the threshold, withheld when small, and zero shown as zero. */
    private static void assertPublishedAsCounted(JsonNode figures, String table, String label, int counted) {
        for (JsonNode row : figures.path(table).path("rows")) {
            if (row.path("label").asString().equals(label)) {
                JsonNode cell = row.path("cells").get(0);
                if (counted == 0 || counted >= THRESHOLD) {
                    assertThat(cell.path("value").asInt(-1)).as(label).isEqualTo(counted);
                } else {
                    assertThat(cell.path("value").isNull()).as(label).isTrue();
                    assertThat(cell.path("withheld").asString()).as(label).isEqualTo("SMALL_COUNT");
                }
                return;
            }
        }
        throw new AssertionError("no row " + label + " in " + table);
    }

    private static Integer published(JsonNode count) {
        return count.path("value").isNull() ? null : count.path("value").asInt();
    }

    private JsonNode statistics(String token, Map<String, Object> month) {
        return ok(client.query(token, STATISTICS, month)).path("panelStatistics");
    }

    /**
     * Cases opened this quarter in Lambeth (in a state, or all), counted straight from the tables: figures
     * are published for whole quarters, so this month's figures are the quarter's.
     */
    private int casesThisQuarter(String state) {
        LocalDate today = LocalDate.now(LONDON);
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        return jdbc.sql("select count(*) from panel_case where borough = ? and opened_at >= ? and (?::text is null or state = ?)")
                .params(LAMBETH, quarter.atStartOfDay(LONDON).toOffsetDateTime(), state, state)
                .query(Integer.class).single();
    }

    private List<String> unreferredPoliceSubjects(int n) {
        return jdbc.sql("""
                select distinct l.subject_id::text from subject_link l join person_record r on r.id = l.person_record_id
                where r.agency = 'met-police' and l.status in ('auto', 'confirmed')
                  and not exists (select 1 from panel_case c where c.subject_id = l.subject_id)
                order by 1 limit ?""").param(n).query(String.class).list();
    }

    private String subjectOf(Resident r) {
        return jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'met-police' and p.given_name = ? and p.family_name = ? and p.date_of_birth = ?::date
                  and l.status in ('auto', 'confirmed') limit 1""")
                .params(r.givenName(), r.familyName(), r.dateOfBirth().toString()).query(String.class).single();
    }

    private static String referral() {
        return "mutation($s: ID!, $e: [ID!]) { referCase(input: { subjectId: $s, purpose: VVASB_PANEL, referringAgency: \"met-police\", "
                + "source: POLICE, reason: \"Repeat victim of ASB and arson at home\", category: \"anti-social-behaviour\", "
                + "evidenceEventIds: $e }) { id state referrals { evidenceEventIds } } }";
    }

    /** The subject's timeline as the caller sees it, by event id. */
    private Map<String, JsonNode> timeline(String token, String subject) {
        Map<String, JsonNode> events = new HashMap<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>(Map.of("s", subject));
            variables.put("after", after);
            JsonNode page = ok(client.query(token, "query($s: ID!, $after: String) { subject(id: $s, purpose: VVASB_PANEL) { "
                    + "timeline(first: 100, after: $after) { edges { node { id agency kind summary } } "
                    + "pageInfo { hasNextPage endCursor } } } }", variables)).path("subject").path("timeline");
            page.path("edges").forEach(e -> events.put(e.path("node").path("id").asString(), e.path("node")));
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asString() : null;
        } while (after != null);
        return events;
    }

    /** One agency's record of an event the victim suffered {@code daysAgo}, through the hub's one gateway. */
    /**
     * Under MARAC the Lambeth analyst learns nothing of British Transport Police or TfL records. Two people
     * whom only those agencies know as repeat victims must not crowd out, from a page of one suggestion,
     * the person whose police and housing records the analyst may see: candidates are ranked on visible
     * events only.
     */
    @Test
    void suggestionsAreFoundAndRankedOnlyOnIncidentsTheAnalystMaySee() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'scenario-test') returning id::text")
                .query(String.class).single();
        List<Resident> people = new ArrayList<>();
        for (int i = 30; people.size() < 3; i++) { // past the simulation's repeat victims
            Resident r = TestRecords.resident(i);
            if (jdbc.sql("select count(*) from panel_case where subject_id = ?::uuid").param(subjectOf(r))
                    .query(Integer.class).single() == 0) {
                people.add(r);
            }
        }
        Resident seen = people.get(0);
        Address home = new Address(seen.address().line(), seen.address().postcode(), seen.address().uprn(), LAMBETH);
        for (int day = 1; day <= 24; day++) {
            deliver(run, seen, day % 2 == 0 ? "met-police" : "lambeth-housing", day % 2 == 0 ? "crime" : "asb-complaint", day,
                    "harassment", "Abuse shouted at the door", home, Sensitivity.ORDINARY, Role.VICTIM);
        }
        for (Resident unseen : people.subList(1, 3)) {
            Address station = new Address("Brixton Underground Station (victoria line)", null, null, LAMBETH);
            for (int day = 1; day <= 36; day++) {
                deliver(run, unseen, day % 2 == 0 ? "btp" : "tfl", day % 2 == 0 ? "crime" : "network-safeguarding-report", day,
                        "followed", "Followed from the station", station, Sensitivity.ORDINARY, Role.VICTIM);
            }
        }
        JsonNode first = ok(client.query(client.devToken("lambeth.analyst"),
                "{ suggestedReferrals(purpose: MARAC, first: 1) { subject { id } agencies } }")).path("suggestedReferrals");
        assertThat(first).as(first.toString()).hasSize(1);
        assertThat(first.get(0).path("subject").path("id").asString()).isEqualTo(subjectOf(seen));
        assertThat(texts(first.get(0).path("agencies"))).containsExactly("lambeth-housing", "met-police");
    }

    private void deliver(String run, Resident victim, String agency, String kind, int daysAgo, String category, String summary,
            Address where, Sensitivity sensitivity, Role role) {
        String local = agency + "-" + victim.trueId();
        PersonRecord person = new PersonRecord(local, victim.givenName(), victim.familyName(), victim.dateOfBirth(), null, null,
                List.of(), List.of(), null, null);
        String id = kind + "-" + UUID.randomUUID();
        EventRecord event = new EventRecord(id, kind, Instant.now().minus(daysAgo, ChronoUnit.DAYS).minusSeconds(60), category,
                summary, where, sensitivity, List.of(new EventRecord.Party(local, role)));
        assertThat(gateway.receiveAll(List.of(new SourceRecord(run, "scenario-test", agency, id, "{\"id\":\"" + id + "\"}",
                List.of(person), List.of(event), List.of())))).containsExactly(RecordGateway.Outcome.STORED);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asString()));
        return texts;
    }

    private static JsonNode ok(Response response) {
        assertThat(response.errors().isEmpty()).as(response.body().toString()).isTrue();
        return response.data();
    }
}
