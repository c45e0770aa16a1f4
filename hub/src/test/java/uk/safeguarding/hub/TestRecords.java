package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.RecordedPerson;
import uk.safeguarding.simulators.Simulators;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * What the simulated partners sent the hub under test (a small synthetic London: see
 * {@code src/test/resources/config/application.yaml}), the residents tests can rely on, and records
 * from partners other than the police, sent through the same gateway the connectors use.
 */
public final class TestRecords {

    /** The hub tests' population (hub.simulator.people in the test configuration). */
    public static final int PEOPLE = 150;
    public static final Simulators LONDON = Simulators.of(Simulators.SEED, PEOPLE);

    private static final List<Resident> KNOWN_TO_POLICE;
    private static final List<Resident> TRUST_PATIENTS;

    static {
        // residents every simulated partner recorded exactly (no nickname, typo, old address...): found by
        // their true name and date of birth, under one subject; repeat victims first
        Map<String, List<RecordedPerson>> byPerson = LONDON.truth().stream()
                .collect(Collectors.groupingBy(RecordedPerson::trueId));
        Map<String, Long> policeRecords = new HashMap<>();
        byPerson.forEach((id, records) -> policeRecords.put(id, records.stream()
                .filter(r -> r.agency().equals("met-police")).count()));
        List<Resident> clean = LONDON.adults().stream()
                .filter(r -> policeRecords.getOrDefault(r.trueId(), 0L) > 0)
                .filter(r -> byPerson.get(r.trueId()).stream().allMatch(t -> t.variations().isEmpty()))
                .sorted(Comparator.comparing((Resident r) -> -policeRecords.get(r.trueId())).thenComparing(Resident::trueId))
                .toList();
        Predicate<Resident> trustKnows = r -> byPerson.get(r.trueId()).stream().anyMatch(t -> t.agency().equals("slam"));
        KNOWN_TO_POLICE = clean.stream().filter(trustKnows.negate()).toList();
        TRUST_PATIENTS = clean.stream().filter(trustKnows).toList();
    }

    private TestRecords() {
    }

    /**
     * The {@code index}-th resident the police know whom every simulated partner recorded exactly and
     * whom the simulated trust does not know (tests add their own mental health records), repeat
     * victims first.
     */
    public static Resident resident(int index) {
        return KNOWN_TO_POLICE.get(index);
    }

    /** A repeat victim the simulated trust also knows, recorded exactly everywhere. */
    public static Resident trustPatient() {
        return TRUST_PATIENTS.get(0);
    }

    /** A mental health trust's s136 encounter for a resident: special category data. */
    public static void mentalHealthEncounter(RecordGateway gateway, JdbcClient jdbc, Resident r) {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'slam-fhir') returning id::text")
                .query(String.class).single();
        PersonRecord patient = new PersonRecord("PAT-" + r.trueId(), r.givenName(), r.familyName(), r.dateOfBirth(),
                PersonRecord.Sex.valueOf(r.sex().toUpperCase()), r.nhsNumber(), List.of("slam:PAT-" + r.trueId()),
                List.of(), null, null);
        EventRecord encounter = new EventRecord("ENC-" + r.trueId(), "mental-health-encounter", Instant.parse("2026-10-02T14:00:00Z"),
                "section-136", "Detained under s136 after a crisis on the rail network; risk to self", null,
                EventRecord.Sensitivity.SPECIAL_CATEGORY,
                List.of(new EventRecord.Party(patient.localId(), EventRecord.Role.PATIENT)));
        assertThat(gateway.receive(new SourceRecord(run, "slam-fhir", "slam", "Encounter/ENC-" + r.trueId(),
                "{\"resourceType\":\"Encounter\"}", List.of(patient), List.of(encounter), List.of())))
                .isIn(RecordGateway.Outcome.STORED, RecordGateway.Outcome.DUPLICATE);
    }

    /**
     * Kensington and Chelsea children's services' record of a resident (a care leaver they still support),
     * with a child-in-need episode: the resident is then someone the tri-borough youth justice agreement covers.
     * Returns the resident's subject id.
     */
    /** The one subject the Lambeth analyst finds by the resident's name and date of birth under the panel's purpose. */
    public static String lambethSubject(GraphQlClient client, Resident r) {
        tools.jackson.databind.JsonNode edges = client.query(client.devToken("lambeth.analyst"), """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node").path("id").asString();
    }

    public static String knownToRbkcChildrensServices(RecordGateway gateway, JdbcClient jdbc, Resident r) {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'rbkc-csc-drop') returning id::text")
                .query(String.class).single();
        PersonRecord child = new PersonRecord("RBKC-" + r.trueId(), r.givenName(), r.familyName(), r.dateOfBirth(),
                PersonRecord.Sex.valueOf(r.sex().toUpperCase()), r.nhsNumber(), List.of("rbkc-csc:RBKC-" + r.trueId()),
                List.of(), null, null);
        EventRecord episode = new EventRecord("CIN-" + r.trueId(), "cin-referral", Instant.parse("2026-09-14T10:00:00Z"),
                "Abuse or neglect", "Children in need referral (source 3A: police); leaving-care support continues", null,
                EventRecord.Sensitivity.SPECIAL_CATEGORY,
                List.of(new EventRecord.Party(child.localId(), EventRecord.Role.CHILD)));
        assertThat(gateway.receive(new SourceRecord(run, "rbkc-csc-drop", "rbkc-csc", "child/RBKC-" + r.trueId(), "{}",
                List.of(child), List.of(episode), List.of()))).isIn(RecordGateway.Outcome.STORED, RecordGateway.Outcome.DUPLICATE);
        return jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'rbkc-csc' and p.local_id = ? and l.status <> 'rejected'""")
                .param("RBKC-" + r.trueId()).query(String.class).single();
    }
}
