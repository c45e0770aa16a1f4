package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.hub.LocalHubTest;

/**
 * The failure cases of issue 17, through the gateway the connectors use: relatives who agree on surname,
 * address and often date of birth or given name are never linked to one another automatically, and a
 * record that cannot tell them apart (no date of birth) is not allowed to bridge them. Each agency gives
 * its own id, so no deterministic rule links across agencies: only the matcher could.
 */
class RelativesAreNotMergedTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    private static final AtomicInteger sequence = new AtomicInteger();

    private long send(String agency, String given, String family, LocalDate born, Sex sex, String postcode) {
        String local = "REL-" + sequence.incrementAndGet();
        PersonRecord person = new PersonRecord(local, given, family, born, sex, null, List.of(agency + ":" + local),
                postcode == null ? List.of() : List.of(new Address("4 Test Row", postcode, null, null)), null, null);
        return KeptRecords.keep(gateway, jdbc, agency, person);
    }

    private UUID subjectOf(long record) {
        return KeptRecords.subjectOf(jdbc, record);
    }

    private int reviewsOf(long record) {
        return jdbc.sql("select count(*) from link_review where person_record_id = ?").param(record).query(Integer.class).single();
    }

    @Test
    void twinsWithDifferentGivenNamesOrSexAtOneAddressStayApart() {
        LocalDate born = LocalDate.of(2012, 5, 14);
        long amara = send("met-police", "Amara", "Threlkeld", born, Sex.FEMALE, "SE5 7PP");
        long amaraAgain = send("lambeth-housing", "Amara", "Threlkeld", born, Sex.FEMALE, "SE5 7PP");
        long chidi = send("lambeth-housing", "Chidi", "Threlkeld", born, Sex.MALE, "SE5 7PP");
        long adaeze = send("lambeth-asc", "Adaeze", "Threlkeld", born, Sex.FEMALE, "SE5 7PP");

        assertThat(subjectOf(amaraAgain)).as("the same girl at two agencies").isEqualTo(subjectOf(amara));
        assertThat(subjectOf(chidi)).as("her twin brother").isNotEqualTo(subjectOf(amara));
        assertThat(subjectOf(adaeze)).as("her twin sister").isNotEqualTo(subjectOf(amara)).isNotEqualTo(subjectOf(chidi));
        assertThat(reviewsOf(chidi) + reviewsOf(adaeze)).as("different people by rule, not a question for an analyst").isZero();
    }

    @Test
    void aFatherAndSonOfOneNameAreNotBridgedByARecordWithoutADateOfBirth() {
        long father = send("lambeth-asc", "Kwabena", "Abernethy", LocalDate.of(1975, 3, 2), Sex.MALE, "SW9 6QT");
        // the police record a man of that name at that address, with no date of birth: it joins the father
        long undated = send("met-police", "Kwabena", "Abernethy", null, Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(undated)).isEqualTo(subjectOf(father));
        // the son: same name, same address, a generation younger; he resembles the undated record exactly
        long son = send("lambeth-housing", "Kwabena", "Abernethy", LocalDate.of(2005, 8, 19), Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(son)).as("the son never joins his father's subject").isNotEqualTo(subjectOf(father));
        long sonAgain = send("met-police", "Kwabena", "Abernethy", LocalDate.of(2005, 8, 19), Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(sonAgain)).as("his own records still find him").isEqualTo(subjectOf(son));

        // now both are known: another undated record could be either, so it goes to review and joins neither
        long either = send("lfb", "Kwabena", "Abernethy", null, Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(either)).isNotEqualTo(subjectOf(father)).isNotEqualTo(subjectOf(son));
        assertThat(reviewsOf(either)).isEqualTo(1);
    }

    @Test
    void aMotherAndHerTwinDaughtersStayThreePeople() {
        long mother = send("lambeth-housing", "Efua", "Quansah-Test", LocalDate.of(1982, 11, 23), Sex.FEMALE, "SE27 9HB");
        LocalDate twins = LocalDate.of(2010, 2, 3);
        long ama = send("met-police", "Ama", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");
        long esi = send("lambeth-asc", "Esi", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");
        // an undated record of the mother's name
        long undated = send("lfb", "Efua", "Quansah-Test", null, Sex.FEMALE, "SE27 9HB");
        long amaAgain = send("lambeth-asc", "Ama", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");

        assertThat(List.of(subjectOf(mother), subjectOf(ama), subjectOf(esi))).doesNotHaveDuplicates();
        assertThat(subjectOf(undated)).isEqualTo(subjectOf(mother));
        assertThat(subjectOf(amaAgain)).isEqualTo(subjectOf(ama));
    }
}
