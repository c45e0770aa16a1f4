package uk.safeguarding.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

class BtpApiSimulatorTest {

    private static final Simulators LONDON = Simulators.of(Simulators.SEED, 400);

    @Test
    void pagesCoverEveryIncidentOnceAtStationsUnderTheBtpPrefix() throws IOException {
        BtpApiSimulator btp = LONDON.btp();
        ObjectMapper json = new ObjectMapper();
        Set<String> references = new HashSet<>();
        for (String stub : btp.stubMappings().values()) {
            JsonNode mapping = json.readTree(stub);
            assertThat(mapping.path("request").path("urlPath").asText()).isEqualTo("/btp/incidents");
            for (JsonNode incident : mapping.path("response").path("jsonBody").path("incidents")) {
                assertThat(references.add(incident.path("reference").asText())).isTrue();
                assertThat(incident.path("location_type").asText()).isEqualTo("BTP");
                assertThat(incident.path("location_subtype").asText()).isEqualTo("STATION");
                assertThat(incident.path("location").path("street").path("name").asText()).endsWith(" Station");
                assertThat(incident.path("people").size()).isBetween(1, 2);
            }
        }
        // the volume follows the population
        assertThat(references).hasSize(LONDON.volumes().btpIncidents()).hasSize(btp.incidents().size());
        assertThat(Simulators.fresh(Simulators.SEED, 400).btp().stubMappings()).isEqualTo(btp.stubMappings());
    }

    @Test
    void peopleCarryBtpsOwnNumberNeverTheTrueIdAndTheTruthCoversEachOfThem() {
        BtpApiSimulator btp = LONDON.btp();
        Map<String, Resident> people = LONDON.population().stream()
                .collect(Collectors.toMap(Resident::trueId, Function.identity()));
        Map<String, RecordedPerson> truth = btp.truth().stream()
                .collect(Collectors.toMap(RecordedPerson::key, Function.identity()));
        int persons = 0;
        for (JsonNode incident : btp.incidents()) {
            for (JsonNode p : incident.path("people")) {
                persons++;
                String personId = p.path("person_id").asText();
                RecordedPerson t = truth.get(RecordedPerson.key("btp", incident.path("reference").asText(), personId));
                assertThat(t).as(personId).isNotNull();
                Resident r = people.get(t.trueId());
                assertThat(personId).isEqualTo(BtpApiSimulator.personId(LONDON.seed(), r))
                        .isNotEqualTo(PoliceApiSimulator.personId(LONDON.seed(), r))
                        .doesNotContain(r.trueId().substring(1));
                assertThat(incident.toString()).doesNotContain(r.trueId());
            }
        }
        assertThat(truth).hasSize(persons);
        assertThat(btp.truth()).anyMatch(t -> !t.variations().isEmpty());
    }
}
