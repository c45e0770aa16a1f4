package uk.safeguarding.connectors.childrens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.ChildrensSocialCareSimulator;
import uk.safeguarding.simulators.Simulators;

class CinCensusReaderTest {

    private final CinCensusReader reader = new CinCensusReader("lambeth-csc-drop", "lambeth-csc");

    @Test
    void readsEveryChildWithTheirReferralsEnquiriesAndPlans() {
        ChildrensSocialCareSimulator council = Simulators.of(Simulators.SEED, 300).childrensSocialCare();
        String xml = new String(council.files().get(ChildrensSocialCareSimulator.CIN_FILE));
        List<SourceRecord> records = reader.read("run", ChildrensSocialCareSimulator.CIN_FILE, xml);

        assertThat(records).hasSize(council.childCount()).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.raw()).startsWith("<Child>");
            assertThat(r.people()).singleElement().satisfies(p -> {
                assertThat(p.givenName()).isNotBlank();
                // the DfE ethnicity code (WBRI, BAFR, ...), kept for data quality and equality monitoring
                assertThat(p.ethnicity()).matches("[A-Z]{4}");
                assertThat(p.dateOfBirth()).isAfter(java.time.LocalDate.of(2008, 12, 31));
                assertThat(p.agencyIds()).singleElement().asString().startsWith("lambeth-csc:child:C");
            });
            assertThat(r.events()).allSatisfy(e -> {
                assertThat(e.sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
                assertThat(e.parties().get(0).role()).isEqualTo(EventRecord.Role.CHILD);
            });
        });
        assertThat(records.stream().flatMap(r -> r.events().stream()).map(EventRecord::kind))
                .contains("cin-referral", "section-47-enquiry", "child-protection-plan");
    }

    @Test
    void refusesDtdsAndNamesWhatIsWrong() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Message>&x;</Message>";
        assertThat(reader.read("run", "evil.xml", xxe)).singleElement().satisfies(r ->
                assertThat(r.problems()).containsExactly("not well-formed XML (or it declares a DTD, which is refused)"));

        assertThat(reader.read("run", "other.xml", "<Invoice/>")).singleElement().satisfies(r ->
                assertThat(r.problems()).containsExactly("not a CIN census return: the root element is not Message"));

        String bad = "<Message><Children><Child><ChildIdentifiers><LAchildID>C1</LAchildID>"
                + "<PersonBirthDate>2015-02-30</PersonBirthDate></ChildIdentifiers>"
                + "<CINdetails><CINreferralDate>2026-01-05</CINreferralDate></CINdetails></Child>"
                + "<Child><ChildIdentifiers><PersonBirthDate>2015-01-01</PersonBirthDate></ChildIdentifiers></Child>"
                + "</Children></Message>";
        List<SourceRecord> records = reader.read("run", "cin.xml", bad);
        assertThat(records.get(0).problems()).containsExactly("PersonBirthDate: not a date (YYYY-MM-DD)");
        assertThat(records.get(1).problems()).containsExactly("LAchildID: missing");
        assertThat(records.get(1).sourceId()).isEqualTo("cin.xml#child-2");
    }

    private static String fixture(String name) throws java.io.IOException {
        try (var in = CinCensusReaderTest.class.getResourceAsStream("/cin/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Returns before 2024 code the child's sex as {@code <GenderCurrent>}; from 2024-25 as {@code <Sex>}. */
    @Test
    void readsSexFromGenderCurrentBefore2024AndFromSexAfter() throws Exception {
        for (String census : List.of("census-2022-23-gendercurrent.xml", "census-2024-25-sex.xml")) {
            List<SourceRecord> records = reader.read("run", census, fixture(census));
            assertThat(records).allSatisfy(r -> assertThat(r.problems()).isEmpty());
            assertThat(records).extracting(r -> r.people().get(0).sex())
                    .containsExactly(uk.safeguarding.connectors.canonical.PersonRecord.Sex.FEMALE,
                            uk.safeguarding.connectors.canonical.PersonRecord.Sex.MALE);
        }
        String unknownCode = fixture("census-2022-23-gendercurrent.xml").replace("<GenderCurrent>2<", "<GenderCurrent>X<");
        assertThat(reader.read("run", "cin.xml", unknownCode).get(0).problems())
                .containsExactly("GenderCurrent: not a CIN census code (0, 1, 2, 9, F, M, U)");
    }

    @Test
    void anIdenticalChildProtectionPlanRepeatedInOneReturnIsOnePlan() throws Exception {
        SourceRecord child = reader.read("run", "cin.xml", fixture("census-2022-23-gendercurrent.xml")).get(0);

        assertThat(child.events().stream().filter(e -> e.kind().equals("child-protection-plan")))
                .singleElement().satisfies(plan -> {
                    assertThat(plan.localId()).isEqualTo("L208-000731/cpp/2022-10-03");
                    assertThat(plan.category()).isEqualTo("emotional abuse");
                });
        assertThat(child.events()).extracting(EventRecord::kind)
                .containsExactly("cin-referral", "section-47-enquiry", "child-protection-plan");
    }
}
