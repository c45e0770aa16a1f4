package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LfbSimulatorTest {

    private static final Path COMMITTED = Path.of("src/main/resources", LfbSimulator.RESOURCE_DIR);

    @Test
    void committedFilesAreExactlyWhatTheGeneratorMakes() throws IOException {
        for (var file : LfbSimulator.files().entrySet()) {
            assertThat(Files.readAllBytes(COMMITTED.resolve(file.getKey())))
                    .as("%s is stale: run LfbSimulator.main to regenerate", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void theIncidentFileIsWindows1252AsSpreadsheetExportsAre() {
        byte[] incidents = LfbSimulator.files().get(LfbSimulator.INCIDENTS_FILE);
        String asUtf8 = new String(incidents, StandardCharsets.UTF_8);
        assertThat(asUtf8).doesNotContain("Notional Cost (£)");
        assertThat(new String(incidents, LfbSimulator.WINDOWS_1252)).contains("Notional Cost (£)");
    }
}
