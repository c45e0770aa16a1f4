package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * Case assignment, as a hostile insider would use it (issue 14, part 2): only an agreement's allocators assign,
 * only a real case manager at one of its receiving agencies, only a subject they may see; an assignment opens
 * only its own purpose and agreement, and once ended opens nothing.
 */
class CaseAssignmentAuthorityTest extends LocalHubTest {

    private static final String SUBJECT_UNDER_YOUTH_JUSTICE = """
            query($id: ID!) { subject(id: $id, purpose: YOUTH_JUSTICE) { id timeline(first: 20) { edges { node { agency } } } } }""";

    @Autowired
    RecordGateway gateway;

    private static String classification(Response r) {
        return r.errors().get(0).path("extensions").path("classification").asString();
    }

    private static String message(Response r) {
        return r.errors().get(0).path("message").asString();
    }

    private int assignmentsOf(String id) {
        return jdbc.sql("select count(*) from case_assignment where subject_id = ?::uuid").param(id).query(Integer.class).single();
    }


    /** A panel case for the subject, referred by the Lambeth analyst: its id. */
    private String referredToThePanel(String subjectId) {
        return client.query(client.devToken("lambeth.analyst"), """
                mutation($id: ID!) { referCase(input: {subjectId: $id, purpose: VVASB_PANEL, referringAgency: "met-police",
                  source: POLICE, reason: "Repeat ASB victim", category: "anti-social-behaviour"}) { id } }""",
                Map.of("id", subjectId)).data().path("referCase").path("id").asString();
    }

    @Test
    void theOtherPartnershipsChairCannotGiveTheirCaseManagerALambethResident() {
        String id = TestRecords.lambethSubject(client, TestRecords.resident(33));
        // under youth justice the Lambeth chair reads nothing, so allocates nothing
        Response underTheirPurpose = CaseAssignments.tryAssign(client, "lambeth.chair", id, "YOUTH_JUSTICE", "triborough.casemanager");
        assertThat(classification(underTheirPurpose)).isEqualTo("FORBIDDEN");
        // under the panel's agreement the tri-borough case manager is at no receiving agency
        Response underThePanels = CaseAssignments.tryAssign(client, "lambeth.chair", id, "VVASB_PANEL", "triborough.casemanager");
        assertThat(classification(underThePanels)).isEqualTo("BAD_REQUEST");
        assertThat(message(underThePanels)).startsWith("caseManager: no user with the case-manager role at an agency that "
                + "receives under lambeth-vvasb-panel");
        // nor may the tri-borough service manager, who does not see a resident only Lambeth's partners know
        Response unseen = CaseAssignments.tryAssign(client, "triborough.manager", id, "YOUTH_JUSTICE", "triborough.casemanager");
        Response madeUp = CaseAssignments.tryAssign(client, "triborough.manager", UUID.randomUUID().toString(), "YOUTH_JUSTICE",
                "triborough.casemanager");
        assertThat(message(unseen)).startsWith("subjectId:").isEqualTo(message(madeUp));
        assertThat(classification(unseen)).isEqualTo(classification(madeUp));

        assertThat(assignmentsOf(id)).isZero();
        assertThat(client.query(client.devToken("triborough.casemanager"), SUBJECT_UNDER_YOUTH_JUSTICE, Map.of("id", id))
                .data().path("subject").isNull()).isTrue();
    }

    @Test
    void onlyARealCaseManagerAtAReceivingAgencyMayBeAssigned() {
        String id = TestRecords.lambethSubject(client, TestRecords.resident(34));
        String expected = "caseManager: no user with the case-manager role at an agency that receives under lambeth-vvasb-panel "
                + "(clarion-housing, lambeth-asc, lambeth-csc, lambeth-csp, lambeth-housing) is called '";
        for (String who : List.of("no-such-user", "lambeth.analyst", "triborough.casemanager", " ")) {
            Response refused = CaseAssignments.tryAssign(client, "lambeth.chair", id, "VVASB_PANEL", who);
            assertThat(classification(refused)).as(who).isEqualTo("BAD_REQUEST");
            assertThat(message(refused)).as(who).isEqualTo(expected + who.strip() + "'");
        }
        assertThat(assignmentsOf(id)).isZero();

        JsonNode made = CaseAssignments.tryAssign(client, "lambeth.chair", id, "VVASB_PANEL", "lambeth.casemanager")
                .data().path("assignCaseManager");
        assertThat(made.path("agreement").asString()).startsWith("lambeth-vvasb-panel@");
        assertThat(made.path("purpose").asString()).isEqualTo("VVASB_PANEL");
        assertThat(made.path("assignedBy").asString()).isEqualTo("lambeth.chair");
        assertThat(jdbc.sql("""
                select purpose || ' ' || (detail->>'caseManager') || ' ' || (detail->>'agreement') from audit_entry
                where operation = 'assignCaseManager' and ?::uuid = any(subjects)""").param(id).query(String.class).single())
                .matches("VVASB_PANEL lambeth\\.casemanager lambeth-vvasb-panel@[0-9.]+#[0-9a-f]{16}");
    }

    @Test
    void anAssignmentOpensOnlyItsPurposeAndAgreementAndOnceEndedNothing() {
        Resident r = TestRecords.resident(35);
        String id = TestRecords.knownToRbkcChildrensServices(gateway, jdbc, r);
        String caseManager = client.devToken("triborough.casemanager");

        // an assignment under the panel's purpose (as a row written for it would be) opens nothing under youth justice,
        // and one as the hub wrote them before assignments named their purpose opens nothing at all
        jdbc.sql("""
                insert into case_assignment (subject_id, case_manager, assigned_by, purpose, agreement, agreement_version)
                values (?::uuid, 'triborough.casemanager', 'lambeth.chair', 'VVASB_PANEL', 'lambeth-vvasb-panel', '3.4')""")
                .param(id).update();
        jdbc.sql("insert into case_assignment (subject_id, case_manager, assigned_by) values (?::uuid, 'triborough.casemanager', "
                + "'lambeth.chair')").param(id).update();
        assertThat(client.query(caseManager, SUBJECT_UNDER_YOUTH_JUSTICE, Map.of("id", id)).data().path("subject").isNull()).isTrue();

        String assignment = CaseAssignments.assign(client, "triborough.manager", id, "YOUTH_JUSTICE", "triborough.casemanager");
        JsonNode opened = client.query(caseManager, SUBJECT_UNDER_YOUTH_JUSTICE, Map.of("id", id)).data().path("subject");
        assertThat(opened.path("timeline").path("edges").findValuesAsString("agency")).contains("rbkc-csc", "met-police");
        JsonNode listed = client.query(client.devToken("triborough.manager"), """
                query($id: ID!) { caseAssignments(subjectId: $id, purpose: YOUTH_JUSTICE) { id caseManager agreement } }""",
                Map.of("id", id)).data().path("caseAssignments");
        assertThat(listed.findValuesAsString("id")).containsExactly(assignment);

        // another partnership's chair cannot end it: answered as for an assignment that does not exist
        String end = "mutation($a: ID!) { endAssignment(id: $a) { id endedAt endedBy } }";
        Response notTheirs = client.query(client.devToken("lambeth.chair"), end, Map.of("a", assignment));
        Response noSuch = client.query(client.devToken("lambeth.chair"), end, Map.of("a", "987654321"));
        assertThat(message(notTheirs)).startsWith("assignmentId:").isEqualTo(message(noSuch));
        assertThat(client.query(caseManager, SUBJECT_UNDER_YOUTH_JUSTICE, Map.of("id", id)).data().path("subject").isNull()).isFalse();

        JsonNode ended = client.query(client.devToken("triborough.manager"), end, Map.of("a", assignment)).data().path("endAssignment");
        assertThat(ended.path("endedBy").asString()).isEqualTo("triborough.manager");
        assertThat(ended.path("endedAt").isNull()).isFalse();
        assertThat(client.query(caseManager, SUBJECT_UNDER_YOUTH_JUSTICE, Map.of("id", id)).data().path("subject").isNull()).isTrue();
        assertThat(client.query(caseManager, "{ searchSubjects(purpose: YOUTH_JUSTICE, first: 100) { edges { node { id } } } }")
                .data().path("searchSubjects").path("edges").findValuesAsString("id")).doesNotContain(id);
        // ended once: not again
        assertThat(message(client.query(client.devToken("triborough.manager"), end, Map.of("a", assignment))))
                .startsWith("assignmentId:");

        assertThat(jdbc.sql("""
                select operation from audit_entry where ?::uuid = any(subjects) and purpose = 'YOUTH_JUSTICE'
                  and operation in ('assignCaseManager', 'endAssignment') order by sequence""").param(id).query(String.class).list())
                .containsExactly("assignCaseManager", "endAssignment");
    }

    @Test
    void aCaseHandedToAnotherCaseManagerClosesToTheOneBefore() {
        String id = TestRecords.lambethSubject(client, TestRecords.resident(36));
        String caseId = referredToThePanel(id);
        String appoint = "mutation($c: ID!, $m: String!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, caseManager: $m) "
                + "{ caseManager } }";
        String chair = client.devToken("lambeth.chair");
        String read = "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }";

        assertThat(client.query(chair, appoint, Map.of("c", caseId, "m", "lambeth.casemanager")).data()
                .path("appointCaseManager").path("caseManager").asString()).isEqualTo("lambeth.casemanager");
        assertThat(client.query(client.devToken("lambeth.casemanager"), read, Map.of("id", id)).data().path("subject")
                .path("id").asString()).isEqualTo(id);

        assertThat(client.query(chair, appoint, Map.of("c", caseId, "m", "clarion.casemanager")).data()
                .path("appointCaseManager").path("caseManager").asString()).isEqualTo("clarion.casemanager");
        assertThat(client.query(client.devToken("clarion.casemanager"), read, Map.of("id", id)).data().path("subject")
                .path("id").asString()).isEqualTo(id);
        assertThat(client.query(client.devToken("lambeth.casemanager"), read, Map.of("id", id)).data().path("subject").isNull())
                .as("the case manager before no longer reads").isTrue();
        assertThat(jdbc.sql("""
                select (detail->>'caseManager') || ' by ' || actor from audit_entry
                where operation = 'endAssignment' and purpose = 'VVASB_PANEL' and ?::uuid = any(subjects)""").param(id)
                .query(String.class).list()).containsExactly("lambeth.casemanager by lambeth.chair");
        // who assigned is kept by the stable id the token carries too
        assertThat(jdbc.sql("select distinct assigned_by_subject from case_assignment where subject_id = ?::uuid").param(id)
                .query(String.class).list()).containsExactly(
                        UUID.nameUUIDFromBytes("lambeth.chair".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    @Test
    void closingTheCaseEndsWhatItOpenedToItsCaseManager() {
        String id = TestRecords.lambethSubject(client, TestRecords.resident(37));
        String caseId = referredToThePanel(id);
        String chair = client.devToken("lambeth.chair");
        String read = "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }";
        client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, caseManager: "
                + "\"lambeth.casemanager\") { caseManager } }", Map.of("c", caseId));
        assertThat(client.query(client.devToken("lambeth.casemanager"), read, Map.of("id", id)).data().path("subject")
                .path("id").asString()).isEqualTo(id);

        assertThat(client.query(chair, "mutation($c: ID!) { resolveCase(caseId: $c, purpose: VVASB_PANEL, outcome: RESOLVED, "
                + "note: \"Moved; no incidents since\") { state } }", Map.of("c", caseId)).data().path("resolveCase")
                .path("state").asString()).isEqualTo("RESOLVED");

        assertThat(client.query(client.devToken("lambeth.casemanager"), read, Map.of("id", id)).data().path("subject").isNull())
                .as("the closed case's case manager no longer reads").isTrue();
        assertThat(client.query(client.devToken("lambeth.casemanager"), "query($c: ID!) { panelCase(id: $c, purpose: VVASB_PANEL) "
                + "{ id referrals { reason } } }", Map.of("c", caseId)).data().path("panelCase").isNull())
                .as("nor the case itself").isTrue();
        assertThat(jdbc.sql("select count(*) from case_assignment where subject_id = ?::uuid and ended_at is null").param(id)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                select detail->>'because' from audit_entry
                where operation = 'endAssignment' and actor = 'lambeth.chair' and ?::uuid = any(subjects)""").param(id)
                .query(String.class).list()).containsExactly("case closed");
    }
}
