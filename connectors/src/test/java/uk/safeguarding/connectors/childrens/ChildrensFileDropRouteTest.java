package uk.safeguarding.connectors.childrens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.file.CsvFileDrop;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.Ssda903Simulator;

/** The children's drop taking CIN XML and both SSDA903 CSVs, with outcomes decided as the hub decides them. */
class ChildrensFileDropRouteTest {

    /** A CIN return naming two children; the first gets the id of a child in the simulated SSDA903 return. */
    private static final String CIN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Message><Header/><Children>
              <Child><ChildIdentifiers><LAchildID>%s</LAchildID><PersonBirthDate>2014-02-14</PersonBirthDate><Sex>2</Sex></ChildIdentifiers>
                <ChildName><GivenName>Maria</GivenName><FamilyName>Khan</FamilyName></ChildName>
                <CINdetails><CINreferralDate>2025-03-01</CINreferralDate><PrimaryNeedCode>N1</PrimaryNeedCode></CINdetails></Child>
              <Child><ChildIdentifiers><LAchildID>C000002</LAchildID><PersonBirthDate>2016-05-01</PersonBirthDate><Sex>1</Sex></ChildIdentifiers>
                <CINdetails><CINreferralDate>2025-04-01</CINreferralDate><PrimaryNeedCode>N4</PrimaryNeedCode></CINdetails></Child>
            </Children></Message>
            """;
    private static final int CIN_CHILDREN = 2;
    private static final Ssda903Simulator SSDA903 = Simulators.of(Simulators.SEED, 150).childrenLookedAfter();
    private static final String MALFORMED = "C000001,31/02/2025,S,C9,N1,U6,PR1,,,,SW2 5SG,SE5 9RS,XXXXXXX\r\n";
    /** A child the header file does not name: kept, linked by the agency id. */
    private static final String UNKNOWN_CHILD = "C999999,01/07/2025,S,V2,N4,U3,PR1,,,,SW9 8AB,SE5 9RS,XXXXXXX\r\n";

    @TempDir
    Path drop;

    private CamelContext camel;
    private ChildrensFileDropRoute route;
    private final HubLikeGateway hub = new HubLikeGateway();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    /** Decides as the hub's record store does: problems or broken constraints quarantine; same content is a duplicate. */
    private static final class HubLikeGateway implements RecordGateway {
        private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        private final Set<String> kept = ConcurrentHashMap.newKeySet();
        final Map<String, List<Outcome>> byRun = new ConcurrentHashMap<>();
        final List<SourceRecord> stored = new CopyOnWriteArrayList<>();
        final List<SourceRecord> quarantined = new CopyOnWriteArrayList<>();

        /** Runs once, at the first record received: what the partner does while the hub is reading. */
        volatile Runnable whileReading;

        @Override
        public Outcome receive(SourceRecord r) {
            Runnable partner = whileReading;
            if (partner != null) {
                whileReading = null;
                partner.run();
            }
            Set<String> people = r.people().stream().map(PersonRecord::localId).collect(java.util.stream.Collectors.toSet());
            boolean partiesKnown = r.events().stream().flatMap(e -> e.parties().stream())
                    .allMatch(p -> people.contains(p.personLocalId()));
            Outcome outcome;
            if (!r.problems().isEmpty() || !validator.validate(r).isEmpty() || !partiesKnown) {
                quarantined.add(r);
                outcome = Outcome.QUARANTINED;
            } else if (!kept.add(r.agency() + "|" + r.sourceId() + "|" + r.raw())) {
                outcome = Outcome.DUPLICATE;
            } else {
                stored.add(r);
                outcome = Outcome.STORED;
            }
            byRun.computeIfAbsent(r.runId(), k -> new CopyOnWriteArrayList<>()).add(outcome);
            return outcome;
        }

        long count(Outcome outcome) {
            return byRun.values().stream().flatMap(List::stream).filter(outcome::equals).count();
        }

        long received() {
            return byRun.values().stream().mapToLong(List::size).sum();
        }
    }

    private void start() throws Exception {
        FeedRuns ledger = new FeedRuns() {
            @Override
            public Optional<String> open(String feed) {
                return Optional.of("run-" + runs.incrementAndGet());
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
        route = new ChildrensFileDropRoute(new ChildrensFeedProperties(true, drop.toString(), "lambeth-csc",
                "lambeth-csc-drop", Duration.ofMillis(200), Duration.ofMillis(300)), hub, ledger);
        camel = new DefaultCamelContext();
        camel.addRoutes(route);
        camel.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private void write(String name, byte[] bytes) {
        try {
            Files.write(drop.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] episodesWith(String... extraRows) {
        String episodes = new String(SSDA903.files().get(Ssda903Simulator.EPISODES_FILE), StandardCharsets.UTF_8);
        return (episodes + String.join("", extraRows)).getBytes(StandardCharsets.UTF_8);
    }

    private static int rows(byte[] csv) {
        return (int) new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count() - 1;
    }

    private void awaitRuns(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= count);
        assertThat(outcomes).hasSize(count).containsOnly("completed");
    }

    @Test
    void oneFolderTakesCinAndBothSsda903FilesAndQuarantinesAMalformedRowWithEveryReason() throws Exception {
        Map<String, byte[]> ssda903 = SSDA903.files();
        byte[] episodes = episodesWith(MALFORMED, UNKNOWN_CHILD);
        String lookedAfter = SSDA903.childId(SSDA903.lookedAfter().get(0));
        write("lambeth-cin-census-2026.xml", CIN.formatted(lookedAfter).getBytes(StandardCharsets.UTF_8));
        write(Ssda903Simulator.HEADER_FILE, ssda903.get(Ssda903Simulator.HEADER_FILE));
        write(Ssda903Simulator.EPISODES_FILE, episodes);
        start();
        awaitRuns(3);

        // every record sent reached exactly one outcome
        int sent = CIN_CHILDREN + rows(ssda903.get(Ssda903Simulator.HEADER_FILE)) + rows(episodes);
        assertThat(hub.received()).isEqualTo(sent)
                .isEqualTo(hub.count(Outcome.STORED) + hub.count(Outcome.DUPLICATE) + hub.count(Outcome.QUARANTINED));
        assertThat(hub.count(Outcome.QUARANTINED)).isEqualTo(1);
        assertThat(hub.count(Outcome.STORED)).isEqualTo(sent - 1);

        assertThat(hub.quarantined).singleElement().satisfies(r -> {
            assertThat(r.problems()).containsExactly("DECOM: not a date (DD/MM/YYYY)", "LS: not an SSDA903 code");
            assertThat(r.raw()).startsWith("CHILD,DECOM,RNE").contains("31/02/2025");
            assertThat(r.feed()).isEqualTo("lambeth-csc-drop");
            assertThat(r.agency()).isEqualTo("lambeth-csc");
        });
        assertThat(hub.stored).filteredOn(r -> r.sourceId().startsWith("ssda903:child:"))
                .hasSize(SSDA903.lookedAfter().size())
                .allSatisfy(r -> assertThat(r.people().get(0).familyName()).isNotBlank());
        assertThat(hub.stored).filteredOn(r -> r.sourceId().startsWith("ssda903:episode:"))
                .hasSize(rows(episodes) - 1)
                .allSatisfy(r -> assertThat(r.events().get(0).kind()).isEqualTo("looked-after-episode"));
        assertThat(hub.stored).filteredOn(r -> r.sourceId().startsWith("child:")).hasSize(CIN_CHILDREN);
        // the same child in CIN, the SSDA903 header and their episodes: one agency id, so one subject
        String agencyId = "lambeth-csc:child:" + lookedAfter;
        assertThat(hub.stored).filteredOn(r -> r.people().stream().anyMatch(p -> p.agencyIds().contains(agencyId)))
                .extracting(r -> r.sourceId().replaceFirst("^(child|ssda903:child|ssda903:episode).*", "$1"))
                .contains("child", "ssda903:child", "ssda903:episode");
        assertThat(hub.stored).filteredOn(r -> r.sourceId().equals("ssda903:episode:C999999/2025-07-01")).singleElement()
                .satisfies(r -> assertThat(r.people().get(0).agencyIds()).containsExactly("lambeth-csc:child:C999999"));
    }

    @Test
    void theSameFilesDroppedAgainAreDuplicatesNotNewRecords() throws Exception {
        Map<String, byte[]> ssda903 = SSDA903.files();
        ssda903.forEach(this::write);
        start();
        awaitRuns(2);
        int stored = hub.stored.size();
        assertThat(stored).isEqualTo(rows(ssda903.get(Ssda903Simulator.HEADER_FILE)) + rows(ssda903.get(Ssda903Simulator.EPISODES_FILE)));

        ssda903.forEach(this::write);
        awaitRuns(4);

        assertThat(hub.stored).hasSize(stored);
        assertThat(hub.count(Outcome.DUPLICATE)).isEqualTo(stored);
        assertThat(hub.byRun.get("run-3")).isNotEmpty().containsOnly(Outcome.DUPLICATE);
        assertThat(hub.byRun.get("run-4")).isNotEmpty().containsOnly(Outcome.DUPLICATE);
    }

    @Test
    void aFileDroppedAgainWhileTheFirstIsBeingReadIsReadAgain() throws Exception {
        byte[] header = SSDA903.files().get(Ssda903Simulator.HEADER_FILE);
        byte[] corrected = (new String(header, StandardCharsets.UTF_8) + "C777777,1,01/01/2015,WBRI,,Sam,Okoro\r\n")
                .getBytes(StandardCharsets.UTF_8);
        write(Ssda903Simulator.HEADER_FILE, header);
        // the partner sends a corrected file of the same name while the hub is still reading the first
        hub.whileReading = () -> write(Ssda903Simulator.HEADER_FILE, corrected);
        start();
        awaitRuns(2);

        assertThat(hub.byRun.get("run-2")).hasSize(rows(corrected));
        assertThat(hub.stored).filteredOn(r -> r.sourceId().equals("ssda903:child:C777777")).hasSize(1);
        assertThat(hub.count(Outcome.DUPLICATE)).isEqualTo(rows(header));
    }

    @Test
    void aFileTheHubFailedToKeepIsReadAgainAndNothingIsLeftInProgress() throws Exception {
        byte[] header = SSDA903.files().get(Ssda903Simulator.HEADER_FILE);
        write(Ssda903Simulator.HEADER_FILE, header);
        hub.whileReading = () -> {
            throw new IllegalStateException("the hub's database is restarting");
        };
        start();

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= 2);
        assertThat(outcomes).containsExactly("failed: IllegalStateException", "completed");
        assertThat(hub.stored).hasSize(rows(header));
        await().atMost(Duration.ofSeconds(10)).until(() -> list(drop.resolve(CsvFileDrop.DONE)).size() == 1);
        assertThat(list(drop.resolve(CsvFileDrop.IN_PROGRESS))).isEmpty();
        assertThat(list(drop)).containsExactlyInAnyOrder(CsvFileDrop.DONE, CsvFileDrop.IN_PROGRESS);
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void aCorrectedQuarantinedRowIsReplayedThroughTheSameMapping() throws Exception {
        write(Ssda903Simulator.EPISODES_FILE, episodesWith(MALFORMED));
        start();
        awaitRuns(1);
        SourceRecord broken = hub.quarantined.get(0);

        // replayed as it is, it is quarantined again for the same reasons
        assertThat(route.replay("run-replay", broken.raw()).problems()).isEqualTo(broken.problems());

        String corrected = broken.raw().replace("31/02/2025", "28/02/2025").replace(",C9,", ",C2,");
        SourceRecord replayed = route.replay("run-replay", corrected);
        assertThat(hub.receive(replayed)).isEqualTo(Outcome.STORED);
        assertThat(replayed.sourceId()).isEqualTo("ssda903:episode:C000001/2025-02-28");
        EventRecord event = replayed.events().get(0);
        assertThat(event.kind()).isEqualTo("looked-after-episode");
        assertThat(event.category()).isEqualTo("full care order");
        assertThat(event.parties().get(0).personLocalId()).isEqualTo("child:C000001");

        // a header row is replayed by its own kind
        String header = "CHILD,SEX,DOB,ETHNIC,UPN,FORENAME,SURNAME\r\nC000001,2,09/03/2014,WBRI,,Grace,Smith\r\n";
        assertThat(route.replay("run-replay", header).people()).singleElement()
                .satisfies(p -> assertThat(p.givenName()).isEqualTo("Grace"));
    }
}
