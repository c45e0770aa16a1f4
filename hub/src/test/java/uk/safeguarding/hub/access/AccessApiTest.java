package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * The agreements at work through the API: consent and its withdrawal change the next answer, an
 * exemption opens only its subject for its claimant until reviewed, a case manager sees only their
 * assigned cases, and roles that read no personal data get none.
 */
class AccessApiTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    private static final String SLAM_TIMELINE = """
            query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { agencies
              timeline(first: 10, agencies: ["slam"]) { edges { node { agency kind occurredAt summary category
                withheld { field reason agreement clause explanation } } } } } }""";

    private String subjectId(String token, Resident r) {
        JsonNode edges = client.query(token, """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node").path("id").asString();
    }

    private JsonNode slamEvent(String token, String subjectId) {
        JsonNode edges = client.query(token, SLAM_TIMELINE, Map.of("id", subjectId)).data().path("subject")
                .path("timeline").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node");
    }

    private Response consent(String token, String mutation, String subjectId, String state) {
        String args = mutation.equals("recordConsent") ? ", state: " + state : "";
        return client.query(token, "mutation($id: ID!) { " + mutation + "(subjectId: $id, agency: \"slam\", purpose: VVASB_PANEL"
                + args + ", evidence: {kind: SIGNED_FORM, reference: \"CF-2026-0400\", date: \"2026-11-20\"}) { state recordedBy } }", Map.of("id", subjectId));
    }

    @Test
    void anActAboutASubjectTheCallerMayNotSeeIsAnsweredAsForOneThatDoesNotExist() {
        Resident r = TestRecords.resident(23);
        String id = subjectId(client.devToken("lambeth.analyst"), r);
        // another partnership's case manager may read under YOUTH_JUSTICE, but not this Lambeth resident
        String outsider = client.devToken("triborough.casemanager");
        Response seen = client.query(outsider, "query($id: ID!) { subject(id: $id, purpose: YOUTH_JUSTICE) { id } }",
                Map.of("id", id));
        assertThat(seen.errors().isMissingNode() || seen.errors().isEmpty()).as(seen.body().toString()).isTrue();
        assertThat(seen.data().path("subject").isNull()).isTrue();

        String consent = "mutation($id: ID!) { recordConsent(subjectId: $id, agency: \"slam\", purpose: YOUTH_JUSTICE, "
                + "state: GRANTED, evidence: {kind: SIGNED_FORM, reference: \"CF-2026-0401\", date: \"2026-11-20\"}) { state } }";
        String exemption = "mutation($id: ID!) { claimExemption(subjectId: $id, purpose: YOUTH_JUSTICE, basis: SAFEGUARDING, "
                + "justification: \"A child at immediate risk of harm at the address\") { id } }";
        for (String act : List.of(consent, exemption)) {
            Response unseen = client.query(outsider, act, Map.of("id", id));
            Response madeUp = client.query(outsider, act, Map.of("id", java.util.UUID.randomUUID().toString()));
            assertThat(unseen.data().isNull() || unseen.data().isMissingNode()).as(act).isTrue();
            assertThat(unseen.errors().get(0).path("message").asString()).as(act)
                    .isEqualTo(madeUp.errors().get(0).path("message").asString());
            assertThat(unseen.errors().get(0).path("extensions").path("classification").asString())
                    .isEqualTo(madeUp.errors().get(0).path("extensions").path("classification").asString());
        }
        assertThat(jdbc.sql("select count(*) from consent where recorded_by = 'triborough.casemanager' and subject_id = ?::uuid")
                .param(id).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from exemption where claimed_by = 'triborough.casemanager' and subject_id = ?::uuid")
                .param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void aSearchCriterionNeverMatchesAFieldTheCallerMayNotSee() {
        // a person only the mental health trust knows: clause 5.10 gives the panel their name, not their address
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'slam-fhir') returning id::text")
                .query(String.class).single();
        var patient = new uk.safeguarding.connectors.canonical.PersonRecord("PAT-SEARCH-1", "Ayodele", "Searchcriterion",
                java.time.LocalDate.of(1980, 3, 4), uk.safeguarding.connectors.canonical.PersonRecord.Sex.FEMALE, null,
                List.of("slam:PAT-SEARCH-1"), List.of(new uk.safeguarding.connectors.canonical.Address("1 Test Row", "SE11 4ZZ",
                        null, null)), null, null);
        assertThat(gateway.receive(new uk.safeguarding.connectors.canonical.SourceRecord(run, "slam-fhir", "slam",
                "Patient/PAT-SEARCH-1", "{\"resourceType\":\"Patient\"}", List.of(patient), List.of(), List.of())))
                .isIn(RecordGateway.Outcome.STORED, RecordGateway.Outcome.DUPLICATE);
        String analyst = client.devToken("lambeth.analyst");
        String search = "query($name: String, $postcode: String) { searchSubjects(purpose: VVASB_PANEL, name: $name, "
                + "postcode: $postcode) { edges { node { id postcode } } } }";
        java.util.function.Function<Map<String, Object>, Integer> found = criteria ->
                client.query(analyst, search, criteria).data().path("searchSubjects").path("edges").size();

        assertThat(found.apply(Map.of("name", "Ayodele Searchcriterion"))).as("the name is released").isEqualTo(1);
        assertThat(found.apply(Map.of("postcode", "SE11 4ZZ"))).as("the address is not").isZero();
        assertThat(found.apply(Map.of("name", "Ayodele Searchcriterion", "postcode", "SE11 4ZZ"))).isZero();
    }

    @Test
    void eachCriterionMatchesOnlyWhereItsOwnFieldIsReleased() {
        // youth justice service managers learn from children's services who they know (name, date of birth), no more
        Resident child = TestRecords.resident(42);
        String id = TestRecords.knownToRbkcChildrensServices(gateway, jdbc, child);
        String manager = client.devToken("triborough.manager");
        String search = "query($name: String, $dob: Date, $nhs: String, $postcode: String) { searchSubjects(purpose: YOUTH_JUSTICE, "
                + "name: $name, dateOfBirth: $dob, nhsNumber: $nhs, postcode: $postcode) { edges { node { id } } } }";
        java.util.function.Function<Map<String, Object>, List<String>> found = criteria -> client.query(manager, search, criteria)
                .data().path("searchSubjects").path("edges").findValuesAsString("id");
        String name = child.givenName() + " " + child.familyName();

        assertThat(found.apply(Map.of("name", name))).contains(id);
        assertThat(found.apply(Map.of("name", name, "dob", child.dateOfBirth().toString()))).contains(id);
        assertThat(child.nhsNumber()).isNotNull();
        assertThat(found.apply(Map.of("nhs", child.nhsNumber()))).as("the NHS number is not released to them").doesNotContain(id);
        assertThat(found.apply(Map.of("name", name, "nhs", child.nhsNumber()))).doesNotContain(id);
        assertThat(found.apply(Map.of("name", name, "postcode", child.postcode()))).as("nor the address").doesNotContain(id);
    }

    @Test
    void mentalHealthDetailFollowsConsentFromTheNextRequest() {
        Resident r = TestRecords.resident(20); // not among the simulated trust's patients
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String id = subjectId(analyst, r);

        JsonNode before = slamEvent(analyst, id);
        assertThat(before.path("kind").asString()).isEqualTo("mental-health-encounter");
        assertThat(before.path("summary").isNull()).isTrue();
        assertThat(before.path("withheld")).anySatisfy(w -> {
            assertThat(w.path("field").asString()).isEqualTo("summary");
            assertThat(w.path("reason").asString()).isEqualTo("CONSENT_NOT_ASKED");
            assertThat(w.path("agreement").asString()).isEqualTo("lambeth-vvasb-panel");
            assertThat(w.path("clause").asString()).isEqualTo("5.11");
        });

        assertThat(consent(analyst, "recordConsent", id, "GRANTED").data().path("recordConsent").path("state").asString())
                .isEqualTo("GRANTED");
        JsonNode granted = slamEvent(analyst, id);
        assertThat(granted.path("summary").asString()).contains("s136");
        // what no clause shares stays withheld (listed whether or not the record has a value: no hint either way)
        assertThat(granted.path("withheld").findValuesAsString("field")).doesNotContain("summary", "category")
                .contains("postcode");

        assertThat(consent(analyst, "withdrawConsent", id, null).data().path("withdrawConsent").path("state").asString())
                .isEqualTo("WITHDRAWN");
        JsonNode withdrawn = slamEvent(analyst, id);
        assertThat(withdrawn.path("summary").isNull()).isTrue();
        assertThat(withdrawn.path("withheld").findValuesAsString("reason")).contains("CONSENT_WITHDRAWN");

        assertThat(jdbc.sql("select operation from audit_entry where ? = any(subjects) and operation like '%Consent' order by sequence")
                .param(java.util.UUID.fromString(id)).query(String.class).list())
                .containsExactly("recordConsent", "withdrawConsent");
    }

    @Test
    void anExemptionOpensOnlyItsSubjectForItsClaimantUntilReviewed() {
        Resident r = TestRecords.resident(21); // not among the simulated trust's patients
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String chair = client.devToken("lambeth.chair");
        String auditor = client.devToken("hub.auditor");
        String id = subjectId(analyst, r);

        Response wrongBasis = client.query(analyst, """
                mutation($id: ID!) { claimExemption(subjectId: $id, purpose: VVASB_PANEL, basis: CRIME_PREVENTION,
                  justification: "Suspected of planning an offence against a neighbour") { id } }""", Map.of("id", id));
        assertThat(wrongBasis.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");

        Response claim = client.query(analyst, """
                mutation($id: ID!) { claimExemption(subjectId: $id, purpose: VVASB_PANEL, basis: SAFEGUARDING,
                  justification: "Neighbour reports threats of self-harm tonight; panel needs the crisis plan") {
                  id basis claimedBy reviewStatus expiresAt } }""", Map.of("id", id));
        JsonNode exemption = claim.data().path("claimExemption");
        assertThat(exemption.path("reviewStatus").asString()).isEqualTo("AWAITING_REVIEW");
        assertThat(java.time.Instant.parse(exemption.path("expiresAt").asString())).isAfter(java.time.Instant.now().plusSeconds(71 * 3600));

        assertThat(slamEvent(analyst, id).path("summary").asString()).contains("s136");
        assertThat(slamEvent(chair, id).path("summary").isNull()).isTrue();

        JsonNode awaiting = client.query(auditor, "{ exemptions(status: AWAITING_REVIEW) { id subjectId claimedBy basis } }")
                .data().path("exemptions");
        assertThat(awaiting.findValuesAsString("id")).contains(exemption.path("id").asString());
        // the auditor read the justification: that read is in the log too, naming the person
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'exemptions' and actor = 'hub.auditor' "
                + "and ? = any(subjects)").param(java.util.UUID.fromString(id)).query(Integer.class).single()).isPositive();
        Response analystList = client.query(analyst, "{ exemptions { id } }");
        assertThat(analystList.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");

        Response review = client.query(auditor, """
                mutation($id: ID!) { reviewExemption(id: $id, upheld: false, note: "No risk recorded by any agency") {
                  reviewStatus reviewedBy } }""", Map.of("id", exemption.path("id").asString()));
        assertThat(review.data().path("reviewExemption").path("reviewStatus").asString()).isEqualTo("NOT_UPHELD");
        assertThat(slamEvent(analyst, id).path("summary").isNull()).isTrue();

        assertThat(jdbc.sql("select operation from audit_entry where ? = any(subjects) and operation like '%Exemption' order by sequence")
                .param(java.util.UUID.fromString(id)).query(String.class).list())
                .containsExactly("claimExemption", "reviewExemption");
    }

    @Test
    void aCaseManagerSeesOnlyTheCasesAssignedToThem() {
        Resident r = TestRecords.resident(5);
        // a resident the police know whom Kensington and Chelsea children's services support: youth justice covers them
        String id = TestRecords.knownToRbkcChildrensServices(gateway, jdbc, r);
        String manager = client.devToken("triborough.manager");
        String caseManager = client.devToken("triborough.casemanager");
        String search = "{ searchSubjects(purpose: YOUTH_JUSTICE, first: 100) { edges { node { id familyName "
                + "timeline(first: 100) { edges { node { agency summary } } } } } } }";

        // other tests may have assigned other subjects: this one is not among the case manager's yet
        assertThat(client.query(caseManager, search).data().path("searchSubjects").path("edges").findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(client.query(caseManager, "query($id: ID!) { subject(id: $id, purpose: YOUTH_JUSTICE) { id } }",
                Map.of("id", id)).data().path("subject").isNull()).isTrue();

        // the youth justice service manager sees that the council knows them (clause 7.5), not their history
        JsonNode seen = client.query(manager, "query($id: ID!) { subject(id: $id, purpose: YOUTH_JUSTICE) { familyName "
                + "timeline(first: 10) { edges { node { agency } } } } }", Map.of("id", id)).data().path("subject");
        assertThat(seen.path("familyName").asString()).isEqualTo(r.familyName());
        assertThat(seen.path("timeline").path("edges")).isEmpty();

        Response notAllocator = CaseAssignments.tryAssign(client, "triborough.casemanager", id, "YOUTH_JUSTICE",
                "triborough.casemanager");
        assertThat(notAllocator.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        CaseAssignments.assign(client, "triborough.manager", id, "YOUTH_JUSTICE", "triborough.casemanager");

        List<String> assigned = jdbc.sql("select subject_id::text from case_assignment where case_manager = 'triborough.casemanager' "
                + "and purpose = 'YOUTH_JUSTICE' and ended_at is null").query(String.class).list();
        JsonNode mine = client.query(caseManager, search).data().path("searchSubjects").path("edges");
        assertThat(mine.findValuesAsString("id")).contains(id).containsExactlyInAnyOrderElementsOf(assigned);
        JsonNode node = null;
        for (JsonNode edge : mine) {
            if (edge.path("node").path("id").asString().equals(id)) {
                node = edge.path("node");
            }
        }
        assertThat(node.path("familyName").asString()).isEqualTo(r.familyName());
        JsonNode events = node.path("timeline").path("edges");
        assertThat(events.size()).isPositive();
        assertThat(events.findValuesAsString("agency")).contains("met-police", "rbkc-csc").containsOnly("met-police", "rbkc-csc");
    }

    @Test
    void tflReportsFromTheLocalFeedShowTheirCategoryButNotTheirNarrativeWithoutConsent() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'tfl-safeguarding-reports' and status = 'completed'")
                .query(Integer.class).single() > 0);
        String analyst = client.devToken("lambeth.analyst");
        JsonNode edges = client.query(analyst, """
                { searchSubjects(purpose: VVASB_PANEL, first: 40) { edges { node { agencies
                  timeline(first: 50, agencies: ["tfl"]) { edges { node { agency kind category summary location
                    withheld { field reason clause } } } } } } } }""").data().path("searchSubjects").path("edges");
        List<JsonNode> reports = new java.util.ArrayList<>();
        edges.forEach(e -> e.path("node").path("timeline").path("edges").forEach(t -> reports.add(t.path("node"))));

        assertThat(reports).isNotEmpty().allSatisfy(report -> {
            assertThat(report.path("agency").asString()).isEqualTo("tfl");
            assertThat(report.path("category").asString()).isNotBlank();
            assertThat(report.path("location").asString()).contains("Underground Station");
            assertThat(report.path("summary").isNull()).isTrue();
            assertThat(report.path("withheld")).anySatisfy(w -> {
                assertThat(w.path("field").asString()).isEqualTo("summary");
                assertThat(w.path("reason").asString()).isEqualTo("CONSENT_NOT_ASKED");
                assertThat(w.path("clause").asString()).isEqualTo("5.14");
            });
        });
        // the same people as the police feed: linked across the two agencies
        assertThat(edges.findValues("agencies").stream().anyMatch(a -> a.toString().contains("met-police")
                && a.toString().contains("tfl"))).isTrue();
    }

    @Test
    void theTrustsFhirRecordsShowThatItKnowsThePersonButNotWhyWithoutConsent() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'slam-fhir' and status = 'completed'").query(Integer.class).single() > 0);
        Resident patient = TestRecords.trustPatient(); // a repeat victim the trust also knows
        String analyst = client.devToken("lambeth.analyst");
        String id = subjectId(analyst, patient);

        JsonNode events = client.query(analyst, SLAM_TIMELINE.replace("first: 10", "first: 50"), Map.of("id", id))
                .data().path("subject").path("timeline").path("edges");
        assertThat(events.size()).isPositive();
        events.forEach(e -> {
            JsonNode event = e.path("node");
            assertThat(event.path("kind").asString()).isIn("mental-health-encounter", "risk-flag");
            assertThat(event.path("summary").isNull()).isTrue();
            assertThat(event.path("withheld").findValuesAsString("reason")).contains("CONSENT_NOT_ASKED");
        });
        JsonNode underMarac = client.query(analyst, SLAM_TIMELINE.replace("VVASB_PANEL", "MARAC").replace("first: 10", "first: 50"),
                Map.of("id", id)).data().path("subject").path("timeline").path("edges");
        assertThat(underMarac.get(0).path("node").path("summary").asString()).isNotBlank();
    }

    @Test
    void rolesThatReadNoPersonalDataGetNone() {
        for (String user : List.of("lfb.contributor", "met.contributor", "hub.auditor", "hub.admin")) {
            Response response = client.query(client.devToken(user),
                    "{ searchSubjects(purpose: VVASB_PANEL) { edges { node { familyName } } } }");
            assertThat(response.errors().get(0).path("extensions").path("classification").asString()).as(user)
                    .isEqualTo("FORBIDDEN");
            assertThat(response.data().isNull()).isTrue();
        }
    }

    @Test
    void agreementsAreListedWithTheirStatusAndOnlyAnAdminReloadsThem() {
        JsonNode agreements = client.query(client.devToken("lambeth.analyst"),
                "{ agreements { id version status reviewBy expires contentHash purposes parties } }").data().path("agreements");
        assertThat(agreements.findValuesAsString("id")).containsExactlyInAnyOrder("lambeth-vvasb-panel",
                "triborough-youth-justice", "lambeth-marac", "lambeth-victim-services-statistics");
        assertThat(agreements.findValuesAsString("status")).containsOnly("ACTIVE");
        assertThat(agreements.findValuesAsString("contentHash")).allMatch(h -> h.matches("[0-9a-f]{64}"));

        Response byAnalyst = client.query(client.devToken("lambeth.analyst"), "mutation { reloadPolicies { loaded } }");
        assertThat(byAnalyst.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        Response byAdmin = client.query(client.devToken("hub.admin"), "mutation { reloadPolicies { loaded problems } }");
        assertThat(byAdmin.data().path("reloadPolicies").path("loaded").asBoolean()).isTrue();
        assertThat(byAdmin.data().path("reloadPolicies").path("problems").isEmpty()).isTrue();
    }
}
