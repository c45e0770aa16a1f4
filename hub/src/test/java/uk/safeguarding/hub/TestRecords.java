package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.simulator.PoliceApiSimulator;
import uk.safeguarding.connectors.simulator.SyntheticLondon;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/** Records from partners other than the police, sent through the same gateway the connectors use. */
public final class TestRecords {

    private TestRecords() {
    }

    public static Resident resident(int index) {
        return SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS).get(index);
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
}
