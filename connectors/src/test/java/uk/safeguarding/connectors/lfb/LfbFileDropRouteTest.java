package uk.safeguarding.connectors.lfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.LfbSimulator;
import uk.safeguarding.simulators.Simulators;

/** The LFB drop: both file kinds, both encodings, and files that are not what they claim. */
class LfbFileDropRouteTest {

    @TempDir
    Path drop;

    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    private void start() throws Exception {
        RecordGateway gateway = record -> {
            received.add(record);
            return RecordGateway.Outcome.STORED;
        };
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
        camel = new DefaultCamelContext();
        camel.addRoutes(new LfbFileDropRoute(new LfbFeedProperties(true, drop.toString(), "lfb", "lfb-file-drop",
                Duration.ofMillis(200), Duration.ofMillis(300)), gateway, ledger));
        camel.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private List<SourceRecord> from(String prefix) {
        return received.stream().filter(r -> r.sourceId().startsWith(prefix)).toList();
    }

    @Test
    void readsIncidentsInWindows1252AndVisitsInUtf8ThenMovesTheFilesAside() throws Exception {
        LfbSimulator lfb = Simulators.of(Simulators.SEED, 150).lfb();
        lfb.files().forEach((name, bytes) -> {
            try {
                Files.write(drop.resolve(name), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 2);

        assertThat(outcomes).containsOnly("completed");
        List<SourceRecord> incidents = received.stream().filter(r -> r.sourceId().matches("\\d{6}-\\d{8}")).toList();
        assertThat(incidents).hasSize(lfb.incidentCount()).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.events().get(0).kind()).isEqualTo("fire-attendance");
            assertThat(r.raw()).contains("Notional Cost (£)");
        });
        assertThat(incidents).anySatisfy(r -> assertThat(r.events().get(0).location().uprn()).isNull());
        List<SourceRecord> visits = from("HFSV-");
        assertThat(visits).hasSize(lfb.visitCount()).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.people()).singleElement().satisfies(p -> assertThat(p.dateOfBirth()).isNotNull());
            assertThat(r.events().get(0).sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
            assertThat(r.events().get(0).parties().get(0).role()).isEqualTo(EventRecord.Role.OCCUPIER);
        });
        // the run completes before Camel moves the file: wait for the move, then nothing is left behind
        await().atMost(Duration.ofSeconds(10)).until(() -> count(drop.resolve(".done")) == 2);
        try (Stream<Path> left = Files.list(drop)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".done", ".inprogress");
        }
        assertThat(count(drop.resolve(".inprogress"))).isZero();
    }

    @Test
    void whatCannotBeReadStillReachesTheHubWithItsReason() throws Exception {
        Files.writeString(drop.resolve("minutes.csv"), "Meeting,Date\nPanel,2026-10-01\n", StandardCharsets.UTF_8);
        String header = String.join(",", LfbRowMapper.VISIT_COLUMNS);
        Files.writeString(drop.resolve("visits.csv"), header + "\n"
                + "HFSV-1,2026-10-02,Amina,Okafor,02/03/1961,Female,1 Acre Lane,SW2 5SG,100021234,E09000022,Independent,None,No,2,\n"
                + "HFSV-2,2026-10-02,Grace,Smith\n"
                + "HFSV-3,yesterday,Grace,Smith,31/02/1950,Female,2 Acre Lane,SW2 5SG,100021235,E09000022,Independent,None,No,1,\n",
                StandardCharsets.UTF_8);
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 2);

        assertThat(from("file:minutes.csv")).singleElement().satisfies(r -> {
            assertThat(r.problems()).singleElement().asString().contains("unknown header");
            assertThat(r.raw()).contains("Meeting,Date");
        });
        assertThat(from("HFSV-1")).singleElement().satisfies(r -> assertThat(r.problems()).isEmpty());
        assertThat(from("visits.csv#2")).singleElement().satisfies(r ->
                assertThat(r.problems()).containsExactly("row 2: expected 15 columns, found 4"));
        assertThat(from("HFSV-3")).singleElement().satisfies(r ->
                assertThat(r.problems()).containsExactly("VisitDate: not a date", "OccupierDateOfBirth: not a date"));
    }

    private static String publishedIncidentFile() throws java.io.IOException {
        try (var in = LfbFileDropRouteTest.class.getResourceAsStream("/lfb/incident-data-pump-minutes.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The London Datastore file as published: pump time as {@code PumpMinutesRounded}, numbers written
     * as floats (UPRN {@code 100023336956.0}, {@code 0.0} for none).
     */
    @Test
    void readsThePublishedHeaderWithPumpMinutesRoundedAndFloatWrittenUprns() throws Exception {
        Files.writeString(drop.resolve("LFB Incident data.csv"), publishedIncidentFile(), StandardCharsets.UTF_8);
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 1);

        assertThat(outcomes).containsExactly("completed");
        assertThat(received).extracting(SourceRecord::sourceId)
                .containsExactly("041207-14102026", "041230-14102026", "041301-15102026");
        assertThat(received).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(from("041207-14102026").get(0).events().get(0).location().uprn()).isEqualTo("100023336956");
        assertThat(from("041207-14102026").get(0).events().get(0).summary())
                .endsWith("; 2 pump(s), first in attendance after 272 s");
        assertThat(from("041230-14102026").get(0).events().get(0).location().uprn()).isNull();
        assertThat(from("041301-15102026").get(0).events().get(0).location().uprn()).isNull();
    }

    @Test
    void anUnknownHeaderIsQuarantinedNamingTheMissingAndUnexpectedColumns() throws Exception {
        Files.writeString(drop.resolve("incidents.csv"),
                publishedIncidentFile().replaceFirst("Notional Cost \\(£\\)", "Notional Cost (GBP)"), StandardCharsets.UTF_8);
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 1);

        assertThat(received).singleElement().satisfies(r -> assertThat(r.problems()).containsExactly(
                "unknown header: the file is none of [LFB incident records, LFB home fire safety visits]; nearest is "
                        + "LFB incident records (London Datastore LFB Incident data, PumpMinutesRounded): "
                        + "missing [Notional Cost (£)], unexpected [Notional Cost (GBP)]"));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** A quarantined row keeps the characters the partner sent: its header line and its own, untrimmed. */
    @Test
    void aRowsRawRecordIsTheHeaderAndTheRowAsReceived() throws Exception {
        String header = String.join(",", LfbRowMapper.VISIT_COLUMNS) + "\r\n";
        String bad = "HFSV-7, 2026-10-02 ,\"Amina\",Okafor,31/02/1961,Female,\"Flat 2, 1 Acre Lane\",SW2 5SG,100021234,"
                + "E09000022,Independent,None,No,2,\"Said \"\"no\"\" to a second alarm\"\r\n";
        String good = "HFSV-8,2026-10-03,Grace,Smith,02/03/1950,Female,2 Acre Lane,SW2 5SG,100021235,E09000022,"
                + "Independent,None,No,1,\r\n";
        Files.writeString(drop.resolve("visits.csv"), header + bad + good, StandardCharsets.UTF_8);
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 1);

        assertThat(from("HFSV-7")).singleElement().satisfies(r -> {
            assertThat(r.problems()).containsExactly("OccupierDateOfBirth: not a date");
            assertThat(r.raw()).isEqualTo(header + bad);
        });
        assertThat(from("HFSV-8")).singleElement().satisfies(r -> assertThat(r.raw()).isEqualTo(header + good));
    }

    /**
     * A Windows-1252 export (the £ of the published header is byte 0xA3, lines end CRLF): every record keeps
     * the file's own bytes for its header line and row, with the encoding they were read in, and a replay
     * from those bytes decodes them the same way and keeps them again.
     */
    @Test
    void eachRecordKeepsTheBytesItWasSentAsAndTheirEncoding() throws Exception {
        byte[] file;
        try (var in = LfbFileDropRouteTest.class.getResourceAsStream("/lfb/incident-data-windows-1252.csv")) {
            file = in.readAllBytes();
        }
        Files.write(drop.resolve("incidents.csv"), file);
        start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 1);

        // the file's lines, cut at their CRLFs in the bytes themselves (no decoding involved)
        List<byte[]> lines = new java.util.ArrayList<>();
        for (int from = 0, i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(file, from, i + 1));
                from = i + 1;
            }
        }
        assertThat(lines.get(0)).contains((byte) 0xA3);
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("041877-21102026", "041879-21102026");
        for (int row = 0; row < 2; row++) {
            SourceRecord record = received.get(row);
            assertThat(record.received().encoding()).isEqualTo("windows-1252");
            assertThat(record.received().bytes()).isEqualTo(concat(lines.get(0), lines.get(row + 1)));
            assertThat(record.raw()).contains("Notional Cost (£)").isEqualTo(record.received().text());
        }
        SourceRecord quarantined = received.get(1);
        assertThat(quarantined.problems()).containsExactly("DateOfCall/TimeOfCall: not a date (01 Jan 2019) and time (00:01:45)");

        // replayed as the hub replays it: from the bytes, in the encoding of the first reading (not guessed again)
        SourceRecord replayed = new LfbFileDropRoute(new LfbFeedProperties(true, drop.toString(), "lfb", "lfb-file-drop",
                Duration.ofMillis(200), Duration.ofMillis(300)), r -> RecordGateway.Outcome.STORED, null)
                .replay("run-replay", quarantined.received());
        assertThat(replayed.received()).isEqualTo(quarantined.received());
        assertThat(replayed.raw()).isEqualTo(quarantined.raw());
        assertThat(replayed.problems()).isEqualTo(quarantined.problems());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
