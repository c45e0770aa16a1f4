package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.simulators.PoliceApiSimulator;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/** A police record carried from the partner's API to a GraphQL answer, and who may see it. */
class SubjectApiTest extends LocalHubTest {

    private static final String SEARCH = """
            query($purpose: Purpose!, $name: String, $dob: Date, $first: Int, $after: String) {
              searchSubjects(purpose: $purpose, name: $name, dateOfBirth: $dob, first: $first, after: $after) {
                edges { cursor node { id givenName familyName dateOfBirth agencies
                  timeline(first: 100) { edges { node { id agency kind occurredAt category summary roles
                    withheld { field reason explanation agreement clause } } } pageInfo { hasNextPage } } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    /** These tests are about police records: the police feed has been read once (other feeds may finish first). */
    @org.junit.jupiter.api.BeforeEach
    void policeFeedRead() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed' and feed = 'met-police-incidents'")
                .query(Integer.class).single() > 0);
    }

    @Test
    void analystFindsSubjectsWhoseTimelinesShowPoliceEvents() {
        // subjects come in the order the hub first met them, and which feed it read first varies: page on
        // (five at a time) until police events appear among the subjects' histories (other feeds add theirs)
        String token = client.devToken("lambeth.analyst");
        List<String> agencies = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 20 && !agencies.contains("met-police"); page++) {
            Map<String, Object> vars = new java.util.HashMap<>(Map.of("purpose", "VVASB_PANEL", "first", 5));
            if (after != null) {
                vars.put("after", after);
            }
            Response response = client.query(token, SEARCH, vars);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.errors().isMissingNode() || response.errors().isEmpty()).isTrue();
            JsonNode connection = response.data().path("searchSubjects");
            assertThat(connection.path("edges").size()).isEqualTo(5);
            assertThat(connection.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
            agencies.addAll(connection.path("edges").findValuesAsString("agency"));
            after = connection.path("pageInfo").path("endCursor").asString();
            for (JsonNode edge : connection.path("edges")) {
                JsonNode subject = edge.path("node");
                assertThat(subject.path("familyName").asString()).isNotBlank();
                JsonNode events = subject.path("timeline").path("edges");
                assertThat(events.size()).isPositive();
                for (JsonNode event : events) {
                    if (event.path("node").path("agency").asString().equals("met-police")) {
                        assertThat(event.path("node").path("kind").asString()).isIn("asb-incident", "crime");
                        assertThat(event.path("node").path("summary").asString()).isNotBlank();
                    }
                }
            }
        }
        assertThat(agencies).contains("met-police");
    }

    @Test
    void allOfOnePersonsIncidentsComeTogetherUnderOneSubject() {
        // a repeat victim every partner recorded exactly, so found by their true name and date of birth
        SyntheticLondon.Resident victim = TestRecords.resident(0);
        String personId = PoliceApiSimulator.personId(Simulators.SEED, victim);
        long expected = TestRecords.LONDON.police().incidents().stream()
                .filter(i -> i.path("people").findValuesAsText("person_id").contains(personId)).count();

        Response response = client.query(client.devToken("lambeth.analyst"), SEARCH.replace("timeline(first: 100)",
                "timeline(first: 100, agencies: [\"met-police\"])"), Map.of("purpose", "VVASB_PANEL",
                "name", victim.givenName() + " " + victim.familyName(), "dob", victim.dateOfBirth().toString()));

        JsonNode edges = response.data().path("searchSubjects").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        JsonNode subject = edges.get(0).path("node");
        assertThat(subject.path("dateOfBirth").asString()).isEqualTo(victim.dateOfBirth().toString());
        assertThat(subject.path("timeline").path("edges").size()).isEqualTo((int) expected).isGreaterThan(1);
    }

    @Test
    void cursorsWalkATimelineWithoutGapsOrOverlaps() {
        String token = client.devToken("lambeth.analyst");
        SyntheticLondon.Resident victim = TestRecords.resident(0);
        String id = client.query(token, SEARCH, Map.of("purpose", "VVASB_PANEL",
                        "name", victim.familyName(), "dob", victim.dateOfBirth().toString()))
                .data().path("searchSubjects").path("edges").get(0).path("node").path("id").asString();
        String page = """
                query($id: ID!, $after: String) { subject(id: $id, purpose: VVASB_PANEL) {
                  timeline(first: 2, after: $after) { edges { node { id occurredAt } } pageInfo { hasNextPage endCursor } } } }""";
        String all = """
                query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { timeline(first: 100) { edges { node { id } } } } }""";

        List<String> walked = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> vars = new java.util.HashMap<>(Map.of("id", id));
            if (after != null) {
                vars.put("after", after);
            }
            JsonNode timeline = client.query(token, page, vars).data().path("subject").path("timeline");
            timeline.path("edges").forEach(e -> walked.add(e.path("node").path("id").asString()));
            more = timeline.path("pageInfo").path("hasNextPage").asBoolean();
            after = timeline.path("pageInfo").path("endCursor").asString();
        }
        List<String> whole = new ArrayList<>();
        client.query(token, all, Map.of("id", id)).data().path("subject").path("timeline").path("edges")
                .forEach(e -> whole.add(e.path("node").path("id").asString()));

        assertThat(whole).hasSizeGreaterThan(2);
        assertThat(walked).containsExactlyElementsOf(whole);
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        assertThat(client.query(null, "{ searchSubjects(purpose: VVASB_PANEL) { edges { cursor } } }").status())
                .isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefusedWith401() {
        String token = client.devToken("hub.auditor");
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"auditor\"", "\"panel-analyst\"").getBytes());
        String tampered = parts[0] + "." + forged + "." + parts[2];

        assertThat(client.query(tampered, "{ searchSubjects(purpose: VVASB_PANEL) { edges { cursor } } }").status())
                .isEqualTo(401);
    }

    @Test
    void anAuditorMayNotReadPersonalData() {
        Response response = client.query(client.devToken("hub.auditor"), SEARCH, Map.of("purpose", "VVASB_PANEL", "first", 5));

        assertThat(response.status()).isEqualTo(200);
        // searchSubjects is non-null in the schema, so the refusal nulls the whole of data
        assertThat(response.data().isNull()).isTrue();
        JsonNode error = response.errors().get(0);
        assertThat(error.path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(error.path("message").asString()).contains("auditor");
    }

    @Test
    void aPurposeNoneOfTheCallersRolesHoldsIsForbidden() {
        Response response = client.query(client.devToken("triborough.casemanager"), SEARCH,
                Map.of("purpose", "MASH_TRIAGE", "first", 5));

        assertThat(response.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(response.errors().get(0).path("message").asString()).contains("MASH_TRIAGE");
    }

    @Test
    void badArgumentsAndMalformedQueriesGetErrorsThatNameTheProblem() {
        String token = client.devToken("lambeth.analyst");

        Response tooMany = client.query(token, "{ searchSubjects(purpose: VVASB_PANEL, first: 1000) { edges { cursor } } }");
        assertThat(tooMany.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(tooMany.errors().get(0).path("message").asString()).contains("first");

        Response badId = client.query(token, "{ subject(id: \"not-a-uuid\", purpose: VVASB_PANEL) { id } }");
        assertThat(badId.errors().get(0).path("message").asString()).contains("id");

        Response noPurpose = client.query(token, "{ searchSubjects(first: 5) { edges { cursor } } }");
        assertThat(noPurpose.errors().get(0).path("message").asString()).contains("purpose");

        Response unknownField = client.query(token, "{ searchSubjects(purpose: VVASB_PANEL) { edges { node { shoeSize } } } }");
        assertThat(unknownField.errors().get(0).path("message").asString()).contains("shoeSize");
    }

    @Test
    void aSubjectTheHubDoesNotHoldIsNull() {
        Response response = client.query(client.devToken("lambeth.analyst"),
                "{ subject(id: \"00000000-0000-0000-0000-000000000000\", purpose: VVASB_PANEL) { id } }");
        assertThat(response.errors().isMissingNode() || response.errors().isEmpty()).isTrue();
        assertThat(response.data().path("subject").isNull()).isTrue();
    }

    @Test
    void theDevelopmentIssuerKnowsOnlyTheRealmsDemoUsers() {
        assertThat(client.devToken("lambeth.analyst")).isNotBlank();
        assertThat(client.devToken("mallory")).isEmpty();
    }
}
