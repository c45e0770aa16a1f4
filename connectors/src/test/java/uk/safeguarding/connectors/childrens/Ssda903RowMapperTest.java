package uk.safeguarding.connectors.childrens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.file.CsvFileDrop;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.Ssda903Simulator;

class Ssda903RowMapperTest {

    private final Ssda903RowMapper mapper = new Ssda903RowMapper("lambeth-csc-drop", "lambeth-csc");

    private static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static Map<String, String> episode(String child, String decom, String rne, String ls, String cin, String place,
            String dec, String rec, String move) {
        return row("CHILD", child, "DECOM", decom, "RNE", rne, "LS", ls, "CIN", cin, "PLACE", place,
                "PLACE_PROVIDER", "PR1", "DEC", dec, "REC", rec, "REASON_PLACE_CHANGE", move, "HOME_POST", "sw2 5sg",
                "PL_POST", "SE5 9RS", "URN", "XXXXXXX");
    }

    @Test
    void aHeaderRowIsTheChildWithTheNamesTheCouncilAddsAndTheSameAgencyIdAsCin() {
        SourceRecord r = mapper.header("run", row("CHILD", "C000004", "SEX", "2", "DOB", "09/03/2014", "ETHNIC", "BAFR",
                "UPN", "A208000000004", "FORENAME", "Grace", "SURNAME", "Mensah"), "raw");

        assertThat(r.problems()).isEmpty();
        assertThat(r.sourceId()).isEqualTo("ssda903:child:C000004");
        assertThat(r.events()).isEmpty();
        assertThat(r.people()).singleElement().satisfies(p -> {
            assertThat(p.localId()).isEqualTo("child:C000004");
            assertThat(p.givenName()).isEqualTo("Grace");
            assertThat(p.familyName()).isEqualTo("Mensah");
            assertThat(p.dateOfBirth()).isEqualTo(LocalDate.of(2014, 3, 9));
            assertThat(p.sex()).isEqualTo(PersonRecord.Sex.FEMALE);
            assertThat(p.ethnicity()).isEqualTo("BAFR");
            // the id the CIN census reader gives the same child
            assertThat(p.agencyIds()).containsExactly("lambeth-csc:child:C000004");
        });
    }

    @Test
    void anEpisodeIsALookedAfterEventWhoseSummarySaysWhatTheCodesMean() {
        SourceRecord r = mapper.episode("run", episode("C000004", "01/06/2025", "S", "C2", "N1", "U6", "", "", ""), "raw");

        assertThat(r.problems()).isEmpty();
        assertThat(r.sourceId()).isEqualTo("ssda903:episode:C000004/2025-06-01");
        EventRecord event = r.events().get(0);
        assertThat(event.kind()).isEqualTo("looked-after-episode");
        assertThat(event.localId()).isEqualTo("C000004/looked-after/2025-06-01");
        assertThat(event.occurredAt()).isEqualTo(LocalDate.of(2025, 6, 1).atTime(9, 0).atZone(ZoneId.of("Europe/London")).toInstant());
        assertThat(event.category()).isEqualTo("full care order");
        assertThat(event.summary()).contains("started to be looked after", "C2 (full care order)",
                "U6 (placement with other foster carer, not long term", "N1 (abuse or neglect)", "Open.");
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
        // the placement's postcode is not disclosed as the event's location
        assertThat(event.location()).isNull();
        assertThat(event.summary()).doesNotContain("SE5 9RS");
        assertThat(event.parties()).singleElement().satisfies(p -> {
            assertThat(p.personLocalId()).isEqualTo("child:C000004");
            assertThat(p.role()).isEqualTo(EventRecord.Role.CHILD);
        });
        assertThat(r.people()).singleElement().satisfies(p -> {
            assertThat(p.agencyIds()).containsExactly("lambeth-csc:child:C000004");
            assertThat(p.addresses().get(0).postcode()).isEqualTo("sw2 5sg");
        });
    }

    @Test
    void aCeasedEpisodeSaysWhyAndAPlacementMoveSaysWhy() {
        SourceRecord r = mapper.episode("run", episode("C000004", "01/06/2025", "u", "v2", "N4", "K2", "15/09/2025", "E4A",
                "CREQB"), "raw");

        assertThat(r.problems()).isEmpty();
        assertThat(r.events().get(0).category()).isEqualTo("single period of accommodation under section 20");
        assertThat(r.events().get(0).summary()).contains("change of legal status and placement and carer(s)",
                "V2 (single period of accommodation under section 20)", "K2 (children's home)",
                "moved because: carer requested, because of the child's behaviour",
                "Ceased 2025-09-15: returned home to parent(s) as part of the care plan.");
    }

    @Test
    void aMalformedEpisodeGivesEveryReasonAndNoValues() {
        SourceRecord r = mapper.episode("run", episode("C000004", "31/02/2025", "S", "C9", "N1", "ZZ", "2025-09-15", "",
                "NOPE"), "raw");

        assertThat(r.people()).isEmpty();
        assertThat(r.events()).isEmpty();
        assertThat(r.problems()).containsExactlyInAnyOrder("DECOM: not a date (DD/MM/YYYY)", "DEC: not a date (DD/MM/YYYY)",
                "LS: not an SSDA903 code", "PLACE: not an SSDA903 code", "REASON_PLACE_CHANGE: not an SSDA903 code");
        assertThat(r.sourceId()).startsWith("unidentified:");
    }

    @Test
    void missingChildCeasedWithoutReasonAndEndBeforeStartAreReasons() {
        assertThat(mapper.episode("run", episode("", "01/06/2025", "S", "C2", "N1", "U6", "", "", ""), "raw").problems())
                .containsExactly("CHILD: missing");
        assertThat(mapper.episode("run", episode("C1", "01/06/2025", "S", "C2", "N1", "U6", "01/07/2025", "", ""), "raw").problems())
                .containsExactly("DEC/REC: an episode that has ceased needs both the date and the reason, an open one neither");
        assertThat(mapper.episode("run", episode("C1", "01/06/2025", "S", "C2", "N1", "U6", "01/05/2025", "X1", ""), "raw").problems())
                .containsExactly("DEC: before DECOM");
        assertThat(mapper.header("run", row("CHILD", "", "SEX", "3", "DOB", "2014-03-09", "ETHNIC", "WBRI", "UPN", ""), "raw")
                .problems()).containsExactly("CHILD: missing", "DOB: not a date (DD/MM/YYYY)", "SEX: not an SSDA903 code (1, 2, M, F, U)");
    }

    @Test
    void aHeaderWithoutTheAddedNamesIsStillAChild() {
        SourceRecord r = mapper.header("run", row("CHILD", "C9", "SEX", "1", "DOB", "01/01/2015", "ETHNIC", "WBRI", "UPN", ""), "raw");
        assertThat(r.problems()).isEmpty();
        assertThat(r.people().get(0).givenName()).isNull();
        assertThat(r.people().get(0).sex()).isEqualTo(PersonRecord.Sex.MALE);
    }

    @Test
    void theSimulatedReturnMapsCleanly() throws Exception {
        Ssda903Simulator ssda903 = Simulators.of(Simulators.SEED, 150).childrenLookedAfter();
        Map<String, byte[]> files = ssda903.files();
        List<SourceRecord> header = map(files.get(Ssda903Simulator.HEADER_FILE), mapper::header);
        List<SourceRecord> episodes = map(files.get(Ssda903Simulator.EPISODES_FILE), mapper::episode);

        assertThat(header).hasSize(ssda903.lookedAfter().size()).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.people().get(0).givenName()).isNotBlank();
        });
        assertThat(episodes).hasSizeGreaterThanOrEqualTo(ssda903.lookedAfter().size())
                .allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(episodes.stream().flatMap(r -> r.events().stream()).map(EventRecord::summary))
                .anyMatch(s -> s.contains("started to be looked after"));
        // every episode's child is in the header file, under the same agency id
        Set<String> children = header.stream().flatMap(r -> r.people().get(0).agencyIds().stream()).collect(Collectors.toSet());
        assertThat(episodes).allSatisfy(r -> assertThat(children).containsAll(r.people().get(0).agencyIds()));
    }

    private static byte[] fixture(String name) throws Exception {
        try (var in = Ssda903RowMapperTest.class.getResourceAsStream("/ssda903/2024-25/" + name)) {
            return in.readAllBytes();
        }
    }

    /** A 2024-25 return: sex coded M/F/U (1/2 before), placements T0-T4 and K3 among the codes. */
    @Test
    void a2024To25ReturnWithSexCodedMFUAndTemporaryAndSupportedPlacementsMapsCleanly() throws Exception {
        List<SourceRecord> header = map(fixture("header.csv"), mapper::header);
        List<SourceRecord> episodes = map(fixture("episodes.csv"), mapper::episode);

        assertThat(header).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(header).extracting(r -> r.people().get(0).sex()).containsExactly(PersonRecord.Sex.FEMALE,
                PersonRecord.Sex.MALE, PersonRecord.Sex.UNKNOWN, PersonRecord.Sex.FEMALE);
        assertThat(episodes).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(episodes.stream().map(r -> r.events().get(0).summary()))
                .anyMatch(s -> s.contains("placement T1 (temporary period in hospital)"))
                .anyMatch(s -> s.contains("placement T4 (temporary accommodation of seven days or less"))
                .anyMatch(s -> s.contains("placement K3 (supported accommodation registered with Ofsted)"))
                .anyMatch(s -> s.contains("placement T0 (all types of temporary move)"));
    }

    @Test
    void theCodeListsAreReadFromTheDfEListsResource() {
        assertThat(Ssda903RowMapper.PLACE).containsKeys("T0", "T1", "T2", "T3", "T4", "K3", "U6");
        assertThat(Ssda903RowMapper.SEX).containsOnlyKeys("1", "2", "M", "F", "U");
        assertThat(Ssda903RowMapper.LS).hasSize(13);
    }

    private static List<SourceRecord> map(byte[] file, CsvFileDrop.RowMapper rows) throws Exception {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new String(file, StandardCharsets.UTF_8), format)) {
            return parser.stream().map((CSVRecord record) -> rows.map("run", record.toMap(), record.toString())).toList();
        }
    }
}
