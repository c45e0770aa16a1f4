package uk.safeguarding.hub.identity.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;

class ComparisonTest {

    static Person person(String given, String family, String born, String postcode) {
        return Person.of(new PersonRecord("x", given, family, born == null ? null : LocalDate.parse(born), Sex.MALE, null,
                List.of(), postcode == null ? List.of() : List.of(new Address(null, postcode, null, null)), null, null));
    }

    private static int level(Comparison c, Person a, Person b) {
        return c.level(a, b);
    }

    @Test
    void givenNamesFromExactThroughNicknameSpellingAndSound() {
        Person robert = person("Robert", "Smith", null, null);
        assertThat(level(Comparison.GIVEN_NAME, robert, person("ROBERT", "Smith", null, null))).isZero();
        assertThat(Comparison.GIVEN_NAME.levels[level(Comparison.GIVEN_NAME, robert, person("Bob", "Smith", null, null))])
                .isEqualTo("nickname, variant or the name's first letters");
        assertThat(Comparison.GIVEN_NAME.levels[level(Comparison.GIVEN_NAME, robert, person("Rboert", "Smith", null, null))])
                .isEqualTo("jaro-winkler >= 0.92");
        assertThat(Comparison.GIVEN_NAME.levels[level(Comparison.GIVEN_NAME, person("Philip", "Smith", null, null),
                person("Filip", "Smith", null, null))]).isEqualTo("same sound");
        assertThat(Comparison.GIVEN_NAME.levels[level(Comparison.GIVEN_NAME, robert, person("Kwame", "Smith", null, null))])
                .isEqualTo("different");
    }

    @Test
    void familyNamesByJaroWinkler() {
        Person johnson = person("Ann", "Johnson", null, null);
        assertThat(Comparison.FAMILY_NAME.levels[level(Comparison.FAMILY_NAME, johnson, person("Ann", "Jonhson", null, null))])
                .isEqualTo("jaro-winkler >= 0.92, or one name of a double surname");
        assertThat(level(Comparison.FAMILY_NAME, person("Ann", "O'Brien", null, null), person("Ann", "OBRIEN", null, null)))
                .isZero();
        assertThat(Comparison.FAMILY_NAME.levels[level(Comparison.FAMILY_NAME, johnson, person("Ann", "Okafor", null, null))])
                .isEqualTo("different");
    }

    @Test
    void datesOfBirthTransposedOneDigitSameYear() {
        assertThat(Comparison.born(LocalDate.parse("1980-03-07"), LocalDate.parse("1980-03-07"))).isZero();
        assertThat(Comparison.DATE_OF_BIRTH.levels[Comparison.born(LocalDate.parse("1980-03-07"), LocalDate.parse("1980-07-03"))])
                .isEqualTo("day and month transposed");
        assertThat(Comparison.DATE_OF_BIRTH.levels[Comparison.born(LocalDate.parse("1980-03-07"), LocalDate.parse("1980-03-09"))])
                .isEqualTo("one digit different, or one year out on the same day");
        assertThat(Comparison.DATE_OF_BIRTH.levels[Comparison.born(LocalDate.parse("1980-03-07"), LocalDate.parse("1980-11-21"))])
                .isEqualTo("same year");
        assertThat(Comparison.DATE_OF_BIRTH.levels[Comparison.born(LocalDate.parse("1980-03-07"), LocalDate.parse("1975-11-21"))])
                .isEqualTo("different");
    }

    @Test
    void recordingNoiseOfIssue17() {
        // one year out on the same day; 1 January for an unknown day says nothing unless the year is far out
        assertThat(Comparison.born(LocalDate.parse("1989-06-14"), LocalDate.parse("1990-06-14"))).isEqualTo(2);
        assertThat(Comparison.born(LocalDate.parse("1989-06-14"), LocalDate.parse("1989-01-01"))).isEqualTo(Comparison.NULL);
        assertThat(Comparison.born(LocalDate.parse("1989-06-14"), LocalDate.parse("1970-01-01"))).isEqualTo(4);
        // given and family names the wrong way round, one of them misspelt
        Person priya = person("Priya", "Hussain", null, null);
        Person swapped = person("Hussein", "Priya", null, null);
        assertThat(level(Comparison.GIVEN_NAME, priya, swapped)).isZero();
        assertThat(level(Comparison.FAMILY_NAME, priya, swapped)).isEqualTo(1);
        // one name of a double surname; the first letters of a given name; a short form that is not a prefix
        assertThat(level(Comparison.FAMILY_NAME, person("Olha", "Begum-Kowalski", null, null), person("Olha", "Kowalski", null, null)))
                .isEqualTo(1);
        assertThat(level(Comparison.GIVEN_NAME, person("Jessica", "Lee", null, null), person("Jess", "Lee", null, null))).isEqualTo(1);
        assertThat(level(Comparison.GIVEN_NAME, person("Stephen", "Lee", null, null), person("Steve", "Lee", null, null))).isEqualTo(1);
        // transliterations: a listed variant, or a close spelling (Jaro-Winkler 0.85 to 0.92)
        assertThat(level(Comparison.GIVEN_NAME, person("Mohammed", "Ali", null, null), person("Muhammad", "Ali", null, null)))
                .isEqualTo(1);
        assertThat(level(Comparison.FAMILY_NAME, person("Ann", "Chowdhury", null, null), person("Ann", "Choudhury", null, null)))
                .isEqualTo(2);
    }

    @Test
    void addressesByUprnThenPostcodeSectorAndDistrict() {
        Person a = person("Ann", "Lee", null, "SW2 1AB");
        Person flat = Person.of(new PersonRecord("x", "Ann", "Lee", null, Sex.FEMALE, null, List.of(),
                List.of(new Address(null, "SW2 1AB", "100020000009", null)), null, null));
        Person sameFlat = Person.of(new PersonRecord("y", "Ann", "Lee", null, Sex.FEMALE, null, List.of(),
                List.of(new Address(null, null, "100020000009", null)), null, null));
        assertThat(Comparison.ADDRESS.levels[level(Comparison.ADDRESS, flat, sameFlat)]).isEqualTo("same UPRN");
        assertThat(Comparison.ADDRESS.levels[level(Comparison.ADDRESS, a, person("Ann", "Lee", null, "sw21ab"))])
                .isEqualTo("same postcode");
        assertThat(Comparison.ADDRESS.levels[level(Comparison.ADDRESS, a, person("Ann", "Lee", null, "SW2 1XY"))])
                .isEqualTo("same sector");
        assertThat(Comparison.ADDRESS.levels[level(Comparison.ADDRESS, a, person("Ann", "Lee", null, "SW2 5XY"))])
                .isEqualTo("same district");
        assertThat(Comparison.ADDRESS.levels[level(Comparison.ADDRESS, a, person("Ann", "Lee", null, "SE11 5XY"))])
                .isEqualTo("different");
    }

    @Test
    void aMissingValueIsNeitherAgreementNorDisagreement() {
        Person noDate = person("Ann", "Lee", null, null);
        assertThat(level(Comparison.DATE_OF_BIRTH, noDate, person("Ann", "Lee", "1980-03-07", null))).isEqualTo(Comparison.NULL);
        assertThat(level(Comparison.ADDRESS, noDate, person("Ann", "Lee", null, "SW2 1AB"))).isEqualTo(Comparison.NULL);
        assertThat(level(Comparison.GIVEN_NAME, person(null, "Lee", null, null), noDate)).isEqualTo(Comparison.NULL);
    }
}
