package uk.safeguarding.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.childrens.ChildrensFeedProperties;
import uk.safeguarding.connectors.childrens.ChildrensFileDropRoute;
import uk.safeguarding.connectors.housing.HousingFeedProperties;
import uk.safeguarding.connectors.housing.HousingFileDropRoute;
import uk.safeguarding.connectors.lfb.LfbFeedProperties;
import uk.safeguarding.connectors.lfb.LfbFileDropRoute;
import uk.safeguarding.connectors.mentalhealth.FhirMentalHealthRoute;
import uk.safeguarding.connectors.mentalhealth.MentalHealthFeedProperties;
import uk.safeguarding.connectors.police.BtpFeedProperties;
import uk.safeguarding.connectors.police.PoliceFeedProperties;
import uk.safeguarding.connectors.police.PoliceIncidentsRoute;
import uk.safeguarding.simulators.Recording.Variation;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFeedProperties;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFileDropRoute;
import uk.safeguarding.connectors.tfl.TflFeedProperties;
import uk.safeguarding.connectors.tfl.TflSafeguardingRoute;
import uk.safeguarding.simulators.BtpApiSimulator;
import uk.safeguarding.simulators.RecordedPerson;
import uk.safeguarding.simulators.Recording;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.SyntheticLondon;

/**
 * Every simulated feed of a small synthetic London, read by the real connectors: nothing they cannot
 * map, the truth names every person record they produce (and nothing else), clean records carry the
 * true details, and no true id is anywhere in what the partners sent.
 */
class SimulatedFeedsThroughConnectorsTest {

    static final Simulators LONDON = Simulators.of(Simulators.SEED, 400);
    static final int RUNS = 13;

    @TempDir
    static Path drops;

    static WireMockServer partners;
    static CamelContext camel;
    static final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    static final List<String> outcomes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void readEveryFeed() throws Exception {
        partners = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal());
        partners.start();
        Map<String, Path> dirs = new HashMap<>();
        for (var folder : LONDON.folders().entrySet()) {
            if (folder.getKey().endsWith("/mappings")) {
                folder.getValue().values().forEach(stub -> partners.addStubMapping(StubMapping.buildFrom(new String(stub,
                        java.nio.charset.StandardCharsets.UTF_8))));
            } else {
                Path dir = Files.createDirectories(drops.resolve(folder.getKey()));
                dirs.put(folder.getKey(), dir);
                for (var file : folder.getValue().entrySet()) {
                    Files.write(dir.resolve(file.getKey()), file.getValue());
                }
            }
        }
        RecordGateway gateway = record -> {
            received.add(record);
            return RecordGateway.Outcome.STORED;
        };
        FeedRuns runs = new FeedRuns() {
            @Override
            public Optional<String> open(String feed) {
                return Optional.of("run-" + feed);
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
        Duration poll = Duration.ofMillis(200);
        Duration settle = Duration.ofMillis(300);
        String url = partners.baseUrl();
        camel = new DefaultCamelContext();
        camel.addRoutes(new PoliceIncidentsRoute(new PoliceFeedProperties(true, url, "met-police", "met-police-incidents",
                Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(10)), gateway, runs));
        camel.addRoutes(new PoliceIncidentsRoute(new BtpFeedProperties(true, url + BtpApiSimulator.URL_PREFIX, "btp",
                "btp-incidents", Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(10)), gateway, runs));
        camel.addRoutes(new TflSafeguardingRoute(new TflFeedProperties(true, url, "tfl", "tfl-safeguarding-reports",
                Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(10)), gateway, runs));
        camel.addRoutes(new FhirMentalHealthRoute(new MentalHealthFeedProperties(true, url, "slam", "slam-fhir",
                Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(10)), gateway, runs));
        camel.addRoutes(new LfbFileDropRoute(new LfbFeedProperties(true, dirs.get("lfb").toString(), "lfb", "lfb-file-drop",
                poll, settle), gateway, runs));
        camel.addRoutes(new HousingFileDropRoute(new HousingFeedProperties(true, dirs.get("housing").toString(),
                "lambeth-housing", "lambeth-housing-drop", poll, settle), gateway, runs));
        camel.addRoutes(new AdultSocialCareFileDropRoute(new AdultSocialCareFeedProperties(true, dirs.get("asc").toString(),
                "lambeth-asc", "lambeth-asc-drop", poll, settle), gateway, runs));
        camel.addRoutes(new ChildrensFileDropRoute(new ChildrensFeedProperties(true, dirs.get("csc").toString(),
                "lambeth-csc", "lambeth-csc-drop", poll, settle), gateway, runs));
        camel.start();
        // four APIs, one run each; the drops, one run per file (2 + 2 + 2 + 3: CIN and both SSDA903 files)
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() >= RUNS);
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (partners != null) {
            partners.stop();
        }
    }

    @Test
    void everyRecordIsMappedAndEveryFeedHasItsVolume() {
        assertThat(outcomes).hasSize(RUNS).containsOnly("completed");
        assertThat(received).allSatisfy(r -> assertThat(r.problems()).as(r.sourceId()).isEmpty());
        Map<String, Long> byAgency = received.stream().collect(Collectors.groupingBy(SourceRecord::agency, Collectors.counting()));
        Simulators.Volumes v = LONDON.volumes();
        assertThat(byAgency).containsEntry("met-police", (long) v.policeIncidents())
                .containsEntry("tfl", (long) v.tflReports())
                .containsEntry("lfb", (long) (v.lfbIncidents() + v.lfbVisits()))
                .containsEntry("lambeth-housing", (long) (v.housingComplaints() + v.tenancyEvents()))
                .containsEntry("lambeth-asc", (long) (v.careEvents() + v.safeguardingEnquiries()))
                .containsEntry("lambeth-csc", (long) (v.childrenInNeed() + LONDON.childrenLookedAfter().truth().size()))
                .containsEntry("btp", (long) v.btpIncidents())
                .containsEntry("slam", (long) LONDON.mentalHealth().truth().size());
        // police dominate, as in London's referrals
        long people = received.stream().mapToLong(r -> r.people().size()).sum();
        long police = received.stream().filter(r -> r.agency().equals("met-police")).mapToLong(r -> r.people().size()).sum();
        assertThat((double) police / people).isGreaterThan(0.6);
    }

    @Test
    void theTruthNamesEveryPersonRecordTheConnectorsProduceAndNothingElse() {
        Set<String> produced = received.stream().flatMap(r -> r.people().stream()
                .map(p -> RecordedPerson.key(r.agency(), r.sourceId(), p.localId()))).collect(Collectors.toSet());
        List<String> truth = LONDON.truth().stream().map(RecordedPerson::key).toList();
        assertThat(truth).doesNotHaveDuplicates();
        assertThat(Set.copyOf(truth)).isEqualTo(produced);
    }

    @Test
    void cleanRecordsCarryTheTrueDetailsAndVariedOnesDiffer() {
        Map<String, Resident> people = LONDON.population().stream().collect(Collectors.toMap(Resident::trueId, Function.identity()));
        Map<String, RecordedPerson> truth = LONDON.truth().stream().collect(Collectors.toMap(RecordedPerson::key, t -> t));
        int clean = 0;
        int varied = 0;
        for (SourceRecord record : received) {
            for (PersonRecord p : record.people()) {
                RecordedPerson t = truth.get(RecordedPerson.key(record.agency(), record.sourceId(), p.localId()));
                Resident r = people.get(t.trueId());
                boolean sameName = r.givenName().equals(p.givenName()) && r.familyName().equals(p.familyName());
                // an SSDA903 episode names the child by id and home postcode only: nothing else to compare
                boolean named = p.givenName() != null || p.familyName() != null || p.dateOfBirth() != null;
                if (t.variations().isEmpty()) {
                    clean++;
                    if (named) {
                        assertThat(sameName).as(t.key()).isTrue();
                        assertThat(p.dateOfBirth()).as(t.key()).isEqualTo(r.dateOfBirth());
                    }
                    if (p.nhsNumber() != null) {
                        assertThat(p.nhsNumber()).isEqualTo(r.nhsNumber());
                    }
                    if (!p.addresses().isEmpty() && p.addresses().get(0).postcode() != null) {
                        assertThat(p.addresses().get(0).postcode()).isEqualTo(r.postcode());
                    }
                } else {
                    varied++;
                    Set<Variation> v = t.variations();
                    assertThat(named || v.equals(Set.of(Variation.OLD_ADDRESS))).as(t.key()).isTrue();
                    if (v.contains(Variation.NICKNAME) || v.contains(Variation.TYPO) || v.contains(Variation.MAIDEN_NAME)) {
                        assertThat(sameName).as(t.key()).isFalse();
                    }
                    if (v.contains(Variation.DATE_OF_BIRTH_MISSING)) {
                        assertThat(p.dateOfBirth()).isNull();
                    }
                    if (v.contains(Variation.DATE_OF_BIRTH_SWAPPED)) {
                        assertThat(p.dateOfBirth()).isNotEqualTo(r.dateOfBirth());
                        assertThat(p.dateOfBirth().getMonthValue()).isEqualTo(r.dateOfBirth().getDayOfMonth());
                    }
                    if (v.contains(Variation.NHS_NUMBER_MISSING)) {
                        assertThat(p.nhsNumber()).isNull();
                    }
                    if (v.contains(Variation.OLD_ADDRESS) && !p.addresses().isEmpty()) {
                        assertThat(p.addresses().get(0).postcode()).isEqualTo(r.previousAddress().postcode());
                    }
                }
                if (p.nhsNumber() != null) {
                    assertThat(NhsNumber.Validator.isValid(p.nhsNumber())).isTrue();
                }
            }
        }
        // most records are clean; some are not
        assertThat((double) varied / (clean + varied)).isBetween(0.08, 0.25);
    }

    @Test
    void noTrueIdIsInAnythingThePartnersSent() {
        Set<String> trueIds = LONDON.population().stream().map(Resident::trueId).collect(Collectors.toSet());
        java.util.regex.Pattern shape = java.util.regex.Pattern.compile("[PC]\\d{8}");
        for (var folder : LONDON.folders().values()) {
            for (byte[] file : folder.values()) {
                String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                var m = shape.matcher(text);
                while (m.find()) {
                    assertThat(trueIds).doesNotContain(m.group());
                }
            }
        }
        for (SourceRecord r : received) {
            var m = shape.matcher(r.raw());
            while (m.find()) {
                assertThat(trueIds).as(r.sourceId()).doesNotContain(m.group());
            }
        }
    }

    @Test
    void theSsda903AndBtpFeedsCarryNoTrueIdNorItsDigits() {
        Map<String, Resident> people = LONDON.population().stream().collect(Collectors.toMap(Resident::trueId, Function.identity()));
        Map<String, RecordedPerson> truth = LONDON.truth().stream().collect(Collectors.toMap(RecordedPerson::key, t -> t));
        List<SourceRecord> fromBoth = received.stream().filter(r -> r.agency().equals("btp")
                || r.agency().equals("lambeth-csc") && r.sourceId().startsWith("ssda903:")).toList();
        assertThat(fromBoth).extracting(SourceRecord::agency).contains("btp", "lambeth-csc");
        for (SourceRecord record : fromBoth) {
            for (PersonRecord p : record.people()) {
                Resident r = people.get(truth.get(RecordedPerson.key(record.agency(), record.sourceId(), p.localId())).trueId());
                // the old generators wrote the true id, or its digits behind a prefix
                assertThat(record.raw()).as(record.sourceId()).doesNotContain(r.trueId());
                assertThat(p.localId()).doesNotContain(r.trueId().substring(1));
                assertThat(p.agencyIds()).allSatisfy(id -> assertThat(id).doesNotContain(r.trueId().substring(1)));
            }
        }
    }

    @Test
    void aLookedAfterChildIsTheCinCensusChildUnderTheSameLaChildId() {
        Map<String, String> cinChild = received.stream().filter(r -> r.agency().equals("lambeth-csc") && r.sourceId().startsWith("child:"))
                .collect(Collectors.toMap(r -> r.sourceId().substring("child:".length()), r -> r.people().get(0).localId()));
        List<SourceRecord> headers = received.stream().filter(r -> r.sourceId().startsWith("ssda903:child:")).toList();
        assertThat(headers).hasSize(LONDON.childrenLookedAfter().lookedAfter().size()).isNotEmpty();
        Map<String, RecordedPerson> truth = LONDON.truth().stream().collect(Collectors.toMap(RecordedPerson::key, t -> t));
        for (SourceRecord header : headers) {
            String child = header.sourceId().substring("ssda903:child:".length());
            // CHILD is a LAchildID of the census, and the same child: the same person, the same agency id
            assertThat(cinChild).containsKey(child);
            PersonRecord looked = header.people().get(0);
            SourceRecord cin = received.stream().filter(r -> r.sourceId().equals("child:" + child)).findFirst().orElseThrow();
            assertThat(looked.agencyIds()).isEqualTo(cin.people().get(0).agencyIds());
            assertThat(truth.get(RecordedPerson.key("lambeth-csc", header.sourceId(), looked.localId())).trueId())
                    .isEqualTo(truth.get(RecordedPerson.key("lambeth-csc", cin.sourceId(), cin.people().get(0).localId())).trueId());
            // as the council keeps the child: the census's names and date of birth
            assertThat(looked.givenName()).isEqualTo(cin.people().get(0).givenName());
            assertThat(looked.familyName()).isEqualTo(cin.people().get(0).familyName());
            assertThat(looked.dateOfBirth()).isEqualTo(cin.people().get(0).dateOfBirth());
        }
    }
}
