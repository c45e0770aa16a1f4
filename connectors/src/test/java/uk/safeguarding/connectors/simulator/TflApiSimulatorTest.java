package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TflApiSimulatorTest {

    private static final Path COMMITTED = Path.of("src/main/resources", TflApiSimulator.RESOURCE_DIR);

    @Test
    void committedStubsAreExactlyWhatTheGeneratorMakes() throws IOException {
        Map<String, String> generated = TflApiSimulator.stubMappings();
        try (Stream<Path> files = Files.list(COMMITTED)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(generated.keySet().stream().sorted().toList());
        }
        for (var file : generated.entrySet()) {
            assertThat(Files.readString(COMMITTED.resolve(file.getKey())))
                    .as("%s is stale: run TflApiSimulator.main to regenerate", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void everyReportIsTaggedAndMostConcernTheRepeatVictims() {
        var reports = TflApiSimulator.reports();
        assertThat(reports).hasSize(TflApiSimulator.REPORTS)
                .allSatisfy(r -> assertThat(r.path("$type").asText()).isEqualTo(TflApiSimulator.REPORT_TYPE));
        long aboutRepeatVictims = reports.stream().filter(r -> SyntheticLondon.residents(PoliceApiSimulator.SEED, 30).stream()
                .anyMatch(p -> p.familyName().equals(r.path("person").path("familyName").asText())
                        && p.givenName().equals(r.path("person").path("givenName").asText()))).count();
        assertThat(aboutRepeatVictims).isGreaterThan(TflApiSimulator.REPORTS / 2);
    }
}
