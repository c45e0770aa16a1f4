package uk.safeguarding.connectors.mentalhealth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.MentalHealthFhirSimulator;
import uk.safeguarding.simulators.Recording;
import uk.safeguarding.simulators.Simulators;

/** The trust's FHIR server, paged by Bundle next links, parsed with HAPI FHIR. */
class FhirMentalHealthRouteTest {

    private WireMockServer trust;
    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTrust() {
        trust = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        trust.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        trust.stop();
    }

    private void run() throws Exception {
        run(trust.baseUrl());
    }

    private void run(String base) throws Exception {
        FeedRuns runs = new FeedRuns() {
            @Override
            public Optional<String> open(String feed) {
                return Optional.of("run-1");
            }

            @Override
            public void complete(String runId) {
                outcomes.add("completed");
            }

            @Override
            public void fail(String runId, String reason) {
                outcomes.add("failed: " + reason);
            }
        };
        RecordGateway gateway = record -> {
            received.add(record);
            return RecordGateway.Outcome.STORED;
        };
        camel = new DefaultCamelContext();
        camel.addRoutes(new FhirMentalHealthRoute(new MentalHealthFeedProperties(true, base, "slam", "slam-fhir",
                Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5)), gateway, runs));
        camel.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !outcomes.isEmpty());
    }

    @Test
    void followsNextLinksAndMapsEveryEncounterAndFlagWithItsPatient() throws Exception {
        MentalHealthFhirSimulator trustRecords = Simulators.of(Simulators.SEED, 300).mentalHealth();
        trustRecords.stubMappings().values().forEach(stub -> trust.addStubMapping(StubMapping.buildFrom(stub)));
        run();

        assertThat(outcomes).containsExactly("completed");
        assertThat(received).isNotEmpty().allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.events().get(0).sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
            assertThat(r.people()).singleElement().satisfies(p -> {
                // the NHS number is there and valid unless the simulated trust's record lacks it
                boolean lacksNumber = trustRecords.truth().stream().anyMatch(t -> t.sourceId().equals(r.sourceId())
                        && t.variations().contains(Recording.Variation.NHS_NUMBER_MISSING));
                if (lacksNumber) {
                    assertThat(p.nhsNumber()).isNull();
                } else {
                    assertThat(NhsNumber.Validator.isValid(p.nhsNumber())).isTrue();
                }
                assertThat(p.dateOfBirth()).isNotNull();
            });
        });
        assertThat(received).anySatisfy(r -> {
            assertThat(r.sourceId()).startsWith("Encounter/");
            assertThat(r.events().get(0).summary()).contains("Mental Health Act");
        });
        assertThat(received).anySatisfy(r -> {
            assertThat(r.sourceId()).startsWith("Flag/");
            assertThat(r.events().get(0).kind()).isEqualTo("risk-flag");
        });
        assertThat(received.stream().map(r -> r.people().get(0).localId()).distinct())
                .hasSize(trustRecords.patients().size());
        assertThat(received.stream().filter(r -> r.people().get(0).nhsNumber() != null)).isNotEmpty();
    }

    /** A page of the spec-true fixtures, as a HAPI FHIR server would answer it (its own address templated in). */
    private static ResponseDefinitionBuilder hapiPage(int page) throws IOException {
        try (InputStream in = FhirMentalHealthRouteTest.class.getResourceAsStream("/fhir/hapi-paged/page-" + page + ".json")) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json;charset=utf-8")
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8)).withTransformers("response-template");
        }
    }

    /**
     * HAPI FHIR pages a search with {@code [base]?_getpages=<id>&_getpagesoffset=N} cursors and ignores a
     * {@code page} parameter: asking {@code /Patient?page=2} answers page 1 again. Each page must be read
     * once, by its next link.
     */
    @Test
    void followsHapiGetpagesNextLinksAsGivenAndReadsEveryPageOnce() throws Exception {
        trust.stubFor(get(urlPathEqualTo("/baseR4/Patient")).willReturn(hapiPage(1)));
        trust.stubFor(get(urlPathEqualTo("/baseR4")).withQueryParam("_getpages", equalTo("b9a1c0de-4f7e-4d35-8d6c-2f4c1e7a9d10"))
                .withQueryParam("_getpagesoffset", equalTo("1")).willReturn(hapiPage(2)));
        trust.stubFor(get(urlPathEqualTo("/baseR4")).withQueryParam("_getpages", equalTo("b9a1c0de-4f7e-4d35-8d6c-2f4c1e7a9d10"))
                .withQueryParam("_getpagesoffset", equalTo("2")).willReturn(hapiPage(3)));
        run(trust.baseUrl() + "/baseR4");

        assertThat(outcomes).containsExactly("completed");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("Encounter/mh-1001-enc-1",
                "Flag/mh-1001-flag-1", "Encounter/mh-1002-enc-1", "Flag/mh-1002-flag-1", "Encounter/mh-1003-enc-1");
        assertThat(received).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        trust.verify(1, getRequestedFor(urlPathEqualTo("/baseR4/Patient")));
        trust.verify(2, getRequestedFor(urlPathEqualTo("/baseR4")));
    }

    /**
     * UK Core LegalStatus is complex: the Mental Health Act status is the nested
     * {@code legalStatusClassification}; coded elements without text or display fall back to display,
     * then code.
     */
    @Test
    void readsTheNestedLegalStatusAndFallsBackToDisplayThenCodeForCodedElements() throws Exception {
        trust.stubFor(get(urlPathEqualTo("/baseR4/Patient")).willReturn(hapiPage(1)));
        trust.stubFor(get(urlPathEqualTo("/baseR4")).withQueryParam("_getpagesoffset", equalTo("1")).willReturn(hapiPage(2)));
        trust.stubFor(get(urlPathEqualTo("/baseR4")).withQueryParam("_getpagesoffset", equalTo("2")).willReturn(hapiPage(3)));
        run(trust.baseUrl() + "/baseR4");

        java.util.Map<String, EventRecord> events = new java.util.HashMap<>();
        received.forEach(r -> events.put(r.sourceId(), r.events().get(0)));
        // section 3, on admission; service type given as a coding with a display only
        assertThat(events.get("Encounter/mh-1001-enc-1").category()).isEqualTo("section 3");
        assertThat(events.get("Encounter/mh-1001-enc-1").summary())
                .isEqualTo("Psychology service (inpatient encounter, in-progress). Mental Health Act: section 3 (admission)");
        // class as a code only: the code's name in v3 ActCode
        assertThat(events.get("Encounter/mh-1002-enc-1").category()).isEqualTo("section 136");
        assertThat(events.get("Encounter/mh-1002-enc-1").summary()).startsWith("Encounter (emergency, finished)");
        assertThat(events.get("Encounter/mh-1003-enc-1").category()).isEqualTo("section 2");
        assertThat(events.get("Encounter/mh-1003-enc-1").summary()).startsWith("Acute inpatient ward (inpatient encounter, finished)");
        // flag code with a display and no text; then a code alone
        assertThat(events.get("Flag/mh-1001-flag-1").summary()).isEqualTo("At risk for violence (active)");
        assertThat(events.get("Flag/mh-1001-flag-1").category()).isEqualTo("safety");
        assertThat(events.get("Flag/mh-1002-flag-1").summary()).isEqualTo("225444004 (active)");
        assertThat(events.values()).extracting(EventRecord::summary).noneMatch(s -> s.contains("null"));
    }

    @Test
    void aNextLinkToAnotherServerIsNotFollowed() throws Exception {
        trust.stubFor(get(urlPathEqualTo("/Patient")).willReturn(okJson("""
                {"resourceType": "Bundle", "type": "searchset", "total": 2,
                 "link": [{"relation": "next", "url": "https://elsewhere.example/fhir?_getpages=x&_getpagesoffset=1"}],
                 "entry": []}""")));
        run();

        assertThat(outcomes).containsExactly("failed: page 1: the next link points at another server");
    }

    @Test
    void aResourceThatIsNotValidFhirIsHandedOverRawWithTheReason() throws Exception {
        trust.stubFor(get(urlPathEqualTo("/Patient")).willReturn(okJson("""
                {"resourceType": "Bundle", "type": "searchset", "total": 1, "link": [],
                 "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1961-03-02",
                                "name": [{"family": "Okafor", "given": ["Amina"]}]}},
                  {"resource": {"resourceType": "Encounter", "id": "e1", "status": "finished",
                                "class": {"code": "AMB"}, "subject": {"reference": "Patient/p1"},
                                "period": {"start": "not a time"}}},
                  {"resource": {"resourceType": "Flag", "id": "f1", "status": "active", "code": {"text": "Risk"},
                                "subject": {"reference": "Patient/p2"}, "period": {"start": "2026-01-01T09:00:00Z"}}}
                 ]}""")));
        run();

        assertThat(outcomes).containsExactly("completed");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).sourceId()).isEqualTo("Encounter/e1");
        assertThat(received.get(0).problems()).singleElement().asString().isIn("Encounter: not valid FHIR R4",
                "period.start: missing");
        assertThat(received.get(1).problems()).containsExactly("subject: the patient is not in the bundle");
    }
}
