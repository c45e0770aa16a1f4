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
 * its own id, so no deterministic rule links across agencies: only the matcher could. A record without a
 * date of birth joins a subject only on something personal they share (a mobile number, an e-mail address).
 */
class RelativesAreNotMergedTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    private static final AtomicInteger sequence = new AtomicInteger();

    private long send(String agency, String given, String family, LocalDate born, Sex sex, String postcode) {
        return send(agency, given, family, born, sex, postcode, null);
    }

    private long send(String agency, String given, String family, LocalDate born, Sex sex, String postcode, String phone) {
        String local = "REL-" + sequence.incrementAndGet();
        PersonRecord person = new PersonRecord(local, given, family, born, sex, null, List.of(agency + ":" + local),
                postcode == null ? List.of() : List.of(new Address("4 Test Row", postcode, null, null)), phone, null);
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
        // the police record a man of that name at that address, with no date of birth: he could be the father
        // or a son of the same name nobody has dated yet, so it is not linked to the father on name and address
        long undated = send("met-police", "Kwabena", "Abernethy", null, Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(undated)).isNotEqualTo(subjectOf(father));
        assertThat(reviewsOf(undated)).as("apart, not a question: nothing in it could answer one").isZero();
        // the son: same name, same address, a generation younger
        long son = send("lambeth-housing", "Kwabena", "Abernethy", LocalDate.of(2005, 8, 19), Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(son)).as("the son never joins his father's subject").isNotEqualTo(subjectOf(father))
                .isNotEqualTo(subjectOf(undated));
        long sonAgain = send("met-police", "Kwabena", "Abernethy", LocalDate.of(2005, 8, 19), Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(sonAgain)).as("his own records still find him").isEqualTo(subjectOf(son));

        // now both are known: another undated record could be either, so it goes to review and joins neither
        long either = send("lfb", "Kwabena", "Abernethy", null, Sex.MALE, "SW9 6QT");
        assertThat(subjectOf(either)).isNotEqualTo(subjectOf(father)).isNotEqualTo(subjectOf(son));
        assertThat(reviewsOf(either)).isEqualTo(1);
    }

    /**
     * The shape behind issue 17's remaining parent-child merges: a father and son of one name, sex and
     * address, and a record of that name there without a date of birth (a fire brigade occupier, a
     * name given second-hand). Whatever order the three arrive in, father and son never share a subject,
     * and the undated record joins neither: nothing in it says which of them it is.
     */
    @Test
    void aFatherAndSonOfOneNameNeverShareASubjectWhateverTheOrderTheirRecordsArriveIn() {
        String[] families = {"Ashworth-Okoye", "Brannigan-Osei", "Castellane-Abiodun", "Dunmore-Achterberg",
            "Elphinstone-Mwangi", "Fairweather-Nakamura"};
        String[] postcodes = {"SW2 5QA", "SW9 7QB", "SE11 4QD", "SE27 8QE", "SW16 3QF", "SE5 9QG"};
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int o = 0; o < orders.length; o++) {
            String family = families[o];
            String postcode = postcodes[o];
            long[] kept = new long[3];
            for (int who : orders[o]) {
                kept[who] = switch (who) {
                    case 0 -> send("lambeth-asc", "Tobias", family, LocalDate.of(1971, 6, 14), Sex.MALE, postcode);
                    case 1 -> send("lambeth-csc", "Tobias", family, LocalDate.of(2009, 2, 27), Sex.MALE, postcode);
                    default -> send("lfb", "Tobias", family, null, Sex.MALE, postcode);
                };
            }
            String order = "arrival order " + java.util.Arrays.toString(orders[o]) + " (father 0, son 1, undated 2)";
            assertThat(subjectOf(kept[1])).as(order + ": father and son").isNotEqualTo(subjectOf(kept[0]));
            assertThat(subjectOf(kept[2])).as(order + ": the undated record").isNotEqualTo(subjectOf(kept[0]))
                    .isNotEqualTo(subjectOf(kept[1]));
            // and their own later records still find each of them
            long fatherAgain = send("met-police", "Tobias", family, LocalDate.of(1971, 6, 14), Sex.MALE, postcode);
            long sonAgain = send("met-police", "Tobias", family, LocalDate.of(2009, 2, 27), Sex.MALE, postcode);
            assertThat(subjectOf(fatherAgain)).as(order).isEqualTo(subjectOf(kept[0]));
            assertThat(subjectOf(sonAgain)).as(order).isEqualTo(subjectOf(kept[1]));
        }
    }

    @Test
    void anUndatedRecordJoinsOnAMobileNumberItShares() {
        String mobile = "07700 900417";
        long father = send("lambeth-asc", "Desmond", "Okereke-Test", LocalDate.of(1968, 9, 30), Sex.MALE, "SW4 0QH", mobile);
        long undated = send("lfb", "Desmond", "Okereke-Test", null, Sex.MALE, "SW4 0QH", mobile);
        assertThat(subjectOf(undated)).as("his own mobile number: his record").isEqualTo(subjectOf(father));
        // a landline is the household's: it says nothing about which of them
        long landline = send("lfb", "Desmond", "Okereke-Test", null, Sex.MALE, "SW4 0QH", "020 7946 0417");
        long fatherAtHome = send("met-police", "Desmond", "Okereke-Test", LocalDate.of(1968, 9, 30), Sex.MALE, "SW4 0QH",
                "020 7946 0417");
        assertThat(subjectOf(fatherAtHome)).isEqualTo(subjectOf(father));
        assertThat(subjectOf(landline)).isNotEqualTo(subjectOf(father));
    }

    @Test
    void aMotherAndHerTwinDaughtersStayThreePeople() {
        long mother = send("lambeth-housing", "Efua", "Quansah-Test", LocalDate.of(1982, 11, 23), Sex.FEMALE, "SE27 9HB");
        LocalDate twins = LocalDate.of(2010, 2, 3);
        long ama = send("met-police", "Ama", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");
        long esi = send("lambeth-asc", "Esi", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");
        // an undated record of the mother's name: she, or a daughter of her name the hub does not know
        long undated = send("lfb", "Efua", "Quansah-Test", null, Sex.FEMALE, "SE27 9HB");
        long amaAgain = send("lambeth-asc", "Ama", "Quansah-Test", twins, Sex.FEMALE, "SE27 9HB");

        assertThat(List.of(subjectOf(mother), subjectOf(ama), subjectOf(esi), subjectOf(undated))).doesNotHaveDuplicates();
        assertThat(subjectOf(amaAgain)).isEqualTo(subjectOf(ama));
    }
}
