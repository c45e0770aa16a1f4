package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.TestRecords;
import uk.safeguarding.hub.access.policy.PolicyFolder;

/**
 * The fact that an agency holds a record is decided for the record's own class of data: the fact of a mental
 * health crisis is health data. An agreement that sets out no Art. 9 basis shares that the trust holds an
 * ordinary record (an appointment letter) but not that it holds a special category one, in the timeline, a
 * single event or the agency coverage.
 */
class ExistenceByClassTest extends LocalHubTest {

    private static final Caller CASE_MANAGER = new Caller("triborough.casemanager", "rbkc-csc", Set.of("case-manager"),
            Set.of("E09000020", "E09000013", "E09000033"));

    /** The trust shares, for youth justice, only the fact of its records, with a basis for ordinary data alone. */
    private static final String ORDINARY_ONLY = """
            id: trust-existence-ordinary-only
            title: The mental health trust tells youth justice case managers which children it has written to
            version: "1.0"
            purposes: [YOUTH_JUSTICE]
            parties:
              - {agency: rbkc-csc, controller: joint-controller, receives: true}
              - {agency: slam, controller: controller}
            lawful-basis:
              ordinary: "UK GDPR Art. 6(1)(e) public task; Children Act 2004 s. 11"
            effective: 2025-09-01
            review-by: 2027-06-30
            expires: 2028-08-31
            retention: "6 years after the last intervention"
            recipient-boroughs: [E09000020]
            clauses:
              - id: "1.1"
                summary: That the trust holds a record about the child, and when.
                provider: slam
                fields: [event.kind, event.occurredAt, event.agency]
                roles: [case-manager]
                consent: not-required
                relationship: none
            signatories:
              - {name: Aisha Rahman, role: Director of Children's Services, agency: rbkc-csc, signed: 2025-08-04}
              - {name: Dr Ruth Mensah, role: Caldicott Guardian, agency: slam, signed: 2025-08-07}
            """;

    @Autowired
    RecordGateway gateway;

    @Autowired
    Disclosures disclosures;

    @AfterEach
    void shippedPoliciesAgain() {
        PolicyFolder.restore();
        assertThat(reload()).isTrue();
    }

    private boolean reload() {
        return client.query(client.devToken("hub.admin"), "mutation { reloadPolicies { loaded problems notices } }")
                .data().path("reloadPolicies").path("loaded").asBoolean();
    }

    @Test
    void withoutAnArticle9BasisASpecialCategoryRecordIsNotEvenShownToExist() throws IOException {
        Resident child = TestRecords.resident(7);
        TestRecords.mentalHealthEncounter(gateway, jdbc, child);
        appointmentLetter(child);
        Files.writeString(PolicyFolder.path().resolve("agreements/trust-existence-ordinary-only.yaml"), ORDINARY_ONLY);
        assertThat(reload()).isTrue();
        UUID subject = jdbc.sql("""
                select distinct l.subject_id from subject_link l join person_record p on p.id = l.person_record_id
                where p.agency = 'slam' and p.local_id = ? and l.status in ('auto', 'confirmed')""")
                .param("PAT-" + child.trueId()).query(UUID.class).single();

        List<DisclosedEvent> timeline = disclosures.timeline(CASE_MANAGER, Purpose.YOUTH_JUSTICE, subject, Set.of("slam"), 0, 50)
                .items();

        assertThat(timeline).extracting(DisclosedEvent::kind).containsExactly("appointment-letter");
        assertThat(timeline.get(0).sensitivity()).isEqualTo("ORDINARY");
        UUID crisis = jdbc.sql("select id from event where agency = 'slam' and local_id = ? and current").param("ENC-" + child.trueId())
                .query(UUID.class).single();
        assertThat(disclosures.event(CASE_MANAGER, Purpose.YOUTH_JUSTICE, subject, crisis)).isEmpty();
        assertThat(disclosures.coverage(CASE_MANAGER, Purpose.YOUTH_JUSTICE, subject))
                .filteredOn(c -> c.agency().equals("slam")).singleElement()
                .satisfies(c -> assertThat(c.events()).isEqualTo(1));
    }

    /** An ordinary record of the trust's: a letter offering an appointment. */
    private void appointmentLetter(Resident r) {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'slam-fhir') returning id::text")
                .query(String.class).single();
        PersonRecord patient = new PersonRecord("PAT-" + r.trueId(), r.givenName(), r.familyName(), r.dateOfBirth(),
                PersonRecord.Sex.valueOf(r.sex().toUpperCase()), r.nhsNumber(), List.of("slam:PAT-" + r.trueId()),
                List.of(), null, null);
        EventRecord letter = new EventRecord("LET-" + r.trueId(), "appointment-letter", Instant.parse("2026-10-09T09:00:00Z"),
                "appointment", "Letter offering an appointment", null, EventRecord.Sensitivity.ORDINARY,
                List.of(new EventRecord.Party(patient.localId(), EventRecord.Role.PATIENT)));
        gateway.receive(new SourceRecord(run, "slam-fhir", "slam", "Communication/LET-" + r.trueId(),
                "{\"resourceType\":\"Communication\"}", List.of(patient), List.of(letter), List.of()));
    }
}
