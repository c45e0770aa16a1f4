package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChildrensSocialCareSimulatorTest {

    @Test
    void committedFilesAreExactlyWhatTheGeneratorMakes() throws IOException {
        for (var file : ChildrensSocialCareSimulator.files().entrySet()) {
            assertThat(Files.readAllBytes(Path.of("src/main/resources", ChildrensSocialCareSimulator.RESOURCE_DIR, file.getKey())))
                    .as("%s is stale: run ChildrensSocialCareSimulator.main to regenerate", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }
}
