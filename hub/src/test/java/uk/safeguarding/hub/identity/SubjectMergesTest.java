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
 * Subjects merge by rule when a later record carries identity keys two subjects hold (issue 17): the
 * merge is a decision of its own with the records it moved, audited, and undone by a split; two subjects
 * that clearly hold different people are not merged through a shared key.
 */
class SubjectMergesTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    @Autowired
    LinkReviews reviews;

    private static final AtomicInteger sequence = new AtomicInteger();

    private long send(String agencyId, String given, String family, LocalDate born, Sex sex, String nhs, String postcode) {
        String local = "MRG-" + sequence.incrementAndGet();
        PersonRecord person = new PersonRecord(local, given, family, born, sex, nhs, List.of(agencyId),
                postcode == null ? List.of() : List.of(new Address("9 Test Row", postcode, null, null)), null, null);
        return KeptRecords.keep(gateway, jdbc, agencyId.substring(0, agencyId.indexOf(':')), person);
    }

    private UUID subjectOf(long record) {
        return KeptRecords.subjectOf(jdbc, record);
    }

    private static String nhs(int i) {
        return KeptRecords.nhsNumber(i);
    }

    @Test
    void aRecordCarryingBothSubjectsKeysMergesThemAuditedAndASplitUndoesIt() {
        LocalDate born = LocalDate.of(1990, 4, 2);
        String number = nhs(1);
        long police = send("met-police:MRG-P1", "Olamide", "Varnavides", born, Sex.FEMALE, number, "SW9 7AA");
        // housing knows her by her married name, with no address: not enough for the matcher to link
        long housing = send("lambeth-housing:MRG-H1", "Olamide", "Ferreira-Kemp", born, Sex.FEMALE, null, null);
        UUID first = subjectOf(police);
        UUID second = subjectOf(housing);
        assertThat(second).isNotEqualTo(first);

        // housing later records her NHS number: its own id leads to one subject, the number to the other
        long later = send("lambeth-housing:MRG-H1", "Olamide", "Ferreira-Kemp", born, Sex.FEMALE, number, null);
        assertThat(subjectOf(later)).isEqualTo(second);
        assertThat(subjectOf(police)).as("the police record moved to the housing subject").isEqualTo(second);

        var merge = jdbc.sql("select id, decided_by from identity_decision where kind = 'merge-subjects' and subject_id = ?")
                .param(second).query().singleRow();
        assertThat(merge.get("decided_by")).isEqualTo("hub:deterministic-rules");
        assertThat(jdbc.sql("select person_record_id from link_move where decision_id = ? and from_subject = ? and to_subject = ?")
                .params(merge.get("id"), first, second).query(Long.class).list()).containsExactly(police);
        assertThat(jdbc.sql("select status from subject_link where person_record_id = ? order by id").param(police)
                .query(String.class).list()).containsExactly("superseded", "auto");
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where operation = 'mergeSubjects' and actor = 'hub:deterministic-rules'
                and subjects @> array[?::uuid, ?::uuid]""").params(first, second).query(Integer.class).single()).isEqualTo(1);
        // the NHS number's key followed the record: later police records join the merged subject for certain
        long again = send("met-police:MRG-P1", "Olamide", "Varnavides", born, Sex.FEMALE, number, "SW9 7AA");
        assertThat(subjectOf(again)).isEqualTo(second);

        // an analyst undoes it: the record the merge moved goes back to the subject it came from
        reviews.split(second, List.of(police), "lambeth.analyst", "two people after all");
        assertThat(subjectOf(police)).isEqualTo(first);
        assertThat(subjectOf(housing)).isEqualTo(second);
    }

    @Test
    void aKeySharedByTwoClearlyDifferentPeopleDoesNotMergeThem() {
        LocalDate born = LocalDate.of(2012, 9, 17);
        String number = nhs(2);
        long ade = send("met-police:MRG-P2", "Adewale", "Oyinlola-Test", born, Sex.MALE, number, "SE5 8QZ");
        long bisi = send("lambeth-asc:MRG-A2", "Olubisi", "Oyinlola-Test", born, Sex.FEMALE, null, "SE5 8QZ");
        assertThat(subjectOf(bisi)).isNotEqualTo(subjectOf(ade));
        // the care record is given her twin brother's NHS number by mistake
        long wrong = send("lambeth-asc:MRG-A2", "Olubisi", "Oyinlola-Test", born, Sex.FEMALE, number, "SE5 8QZ");
        assertThat(subjectOf(wrong)).isEqualTo(subjectOf(bisi));
        assertThat(subjectOf(ade)).isNotEqualTo(subjectOf(bisi));
        assertThat(jdbc.sql("select count(*) from identity_decision where kind = 'merge-subjects' and subject_id in (?, ?)")
                .params(subjectOf(ade), subjectOf(bisi)).query(Integer.class).single()).isZero();
    }
}
