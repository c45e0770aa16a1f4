package uk.safeguarding.hub.identity.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;

/** The discriminating fields: what cannot be one person, and the recording noise that still can. */
class CompatibilityTest {

    static Person person(String given, String family, String born, Sex sex) {
        return Person.of(new PersonRecord("x", given, family, born == null ? null : LocalDate.parse(born), sex, null,
                List.of(), List.of(new Address(null, "SE5 7PP", null, null)), null, null));
    }

    @Test
    void twinsWithDifferentGivenNamesOrSexAreDifferentPeople() {
        assertThat(Compatibility.conflict(person("Jessica", "Okoye", "2012-05-14", Sex.FEMALE),
                person("Jennifer", "Okoye", "2012-05-14", Sex.FEMALE))).isTrue();
        assertThat(Compatibility.conflict(person("Amara", "Okoye", "2012-05-14", Sex.FEMALE),
                person("Amara", "Okoye", "2012-05-14", Sex.MALE))).as("different sex").isTrue();
    }

    @Test
    void datesOfBirthAGenerationApartAreDifferentPeople() {
        assertThat(Compatibility.conflict(person("David", "Mensah", "1975-03-02", Sex.MALE),
                person("David", "Mensah", "2005-08-19", Sex.MALE))).isTrue();
        // even when only one digit differs
        assertThat(Compatibility.conflict(person("David", "Mensah", "1975-03-02", Sex.MALE),
                person("David", "Mensah", "1995-03-02", Sex.MALE))).isTrue();
    }

    @Test
    void recordingNoiseStaysCompatible() {
        Person p = person("Katherine", "Nowak", "1984-07-12", Sex.FEMALE);
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", "1984-12-07", Sex.FEMALE))).as("day and month").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", "1984-07-13", Sex.FEMALE))).as("one digit").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", "1985-07-12", Sex.FEMALE))).as("one year").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", "1984-01-01", Sex.FEMALE))).as("1 January").isFalse();
        assertThat(Compatibility.conflict(p, person("Kate", "Nowak", "1984-07-12", Sex.FEMALE))).as("short form").isFalse();
        assertThat(Compatibility.conflict(p, person("Katharine", "Nowak", "1984-07-12", Sex.FEMALE))).as("spelling").isFalse();
        assertThat(Compatibility.conflict(p, person("K", "Nowak", "1984-07-12", Sex.FEMALE))).as("initial").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherime", "Nowak", "1984-07-12", Sex.FEMALE))).as("a letter wrong").isFalse();
        assertThat(Compatibility.conflict(person("Jack", "Nowak", "2006-03-25", Sex.MALE), person("Jatk", "Nowak", "2006-03-25",
                Sex.MALE))).as("a letter wrong in a short name").isFalse();
        assertThat(Compatibility.conflict(p, person("Nowak", "Katherine", "1984-07-12", Sex.FEMALE))).as("swapped").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", null, Sex.UNKNOWN))).as("missing").isFalse();
        assertThat(Compatibility.conflict(p, person("Katherine", "Nowak", "1987-03-30", Sex.FEMALE))).as("another date")
                .isTrue();
    }

    @Test
    void aRecordWithoutADateOfBirthOrGivenNameCannotTellRelativesApart() {
        assertThat(Compatibility.discriminating(person("David", "Mensah", null, Sex.MALE))).isFalse();
        assertThat(Compatibility.discriminating(person(null, "Mensah", "1975-03-02", Sex.MALE))).isFalse();
        assertThat(Compatibility.discriminating(person("David", "Mensah", "1975-03-02", Sex.MALE))).isTrue();
    }

    static Person withPhone(String given, String family, String born, String phone) {
        return Person.of(new PersonRecord("x", given, family, born == null ? null : LocalDate.parse(born), Sex.MALE, null,
                List.of(), List.of(new Address(null, "SW9 6QT", null, null)), phone, null));
    }

    @Test
    void anUndatedRecordIsOnePersonWithADatedOneOnlyOnSomethingPersonalTheyShare() {
        Person father = withPhone("Kwabena", "Abernethy", "1975-03-02", "07700 900123");
        assertThat(Compatibility.onePerson(List.of(withPhone("Kwabena", "Abernethy", null, null)), List.of(father)))
                .as("name, sex and address: his son's too").isFalse();
        assertThat(Compatibility.onePerson(List.of(withPhone("Kwabena", "Abernethy", null, "07700 900123")), List.of(father)))
                .as("his mobile number").isTrue();
        Person atHome = withPhone("Kwabena", "Abernethy", "1975-03-02", "020 7946 0123");
        assertThat(Compatibility.onePerson(List.of(withPhone("Kwabena", "Abernethy", null, "020 7946 0123")), List.of(atHome)))
                .as("a landline is the household's").isFalse();
        assertThat(Compatibility.onePerson(List.of(withPhone("Kwabena", "Abernethy", "1975-03-02", null)), List.of(father)))
                .as("both dated: the dates tell them apart").isTrue();
        // a group holding a dated record is dated
        assertThat(Compatibility.onePerson(List.of(withPhone("Kwabena", "Abernethy", null, null),
                withPhone("Kwabena", "Abernethy", "1975-03-04", null)), List.of(father))).isTrue();
    }

    @Test
    void givenNamesAreComparedGroupToGroupSoATypoInOneRecordIsNotAnotherPerson() {
        Model model = new Model();
        Person full = person("Jacqueline", "Singh", "1998-01-31", Sex.FEMALE);
        Person typo = person("Jacqueilne", "Singh", "1998-01-31", Sex.FEMALE);
        Person jackie = person("Jackie", "Singh", "1998-01-31", Sex.FEMALE);
        assertThat(Compatibility.conflict(jackie, typo)).as("record to record, the typo is no form of Jackie").isTrue();
        assertThat(Compatibility.apart(List.of(jackie), List.of(full, typo), model)).as("but one of her names is").isFalse();
        assertThat(Compatibility.apart(List.of(person("Amara", "Singh", "1998-01-31", Sex.FEMALE)), List.of(full, typo), model))
                .as("a twin's name matches none").isTrue();
        assertThat(Compatibility.apart(List.of(person("Jackie", "Singh", "2021-01-31", Sex.FEMALE)), List.of(full, typo), model))
                .as("a date of birth a generation apart from any record still rules it out").isTrue();
        // dates likewise: each a digit or a swap away from her own, two digits from each other
        Person dayOut = person("Rafael", "Williams", "1993-01-06", Sex.MALE);
        Person swapped = person("Rafael", "Williams", "1993-03-01", Sex.MALE);
        assertThat(Compatibility.conflict(dayOut, swapped)).isTrue();
        assertThat(Compatibility.apart(List.of(swapped), List.of(dayOut, person("Rafael", "Williams", "1993-01-03", Sex.MALE)),
                model)).isFalse();
        assertThat(Compatibility.apart(List.of(person("Rafael", "Williams", "1996-10-22", Sex.MALE)), List.of(dayOut, swapped),
                model)).as("a date no record of his can be").isTrue();
    }

    @Test
    void firstOfJanuaryAllowsOneDigitOfTheYearMistyped() {
        assertThat(Compatibility.bornApart(LocalDate.parse("1992-01-01"), LocalDate.parse("1997-07-20"))).isFalse();
        assertThat(Compatibility.bornApart(LocalDate.parse("1978-01-01"), LocalDate.parse("1988-07-19"))).isFalse();
        assertThat(Compatibility.bornApart(LocalDate.parse("1978-01-01"), LocalDate.parse("1983-07-19"))).as("two digits")
                .isTrue();
        assertThat(Compatibility.bornApart(LocalDate.parse("1975-01-01"), LocalDate.parse("1995-07-19"))).as("a generation")
                .isTrue();
    }
}
