package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Every mutation about a subject (or a subject's case), tried by an insider on someone they may not see, is
 * answered exactly as it is for an id the hub never issued: the same message, the same classification, and
 * nothing written. Otherwise the answer would tell them that the hub holds the person.
 */
class NoExistenceOracleTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    /** A child known only to Kensington and Chelsea children's services: no VVASB agreement shares them. */
    private String childOnlyRbkcKnows() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'rbkc-csc-drop') returning id::text")
                .query(String.class).single();
        PersonRecord child = new PersonRecord("RBKC-ORACLE-1", "Temitope", "Oracletest", LocalDate.of(2012, 5, 6),
                PersonRecord.Sex.FEMALE, null, List.of("rbkc-csc:RBKC-ORACLE-1"), List.of(), null, null);
        assertThat(gateway.receive(new SourceRecord(run, "rbkc-csc-drop", "rbkc-csc", "child/RBKC-ORACLE-1", "{}",
                List.of(child), List.of(), List.of()))).isIn(RecordGateway.Outcome.STORED, RecordGateway.Outcome.DUPLICATE);
        return jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'rbkc-csc' and p.local_id = 'RBKC-ORACLE-1' and l.status <> 'rejected'""")
                .query(String.class).single();
    }

    private long recordOf(String subjectId) {
        return jdbc.sql("select person_record_id from subject_link where subject_id = ?::uuid and status <> 'rejected'")
                .param(subjectId).query(Long.class).single();
    }

    /** Answered alike, by the check of {@code argument} (not by some earlier check that ignores the id). */
    private static void answeredAlike(String act, String argument, Response unseen, Response madeUp) {
        assertThat(unseen.data().isNull() || unseen.data().isMissingNode()).as(act + ": " + unseen.body()).isTrue();
        assertThat(unseen.errors().isArray() && !unseen.errors().isEmpty()).as(act).isTrue();
        JsonNode a = unseen.errors().get(0);
        JsonNode b = madeUp.errors().get(0);
        assertThat(a.path("message").asString()).as(act).startsWith(argument + ":").isEqualTo(b.path("message").asString());
        assertThat(a.path("extensions").path("classification").asString()).as(act)
                .isEqualTo(b.path("extensions").path("classification").asString());
    }

    @Test
    void actsOnASubjectTheCallerMayNotSeeAnswerAsForOneThatDoesNotExist() {
        String id = childOnlyRbkcKnows();
        String madeUp = UUID.randomUUID().toString();
        String analyst = client.devToken("lambeth.analyst");
        assertThat(client.query(analyst, "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }",
                Map.of("id", id)).data().path("subject").isNull()).as("the analyst may not see the child").isTrue();
        int auditedBefore = jdbc.sql("select count(*) from audit_entry where ?::uuid = any(subjects)").param(id)
                .query(Integer.class).single();

        Map<String, String> acts = Map.of(
                "recordConsent", "mutation($id: ID!) { recordConsent(subjectId: $id, agency: \"slam\", purpose: VVASB_PANEL, "
                        + "state: GRANTED, evidence: {kind: SIGNED_FORM, reference: \"CF-2291\", date: \"2026-11-02\"}) { state } }",
                "withdrawConsent", "mutation($id: ID!) { withdrawConsent(subjectId: $id, agency: \"slam\", purpose: VVASB_PANEL, "
                        + "evidence: {kind: SIGNED_FORM, reference: \"WL-17\", date: \"2026-11-20\"}) { state } }",
                "claimExemption", "mutation($id: ID!) { claimExemption(subjectId: $id, purpose: VVASB_PANEL, basis: SAFEGUARDING, "
                        + "justification: \"A child at immediate risk of harm at the address\") { id } }",
                "referCase", "mutation($id: ID!) { referCase(input: {subjectId: $id, purpose: VVASB_PANEL, "
                        + "referringAgency: \"met-police\", source: POLICE, reason: \"Repeat ASB victim\", "
                        + "category: \"anti-social-behaviour\"}) { id } }");
        acts.forEach((act, mutation) -> answeredAlike(act, "subjectId", client.query(analyst, mutation, Map.of("id", id)),
                client.query(analyst, mutation, Map.of("id", madeUp))));

        // splitting off a record of a subject the analyst may not see, named by its real record id
        String split = "mutation($id: ID!, $record: ID!) { splitSubject(subjectId: $id, recordIds: [$record], "
                + "purpose: VVASB_PANEL, reason: \"Two different children share this record\") { id } }";
        String record = Long.toString(recordOf(id));
        answeredAlike("splitSubject", "recordIds", client.query(analyst, split, Map.of("id", id, "record", record)),
                client.query(analyst, split, Map.of("id", madeUp, "record", record)));

        // nothing was recorded about the child, and no entry names them
        assertThat(jdbc.sql("select count(*) from consent where subject_id = ?::uuid").param(id).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from exemption where subject_id = ?::uuid").param(id).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from panel_case where subject_id = ?::uuid").param(id).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_entry where ?::uuid = any(subjects)").param(id).query(Integer.class)
                .single()).isEqualTo(auditedBefore);
    }

    @Test
    void actsOnAnotherBoroughsCaseAnswerAsForOneThatDoesNotExist() {
        String subject = jdbc.sql("select subject_id::text from subject_link where status <> 'rejected' limit 1")
                .query(String.class).single();
        String theirs = UUID.randomUUID().toString();
        // a case of the same purpose and agreement, in a borough the chair does not work
        jdbc.sql("insert into panel_case (id, subject_id, borough, state, opened_by, agreement, keeper) values (?::uuid, ?::uuid, "
                + "'E09000020', 'ON_PANEL', 'kc.analyst', 'lambeth-vvasb-panel', 'lambeth-csp')").params(theirs, subject).update();
        String madeUp = UUID.randomUUID().toString();
        String chair = client.devToken("lambeth.chair");

        Map<String, String> acts = Map.of(
                "addCaseAction", "mutation($id: ID!) { addCaseAction(caseId: $id, purpose: VVASB_PANEL, description: \"Visit\", "
                        + "ownerAgency: \"lambeth-housing\", dueOn: \"2027-01-15\") { id } }",
                "appointCaseManager", "mutation($id: ID!) { appointCaseManager(caseId: $id, purpose: VVASB_PANEL, "
                        + "caseManager: \"lambeth.casemanager\") { id } }",
                "resolveCase", "mutation($id: ID!) { resolveCase(caseId: $id, purpose: VVASB_PANEL, outcome: RESOLVED, "
                        + "note: \"Moved away\") { id } }",
                "assessRisk", "mutation($id: ID!) { assessRisk(input: {caseId: $id, purpose: VVASB_PANEL, level: HIGH, "
                        + "rationale: \"Escalating\"}) { id } }");
        acts.forEach((act, mutation) -> answeredAlike(act, "caseId", client.query(chair, mutation, Map.of("id", theirs)),
                client.query(chair, mutation, Map.of("id", madeUp))));
        assertThat(jdbc.sql("select state || coalesce(case_manager, '-') from panel_case where id = ?::uuid").param(theirs)
                .query(String.class).single()).isEqualTo("ON_PANEL-");
    }
}
