package uk.safeguarding.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.simulators.SyntheticLondon.Household;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.SyntheticLondon;

class SyntheticLondonTest {

    private static final long SEED = Simulators.SEED;
    private final List<Resident> people = SyntheticLondon.population(SEED, 20_000);

    @Test
    void deterministicForASeedAndEachHouseholdCanBeMadeOnItsOwn() {
        assertThat(SyntheticLondon.population(SEED, 500)).isEqualTo(people.subList(0, 500));
        assertThat(SyntheticLondon.residents(SEED, 150).subList(0, 30)).isEqualTo(SyntheticLondon.residents(SEED, 30));
        assertThat(SyntheticLondon.households(SEED).skip(123).findFirst().orElseThrow())
                .isEqualTo(SyntheticLondon.household(SEED, 123));
        assertThat(SyntheticLondon.population(SEED + 1, 500)).isNotEqualTo(people.subList(0, 500));
        assertThat(SyntheticLondon.residents(SEED, 150)).noneMatch(Resident::isChild);
        assertThat(SyntheticLondon.children(SEED, 40)).allMatch(Resident::isChild).hasSize(40);
    }

    @Test
    void everyoneHasAValidDistinctTestRangeNhsNumberAndAValidAddress() {
        assertThat(people).allSatisfy(r -> {
            assertThat(r.nhsNumber()).startsWith("999");
            assertThat(NhsNumber.Validator.isValid(r.nhsNumber())).isTrue();
            assertThat(Postcode.PATTERN.matcher(r.postcode()).matches()).isTrue();
            assertThat(r.uprn()).matches("\\d{1,12}");
            assertThat(r.trueId()).matches("[PC]\\d{8}");
            assertThat(r.ethnicity()).matches("[A-Z]{4}");
            assertThat(r.sex()).isIn("Female", "Male");
            if (r.phone() != null) {
                assertThat(r.phone()).matches("07700 900\\d{3}|020 7946 0\\d{3}"); // Ofcom's drama ranges
            }
            if (r.email() != null) {
                assertThat(r.email()).endsWith("@example.com");
            }
        });
        assertThat(people.stream().map(Resident::nhsNumber).distinct()).hasSize(people.size());
        assertThat(people.stream().map(Resident::trueId).distinct()).hasSize(people.size());
    }

    @Test
    void householdsShareAnAddressAndChildrenLiveWithAParent() {
        Map<String, List<Resident>> homes = people.stream().collect(Collectors.groupingBy(Resident::householdId));
        assertThat(homes.values().stream().filter(h -> h.size() > 1).count()).isGreaterThan(homes.size() / 2);
        assertThat(homes.values()).allSatisfy(h -> assertThat(h.stream().map(Resident::uprn).distinct()).hasSize(1));
        List<Resident> children = people.stream().filter(Resident::isChild).toList();
        assertThat(children.size()).isBetween(people.size() / 8, people.size() / 3);
        assertThat(children).allSatisfy(c -> {
            assertThat(c.age()).isLessThan(18);
            List<Resident> home = homes.get(c.householdId());
            assertThat(home).anySatisfy(adult -> {
                assertThat(adult.isChild()).isFalse();
                assertThat(adult.familyName()).isEqualTo(c.familyName());
                assertThat(adult.age()).isGreaterThanOrEqualTo(c.age() + 18);
            });
        });
        assertThat(people.stream().filter(r -> !r.isChild())).allMatch(r -> r.age() >= 18);
    }

    @Test
    void flatsSitUnderTheirBlocksUprn() {
        List<Household> households = SyntheticLondon.households(SEED).limit(3000).toList();
        List<Household> flats = households.stream().filter(h -> h.address().parentUprn() != null).toList();
        assertThat(flats.size()).isBetween(households.size() / 4, households.size() * 3 / 4);
        assertThat(flats).allSatisfy(h -> {
            assertThat(h.address().line()).startsWith("Flat ");
            long offset = Long.parseLong(h.address().uprn()) - Long.parseLong(h.address().parentUprn());
            assertThat(offset).isBetween(1L, (long) SyntheticLondon.HOUSEHOLDS_PER_POSTCODE);
        });
        // a block's flats share its parent UPRN and postcode
        Map<String, List<Household>> blocks = flats.stream().collect(Collectors.groupingBy(h -> h.address().parentUprn()));
        assertThat(blocks.values()).allSatisfy(b -> assertThat(b.stream().map(h -> h.address().postcode()).distinct()).hasSize(1));
        assertThat(blocks.values().stream().filter(b -> b.size() == SyntheticLondon.HOUSEHOLDS_PER_POSTCODE)).isNotEmpty();
    }

    @Test
    void marriedWomenHaveAFormerNameAndEveryoneAnEarlierAddress() {
        List<Resident> married = people.stream().filter(r -> r.formerFamilyName() != null).toList();
        assertThat(married).allSatisfy(r -> {
            assertThat(r.sex()).isEqualTo("Female");
            assertThat(r.formerFamilyName()).isNotEqualTo(r.familyName());
        });
        assertThat(married.size()).isGreaterThan(people.size() / 20);
        assertThat(people).allSatisfy(r -> assertThat(r.previousAddress().uprn()).isNotEqualTo(r.uprn()));
    }

    @Test
    void commonAndRareSurnamesSoThatTermFrequencyMatters() {
        Map<String, Long> surnames = people.stream().collect(Collectors.groupingBy(Resident::familyName, Collectors.counting()));
        assertThat(surnames.get("Smith")).isGreaterThan(people.size() / 50L);
        // rare names: each held by fewer than one person in 400, a tenth as often as Smith or less
        assertThat(surnames.values().stream().filter(n -> n < people.size() / 400)).hasSizeGreaterThan(10);
        assertThat(surnames).containsKeys("Begum", "Patel", "Okafor", "Nowak", "O'Brien");
        assertThat(people.stream().map(Resident::givenName)).contains("Mohammed", "Margaret", "Robert");
    }
}
