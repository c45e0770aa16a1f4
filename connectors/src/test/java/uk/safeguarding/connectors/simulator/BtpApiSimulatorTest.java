package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BtpApiSimulatorTest {

    @Test
    void pagesCoverEveryIncidentOnceAtStationsUnderTheBtpPrefix() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> references = new HashSet<>();
        for (String stub : BtpApiSimulator.stubMappings().values()) {
            JsonNode mapping = json.readTree(stub);
            assertThat(mapping.path("request").path("urlPath").asText()).isEqualTo("/btp/incidents");
            for (JsonNode incident : mapping.path("response").path("jsonBody").path("incidents")) {
                assertThat(references.add(incident.path("reference").asText())).isTrue();
                assertThat(incident.path("location_type").asText()).isEqualTo("BTP");
                assertThat(incident.path("location_subtype").asText()).isEqualTo("STATION");
                assertThat(incident.path("location").path("street").path("name").asText()).endsWith(" Station");
                assertThat(incident.path("people").size()).isBetween(1, 2);
            }
        }
        assertThat(references).hasSize(BtpApiSimulator.INCIDENTS);
        assertThat(BtpApiSimulator.stubMappings()).isEqualTo(BtpApiSimulator.stubMappings());
    }
}
