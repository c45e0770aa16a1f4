package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Ssda903SimulatorTest {

    private static final Simulators LONDON = Simulators.of(Simulators.SEED, 400);
    private static final Ssda903Simulator SSDA903 = LONDON.childrenLookedAfter();

    @Test
    void theSameSeedGivesTheSameFiles() {
        Map<String, byte[]> first = Simulators.fresh(Simulators.SEED, 400).childrenLookedAfter().files();
        Map<String, byte[]> second = SSDA903.files();
        assertThat(first.keySet()).containsExactly(Ssda903Simulator.HEADER_FILE, Ssda903Simulator.EPISODES_FILE);
        first.forEach((name, bytes) -> assertThat(second.get(name)).isEqualTo(bytes));
    }

    @Test
    void everyLookedAfterChildHasAHeaderRowAndAnEpisodeThatStartsTheirCare() {
        List<String> header = lines(Ssda903Simulator.HEADER_FILE);
        List<String> episodes = lines(Ssda903Simulator.EPISODES_FILE);
        assertThat(header.get(0)).isEqualTo("CHILD,SEX,DOB,ETHNIC,UPN,FORENAME,SURNAME");
        assertThat(episodes.get(0)).isEqualTo(String.join(",", Ssda903Simulator.EPISODE));
        // every third child of the CIN census
        int inNeed = LONDON.childrensSocialCare().childCount();
        assertThat(SSDA903.lookedAfter()).hasSize((inNeed + 2) / 3);
        assertThat(header).hasSize(SSDA903.lookedAfter().size() + 1);
        for (SyntheticLondon.Resident child : SSDA903.lookedAfter()) {
            String id = SSDA903.childId(child);
            Recording.Recorded kept = Recording.asKeptBy(LONDON.seed(), child, Recording.Agency.CHILDRENS_SOCIAL_CARE);
            assertThat(header).anyMatch(l -> l.startsWith(id + ",") && l.contains("," + child.ethnicity() + ",")
                    && l.endsWith("," + kept.givenName() + "," + kept.familyName()));
            assertThat(episodes).anyMatch(l -> l.matches(id + ",\\d{2}/\\d{2}/\\d{4},S,.*"));
        }
    }

    @Test
    void theLookedAfterChildrenAreChildrenOfTheCinCensusUnderTheirLaChildIdNeverTheirTrueId() {
        String cin = new String(LONDON.childrensSocialCare().files().get(ChildrensSocialCareSimulator.CIN_FILE),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<LAchildID>([^<]+)</LAchildID>").matcher(cin);
        Set<String> laChildIds = new java.util.HashSet<>();
        while (m.find()) {
            laChildIds.add(m.group(1));
        }
        Set<String> children = lines(Ssda903Simulator.HEADER_FILE).stream().skip(1).map(l -> l.split(",")[0])
                .collect(Collectors.toSet());
        Set<String> episodeChildren = lines(Ssda903Simulator.EPISODES_FILE).stream().skip(1).map(l -> l.split(",")[0])
                .collect(Collectors.toSet());
        assertThat(children).isNotEmpty().isEqualTo(episodeChildren);
        assertThat(laChildIds).containsAll(children);
        assertThat(LONDON.childrensSocialCare().children()).containsAll(SSDA903.lookedAfter());

        String all = SSDA903.files().values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        for (SyntheticLondon.Resident child : SSDA903.lookedAfter()) {
            assertThat(all).doesNotContain(child.trueId());
            assertThat(SSDA903.childId(child)).doesNotContain(child.trueId().substring(1));
        }
    }

    @Test
    void theTruthHasOneEntryPerHeaderRowAndPerEpisode() {
        int rows = lines(Ssda903Simulator.HEADER_FILE).size() - 1 + lines(Ssda903Simulator.EPISODES_FILE).size() - 1;
        assertThat(SSDA903.truth()).hasSize(rows).allSatisfy(t -> {
            assertThat(t.agency()).isEqualTo("lambeth-csc");
            assertThat(t.sourceId()).matches("ssda903:(child:CH\\d+|episode:CH\\d+/\\d{4}-\\d{2}-\\d{2})");
            assertThat(t.localPersonId()).startsWith("child:CH");
        });
        assertThat(SSDA903.truth().stream().map(RecordedPerson::key)).doesNotHaveDuplicates();
    }

    private static List<String> lines(String file) {
        return new String(SSDA903.files().get(file), StandardCharsets.UTF_8).lines().toList();
    }
}
