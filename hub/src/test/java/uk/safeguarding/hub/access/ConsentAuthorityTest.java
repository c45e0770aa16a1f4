package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * Consent, as a hostile insider would record it (issue 14, part 1): only those the agreement names may record
 * it, on evidence that names a document, and auditors see who did and can find it not upheld, which stops it
 * releasing at once.
 */
class ConsentAuthorityTest extends LocalHubTest {

    private static final String RECORD = """
            mutation($id: ID!, $agency: String!, $evidence: ConsentEvidenceInput!) { recordConsent(subjectId: $id,
              agency: $agency, purpose: VVASB_PANEL, state: GRANTED, evidence: $evidence) {
              id state recordedBy recordedById recordedByAgency recordedByRole agreement reviewStatus evidence { kind reference date } } }""";

    @Autowired
    RecordGateway gateway;

    @Autowired
    RedisConnectionFactory redis;

    private String subjectId(String token, Resident r) {
        JsonNode edges = client.query(token, """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node").path("id").asString();
    }

    private JsonNode slamEvent(String token, String id) {
        JsonNode edges = client.query(token, """
                query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { timeline(first: 10, agencies: ["slam"]) {
                  edges { node { summary withheld { field reason clause } } } } } }""", Map.of("id", id))
                .data().path("subject").path("timeline").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node");
    }

    private static Map<String, Object> evidence(String kind, String reference, LocalDate date) {
        return Map.of("kind", kind, "reference", reference, "date", date.toString());
    }

    private Response record(String token, String id, String agency, Map<String, Object> evidence) {
        return client.query(token, RECORD, Map.of("id", id, "agency", agency, "evidence", evidence));
    }

    private int consentsOf(String id) {
        return jdbc.sql("select count(*) from consent where subject_id = ?::uuid").param(id).query(Integer.class).single();
    }

    private static String classification(Response r) {
        return r.errors().get(0).path("extensions").path("classification").asString();
    }

    @Test
    void aCaseManagerTheAgreementDoesNotNameCannotRecordConsentForASubjectTheySee() {
        Resident r = TestRecords.resident(28);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String id = subjectId(analyst, r);
        // the housing case manager is the subject's named case manager: they see the subject under VVASB_PANEL
        CaseAssignments.assign(client, id, "lambeth.casemanager");
        String caseManager = client.devToken("lambeth.casemanager");
        assertThat(client.query(caseManager, "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }",
                Map.of("id", id)).data().path("subject").path("id").asString()).isEqualTo(id);

        Response refused = record(caseManager, id, "slam", evidence("SIGNED_FORM", "CF-2026-0412", LocalDate.now(clock)));
        assertThat(classification(refused)).isEqualTo("FORBIDDEN");
        assertThat(refused.errors().get(0).path("message").asString()).contains("record consent to slam");
        Response withdraw = client.query(caseManager, """
                mutation($id: ID!) { withdrawConsent(subjectId: $id, agency: "slam", purpose: VVASB_PANEL,
                  evidence: {kind: RECORDED_VERBAL, reference: "CALL-7781", date: "2026-11-20"}) { state } }""",
                Map.of("id", id));
        assertThat(classification(withdraw)).isEqualTo("FORBIDDEN");
        assertThat(consentsOf(id)).isZero();
        // and the trust's clinical detail stays withheld from the panel
        assertThat(slamEvent(analyst, id).path("summary").isNull()).isTrue();
    }

    @Test
    void evidenceMustNameADocumentGivenNoLaterThanToday() {
        Resident r = TestRecords.resident(29);
        String analyst = client.devToken("lambeth.analyst");
        String id = subjectId(analyst, r);
        LocalDate today = LocalDate.now(clock);

        Map<String, Map<String, Object>> bad = Map.of(
                "evidence.reference:", evidence("SIGNED_FORM", "   ", today),
                "evidence.reference: a document reference", evidence("RECORDED_VERBAL", "She said yes on the phone, honest", today),
                "evidence.reference: a document reference of at most", evidence("ELECTRONIC", "R".repeat(65), today),
                "evidence.date: " + today.plusDays(1), evidence("SIGNED_FORM", "CF-2026-0413", today.plusDays(1)));
        bad.forEach((message, given) -> {
            Response refused = record(analyst, id, "slam", given);
            assertThat(classification(refused)).as(message).isEqualTo("BAD_REQUEST");
            assertThat(refused.errors().get(0).path("message").asString()).as(message).startsWith(message);
        });
        Response unknownKind = record(analyst, id, "slam", evidence("TOLD_ME_SO", "CF-2026-0414", today));
        assertThat(unknownKind.errors().isEmpty()).isFalse();
        assertThat(consentsOf(id)).isZero();
    }

    @Test
    void auditorsSeeWhoRecordedAConsentAndOneFoundNotUpheldStopsReleasingAtOnce() throws Exception {
        Resident r = TestRecords.resident(30);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String auditor = client.devToken("hub.auditor");
        String id = subjectId(analyst, r);
        List<String> alerts = new CopyOnWriteArrayList<>();
        RedisMessageListenerContainer listening = new RedisMessageListenerContainer();
        listening.setConnectionFactory(redis);
        listening.addMessageListener((message, pattern) -> alerts.add(new String(message.getBody())),
                new ChannelTopic("hub:auditor-alerts"));
        listening.afterPropertiesSet();
        listening.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(listening::isListening);
            assertThat(slamEvent(analyst, id).path("withheld").findValuesAsString("reason")).contains("CONSENT_NOT_ASKED");

            JsonNode consent = record(analyst, id, "slam", evidence("SIGNED_FORM", " CF-2026-0415 ", LocalDate.now(clock)))
                    .data().path("recordConsent");
            assertThat(consent.path("recordedBy").asString()).isEqualTo("lambeth.analyst");
            // and by the stable id the token carries (sub), which outlives a renamed user name
            assertThat(consent.path("recordedById").asString()).isEqualTo(
                    UUID.nameUUIDFromBytes("lambeth.analyst".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            assertThat(consent.path("recordedByAgency").asString()).isEqualTo("lambeth-csp");
            assertThat(consent.path("recordedByRole").asString()).isEqualTo("panel-analyst");
            assertThat(consent.path("agreement").asString()).startsWith("lambeth-vvasb-panel@");
            assertThat(consent.path("evidence").path("reference").asString()).isEqualTo("CF-2026-0415");
            assertThat(consent.path("reviewStatus").asString()).isEqualTo("AWAITING_REVIEW");
            String consentId = consent.path("id").asString();
            await().atMost(Duration.ofSeconds(10)).until(() -> alerts.contains(
                    "{\"type\":\"consent-recorded\",\"consent\":" + consentId + "}"));
            assertThat(slamEvent(analyst, id).path("summary").asString()).contains("s136");

            // only auditors list consents, and their reading is audited, naming the person
            assertThat(classification(client.query(analyst, "{ consents { id } }"))).isEqualTo("FORBIDDEN");
            JsonNode listed = client.query(auditor, """
                    { consents(status: AWAITING_REVIEW) { id subjectId agency state recordedBy recordedByAgency
                      recordedByRole evidence { kind reference date } } }""").data().path("consents");
            JsonNode mine = null;
            for (JsonNode c : listed) {
                if (c.path("id").asString().equals(consentId)) {
                    mine = c;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("subjectId").asString()).isEqualTo(id);
            assertThat(mine.path("recordedBy").asString()).isEqualTo("lambeth.analyst");
            assertThat(mine.path("evidence").path("kind").asString()).isEqualTo("SIGNED_FORM");
            assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'consents' and actor = 'hub.auditor' "
                    + "and ?::uuid = any(subjects)").param(id).query(Integer.class).single()).isPositive();

            JsonNode reviewed = client.query(auditor, """
                    mutation($id: ID!) { reviewConsent(id: $id, upheld: false, note: "No form CF-2026-0415 on the panel file") {
                      reviewStatus reviewedBy } }""", Map.of("id", consentId)).data().path("reviewConsent");
            assertThat(reviewed.path("reviewStatus").asString()).isEqualTo("NOT_UPHELD");
            assertThat(reviewed.path("reviewedBy").asString()).isEqualTo("hub.auditor");
            JsonNode closed = slamEvent(analyst, id);
            assertThat(closed.path("summary").isNull()).isTrue();
            assertThat(closed.path("withheld").findValuesAsString("reason")).contains("CONSENT_NOT_ASKED");
            // reviewed once: the same consent is not reviewed again
            assertThat(classification(client.query(auditor, """
                    mutation($id: ID!) { reviewConsent(id: $id, upheld: true, note: "Found it") { id } }""",
                    Map.of("id", consentId)))).isEqualTo("BAD_REQUEST");

            assertThat(jdbc.sql("""
                    select operation || ' ' || coalesce(detail->>'agreement', '') || coalesce(detail->>'upheld', '')
                    from audit_entry where ?::uuid = any(subjects) and operation in ('recordConsent', 'reviewConsent')
                    order by sequence""").param(UUID.fromString(id)).query(String.class).list())
                    .satisfiesExactly(
                            e -> assertThat(e).matches("recordConsent lambeth-vvasb-panel@[0-9.]+#[0-9a-f]{16}"),
                            e -> assertThat(e).isEqualTo("reviewConsent false"));
        } finally {
            listening.stop();
            listening.destroy();
        }
    }

    @Test
    void aGrantRecordedBeforeGrantsNamedTheirEvidenceReleasesNothing() {
        Resident r = TestRecords.resident(31);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String id = subjectId(analyst, r);
        // a row as V2 wrote it: the evidence " ", by anyone at all
        jdbc.sql("""
                insert into consent (subject_id, agency, purpose, state, evidence, recorded_by, recorded_by_agency, review_status)
                values (?::uuid, 'slam', 'VVASB_PANEL', 'GRANTED', ' ', 'lambeth.casemanager', 'lambeth-housing',
                        'AWAITING_REVIEW')""").param(id).update();
        JsonNode event = slamEvent(analyst, id);
        assertThat(event.path("summary").isNull()).isTrue();
        assertThat(event.path("withheld").findValuesAsString("reason")).contains("CONSENT_NOT_ASKED");
    }
}
