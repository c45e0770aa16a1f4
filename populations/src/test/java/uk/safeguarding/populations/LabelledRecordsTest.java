package uk.safeguarding.populations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.populations.LabelledRecords.LabelledRecord;
import uk.safeguarding.simulators.Simulators;

class LabelledRecordsTest {

    @Test
    void deterministicForASeed() {
        List<LabelledRecord> once = LabelledRecords.stream(5, 2000).toList();
        assertThat(LabelledRecords.stream(5, 2000).toList()).isEqualTo(once);
        assertThat(LabelledRecords.stream(6, 2000).toList()).isNotEqualTo(once);
    }

    @Test
    void everyPersonIsLabelledAndEveryPartyIsAPerson() {
        LabelledRecords.stream(5, 5000).forEach(l -> {
            var r = l.record();
            assertThat(r.problems()).isEmpty();
            assertThat(r.people().stream().map(PersonRecord::localId).collect(Collectors.toSet()))
                    .isEqualTo(l.trueIdByLocalPersonId().keySet());
            assertThat(l.trueIdByLocalPersonId().values()).allMatch(id -> id.matches("[PC]\\d{8}"));
            assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.parties())
                    .allMatch(p -> l.trueIdByLocalPersonId().containsKey(p.personLocalId())));
            // the label is never in the payload
            l.trueIdByLocalPersonId().values().forEach(id -> assertThat(r.raw()).doesNotContain(id));
        });
    }

    @Test
    void aHundredThousandRecordsStreamInTheSimulatorsProportionsWithoutBeingHeld() {
        Map<String, Integer> byAgency = new HashMap<>();
        Map<String, Integer> recordsPerPerson = new HashMap<>();
        long[] people = new long[1];
        long[] variedOrNoBirth = new long[1];
        LabelledRecords.stream(Simulators.SEED, 100_000).forEach(l -> {
            byAgency.merge(l.record().agency(), 1, Integer::sum);
            people[0] += l.record().people().size();
            l.trueIdByLocalPersonId().values().forEach(id -> recordsPerPerson.merge(id, 1, Integer::sum));
            l.record().people().stream().filter(p -> p.dateOfBirth() == null).forEach(p -> variedOrNoBirth[0]++);
        });
        assertThat(byAgency.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_000);
        assertThat(byAgency.keySet()).containsExactlyInAnyOrder("met-police", "tfl", "lfb", "lambeth-housing",
                "lambeth-asc", "lambeth-csc", "slam");
        assertThat(byAgency.get("met-police")).isBetween(55_000, 70_000);
        // repeat victims: some people are in many records
        assertThat(recordsPerPerson.values().stream().filter(n -> n >= 10).count()).isGreaterThan(100);
        assertThat(variedOrNoBirth[0] / (double) people[0]).isBetween(0.001, 0.1);
    }

    @Test
    void eventKindsAreTheConnectorsKinds() {
        assertThat(LabelledRecords.stream(5, 3000).map(l -> l.record().events().get(0)).map(EventRecord::kind)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("asb-incident", "crime", "network-safeguarding-report",
                "fire-attendance", "home-fire-safety-visit", "asb-complaint", "tenancy-event", "care-assessment",
                "safeguarding-enquiry", "mental-health-encounter", "cin-referral");
    }
}
