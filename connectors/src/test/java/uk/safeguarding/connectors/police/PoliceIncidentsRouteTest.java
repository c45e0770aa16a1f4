package uk.safeguarding.connectors.police;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.http.PartnerResponses;

/** The police route against a simulated partner that misbehaves as real ones do. */
class PoliceIncidentsRouteTest {

    private WireMockServer partner;
    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    /** What the hub does as it keeps a record (tests set it to hold a page, or to refuse one). */
    private volatile java.util.function.Consumer<SourceRecord> keeping = record -> { };

    private final RecordGateway gateway = record -> {
        keeping.accept(record);
        received.add(record);
        return RecordGateway.Outcome.STORED;
    };

    /** Polls at which the hub's own stores are down (the feed lock cannot be taken). */
    private final java.util.concurrent.atomic.AtomicInteger hubDownPolls = new java.util.concurrent.atomic.AtomicInteger();

    private final FeedRuns runs = new FeedRuns() {
        @Override
        public Optional<String> open(String feed) {
            if (hubDownPolls.getAndDecrement() > 0) {
                throw new IllegalStateException("the lock store is down");
            }
            return Optional.of("run-1");
        }

        @Override
        public void complete(String runId) {
            outcomes.add("completed " + runId);
        }

        @Override
        public void fail(String runId, String reason) {
            outcomes.add("failed " + runId + ": " + reason);
        }

        @Override
        public int startPage(String runId) {
            return startPage;
        }

        @Override
        public void pageDone(String runId, int page) {
            pagesDone.add(page);
        }

        @Override
        public void expect(String runId, long records) {
            expected.add(records);
        }
    };
    private final List<Long> expected = new CopyOnWriteArrayList<>();
    private int startPage = 1;
    private final List<Integer> pagesDone = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPartner() {
        partner = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        partner.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        partner.stop();
    }

    private PoliceIncidentsRoute route;

    private void startRoute(int maxRetries) throws Exception {
        startRoute(maxRetries, Duration.ofHours(1));
    }

    private void startRoute(int maxRetries, Duration period) throws Exception {
        PoliceFeedProperties props = new PoliceFeedProperties(true, partner.baseUrl(), "met-police",
                "met-police-incidents", Duration.ZERO, period, maxRetries, Duration.ofMillis(20),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2));
        camel = new DefaultCamelContext();
        route = new PoliceIncidentsRoute(props, gateway, runs);
        camel.addRoutes(route);
        camel.start();
    }

    private static String page(int page, int totalPages, String... incidents) {
        return "{\"page\":" + page + ",\"total_pages\":" + totalPages + ",\"incidents\":[" + String.join(",", incidents) + "]}";
    }

    private static String incident(String reference, String datetime) {
        return """
                {"reference":"%s","persistent_id":"","id":1,"category":"anti-social-behaviour","month":"2026-10",
                 "datetime":"%s","location_type":"Force","location_subtype":"",
                 "location":{"latitude":"51.46","longitude":"-0.11","street":{"id":1,"name":"On or near Acre Lane"},
                             "postcode":"SW2 5SG","uprn":"000100021234"},
                 "context":"Noise","outcome_status":null,"borough":"E09000022",
                 "people":[{"person_id":"MPS-N1","role":"Victim","given_name":"Amina","surname":"Okafor",
                            "date_of_birth":"1961-03-02","gender":"Female",
                            "home_address":{"line":"1 Acre Lane","postcode":"sw25sg","uprn":"000100021234"}}]}
                """.formatted(reference, datetime);
    }

    private void awaitOutcome() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
    }

    @Test
    void readsEveryPageAndMapsIncidentsToCanonicalRecords() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(page(1, 2, incident("R1", "2026-10-01T21:35:00Z"), incident("R2", "2026-10-02T08:00:00Z")))));
        partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page(2, 2, incident("R3", "2026-10-03T10:15:30Z")))));

        startRoute(2);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("R1", "R2", "R3");
        assertThat(expected).as("two pages of two, as the first page tells, said once for the run's progress").containsExactly(4L);
        SourceRecord first = received.get(0);
        assertThat(first.problems()).isEmpty();
        assertThat(first.raw()).contains("\"reference\":\"R1\"");
        assertThat(first.people()).singleElement().satisfies(p -> {
            assertThat(p.agencyIds()).containsExactly("met-police:MPS-N1");
            assertThat(p.addresses().get(0).uprn()).isEqualTo("100021234");
        });
        EventRecord event = first.events().get(0);
        assertThat(event.kind()).isEqualTo("asb-incident");
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.ORDINARY);
        assertThat(event.parties()).singleElement().satisfies(p -> assertThat(p.role()).isEqualTo(EventRecord.Role.VICTIM));
    }

    @Test
    void theNextPageIsFetchedWhileThisOneIsKept() throws Exception {
        for (int page = 1; page <= 3; page++) {
            partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(page(page, 3, incident("R" + page, "2026-10-01T21:35:00Z")))));
        }
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        keeping = record -> {
            if (record.sourceId().equals("R1")) {
                // page 1 is held in the hub until page 2 has been asked for: without overlap it never would be
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> !partner.findAll(getRequestedFor(
                            urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("2"))).isEmpty());
                    overlapped.set(true);
                } catch (org.awaitility.core.ConditionTimeoutException notFetched) {
                    overlapped.set(false);
                }
            }
        };

        startRoute(0);
        awaitOutcome();

        assertThat(overlapped).isTrue();
        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("R1", "R2", "R3");
        assertThat(pagesDone).containsExactly(1, 2, 3);
    }

    @Test
    void aPageTheHubCannotKeepFailsTheRunAndNoLaterPageIsMarkedDone() throws Exception {
        for (int page = 1; page <= 4; page++) {
            partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(page(page, 4, incident("R" + page, "2026-10-01T21:35:00Z")))));
        }
        keeping = record -> {
            if (record.sourceId().equals("R2")) {
                throw new IllegalStateException("the hub's database is away");
            }
        };

        startRoute(0);
        awaitOutcome();

        assertThat(outcomes).singleElement().asString().startsWith("failed run-1: IllegalStateException");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("R1");
        // the run resumes from page 1's end next time: page 2 was never kept, and nothing after it
        assertThat(pagesDone).containsExactly(1);
    }

    @Test
    void aRunResumesWhereItsPredecessorStopped() throws Exception {
        for (int page = 1; page <= 3; page++) {
            partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(page(page, 3, incident("R" + page, "2026-10-01T21:35:00Z")))));
        }
        startPage = 2;

        startRoute(0);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("R2", "R3");
        assertThat(pagesDone).containsExactly(2, 3);
        assertThat(expected).as("the pages left from where it resumes").containsExactly(2L);
        partner.verify(0, getRequestedFor(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("1")));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429ThenCarriesOn() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("1"))
                .inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));
        partner.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("page", equalTo("1"))
                .inScenario("rate limit").whenScenarioStateIs("served")
                .willReturn(okJson(page(1, 1, incident("R1", "2026-10-01T21:35:00Z")))));

        startRoute(3);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).hasSize(1);
        List<LoggedRequest> requests = partner.findAll(getRequestedFor(urlPathEqualTo("/incidents")));
        assertThat(requests).hasSize(2);
        long waitedMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        // the configured back-off is 20 ms: only Retry-After explains a wait of a second
        assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retriesServerErrorsDroppedConnectionsAndTruncatedPagesWithBackOff() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        partner.stubFor(get(urlPathEqualTo("/incidents")).inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("truncated"));
        partner.stubFor(get(urlPathEqualTo("/incidents")).inScenario("flaky").whenScenarioStateIs("truncated")
                .willReturn(okJson(page(1, 1, incident("R1", "2026-10-01T21:35:00Z")).substring(0, 60)))
                .willSetStateTo("healthy"));
        partner.stubFor(get(urlPathEqualTo("/incidents")).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(okJson(page(1, 1, incident("R1", "2026-10-01T21:35:00Z")))));

        startRoute(5);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("R1");
        partner.verify(4, getRequestedFor(urlPathEqualTo("/incidents")));
    }

    @Test
    void failsTheRunWhenRetriesRunOutAndSaysWhichPage() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).willReturn(aResponse().withStatus(500)));

        startRoute(2);
        awaitOutcome();

        assertThat(outcomes).containsExactly("failed run-1: page 1: HTTP 500 (retries exhausted)");
        partner.verify(3, getRequestedFor(urlPathEqualTo("/incidents")));
        assertThat(received).isEmpty();
    }

    @Test
    void afterThreeFailedRunsInARowThePartnerIsLeftAlone() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).willReturn(aResponse().withStatus(503)));

        startRoute(0, Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() >= 3);
        // polls keep coming every 100 ms, but the circuit is open: they are refused, with no request and no run
        await().atMost(Duration.ofSeconds(10)).until(() -> route.pollsRefusedByOpenCircuit() >= 5);
        assertThat(partner.findAll(getRequestedFor(urlPathEqualTo("/incidents")))).hasSize(3);
        assertThat(outcomes).hasSize(3).allMatch(o -> o.startsWith("failed run-1: page 1: HTTP 503"));
    }

    @Test
    void theHubsOwnStoresBeingDownIsNotHeldAgainstThePartner() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).willReturn(okJson(page(1, 1,
                incident("INC-1", "2026-10-03T21:15:00Z")))));
        hubDownPolls.set(5);

        startRoute(0, Duration.ofMillis(100));

        // five polls find no run to open; the partner's circuit stays closed, so the sixth runs (and,
        // every 100 ms, the ones after it)
        awaitOutcome();
        assertThat(outcomes).allMatch("completed run-1"::equals);
        assertThat(received).isNotEmpty();
    }

    @Test
    void doesNotRetryAClientErrorThatWillNotHeal() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).willReturn(aResponse().withStatus(404)));

        startRoute(3);
        awaitOutcome();

        assertThat(outcomes).containsExactly("failed run-1: page 1: HTTP 404");
        partner.verify(1, getRequestedFor(urlPathEqualTo("/incidents")));
    }

    @Test
    void handsOverAnUnreadableIncidentRawWithTheReasonAndKeepsGoing() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/incidents")).willReturn(okJson(page(1, 1,
                incident("R1", "not a date"), incident("R2", "2026-10-02T08:00:00Z")))));

        startRoute(1);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-1");
        assertThat(received).hasSize(2);
        SourceRecord broken = received.get(0);
        assertThat(broken.sourceId()).isEqualTo("R1");
        assertThat(broken.raw()).contains("not a date");
        assertThat(broken.problems()).containsExactly("datetime: could not be read as OffsetDateTime");
        assertThat(received.get(1).problems()).isEmpty();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(PartnerResponses.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(PartnerResponses.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(PartnerResponses.retryAfter("soon")).isNull();
    }
}
