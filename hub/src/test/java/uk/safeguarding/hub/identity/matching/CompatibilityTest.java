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
}
