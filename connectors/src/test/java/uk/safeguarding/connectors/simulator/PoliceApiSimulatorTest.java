package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.NhsNumber;

class PoliceApiSimulatorTest {

    private static final Path COMMITTED = Path.of("src/main/resources", PoliceApiSimulator.RESOURCE_DIR);

    @Test
    void committedStubsAreExactlyWhatTheGeneratorMakes() throws IOException {
        Map<String, String> generated = PoliceApiSimulator.stubMappings();
        try (Stream<Path> files = Files.list(COMMITTED)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(generated.keySet().stream().sorted().toList());
        }
        for (var file : generated.entrySet()) {
            assertThat(Files.readString(COMMITTED.resolve(file.getKey())))
                    .as("%s is stale: run PoliceApiSimulator.main to regenerate", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void pagesCoverEveryIncidentOnceInTheDataPoliceUkShape() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> references = new HashSet<>();
        int pages = 0;
        for (String stub : PoliceApiSimulator.stubMappings().values()) {
            JsonNode body = json.readTree(stub).path("response").path("jsonBody");
            pages++;
            assertThat(body.path("total_pages").asInt()).isEqualTo(PoliceApiSimulator.INCIDENTS / PoliceApiSimulator.PAGE_SIZE);
            for (JsonNode incident : body.path("incidents")) {
                assertThat(references.add(incident.path("reference").asText())).isTrue();
                assertThat(incident.path("month").asText()).matches("\\d{4}-\\d{2}");
                boolean asb = incident.path("category").asText().equals("anti-social-behaviour");
                assertThat(incident.path("persistent_id").asText()).matches(asb ? "" : "[0-9a-f]{64}");
                assertThat(incident.path("location").path("uprn").asText()).matches("\\d{12}");
                assertThat(incident.path("people").size()).isBetween(1, 3);
                List<String> ids = incident.path("people").findValuesAsText("person_id");
                assertThat(ids).doesNotHaveDuplicates();
            }
        }
        assertThat(pages).isEqualTo(8);
        assertThat(references).hasSize(PoliceApiSimulator.INCIDENTS);
    }

    @Test
    void residentsCarryValidTestRangeNhsNumbersAndStableTrueIds() {
        List<SyntheticLondon.Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, 150);
        assertThat(residents).allSatisfy(r -> {
            assertThat(r.nhsNumber()).startsWith("999");
            assertThat(NhsNumber.Validator.isValid(r.nhsNumber())).isTrue();
        });
        assertThat(residents.stream().map(SyntheticLondon.Resident::nhsNumber).distinct()).hasSize(150);
        assertThat(SyntheticLondon.residents(PoliceApiSimulator.SEED, 150)).isEqualTo(residents);
    }
}
