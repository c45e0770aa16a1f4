package uk.safeguarding.connectors.housing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

class HousingRowMapperTest {

    private final HousingRowMapper mapper = new HousingRowMapper("lambeth-housing-drop", "lambeth-housing");

    private static Map<String, String> complaint(String category, String perpetrator) {
        Map<String, String> row = new HashMap<>();
        row.put("CaseRef", "ASB-1");
        row.put("ReceivedDate", "14/08/2026");
        row.put("Category", category);
        row.put("ComplainantGivenName", "Amina");
        row.put("ComplainantFamilyName", "Okafor");
        row.put("ComplainantDateOfBirth", "02/03/1961");
        row.put("PerpetratorGivenName", perpetrator);
        row.put("PerpetratorFamilyName", perpetrator.isEmpty() ? "" : "Reid");
        row.put("UPRN", "000100021234");
        row.put("AddressLine", "1 Acre Lane");
        row.put("Postcode", "SW2 5SG");
        row.put("BoroughCode", "E09000022");
        row.put("ActionTaken", "Warning letter sent");
        row.put("Status", "open");
        return row;
    }

    @Test
    void aComplaintNamesTheComplainantAndTheAllegedPerpetrator() {
        SourceRecord record = mapper.complaint("run", complaint("Harassment", "Leon"), "raw");

        assertThat(record.problems()).isEmpty();
        assertThat(record.people()).hasSize(2);
        assertThat(record.people().get(0).dateOfBirth()).isEqualTo(LocalDate.of(1961, 3, 2));
        assertThat(record.people().get(0).addresses().get(0).uprn()).isEqualTo("100021234");
        EventRecord event = record.events().get(0);
        assertThat(event.kind()).isEqualTo("asb-complaint");
        assertThat(event.category()).isEqualTo("harassment");
        assertThat(event.parties()).extracting(EventRecord.Party::role)
                .containsExactly(EventRecord.Role.COMPLAINANT, EventRecord.Role.ALLEGED_PERPETRATOR);
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.ORDINARY);
    }

    @Test
    void anUnnamedPerpetratorLeavesTheComplaintStandingAndHateIsSpecialCategory() {
        SourceRecord record = mapper.complaint("run", complaint("hate", ""), "raw");

        assertThat(record.people()).singleElement().satisfies(p -> assertThat(p.familyName()).isEqualTo("Okafor"));
        assertThat(record.events().get(0).sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
    }

    @Test
    void everyProblemOfARowIsNamed() {
        Map<String, String> row = complaint("loud music", "Leon");
        row.put("ReceivedDate", "31/09/2026");
        row.put("PerpetratorDateOfBirth", "1970-01-01");

        SourceRecord record = mapper.complaint("run", row, "raw");

        assertThat(record.problems()).containsExactlyInAnyOrder("ReceivedDate: not a date (DD/MM/YYYY)",
                "PerpetratorDateOfBirth: not a date (DD/MM/YYYY)",
                "Category: must be one of [harassment, hate, noise, property damage, threats]");
        assertThat(record.raw()).isEqualTo("raw");
    }

    @Test
    void tenancyEventsAreAboutTheTenant() {
        Map<String, String> row = new HashMap<>();
        row.put("TenancyRef", "T1234");
        row.put("EventType", "Emergency move");
        row.put("EventDate", "01/09/2026");
        row.put("TenantGivenName", "Amina");
        row.put("TenantFamilyName", "Okafor");
        row.put("TenantDateOfBirth", "02/03/1961");
        row.put("TenancyType", "Secure");
        row.put("ReasonForMove", "Racial harassment");

        SourceRecord record = mapper.tenancy("run", row, "raw");

        assertThat(record.problems()).isEmpty();
        assertThat(record.sourceId()).isEqualTo("T1234/emergency-move/2026-09-01");
        assertThat(record.events().get(0).summary()).contains("Racial harassment");
        assertThat(record.events().get(0).parties().get(0).role()).isEqualTo(EventRecord.Role.OCCUPIER);
    }
}
