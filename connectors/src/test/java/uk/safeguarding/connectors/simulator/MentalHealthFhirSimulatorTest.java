package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MentalHealthFhirSimulatorTest {

    @Test
    void committedStubsAreExactlyWhatTheGeneratorMakes() throws IOException {
        for (var file : MentalHealthFhirSimulator.stubMappings().entrySet()) {
            assertThat(Files.readString(Path.of("src/main/resources", MentalHealthFhirSimulator.RESOURCE_DIR, file.getKey())))
                    .as("%s is stale: run MentalHealthFhirSimulator.main to regenerate", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }
}
