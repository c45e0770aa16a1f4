package uk.safeguarding.connectors.socialcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

class AdultSocialCareRowMapperTest {

    private final AdultSocialCareRowMapper mapper = new AdultSocialCareRowMapper("lambeth-asc-drop", "lambeth-asc");

    private static Map<String, String> enquiry(String risks) {
        Map<String, String> row = new HashMap<>();
        row.put("Enquiry_ID", "S42-1");
        row.put("Person_ID", "ASC1");
        row.put("NHS_Number", "9990000018");
        row.put("First_Name", "Amina");
        row.put("Last_Name", "Okafor");
        row.put("Der_DOB", "1961-03-02");
        row.put("Gender", "Female");
        row.put("Postcode", "SW2 5SG");
        row.put("concern_received_date", "2026-08-01");
        row.put("type_of_risk", risks);
        row.put("location_of_risk", "Own home");
        row.put("source_of_risk", "Known to individual");
        row.put("outcome", "Risk reduced");
        return row;
    }

    @Test
    void anEnquiryIsSpecialCategoryAboutAVulnerablePersonKnownByTheirNhsNumber() {
        SourceRecord record = mapper.enquiry("run", enquiry("Psychological;Financial or Material"), "raw");

        assertThat(record.problems()).isEmpty();
        assertThat(record.people()).singleElement().satisfies(p -> {
            assertThat(p.nhsNumber()).isEqualTo("9990000018");
            assertThat(p.agencyIds()).containsExactly("lambeth-asc:ASC1");
        });
        EventRecord event = record.events().get(0);
        assertThat(event.kind()).isEqualTo("safeguarding-enquiry");
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
        assertThat(event.summary()).contains("psychological, financial or material");
        assertThat(event.parties().get(0).role()).isEqualTo(EventRecord.Role.VULNERABLE_PERSON);
    }

    @Test
    void anUnknownTypeOfRiskOrABadDateIsNamed() {
        Map<String, String> row = enquiry("Psychological;Bad luck");
        row.put("concern_received_date", "01/08/2026");

        assertThat(mapper.enquiry("run", row, "raw").problems()).containsExactlyInAnyOrder(
                "type_of_risk: 'bad luck' is not a Care Act type of risk",
                "concern_received_date: not a date (YYYY-MM-DD)");
    }
}
