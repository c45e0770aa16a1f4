package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoliceApiSimulatorTest {

    private final PoliceApiSimulator police = Simulators.of(Simulators.SEED, 150).police();

    @Test
    void pagesCoverEveryIncidentOnceInTheDataPoliceUkShape() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> references = new HashSet<>();
        int pages = 0;
        int expectedPages = (police.incidents().size() + PoliceApiSimulator.PAGE_SIZE - 1) / PoliceApiSimulator.PAGE_SIZE;
        for (String stub : police.stubMappings().values()) {
            JsonNode body = json.readTree(stub).path("response").path("jsonBody");
            pages++;
            assertThat(body.path("total_pages").asInt()).isEqualTo(expectedPages);
            for (JsonNode incident : body.path("incidents")) {
                assertThat(references.add(incident.path("reference").asText())).isTrue();
                assertThat(incident.path("month").asText()).matches("\\d{4}-\\d{2}");
                boolean asb = incident.path("category").asText().equals("anti-social-behaviour");
                assertThat(incident.path("persistent_id").asText()).matches(asb ? "" : "[0-9a-f]{64}");
                assertThat(incident.path("location").path("uprn").asText()).matches("\\d{12}");
                assertThat(incident.path("people").size()).isBetween(1, 3);
                List<String> ids = incident.path("people").findValuesAsText("person_id");
                assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("MPS-N\\d+"));
            }
        }
        assertThat(pages).isEqualTo(expectedPages);
        assertThat(references).hasSize(police.incidents().size());
    }

    @Test
    void theForceKeepsOneNominalPerPersonWithTheSameDetailsEveryTime() {
        // a person's records all carry the same nominal id and details; two people never share an id
        java.util.Map<String, String> trueIdByNominal = new java.util.HashMap<>();
        java.util.Map<String, String> detailsByNominal = new java.util.HashMap<>();
        for (JsonNode incident : police.incidents()) {
            for (JsonNode p : incident.path("people")) {
                String id = p.path("person_id").asText();
                String details = p.path("given_name").asText() + "|" + p.path("surname").asText() + "|"
                        + p.path("date_of_birth").asText() + "|" + p.path("home_address").path("postcode").asText();
                assertThat(detailsByNominal.computeIfAbsent(id, k -> details)).isEqualTo(details);
            }
        }
        for (RecordedPerson t : police.truth()) {
            assertThat(trueIdByNominal.computeIfAbsent(t.localPersonId(), k -> t.trueId())).isEqualTo(t.trueId());
        }
        assertThat(Set.copyOf(trueIdByNominal.values())).hasSize(trueIdByNominal.size());
    }

    @Test
    void repeatVictimsAppearAgainAndAgain() {
        long repeat = police.truth().stream().collect(java.util.stream.Collectors.groupingBy(RecordedPerson::trueId,
                java.util.stream.Collectors.counting())).values().stream().filter(n -> n >= 5).count();
        assertThat(repeat).isGreaterThan(10);
    }
}
