package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TflApiSimulatorTest {

    @Test
    void everyReportIsTaggedAndMostConcernTheRepeatVictims() {
        Simulators london = Simulators.of(Simulators.SEED, 150);
        var reports = london.tfl().reports();
        assertThat(reports).hasSize(london.volumes().tflReports())
                .allSatisfy(r -> assertThat(r.path("$type").asText()).isEqualTo(TflApiSimulator.REPORT_TYPE));
        Set<String> vulnerable = london.vulnerable().stream().map(SyntheticLondon.Resident::trueId).collect(Collectors.toSet());
        long aboutRepeatVictims = london.tfl().truth().stream().filter(t -> vulnerable.contains(t.trueId())).count();
        assertThat(aboutRepeatVictims).isGreaterThan(reports.size() / 2);
    }
}
