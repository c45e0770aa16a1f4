package uk.safeguarding.hub.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/**
 * The panel's work through the API: a referral opens a case, the risk matrix explains its suggestion
 * from events the assessor may see, high risk goes on the panel's agenda, the chair names a case manager
 * and agrees actions, slipping reviews and actions are flagged, the case is resolved; every step audited.
 */
class PanelCaseWorkTest extends LocalHubTest {

    private static final String LAMBETH = "E09000022";
    private static final String CASE = "id state riskLevel caseManager referredBackTo reviewDue closedAt flags "
            + "subject { id familyName } referrals { referringAgency source category referredBy } "
            + "assessments { suggestedLevel level overridden rationale } actions { id status overdue ownerAgency } "
            + "decisions { decision }";

    @org.springframework.beans.factory.annotation.Autowired
    uk.safeguarding.connectors.canonical.RecordGateway gateway;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier(NewEventsListener.ARRIVALS)
    org.springframework.messaging.SubscribableChannel arrivals;

    private String analyst;
    private String chair;

    @BeforeEach
    void tokens() {
        analyst = client.devToken("lambeth.analyst");
        chair = client.devToken("lambeth.chair");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed'")
                .query(Integer.class).single() > 0);
    }

    /** The subject known to most agencies, among those the police know. */
    private String subjectKnownToMostAgencies() {
        return jdbc.sql("""
                select l.subject_id::text from subject_link l join person_record r on r.id = l.person_record_id
                where l.status in ('auto', 'confirmed') group by l.subject_id
                having bool_or(r.agency = 'met-police') order by count(distinct r.agency) desc, count(*) desc limit 1""")
                .query(String.class).single();
    }

    /** Every event of the subject's timeline the analyst may see, page by page. */
    private Set<String> timelineEventIds(String subject) {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            java.util.Map<String, Object> variables = new java.util.HashMap<>(Map.of("s", subject));
            variables.put("after", after);
            JsonNode timeline = client.query(analyst, "query($s: ID!, $after: String) { subject(id: $s, purpose: VVASB_PANEL) { "
                    + "timeline(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                    variables).data().path("subject").path("timeline");
            ids.addAll(timeline.path("edges").findValuesAsString("id"));
            after = timeline.path("pageInfo").path("hasNextPage").asBoolean() ? timeline.path("pageInfo").path("endCursor").asString() : null;
        } while (after != null);
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private JsonNode refer(String token, String subjectId) {
        Response response = client.query(token, "mutation($s: ID!) { referCase(input: { subjectId: $s, purpose: VVASB_PANEL, "
                + "referringAgency: \"met-police\", source: POLICE, reason: \"Repeated ASB against her at home\", "
                + "category: \"anti-social-behaviour\" }) { " + CASE + " } }", Map.of("s", subjectId));
        assertThat(response.errors().isEmpty()).as(response.body().toString()).isTrue();
        return response.data().path("referCase");
    }

    @Test
    void aReferredVictimIsScoredPlacedOnThePanelGivenACaseManagerAndActionsAndResolved() {
        String subject = subjectKnownToMostAgencies();
        JsonNode referred = refer(analyst, subject);
        String caseId = referred.path("id").asString();
        assertThat(referred.path("state").asString()).isEqualTo("REFERRED");
        assertThat(referred.path("subject").path("id").asString()).isEqualTo(subject);
        assertThat(referred.path("referrals").get(0).path("referredBy").asString()).isEqualTo("lambeth.analyst");

        // the suggestion is explained by events the analyst may see, and only by those
        JsonNode suggestion = client.query(analyst, "query($c: ID!) { suggestRisk(caseId: $c, purpose: VVASB_PANEL) { level score "
                + "history vulnerability support highFrom contributions { factor points reason eventId agency } } }",
                Map.of("c", caseId)).data().path("suggestRisk");
        JsonNode contributions = suggestion.path("contributions");
        assertThat(contributions.size()).isPositive();
        int sum = 0;
        for (JsonNode c : contributions) {
            sum += c.path("points").asInt();
        }
        assertThat(sum).isEqualTo(suggestion.path("score").asInt());
        Set<String> visible = timelineEventIds(subject);
        for (JsonNode c : contributions) {
            if (!c.path("eventId").isNull()) {
                assertThat(visible).contains(c.path("eventId").asString());
            }
        }

        // an override needs a rationale; with one, HIGH puts the case on the panel
        String suggested = suggestion.path("level").asString();
        String assess = "mutation($c: ID!, $level: RiskLevel!, $why: String) { assessRisk(input: { caseId: $c, purpose: VVASB_PANEL, "
                + "level: $level, rationale: $why }) { " + CASE + " } }";
        if (!suggested.equals("HIGH")) {
            Response unexplained = client.query(analyst, assess, Map.of("c", caseId, "level", "HIGH"));
            assertThat(unexplained.errors().get(0).path("message").asString()).contains("rationale");
        }
        JsonNode onPanel = client.query(analyst, assess, Map.of("c", caseId, "level", "HIGH",
                "why", "Victim is isolated and the incidents are escalating")).data().path("assessRisk");
        assertThat(onPanel.path("state").asString()).isEqualTo("ON_PANEL");
        assertThat(onPanel.path("riskLevel").asString()).isEqualTo("HIGH");
        assertThat(onPanel.path("assessments").get(0).path("suggestedLevel").asString()).isEqualTo(suggested);
        assertThat(onPanel.path("assessments").get(0).path("overridden").asBoolean()).isEqualTo(!suggested.equals("HIGH"));

        // the chair's meeting: the new high-risk case is on the agenda
        LocalDate meetingDay = LocalDate.now().plusDays(7);
        String meeting = client.query(chair, "mutation($d: Date!) { schedulePanelMeeting(borough: \"" + LAMBETH + "\", heldOn: $d) { id } }",
                Map.of("d", meetingDay.toString())).data().path("schedulePanelMeeting").path("id").asString();
        String agenda = "query($m: ID!) { panelAgenda(meetingId: $m, purpose: VVASB_PANEL) { newHighRiskCases { id } "
                + "reviewsDue { id } overdueActions { id caseId } } }";
        assertThat(client.query(chair, agenda, Map.of("m", meeting)).data().path("panelAgenda").path("newHighRiskCases")
                .findValuesAsString("id")).contains(caseId);

        // a case manager, a decision whose review has already slipped, and an action past its date
        assertThat(client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, "
                + "caseManager: \"lambeth.casemanager\") { id } }", Map.of("c", caseId)).data().path("appointCaseManager")
                .path("id").asString()).isEqualTo(caseId);
        JsonNode decided = client.query(chair, "mutation($m: ID!, $c: ID!, $r: Date) { recordPanelDecision(meetingId: $m, caseId: $c, "
                + "purpose: VVASB_PANEL, decision: \"Support and protection plan agreed\", nextReviewOn: $r) { " + CASE + " } }",
                Map.of("m", meeting, "c", caseId, "r", LocalDate.now().minusDays(1).toString())).data().path("recordPanelDecision");
        assertThat(decided.path("caseManager").asString()).isEqualTo("lambeth.casemanager");
        assertThat(decided.path("decisions").findValuesAsString("decision")).containsExactly("Support and protection plan agreed");
        assertThat(decided.path("flags").toString()).contains("REVIEW_OVERDUE");
        String action = client.query(analyst, "mutation($c: ID!, $d: Date!) { addCaseAction(caseId: $c, purpose: VVASB_PANEL, "
                + "description: \"Install a door camera\", ownerAgency: \"lambeth-housing\", dueOn: $d) { id overdue } }",
                Map.of("c", caseId, "d", LocalDate.now().minusDays(2).toString())).data().path("addCaseAction").path("id").asString();
        JsonNode later = client.query(chair, agenda, Map.of("m", meeting)).data().path("panelAgenda");
        assertThat(later.path("newHighRiskCases").findValuesAsString("id")).doesNotContain(caseId);
        assertThat(later.path("reviewsDue").findValuesAsString("id")).contains(caseId);
        assertThat(later.path("overdueActions").findValuesAsString("id")).contains(action);
        JsonNode withAction = client.query(analyst, "query($c: ID!) { panelCase(id: $c, purpose: VVASB_PANEL) { " + CASE + " } }",
                Map.of("c", caseId)).data().path("panelCase");
        assertThat(withAction.path("flags").toString()).contains("ACTION_OVERDUE");

        client.query(analyst, "mutation($a: ID!) { updateCaseAction(id: $a, purpose: VVASB_PANEL, status: DONE, "
                + "note: \"Fitted\") { status } }", Map.of("a", action));
        JsonNode resolved = client.query(chair, "mutation($c: ID!) { resolveCase(caseId: $c, purpose: VVASB_PANEL, outcome: RESOLVED, "
                + "note: \"No incidents for three months\") { " + CASE + " } }", Map.of("c", caseId)).data().path("resolveCase");
        assertThat(resolved.path("state").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.path("closedAt").isNull()).isFalse();
        assertThat(resolved.path("flags").size()).isZero();

        assertThat(jdbc.sql("""
                select array_agg(distinct operation order by operation) from audit_entry
                where ?::uuid = any(subjects) and operation in ('referCase', 'assessRisk', 'appointCaseManager',
                    'recordPanelDecision', 'addCaseAction', 'updateCaseAction', 'resolveCase')""")
                .param(subject).query(String.class).single())
                .isEqualTo("{addCaseAction,appointCaseManager,assessRisk,recordPanelDecision,referCase,resolveCase,updateCaseAction}");
    }

    @Test
    void aReferralsCategoryIsACataloguedCodeNotFreeText() {
        Response typed = client.query(analyst, "mutation($s: ID!) { referCase(input: { subjectId: $s, purpose: VVASB_PANEL, "
                + "referringAgency: \"met-police\", source: POLICE, reason: \"Repeated ASB\", "
                + "category: \"Row with Mrs Adeyemi over the bins\" }) { id } }", Map.of("s", subjectKnownToMostAgencies()));
        assertThat(typed.errors().get(0).path("message").asString())
                .isEqualTo("category: 'Row with Mrs Adeyemi over the bins' is not a referral category (referralCategories lists them)");
        assertThat(typed.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
        JsonNode categories = client.query(analyst, "{ referralCategories { code label } }").data().path("referralCategories");
        assertThat(categories.findValuesAsString("code")).contains("anti-social-behaviour", "harassment", "other");
        assertThat(categories.findValuesAsString("label")).contains("Criminal damage and arson");
    }

    @Test
    void lowRiskGoesBackToAPartnerAgencyAndTheChairAloneClosesCases() {
        String caseId = refer(analyst, subjectKnownToMostAgencies()).path("id").asString();
        String assess = "mutation($c: ID!, $back: String) { assessRisk(input: { caseId: $c, purpose: VVASB_PANEL, level: LOW, "
                + "rationale: \"Support from family; incidents have stopped\", referBackTo: $back }) { state riskLevel referredBackTo } }";
        Response nowhere = client.query(analyst, assess, Map.of("c", caseId));
        assertThat(nowhere.errors().get(0).path("message").asString()).contains("referBackTo");
        Response unknown = client.query(analyst, assess, Map.of("c", caseId, "back", "lambeth-housing-trust"));
        assertThat(unknown.errors().get(0).path("message").asString())
                .isEqualTo("referBackTo: 'lambeth-housing-trust' is not a partner agency's code");
        JsonNode back = client.query(analyst, assess, Map.of("c", caseId, "back", "lambeth-housing")).data().path("assessRisk");
        assertThat(back.path("state").asString()).isEqualTo("REFERRED_BACK");
        assertThat(back.path("referredBackTo").asString()).isEqualTo("lambeth-housing");

        Response notChair = client.query(analyst, "mutation($c: ID!) { resolveCase(caseId: $c, purpose: VVASB_PANEL, outcome: RESOLVED, "
                + "note: \"x\") { state } }", Map.of("c", caseId));
        assertThat(notChair.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void casesAreNotShownToThoseWhoDoNotWorkThem() {
        String caseId = refer(analyst, subjectKnownToMostAgencies()).path("id").asString();
        assertThat(client.query(analyst, "{ panelCases(purpose: VVASB_PANEL, first: 100) { edges { node { id } } } }").data()
                .path("panelCases").findValuesAsString("id")).contains(caseId);

        // a case manager of other boroughs, under their own purpose, sees no case they are not named on
        String other = client.devToken("triborough.casemanager");
        Response theirs = client.query(other, "query($c: ID!) { panelCase(id: $c, purpose: YOUTH_JUSTICE) { id } }",
                Map.of("c", caseId));
        assertThat(theirs.data().path("panelCase").isNull()).as(theirs.body().toString()).isTrue();
        // no agreement gives them the panel's purpose at all
        Response refused = client.query(other, "{ panelCases(purpose: VVASB_PANEL) { edges { node { id } } } }");
        assertThat(refused.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        // roles that do no case work get none
        for (String user : List.of("hub.auditor", "met.contributor", "hub.admin")) {
            Response none = client.query(client.devToken(user), "{ panelCases(purpose: VVASB_PANEL) { edges { node { id } } } }");
            assertThat(none.errors().get(0).path("extensions").path("classification").asString()).as(user).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aCaseBelongsToThePurposeItWasOpenedUnder() {
        String caseId = refer(analyst, subjectKnownToMostAgencies()).path("id").asString();
        // the same analyst reads for MARAC too: the panel's case, its referral reason and notes, are no case there
        Response underMarac = client.query(analyst, "query($c: ID!) { panelCase(id: $c, purpose: MARAC) { id referrals { reason } } }",
                Map.of("c", caseId));
        assertThat(underMarac.errors()).as(underMarac.body().toString()).isEmpty();
        assertThat(underMarac.data().path("panelCase").isNull()).isTrue();
        assertThat(client.query(analyst, "{ panelCases(purpose: MARAC, first: 100) { edges { node { id } } } }").data()
                .path("panelCases").findValuesAsString("id")).doesNotContain(caseId);
        // working it under MARAC is answered as for a made-up id
        String act = "mutation($c: ID!) { addCaseAction(caseId: $c, purpose: MARAC, description: \"Visit\", "
                + "ownerAgency: \"lambeth-housing\", dueOn: \"2030-01-01\") { id } }";
        Response acted = client.query(chair, act, Map.of("c", caseId));
        Response madeUp = client.query(chair, act, Map.of("c", java.util.UUID.randomUUID().toString()));
        assertThat(acted.errors().get(0).path("message").asString()).isEqualTo(madeUp.errors().get(0).path("message").asString())
                .isEqualTo("caseId: no case of yours has this id");
        // under its own purpose it is there
        assertThat(client.query(analyst, "query($c: ID!) { panelCase(id: $c, purpose: VVASB_PANEL) { id } }", Map.of("c", caseId))
                .data().path("panelCase").path("id").asString()).isEqualTo(caseId);
        assertThat(jdbc.sql("select purpose from panel_case where id = ?::uuid").param(caseId).query(String.class).single())
                .isEqualTo("VVASB_PANEL");
    }

    @Test
    void theCaseProfileShowsTheGapsAndPrintsOnlyWhatTheCallerMaySee() throws Exception {
        // a victim the police know, detained under s136 by the trust: its detail needs consent the panel lacks
        uk.safeguarding.simulators.SyntheticLondon.Resident r = uk.safeguarding.hub.TestRecords.resident(21);
        uk.safeguarding.hub.TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String subject = jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'slam' and p.local_id = ? and l.status in ('auto', 'confirmed')""")
                .param("PAT-" + r.trueId()).query(String.class).single();
        String caseId = refer(analyst, subject).path("id").asString();
        // a referrer's words are printed as words, never as markup
        jdbc.sql("update referral set reason = ? where case_id = ?::uuid")
                .params("Seen at <script>alert(1)</script> the \"bins\" & stairs", caseId).update();
        JsonNode profile = client.query(analyst, "query($c: ID!) { caseProfile(caseId: $c, purpose: VVASB_PANEL) { preparedBy "
                + "panelCase { id subject { familyName } } gaps { agency coverage events withheld { reason explanation } } } }",
                Map.of("c", caseId)).data().path("caseProfile");
        assertThat(profile.path("preparedBy").asString()).isEqualTo("lambeth.analyst");
        // every count is what the analyst's own timeline shows of that agency; a hidden agency says why, not how many
        Map<String, Integer> shown = new java.util.HashMap<>();
        for (String id : timelineEventIds(subject)) {
            shown.merge(jdbc.sql("select agency from event where id = ?::uuid").param(id).query(String.class).single(), 1, Integer::sum);
        }
        for (JsonNode gap : profile.path("gaps")) {
            String agency = gap.path("agency").asString();
            switch (gap.path("coverage").asString()) {
                case "HAS_RECORDS" -> assertThat(gap.path("events").asInt()).as(agency).isEqualTo(shown.get(agency));
                case "NO_RECORDS" -> assertThat(shown).as(agency).doesNotContainKey(agency);
                default -> {
                    assertThat(gap.path("events").isNull()).as(agency).isTrue();
                    assertThat(gap.path("withheld").path("explanation").asString()).as(agency).isNotBlank();
                }
            }
        }
        assertThat(profile.path("gaps").findValuesAsString("agency")).contains("met-police", "slam", "lfb", "tfl");
        assertThat(shown).containsKeys("met-police", "slam");

        java.net.http.HttpResponse<String> printed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/cases/" + caseId
                        + "/profile?purpose=VVASB_PANEL")).header("Authorization", "Bearer " + analyst).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(printed.statusCode()).isEqualTo(200);
        String html = printed.body();
        assertThat(printed.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("script-src"));
        assertThat(html).contains("Seen at &lt;script&gt;alert(1)&lt;/script&gt; the &quot;bins&quot; &amp; stairs")
                .doesNotContain("<script>");
        assertThat(html).contains("OFFICIAL-SENSITIVE", "<h3>met-police</h3>", "<h3>slam</h3>", "mental-health-encounter");
        String familyName = profile.path("panelCase").path("subject").path("familyName").asString();
        assertThat(familyName).isNotBlank();
        assertThat(html).contains(org.springframework.web.util.HtmlUtils.htmlEscape(familyName));
        // the encounter's detail is withheld for consent: its reason is printed, its words are not
        assertThat(html).contains("withheld: ").doesNotContain("Detained under s136");
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'caseProfile' and ?::uuid = any(subjects)")
                .param(subject).query(Integer.class).single()).isGreaterThanOrEqualTo(2);

        java.net.http.HttpResponse<String> notTheirs = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/cases/" + caseId
                        + "/profile?purpose=YOUTH_JUSTICE")).header("Authorization", "Bearer "
                        + client.devToken("triborough.casemanager")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(notTheirs.statusCode()).isEqualTo(400);
        assertThat(notTheirs.body()).contains("no case of yours");
    }

    @Test
    void aCaseManagerIsAlertedWhenTheFireBrigadeAttendsTheirVictim() throws Exception {
        uk.safeguarding.simulators.SyntheticLondon.Resident r = uk.safeguarding.hub.TestRecords.resident(0);
        String subject = jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'met-police' and p.given_name = ? and p.family_name = ? and p.date_of_birth = ?::date
                  and l.status in ('auto', 'confirmed') limit 1""")
                .params(r.givenName(), r.familyName(), r.dateOfBirth().toString()).query(String.class).single();
        String caseId = refer(analyst, subject).path("id").asString();
        assertThat(client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, "
                + "caseManager: \"lambeth.casemanager\") { id } }", Map.of("c", caseId)).data().path("appointCaseManager")
                .path("id").asString()).isEqualTo(caseId);

        // the case manager subscribes (Server-Sent Events on /graphql)
        try (uk.safeguarding.hub.AlertStream alerts = new uk.safeguarding.hub.AlertStream("http://localhost:" + port,
                client.devToken("lambeth.casemanager"),
                "subscription { caseAlerts(purpose: VVASB_PANEL) { caseId subjectId event { id agency kind occurredAt summary } } }", arrivals)) {
            // LFB's home fire safety visit to the victim arrives through the gateway (under a feed code of the
            // test's own, so that the LFB feed's real runs stay its latest)
            String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'alert-test') returning id::text")
                    .query(String.class).single();
            var occupier = new uk.safeguarding.connectors.canonical.PersonRecord("occupier", r.givenName(), r.familyName(),
                    r.dateOfBirth(), null, null, List.of(), List.of(), null, null);
            var visit = new uk.safeguarding.connectors.canonical.EventRecord("HFSV-ALERT-1", "home-fire-safety-visit",
                    java.time.Instant.now().minusSeconds(3600), "home fire safety visit", "Smoke alarms fitted; hoarding noted",
                    null, uk.safeguarding.connectors.canonical.EventRecord.Sensitivity.SPECIAL_CATEGORY,
                    List.of(new uk.safeguarding.connectors.canonical.EventRecord.Party("occupier",
                            uk.safeguarding.connectors.canonical.EventRecord.Role.OCCUPIER)));
            assertThat(gateway.receiveAll(List.of(new uk.safeguarding.connectors.canonical.SourceRecord(run, "alert-test", "lfb",
                    "visit:HFSV-ALERT-1", "{\"visit\":\"HFSV-ALERT-1\"}", List.of(occupier), List.of(visit), List.of()))))
                    .containsExactly(uk.safeguarding.connectors.canonical.RecordGateway.Outcome.STORED);
            String alert = alerts.await("home-fire-safety-visit", Duration.ofSeconds(20));
            assertThat(alert).as("an alert reached the case manager").isNotNull();
            assertThat(alert).contains(caseId, subject, "\"agency\":\"lfb\"");
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'event' and actor = 'lambeth.casemanager' "
                + "and ?::uuid = any(subjects)").param(subject).query(Integer.class).single()).isPositive();
    }
}
