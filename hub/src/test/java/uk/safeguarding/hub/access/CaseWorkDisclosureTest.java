package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * A panel case's free text (referral reasons, risk rationales, panel decisions, actions and notes) is the case
 * work of the agency that opened it, shared under the one agreement the case belongs to and decided at the
 * choke point like any field (issue 15, item 2), as a curious case manager, a database administrator and a
 * reader of another agreement would try it.
 */
class CaseWorkDisclosureTest extends LocalHubTest {

    private static final String TEXT = "agreement withheld { field reason explanation agreement clause } "
            + "referrals { reason category } assessments { level rationale } decisions { decision } "
            + "actions { ownerAgency description note }";
    private static final String READ = "query($c: ID!) { panelCase(id: $c, purpose: VVASB_PANEL) { id " + TEXT + " } }";
    private static final List<String> CASE_FIELDS = List.of("decision", "description", "note", "rationale", "reason");


    private static void ok(Response r) {
        assertThat(r.errors().isEmpty()).as(r.body().toString()).isTrue();
    }

    /** A case on the panel with every kind of case work written, for the resident: its id. */
    private String caseWithItsWork(int resident) {
        String subjectId = TestRecords.lambethSubject(client, TestRecords.resident(resident));
        String analyst = client.devToken("lambeth.analyst");
        String chair = client.devToken("lambeth.chair");
        Response referred = client.query(analyst, """
                mutation($id: ID!) { referCase(input: {subjectId: $id, purpose: VVASB_PANEL, referringAgency: "met-police",
                  source: POLICE, reason: "Repeat ASB; says her depression is worse", category: "anti-social-behaviour"}) { id } }""",
                Map.of("id", subjectId));
        ok(referred);
        String caseId = referred.data().path("referCase").path("id").asString();
        ok(client.query(analyst, "mutation($c: ID!) { assessRisk(input: {caseId: $c, purpose: VVASB_PANEL, level: HIGH, "
                + "rationale: \"Isolated, and the incidents are escalating\"}) { id } }", Map.of("c", caseId)));
        // a day of its own for each resident's meeting: the borough holds one meeting a day
        Response meeting = client.query(chair, "mutation($d: Date!) { schedulePanelMeeting(borough: \"E09000022\", heldOn: $d) "
                + "{ id } }", Map.of("d", java.time.LocalDate.of(2031, 3, resident - 30).toString()));
        ok(meeting);
        ok(client.query(chair, "mutation($m: ID!, $c: ID!) { recordPanelDecision(meetingId: $m, caseId: $c, purpose: VVASB_PANEL, "
                + "decision: \"Joint visit with the GP\") { id } }",
                Map.of("m", meeting.data().path("schedulePanelMeeting").path("id").asString(), "c", caseId)));
        Response action = client.query(chair, "mutation($c: ID!) { addCaseAction(caseId: $c, purpose: VVASB_PANEL, "
                + "description: \"Refer to the community mental health team\", ownerAgency: \"lambeth-asc\", dueOn: \"2027-06-30\") "
                + "{ id } }", Map.of("c", caseId));
        ok(action);
        ok(client.query(chair, "mutation($a: ID!) { updateCaseAction(id: $a, purpose: VVASB_PANEL, status: DONE, "
                + "note: \"Seen by the team; medication reviewed\") { id } }",
                Map.of("a", action.data().path("addCaseAction").path("id").asString())));
        return caseId;
    }

    private static void allTextShown(JsonNode c) {
        assertThat(c.path("withheld").size()).as(c.toString()).isZero();
        assertThat(c.path("referrals").get(0).path("reason").asString()).contains("depression");
        assertThat(c.path("assessments").get(0).path("rationale").asString()).contains("escalating");
        assertThat(c.path("decisions").get(0).path("decision").asString()).contains("GP");
        assertThat(c.path("actions").get(0).path("description").asString()).contains("mental health");
        assertThat(c.path("actions").get(0).path("note").asString()).contains("medication");
    }

    private static void noTextShown(JsonNode c) {
        assertThat(c.path("referrals").get(0).path("reason").isNull()).isTrue();
        assertThat(c.path("assessments").get(0).path("rationale").isNull()).isTrue();
        assertThat(c.path("decisions").get(0).path("decision").isNull()).isTrue();
        assertThat(c.path("actions").get(0).path("description").isNull()).isTrue();
        assertThat(c.path("actions").get(0).path("note").isNull()).isTrue();
        // the workflow is still the case's workers' to see
        assertThat(c.path("referrals").get(0).path("category").asString()).isEqualTo("anti-social-behaviour");
        assertThat(c.path("actions").get(0).path("ownerAgency").asString()).isEqualTo("lambeth-asc");
    }

    @Test
    void theCasesWorkersReadItsWorkUnderItsAgreementAndTheReadCitesIt() {
        String caseId = caseWithItsWork(38);
        String subjectId = jdbc.sql("select subject_id::text from panel_case where id = ?::uuid").param(caseId)
                .query(String.class).single();

        JsonNode read = client.query(client.devToken("lambeth.analyst"), READ, Map.of("c", caseId)).data().path("panelCase");
        assertThat(read.path("agreement").asString()).isEqualTo("lambeth-vvasb-panel");
        allTextShown(read);
        assertThat(jdbc.sql("""
                select detail->>'agreements' from audit_entry
                where operation = 'panelCase' and actor = 'lambeth.analyst' and detail->>'case' = ? order by sequence desc limit 1""")
                .param(caseId).query(String.class).single()).startsWith("[\"lambeth-vvasb-panel@3.4#");

        // the named case manager reads it while assigned; once the chair ends the assignment by hand, the case is no
        // longer theirs at all, though it still names them
        String chair = client.devToken("lambeth.chair");
        ok(client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, "
                + "caseManager: \"lambeth.casemanager\") { id } }", Map.of("c", caseId)));
        String caseManager = client.devToken("lambeth.casemanager");
        allTextShown(client.query(caseManager, READ, Map.of("c", caseId)).data().path("panelCase"));

        String assignment = jdbc.sql("""
                select id::text from case_assignment where subject_id = ?::uuid and case_manager = 'lambeth.casemanager'
                  and ended_at is null""").param(subjectId).query(String.class).single();
        ok(client.query(chair, "mutation($a: ID!) { endAssignment(id: $a) { id } }", Map.of("a", assignment)));
        assertThat(jdbc.sql("select case_manager from panel_case where id = ?::uuid").param(caseId).query(String.class).single())
                .isEqualTo("lambeth.casemanager");
        assertThat(client.query(caseManager, READ, Map.of("c", caseId)).data().path("panelCase").isNull()).isTrue();
        assertThat(client.query(caseManager, "{ panelCases(purpose: VVASB_PANEL, first: 100) { edges { node { id } } } }")
                .data().path("panelCases").path("edges").findValuesAsString("id")).doesNotContain(caseId);
        Response act = client.query(caseManager, "mutation($c: ID!) { addCaseAction(caseId: $c, purpose: VVASB_PANEL, "
                + "description: \"Visit\", ownerAgency: \"lambeth-housing\", dueOn: \"2027-01-15\") { id } }", Map.of("c", caseId));
        assertThat(act.errors().get(0).path("message").asString()).isEqualTo("caseId: no case of yours has this id");
    }

    @Test
    void workKeptByAnAgencyNoClauseSharesIsWithheldFieldByFieldWithWhy() throws Exception {
        String caseId = caseWithItsWork(39);
        // a database administrator makes the case housing's: no clause of the agreement shares housing's case work
        jdbc.sql("update panel_case set keeper = 'lambeth-housing' where id = ?::uuid").param(caseId).update();

        JsonNode read = client.query(client.devToken("lambeth.analyst"), READ, Map.of("c", caseId)).data().path("panelCase");
        noTextShown(read);
        assertThat(read.path("withheld").findValuesAsString("field")).containsExactlyElementsOf(CASE_FIELDS);
        assertThat(read.path("withheld").findValuesAsString("reason")).containsOnly("NO_AGREEMENT");
        assertThat(read.path("withheld").get(0).path("explanation").asString()).contains("lambeth-housing", "VVASB_PANEL");
        // the printable profile shows the same
        java.net.http.HttpResponse<String> profile = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/cases/" + caseId
                        + "/profile?purpose=VVASB_PANEL")).header("Authorization", "Bearer " + client.devToken("lambeth.analyst"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("anti-social-behaviour").doesNotContain("depression", "escalating", "Joint visit", "community mental health", "medication");
    }

    @Test
    void aCaseIsReadOnlyUnderItsOwnAgreement() {
        String caseId = caseWithItsWork(40);
        // moved to an agreement the Lambeth panel does not receive under for the purpose: clause 6.1 of the panel's
        // own agreement, which shares the partnership's case work, does not reach a case it does not hold
        jdbc.sql("update panel_case set agreement = 'triborough-youth-justice' where id = ?::uuid").param(caseId).update();
        assertThat(client.query(client.devToken("lambeth.analyst"), READ, Map.of("c", caseId)).data().path("panelCase").isNull())
                .isTrue();
        jdbc.sql("update panel_case set agreement = null where id = ?::uuid").param(caseId).update();
        assertThat(client.query(client.devToken("lambeth.chair"), READ, Map.of("c", caseId)).data().path("panelCase").isNull())
                .as("a case of no agreement is no one's").isTrue();
    }

    @Test
    void aCaseIsOpenedOnlyUnderAnAgreementThatSharesItsWorkWithItsWorkers() {
        String subjectId = TestRecords.lambethSubject(client, TestRecords.resident(41));
        String refer = """
                mutation($id: ID!, $a: ID) { referCase(input: {subjectId: $id, purpose: VVASB_PANEL, referringAgency: "met-police",
                  source: POLICE, reason: "Repeat ASB", category: "anti-social-behaviour", agreement: $a}) { id agreement } }""";
        Map<String, Object> other = new java.util.HashMap<>(Map.of("id", subjectId, "a", "lambeth-marac"));
        Response wrong = client.query(client.devToken("lambeth.analyst"), refer, other);
        assertThat(wrong.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(wrong.errors().get(0).path("message").asString()).startsWith("agreement: lambeth-marac is not an agreement in force");

        // a housing case manager's agency keeps no case work the panel's agreement shares: a case they opened could
        // not be read, so it is not opened
        // (other tests of the shared hub may have opened cases for the same resident: count before and after)
        String cases = "select count(*) from panel_case where subject_id = ?::uuid";
        int before = jdbc.sql(cases).param(subjectId).query(Integer.class).single();
        Map<String, Object> none = new java.util.HashMap<>(Map.of("id", subjectId));
        none.put("a", null);
        Response byHousing = client.query(client.devToken("lambeth.casemanager"), refer, none);
        assertThat(byHousing.errors()).isNotEmpty();
        assertThat(jdbc.sql(cases).param(subjectId).query(Integer.class).single()).isEqualTo(before);

        Response right = client.query(client.devToken("lambeth.analyst"), refer, none);
        assertThat(right.data().path("referCase").path("agreement").asString()).isEqualTo("lambeth-vvasb-panel");
        assertThat(jdbc.sql("select keeper from panel_case where id = ?::uuid")
                .param(right.data().path("referCase").path("id").asString()).query(String.class).single())
                .isEqualTo("lambeth-csp");
    }
}
