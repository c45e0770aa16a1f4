package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.LocalHubTest;

/**
 * An exact key (agency id, NHS number) links a record for certain only to a subject it could be one person
 * with (issue 17): written as the data-entry error it guards against, one twin's NHS number or police
 * nominal id typed on the other twin's record. Such a record is never linked by the key; it keeps a subject
 * of its own and its pair with the key's subject waits for an analyst, with the reason. Every assertion is
 * about this test's own records, so the other tests sharing the hub do not matter.
 */
class KeyConflictsTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    @Autowired
    LinkReviews reviews;

    private static final AtomicInteger sequence = new AtomicInteger();
    private static final LocalDate BORN = LocalDate.of(2011, 2, 23);

    private static PersonRecord person(String agencyId, String given, Sex sex, String nhs) {
        return new PersonRecord("KEY-" + sequence.incrementAndGet(), given, "Okonkwo-Haverford", BORN, sex, nhs,
                List.of(agencyId), List.of(new Address("12 Test Row", "SW2 5JB", null, null)), null, null);
    }

    private long send(String agencyId, String given, Sex sex, String nhs) {
        return KeptRecords.keep(gateway, jdbc, agencyId.substring(0, agencyId.indexOf(':')), person(agencyId, given, sex, nhs));
    }

    private UUID subjectOf(long record) {
        return KeptRecords.subjectOf(jdbc, record);
    }

    /** The pairs proposed for the record: cause and candidate. */
    private List<LinkReviews.Review> reviewsOf(long record) {
        return jdbc.sql("select id from link_review where person_record_id = ? order by id").param(record).query(Long.class)
                .list().stream().map(id -> reviews.review(id).orElseThrow()).toList();
    }

    private String method(long record) {
        return jdbc.sql("select method from subject_link where person_record_id = ? and status = 'auto'").param(record)
                .query(String.class).single();
    }

    @Test
    void aTwinsNhsNumberOnTheOtherTwinsRecordIsNeverLinkedAndWaitsForAnAnalyst() {
        String number = KeptRecords.nhsNumber(31);
        long ngozi = send("lambeth-asc:KEY-A1", "Ngozi", Sex.FEMALE, number);
        long adaobi = send("met-police:KEY-P1", "Adaobi", Sex.FEMALE, null);
        assertThat(subjectOf(adaobi)).as("twins").isNotEqualTo(subjectOf(ngozi));

        // housing records Adaobi, as "Ada", with her sister's NHS number
        long wrong = send("lambeth-housing:KEY-H1", "Ada", Sex.FEMALE, number);
        assertThat(subjectOf(wrong)).as("not Ngozi, whose NHS number it carries").isNotEqualTo(subjectOf(ngozi));
        assertThat(method(wrong)).isEqualTo("new-subject");
        List<LinkReviews.Review> pairs = reviewsOf(wrong);
        assertThat(pairs).hasSize(1);
        LinkReviews.Review pair = pairs.get(0);
        assertThat(pair.status()).isEqualTo("pending");
        assertThat(pair.candidateRecordId()).as("the record carrying the number").isEqualTo(ngozi);
        assertThat(pair.cause()).isEqualTo(LinkReviews.Cause.NHS_NUMBER_CONFLICT);
        assertThat(pair.cause().explanation).contains("NHS number", "clearly differ", "not linked");
        assertThat(pair.contributions()).as("the waterfall shows where they differ")
                .anySatisfy(c -> assertThat(c.field()).isEqualTo("GIVEN_NAME"));

        // with her full name, her name and date of birth find her own subject: it joins her, and the number is
        // still a question
        long named = send("lambeth-housing:KEY-H3", "Adaobi", Sex.FEMALE, number);
        assertThat(subjectOf(named)).isEqualTo(subjectOf(adaobi));
        assertThat(method(named)).isEqualTo("name-and-date-of-birth");
        assertThat(reviewsOf(named)).extracting(LinkReviews.Review::cause, LinkReviews.Review::candidateRecordId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LinkReviews.Cause.NHS_NUMBER_CONFLICT, ngozi));
        assertThat(subjectOf(adaobi)).as("nor are the twins merged through it").isNotEqualTo(subjectOf(ngozi));

        // the number stays with Ngozi: her own later records still link by it, for certain and with no question
        assertThat(jdbc.sql("select subject_id from subject_key where kind = 'nhs-number' and value = ?").param(number)
                .query(UUID.class).single()).isEqualTo(subjectOf(ngozi));
        long ngoziAgain = send("lambeth-housing:KEY-H2", "Ngozi", Sex.FEMALE, number);
        assertThat(subjectOf(ngoziAgain)).isEqualTo(subjectOf(ngozi));
        assertThat(method(ngoziAgain)).isEqualTo("nhs-number");
        assertThat(reviewsOf(ngoziAgain)).isEmpty();
    }

    @Test
    void anOrdinaryExactKeyLinkStillLinksWithTheRecordingNoiseOfOnePerson() {
        String number = KeptRecords.nhsNumber(32);
        long first = send("lambeth-asc:KEY-A3", "Chukwuemeka", Sex.MALE, number);
        // the police know him by a short form, under their own id, with his NHS number
        long police = send("met-police:KEY-P3", "Emeka", Sex.MALE, number);
        assertThat(subjectOf(police)).isEqualTo(subjectOf(first));
        assertThat(method(police)).isEqualTo("nhs-number");
        assertThat(reviewsOf(police)).isEmpty();
        // and a typo in his name under the police id links by the id
        long typo = send("met-police:KEY-P3", "Emkea", Sex.MALE, null);
        assertThat(subjectOf(typo)).isEqualTo(subjectOf(first));
        assertThat(method(typo)).isEqualTo("agency-id");
    }

    @Test
    void aTwinsPoliceIdOnTheOtherTwinsRecordInOneIncidentIsNotLinkedByIt() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'identity-test') returning id::text")
                .query(String.class).single();
        // one incident names both twins; the officer gives the brother his sister's nominal id
        PersonRecord kemi = person("met-police:KEY-N5", "Oluwakemi", Sex.FEMALE, null);
        PersonRecord tunde = person("met-police:KEY-N5", "Babatunde", Sex.MALE, null);
        String sourceId = "KEY-INC-" + sequence.incrementAndGet();
        EventRecord event = new EventRecord(sourceId, "incident", Instant.parse("2026-03-02T21:00:00Z"), "anti-social-behaviour",
                "Dispute", null, EventRecord.Sensitivity.ORDINARY,
                List.of(new EventRecord.Party(kemi.localId(), EventRecord.Role.VICTIM),
                        new EventRecord.Party(tunde.localId(), EventRecord.Role.WITNESS)));
        assertThat(gateway.receive(new SourceRecord(run, "identity-test", "met-police", sourceId, "{\"id\":\"" + sourceId + "\"}",
                List.of(kemi, tunde), List.of(event), List.of()))).isEqualTo(RecordGateway.Outcome.STORED);
        List<Long> records = jdbc.sql("""
                select r.id from person_record r join source_record s on s.id = r.source_record_id
                where s.source_id = ? order by r.id""").param(sourceId).query(Long.class).list();
        assertThat(records).hasSize(2);
        long sister = records.get(0);
        long brother = records.get(1);
        assertThat(subjectOf(brother)).as("a brother of another sex is never his sister").isNotEqualTo(subjectOf(sister));
        assertThat(reviewsOf(brother)).extracting(LinkReviews.Review::cause, LinkReviews.Review::candidateRecordId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LinkReviews.Cause.AGENCY_ID_CONFLICT, sister));
        // the id stays with the sister's subject
        long sisterAgain = send("met-police:KEY-N5", "Kemi", Sex.FEMALE, null);
        assertThat(subjectOf(sisterAgain)).isEqualTo(subjectOf(sister));
    }
}
