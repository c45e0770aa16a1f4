package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Issue 17, item 7: consent and case assignments are recorded for a person, so when two subjects are
 * found to be one person they follow the records into the subject that remains, and a split that undoes
 * the merge takes back exactly what the merge brought, each move kept and audited.
 */
class ConsentFollowsMergesTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    @Autowired
    LinkReviews reviews;

    private long send(String agencyId, String given, String family, LocalDate born, String nhs, String postcode) {
        String local = "CFM-" + agencyId.substring(agencyId.indexOf(':') + 1) + "-" + System.nanoTime();
        PersonRecord person = new PersonRecord(local, given, family, born, Sex.MALE, nhs, List.of(agencyId),
                postcode == null ? List.of() : List.of(new Address("3 Test Row", postcode, null, null)), null, null);
        return KeptRecords.keep(gateway, jdbc, agencyId.substring(0, agencyId.indexOf(':')), person);
    }

    private long consent(UUID subject, String state) {
        return jdbc.sql("""
                insert into consent (subject_id, agency, purpose, state, evidence, recorded_by)
                values (?, 'met-police', 'VVASB_PANEL', ?, 'Consent form signed at the panel', 'lambeth.analyst') returning id""")
                .params(subject, state).query(Long.class).single();
    }

    private long assign(UUID subject, String manager) {
        return jdbc.sql("""
                insert into case_assignment (subject_id, case_manager, assigned_by, purpose, agreement, agreement_version)
                values (?, ?, 'panel.chair', 'VVASB_PANEL', 'lambeth-vvasb-panel', '1') returning id""")
                .params(subject, manager).query(Long.class).single();
    }

    private UUID subjectOfConsent(long id) {
        return jdbc.sql("select subject_id from consent where id = ?").param(id).query(UUID.class).single();
    }

    private UUID subjectOfAssignment(long id) {
        return jdbc.sql("select subject_id from case_assignment where id = ?").param(id).query(UUID.class).single();
    }

    @Test
    void consentAndCaseAssignmentsFollowAMergeAndGoBackWithASplit() {
        LocalDate born = LocalDate.of(1987, 12, 4);
        String number = KeptRecords.nhsNumber(41);
        long police = send("met-police:CFM-P1", "Adetokunbo", "Quayle-Test", born, number, "SW2 4QQ");
        long housing = send("lambeth-housing:CFM-H1", "Adetokunbo", "Nakagawa-Test", born, null, null);
        UUID first = KeptRecords.subjectOf(jdbc, police);
        UUID second = KeptRecords.subjectOf(jdbc, housing);
        assertThat(second).isNotEqualTo(first);

        long granted = consent(first, "GRANTED");
        long caseManager = assign(first, "lambeth.caseworker");
        // both subjects already have this manager: the second assignment would be a duplicate
        long duplicate = assign(first, "lambeth.ward-officer");
        long kept = assign(second, "lambeth.ward-officer");

        // housing records his NHS number: one record carries keys of both subjects, so they merge by rule
        send("lambeth-housing:CFM-H1", "Adetokunbo", "Nakagawa-Test", born, number, null);
        assertThat(KeptRecords.subjectOf(jdbc, police)).isEqualTo(second);
        assertThat(subjectOfConsent(granted)).as("his consent follows his records").isEqualTo(second);
        assertThat(subjectOfAssignment(caseManager)).as("and his case manager").isEqualTo(second);
        assertThat(subjectOfAssignment(duplicate)).as("a duplicate assignment stays behind").isEqualTo(first);
        assertThat(subjectOfAssignment(kept)).isEqualTo(second);
        long merge = jdbc.sql("select id from identity_decision where kind = 'merge-subjects' and subject_id = ?").param(second)
                .query(Long.class).single();
        assertThat(jdbc.sql("select kind || ':' || row_id from subject_row_move where decision_id = ? order by kind")
                .param(merge).query(String.class).list())
                .containsExactly("case-assignment:" + caseManager, "consent:" + granted);
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where operation = 'moveSubjectRows' and subjects @> array[?::uuid, ?::uuid]""")
                .params(first, second).query(Integer.class).single()).isEqualTo(1);

        // consent recorded after the merge is the merged person's: a split does not take it
        long later = consent(second, "WITHDRAWN");
        reviews.split(second, List.of(police), "lambeth.analyst", "two people after all");
        assertThat(KeptRecords.subjectOf(jdbc, police)).isEqualTo(first);
        assertThat(subjectOfConsent(granted)).as("back with the records it came with").isEqualTo(first);
        assertThat(subjectOfAssignment(caseManager)).isEqualTo(first);
        assertThat(subjectOfAssignment(duplicate)).isEqualTo(first);
        assertThat(subjectOfAssignment(kept)).isEqualTo(second);
        assertThat(subjectOfConsent(later)).isEqualTo(second);
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where operation = 'returnSubjectRows' and subjects @> array[?::uuid, ?::uuid]""")
                .params(first, second).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anAnalystsConfirmedLinkMovesThemTooAndTheSplitBringsThemBack() {
        LocalDate born = LocalDate.of(1979, 6, 23);
        // her maiden name at the police, her married name at housing with no address: a pair between the thresholds
        PersonRecord maiden = new PersonRecord("CFM-P2", "Imogen", "Pendlebury", born, Sex.FEMALE, null,
                List.of("met-police:CFM-P2"), List.of(new Address("1 Test Row", "SW9 8AB", null, null)), null, null);
        PersonRecord married = new PersonRecord("CFM-H2", "Imogen", "Marchbank", born, Sex.FEMALE, null,
                List.of("lambeth-housing:CFM-H2"), List.of(), null, null);
        long stored = KeptRecords.keep(gateway, jdbc, "met-police", maiden);
        long arriving = KeptRecords.keep(gateway, jdbc, "lambeth-housing", married);
        UUID arrivingSubject = KeptRecords.subjectOf(jdbc, arriving);
        UUID storedSubject = KeptRecords.subjectOf(jdbc, stored);
        long review = jdbc.sql("select id from link_review where person_record_id = ?").param(arriving).query(Long.class).single();
        long granted = consent(arrivingSubject, "GRANTED");
        long caseManager = assign(arrivingSubject, "lambeth.caseworker");

        reviews.confirm(review, "lambeth.analyst", "Same person: married in 2015");
        assertThat(KeptRecords.subjectOf(jdbc, arriving)).isEqualTo(storedSubject);
        assertThat(subjectOfConsent(granted)).isEqualTo(storedSubject);
        assertThat(subjectOfAssignment(caseManager)).isEqualTo(storedSubject);

        reviews.split(storedSubject, List.of(arriving), "lambeth.analyst", "two women of one name after all");
        assertThat(KeptRecords.subjectOf(jdbc, arriving)).isEqualTo(arrivingSubject);
        assertThat(subjectOfConsent(granted)).isEqualTo(arrivingSubject);
        assertThat(subjectOfAssignment(caseManager)).isEqualTo(arrivingSubject);
    }
}
