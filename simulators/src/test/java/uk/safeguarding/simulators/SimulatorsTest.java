package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorsTest {

    @Test
    void theSameSeedAndSizeMakeTheSameBytesAndAnotherSeedDoesNot() {
        Map<String, Map<String, byte[]>> once = Simulators.fresh(7, 200).folders();
        Map<String, Map<String, byte[]>> again = Simulators.fresh(7, 200).folders();
        assertThat(again.keySet()).isEqualTo(once.keySet());
        once.forEach((folder, files) -> files.forEach((name, bytes) ->
                assertThat(again.get(folder).get(name)).as(folder + "/" + name).isEqualTo(bytes)));
        assertThat(Simulators.fresh(8, 200).folders().get("police/mappings").values().iterator().next())
                .isNotEqualTo(once.get("police/mappings").values().iterator().next());
    }

    @Test
    void everyVolumeFollowsTheNumberOfPeople() {
        Simulators.Volumes small = Simulators.of(Simulators.SEED, 150).volumes();
        Simulators.Volumes demo = Simulators.PER_THOUSAND_PEOPLE.scaled(Simulators.DEMO_PEOPLE);
        assertThat(demo.policeIncidents()).isEqualTo(7800);
        assertThat(small.policeIncidents()).isEqualTo(390);
        assertThat(demo.tflReports()).isEqualTo(20 * small.tflReports());
        assertThat(Simulators.of(Simulators.SEED, 150).population()).hasSize(150);
        assertThat(Simulators.of(Simulators.SEED, 150).police().incidents()).hasSize(390);
        assertThat(demo.btpIncidents()).isEqualTo(20 * small.btpIncidents());
        assertThat(Simulators.of(Simulators.SEED, 150).btp().incidents()).hasSize(small.btpIncidents());
    }

    @Test
    void mainWritesEveryPartnersFolderForTheComposeStack(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("police/mappings"));
        Files.writeString(out.resolve("police/mappings/police-incidents-page-999.json"), "{}");

        Simulators.main(new String[] {out.toString(), "100"});

        assertThat(out.resolve("police/mappings/police-incidents-page-001.json")).exists();
        assertThat(out.resolve("police/mappings/police-incidents-page-999.json")).doesNotExist();
        assertThat(out.resolve("tfl/mappings")).isDirectory();
        assertThat(out.resolve("mental-health/mappings")).isDirectory();
        assertThat(out.resolve("lfb").resolve(LfbSimulator.INCIDENTS_FILE)).exists();
        assertThat(out.resolve("housing").resolve(HousingSimulator.COMPLAINTS_FILE)).exists();
        assertThat(out.resolve("asc").resolve(AdultSocialCareSimulator.CLD_FILE)).exists();
        assertThat(out.resolve("csc").resolve(ChildrensSocialCareSimulator.CIN_FILE)).exists();
        assertThat(out.resolve("csc").resolve(Ssda903Simulator.HEADER_FILE)).exists();
        assertThat(out.resolve("csc").resolve(Ssda903Simulator.EPISODES_FILE)).exists();
        assertThat(out.resolve("btp/mappings/btp-incidents-page-001.json")).exists();
    }
}
