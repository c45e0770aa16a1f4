package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.safeguarding.simulators.Recording.Agency;
import uk.safeguarding.simulators.Recording.Recorded;
import uk.safeguarding.simulators.Recording.Variation;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

class RecordingTest {

    private static final List<Resident> ADULTS = SyntheticLondon.residents(Simulators.SEED, 20_000);

    private static List<Recorded> recordedBy(Agency agency) {
        Random random = new Random(42);
        return ADULTS.stream().map(r -> Recording.asRecordedBy(r, agency, random)).toList();
    }

    private static double share(List<Recorded> records, Variation v) {
        return records.stream().filter(r -> r.variations().contains(v)).count() / (double) records.size();
    }

    @Test
    void mostRecordsAreCleanSomeCarryOneVariationAFewTwo() {
        for (Agency agency : List.of(Agency.MET_POLICE, Agency.HOUSING, Agency.ADULT_SOCIAL_CARE, Agency.LFB)) {
            List<Recorded> records = recordedBy(agency);
            double one = records.stream().filter(r -> r.variations().size() >= 1).count() / (double) records.size();
            double two = records.stream().filter(r -> r.variations().size() >= 2).count() / (double) records.size();
            assertThat(one).as(agency.name()).isBetween(0.06, 0.25);
            assertThat(two).as(agency.name()).isBetween(0.002, 0.05);
        }
    }

    @Test
    void eachVariationComesAtItsStatedRateWhereItCanApply() {
        for (Agency agency : Agency.values()) {
            Recording.Rates rates = Recording.RATES.get(agency);
            List<Recorded> records = recordedBy(agency);
            Map<Variation, Double> measured = new EnumMap<>(Variation.class);
            for (Variation v : Variation.values()) {
                measured.put(v, share(records, v));
            }
            // typos and missing dates can befall anyone
            // (and a record that differs in another way sometimes has a slip as well)
            assertThat(measured.get(Variation.TYPO)).as(agency + " typo")
                    .isBetween(rates.typo() / 2, rates.typo() * 1.5 + Recording.CARELESS * 0.3);
            assertThat(measured.get(Variation.DATE_OF_BIRTH_MISSING)).as(agency + " no date of birth")
                    .isCloseTo(rates.dateOfBirthMissing(), within(rates.dateOfBirthMissing()));
            // the others only where they can: a name with a nickname, a day of 12 or less, a married woman
            double nicknamed = ADULTS.stream().filter(r -> Names.NICKNAMES.containsKey(r.givenName())).count() / (double) ADULTS.size();
            assertThat(measured.get(Variation.NICKNAME)).as(agency + " nickname")
                    .isCloseTo(rates.nickname() * nicknamed, within(rates.nickname() * nicknamed));
            double married = ADULTS.stream().filter(r -> r.formerFamilyName() != null).count() / (double) ADULTS.size();
            assertThat(measured.get(Variation.MAIDEN_NAME)).as(agency + " maiden name")
                    .isCloseTo(rates.maidenName() * married, within(rates.maidenName() * married));
            assertThat(measured.get(Variation.DATE_OF_BIRTH_SWAPPED)).as(agency + " swapped")
                    .isLessThanOrEqualTo(rates.dateOfBirthSwapped() * 12 / 30 * 1.5);
            assertThat(measured.get(Variation.OLD_ADDRESS)).as(agency + " old address")
                    .isCloseTo(rates.oldAddress(), within(rates.oldAddress()));
            // NHS numbers: none where the agency holds none, most where it does
            long withNumber = records.stream().filter(r -> r.nhsNumber() != null).count();
            assertThat(withNumber / (double) records.size()).as(agency + " NHS numbers")
                    .isCloseTo(rates.nhsNumberRecorded(), within(0.02));
        }
        assertThat(recordedBy(Agency.LFB)).allMatch(r -> r.nhsNumber() == null);
        assertThat(recordedBy(Agency.MET_POLICE)).allMatch(r -> r.nhsNumber() == null);
    }

    private static org.assertj.core.data.Offset<Double> within(double expected) {
        // half the expected rate either way, and never tighter than 0.4 percentage points (sampling noise)
        return org.assertj.core.data.Offset.offset(Math.max(expected / 2, 0.004));
    }

    @Test
    void eachVariationChangesWhatItSays() {
        for (Recorded r : recordedBy(Agency.TFL)) {
            Resident t = r.truth();
            Set<Variation> v = r.variations();
            if (v.contains(Variation.NICKNAME) && !v.contains(Variation.TYPO)) {
                assertThat(Names.NICKNAMES.get(t.givenName())).contains(r.givenName());
            }
            if (v.contains(Variation.TYPO)) {
                String family = v.contains(Variation.MAIDEN_NAME) ? t.formerFamilyName() : t.familyName();
                if (!r.familyName().equals(family)) {
                    assertThat(oneEditApart(family, r.familyName())).as(family + " -> " + r.familyName()).isTrue();
                } else if (!v.contains(Variation.NICKNAME)) {
                    assertThat(oneEditApart(t.givenName(), r.givenName())).as(t.givenName() + " -> " + r.givenName()).isTrue();
                }
            }
            if (v.contains(Variation.DATE_OF_BIRTH_SWAPPED)) {
                assertThat(t.dateOfBirth().getDayOfMonth()).isLessThanOrEqualTo(12);
                assertThat(r.dateOfBirth().getDayOfMonth()).isEqualTo(t.dateOfBirth().getMonthValue());
                assertThat(r.dateOfBirth().getMonthValue()).isEqualTo(t.dateOfBirth().getDayOfMonth());
            }
            if (v.contains(Variation.MAIDEN_NAME) && !v.contains(Variation.TYPO)) {
                assertThat(r.familyName()).isEqualTo(t.formerFamilyName());
            }
            if (v.isEmpty()) {
                assertThat(r.givenName()).isEqualTo(t.givenName());
                assertThat(r.familyName()).isEqualTo(t.familyName());
                assertThat(r.dateOfBirth()).isEqualTo(t.dateOfBirth());
                assertThat(r.address()).isEqualTo(t.address());
            }
        }
    }

    @Test
    void anAgencyThatKeepsOneRecordPerPersonRecordsThemTheSameWayEveryTime() {
        Resident r = ADULTS.get(7);
        assertThat(Recording.asKeptBy(1, r, Agency.MET_POLICE)).isEqualTo(Recording.asKeptBy(1, r, Agency.MET_POLICE));
        Set<Long> numbers = ADULTS.stream().map(p -> Recording.localNumber(1, Agency.MET_POLICE, p)).collect(Collectors.toSet());
        assertThat(numbers).hasSize(ADULTS.size());
        assertThat(Recording.localNumber(1, Agency.MET_POLICE, r)).isNotEqualTo(Recording.localNumber(1, Agency.MENTAL_HEALTH, r));
    }

    /** Levenshtein distance 1, or two neighbours swapped. */
    private static boolean oneEditApart(String a, String b) {
        if (a.length() == b.length()) {
            int diff = 0;
            int first = -1;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    diff++;
                    first = first < 0 ? i : first;
                }
            }
            return diff == 1 || (diff == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        if (longer.length() - shorter.length() != 1) {
            return false;
        }
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }
}
