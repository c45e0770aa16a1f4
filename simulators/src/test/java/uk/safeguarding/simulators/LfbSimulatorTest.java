package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LfbSimulatorTest {

    @Test
    void theIncidentFileIsWindows1252AsSpreadsheetExportsAre() {
        byte[] incidents = Simulators.of(Simulators.SEED, 150).lfb().files().get(LfbSimulator.INCIDENTS_FILE);
        String asUtf8 = new String(incidents, StandardCharsets.UTF_8);
        assertThat(asUtf8).doesNotContain("Notional Cost (£)");
        assertThat(new String(incidents, LfbSimulator.WINDOWS_1252)).contains("Notional Cost (£)");
    }
}
