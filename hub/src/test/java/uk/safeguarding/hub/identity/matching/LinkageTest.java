package uk.safeguarding.hub.identity.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.safeguarding.populations.LabelledRecords;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Decision;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Outcome;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Thresholds;

/** Training and linking on 5,000 generated records (about 7,000 person records), scored with their true ids. */
class LinkageTest {

    static final List<PersonRecord> PEOPLE = new ArrayList<>();
    static final List<String> TRUTH = new ArrayList<>();
    static Linker linker;

    @BeforeAll
    static void train() {
        LabelledRecords.stream(11, 5000).forEach(l -> l.record().people().forEach(p -> {
            PEOPLE.add(p);
            TRUTH.add(l.trueIdByLocalPersonId().get(p.localId()));
        }));
        linker = Linker.train(PEOPLE, Thresholds.DEFAULT);
    }

    static PersonRecord record(String given, String family, String born, Sex sex, String nhs, String postcode, String uprn,
            String phone) {
        return new PersonRecord("t", given, family, born == null ? null : LocalDate.parse(born), sex, nhs, List.of(),
                postcode == null ? List.of() : List.of(new Address(null, postcode, uprn, null)), phone, null);
    }

    static String nhs(int i) {
        return uk.safeguarding.hub.identity.KeptRecords.nhsNumber(i);
    }

    @Test
    void aCommonSurnameCountsForLessThanARareOne() {
        Model model = linker.model();
        Person smith = ComparisonTest.person("Ann", "Smith", null, null);
        Person rare = ComparisonTest.person("Ann", "Featherstonehaugh", null, null);
        assertThat(model.weight(Comparison.FAMILY_NAME, 0, smith)).isLessThan(model.weight(Comparison.FAMILY_NAME, 0, rare));
        assertThat(model.weight(Comparison.FAMILY_NAME, 0, smith)).isPositive();
    }

    @Test
    void emRecoversTheMProbabilitiesTheLabelsShow() {
        // m as the labels show it: among candidate pairs of one true person, the share agreeing exactly (for
        // fields other than the date of birth, among pairs with the same date, where EM learns them)
        String[] truthOfProfile = new String[linker.stats().distinctRecords()];
        for (int i = 0; i < PEOPLE.size(); i++) {
            truthOfProfile[linker.profileOf(i)] = TRUTH.get(i);
        }
        Map<Comparison, double[]> counts = new HashMap<>();
        for (int i = 0; i < linker.pairs.length; i++) {
            int a = (int) (linker.pairs[i] >>> 32);
            int b = (int) linker.pairs[i];
            if (!truthOfProfile[a].equals(truthOfProfile[b])) {
                continue;
            }
            for (Comparison c : Comparison.ALL) {
                int level = Model.level(linker.patterns[i], c);
                boolean sameDate = Model.level(linker.patterns[i], Comparison.DATE_OF_BIRTH) == 0;
                if (level != Comparison.NULL && (c == Comparison.DATE_OF_BIRTH || sameDate)) {
                    double[] k = counts.computeIfAbsent(c, x -> new double[2]);
                    k[0] += level == 0 ? 1 : 0;
                    k[1]++;
                }
            }
        }
        for (Comparison c : List.of(Comparison.GIVEN_NAME, Comparison.FAMILY_NAME, Comparison.DATE_OF_BIRTH,
                Comparison.ADDRESS, Comparison.SEX)) {
            double truth = counts.get(c)[0] / counts.get(c)[1];
            assertThat(linker.model().m[c.ordinal()][0]).as(c.name()).isCloseTo(truth, within(0.1));
        }
    }

    @Test
    void conflictingNhsNumbersForbidALinkWhateverTheScore() {
        Linker fresh = Linker.train(PEOPLE, Thresholds.DEFAULT);
        Outcome first = fresh.link(record("Zebedee", "Quartermain", "1971-04-02", Sex.MALE, nhs(1), "SW2 1ZZ", "100099990001",
                "07700900999"));
        Outcome twin = fresh.link(record("Zebedee", "Quartermain", "1971-04-02", Sex.MALE, nhs(2), "SW2 1ZZ", "100099990001",
                "07700900999"));
        assertThat(first.decision()).isEqualTo(Decision.NEW);
        assertThat(twin.decision()).isNotEqualTo(Decision.LINK);
        assertThat(fresh.cluster(twin.record())).isNotEqualTo(fresh.cluster(first.record()));
        // the same NHS number links however different the rest
        Outcome same = fresh.link(record("Z", "Q", null, null, nhs(1), null, null, null));
        assertThat(same.decision()).isEqualTo(Decision.LINK);
        assertThat(same.method()).isEqualTo("nhs-number");
        assertThat(fresh.cluster(same.record())).isEqualTo(fresh.cluster(first.record()));
    }

    private static PersonRecord withAgencyId(String agencyId, String given, String born) {
        return new PersonRecord("t", given, "Wisniewska", born == null ? null : LocalDate.parse(born), Sex.FEMALE, null,
                List.of(agencyId), List.of(new Address(null, "SE27 6GN", null, null)), null, null);
    }

    @Test
    void anAgencysOwnIdLinksOnArrivalUnlessTheSubjectsRecordsClearlyHoldSomeoneElse() {
        RecordLinkage arriving = linker.withoutRecords();
        Outcome first = arriving.link(withAgencyId("met-police:MPS-N880190", "Jessica", "1977-04-16"));
        Outcome nickname = arriving.link(withAgencyId("met-police:MPS-N880190", "Jessie", null));
        assertThat(nickname.method()).isEqualTo("agency-id");
        // a typo that differs from "Jessie" on its own, but not from the subject's "Jessica": the person's own noise,
        // compared group to group as a subject's records are (it waited for an analyst when compared record by record)
        PersonRecord typo = withAgencyId("met-police:MPS-N880190", "Jesisca", "1977-04-16");
        assertThat(Compatibility.conflict(Person.of(typo), Person.of(withAgencyId("x", "Jessie", null)))).isTrue();
        Outcome linked = arriving.link(typo);
        assertThat(linked.decision()).isEqualTo(Decision.LINK);
        assertThat(linked.method()).isEqualTo("agency-id");
        assertThat(arriving.cluster(linked.record())).isEqualTo(arriving.cluster(first.record()));
        // a date a generation out under the same id: two people, or a wrong id, which only an analyst can say
        Outcome generation = arriving.link(withAgencyId("met-police:MPS-N880190", "Jessica", "1947-04-16"));
        assertThat(generation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(generation.method()).isEqualTo("conflicting-key");
        assertThat(arriving.cluster(generation.record())).isNotEqualTo(arriving.cluster(first.record()));
    }

    @Test
    void twoRecordsThatClearlyDifferAreNotMergedThroughAThird() {
        List<PersonRecord> people = new ArrayList<>(PEOPLE);
        int a = people.size();
        // A and C share an address and a surname but are clearly two people; B (no given name, date or sex)
        // matches both on surname, postcode, UPRN and phone
        people.add(record("Ezekiel", "Quartermain", "1960-05-14", Sex.MALE, null, "SW2 1ZZ", "100099990001", "02079460999"));
        people.add(record(null, "Quartermain", null, null, null, "SW2 1ZZ", "100099990001", "02079460999"));
        people.add(record("Philippa", "Quartermain", "1994-09-30", Sex.FEMALE, null, "SW2 1ZZ", "100099990001", "02079460999"));
        Linker linked = Linker.train(people, Thresholds.DEFAULT);
        assertThat(linked.model().score(Person.of(people.get(a + 1)), Person.of(people.get(a))))
                .isGreaterThan(Thresholds.DEFAULT.upper());
        assertThat(linked.model().score(Person.of(people.get(a + 1)), Person.of(people.get(a + 2))))
                .isGreaterThan(Thresholds.DEFAULT.upper());
        assertThat(linked.model().score(Person.of(people.get(a)), Person.of(people.get(a + 2))))
                .isLessThan(Thresholds.DEFAULT.lower());
        assertThat(linked.cluster(a)).isNotEqualTo(linked.cluster(a + 2));
        // B could be either of them, so it joins neither and waits for an analyst
        assertThat(linked.cluster(a + 1)).isNotIn(linked.cluster(a), linked.cluster(a + 2));
        assertThat(linked.inReview(a + 1)).isTrue();
    }

    @Test
    void aNewRecordLinksWithEachFieldsContribution() {
        Linker fresh = Linker.train(PEOPLE, Thresholds.DEFAULT);
        // a clean record of someone already known, with a nickname-free typo in the family name
        int known = -1;
        for (int i = 0; i < PEOPLE.size(); i++) {
            PersonRecord p = PEOPLE.get(i);
            if (p.dateOfBirth() != null && !p.addresses().isEmpty() && p.addresses().get(0).postcode() != null
                    && p.familyName().length() > 5 && p.nhsNumber() == null && p.agencyIds().isEmpty()) {
                known = i;
                break;
            }
        }
        PersonRecord p = PEOPLE.get(known);
        String typo = p.familyName().substring(0, 3) + p.familyName().charAt(4) + p.familyName().charAt(3)
                + p.familyName().substring(5);
        Outcome o = fresh.link(new PersonRecord("new", p.givenName(), typo, p.dateOfBirth(), p.sex(), null, List.of(),
                p.addresses(), p.phone(), p.email()));
        assertThat(o.decision()).isEqualTo(Decision.LINK);
        assertThat(o.cluster()).isEqualTo(fresh.cluster(known));
        assertThat(o.contributions()).extracting(RecordLinkage.Contribution::field)
                .contains("prior", "GIVEN_NAME", "FAMILY_NAME", "DATE_OF_BIRTH", "ADDRESS");
        assertThat(o.contributions().stream().mapToDouble(RecordLinkage.Contribution::weight).sum())
                .isCloseTo(o.score(), within(1e-6));
    }

    @Test
    void linksTheGeneratedPopulationWithHighF1() {
        Map<Long, Long> cells = new HashMap<>();
        Map<Integer, Long> clusters = new HashMap<>();
        Map<String, Long> persons = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        int review = 0;
        for (int i = 0; i < PEOPLE.size(); i++) {
            int person = ids.computeIfAbsent(TRUTH.get(i), k -> ids.size());
            cells.merge(((long) linker.cluster(i) << 32) | person, 1L, Long::sum);
            clusters.merge(linker.cluster(i), 1L, Long::sum);
            persons.merge(TRUTH.get(i), 1L, Long::sum);
            review += linker.inReview(i) ? 1 : 0;
        }
        double tp = cells.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double precision = tp / clusters.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double recall = tp / persons.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double f1 = 2 * precision * recall / (precision + recall);
        System.out.printf("5,000 records: precision %.4f recall %.4f F1 %.4f review %.2f%%%n", precision, recall, f1,
                100.0 * review / PEOPLE.size());
        assertThat(f1).isGreaterThan(0.97);
        assertThat((double) review / PEOPLE.size()).isLessThan(0.03);
    }
}
