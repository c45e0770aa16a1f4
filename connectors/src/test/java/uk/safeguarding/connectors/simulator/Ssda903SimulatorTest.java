package uk.safeguarding.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ssda903SimulatorTest {

    @Test
    void theSameSeedGivesTheSameFiles() {
        Map<String, byte[]> first = Ssda903Simulator.files();
        Map<String, byte[]> second = Ssda903Simulator.files();
        assertThat(first.keySet()).containsExactly(Ssda903Simulator.HEADER_FILE, Ssda903Simulator.EPISODES_FILE);
        first.forEach((name, bytes) -> assertThat(second.get(name)).isEqualTo(bytes));
    }

    @Test
    void everyLookedAfterChildHasAHeaderRowAndAnEpisodeThatStartsTheirCare() {
        List<String> header = lines(Ssda903Simulator.HEADER_FILE);
        List<String> episodes = lines(Ssda903Simulator.EPISODES_FILE);
        assertThat(header.get(0)).isEqualTo("CHILD,SEX,DOB,ETHNIC,UPN,FORENAME,SURNAME");
        assertThat(episodes.get(0)).isEqualTo(String.join(",", Ssda903Simulator.EPISODE));
        assertThat(header).hasSize(Ssda903Simulator.LOOKED_AFTER + 1);
        for (SyntheticLondon.Resident child : Ssda903Simulator.lookedAfter()) {
            assertThat(header).anyMatch(l -> l.startsWith(child.trueId() + ",") && l.endsWith(child.familyName()));
            assertThat(episodes).anyMatch(l -> l.matches(child.trueId() + ",\\d{2}/\\d{2}/\\d{4},S,.*"));
        }
    }

    private static List<String> lines(String file) {
        return new String(Ssda903Simulator.files().get(file), StandardCharsets.UTF_8).lines().toList();
    }
}
