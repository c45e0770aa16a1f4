package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/** The choices a client offers its user come from the hub: their purposes, their panel's meetings. */
class ConsoleQueriesTest extends LocalHubTest {

    private List<String> purposes(String user) {
        Response response = client.query(client.devToken(user), "{ myPurposes }");
        assertThat(response.errors()).as(user).isEmpty();
        List<String> purposes = new ArrayList<>();
        response.data().path("myPurposes").forEach(p -> purposes.add(p.asString()));
        return purposes;
    }

    @Test
    void eachUserIsOfferedThePurposesTheirAgreementsAllow() {
        // from policies/: the panel's and MARAC's agreements name the Lambeth partnership's analysts and chairs
        assertThat(purposes("lambeth.analyst")).containsExactly("VVASB_PANEL", "MARAC");
        assertThat(purposes("lambeth.chair")).containsExactly("VVASB_PANEL", "MARAC");
        assertThat(purposes("triborough.casemanager")).containsExactly("YOUTH_JUSTICE");
        // figures only, under the aggregates-only agreement
        assertThat(purposes("lambeth.commissioner")).containsExactly("STATISTICS");
        // no role that reads personal data, no aggregates agreement: nothing to declare
        assertThat(purposes("met.contributor")).isEmpty();
        assertThat(purposes("hub.admin")).isEmpty();
    }

    @Test
    void theChairsAndAnalystsOfABoroughSeeItsMeetingsSoonestFirst() {
        LocalDate first = LocalDate.now().plusYears(3);
        while (jdbc.sql("select count(*) from panel_meeting where borough = 'E09000022' and held_on in (?, ?)")
                .params(first, first.plusDays(14)).query(Integer.class).single() > 0) {
            first = first.plusDays(1);
        }
        String chair = client.devToken("lambeth.chair");
        String later = schedule(chair, first.plusDays(14));
        String sooner = schedule(chair, first);
        // another borough's meeting: not theirs to see
        jdbc.sql("insert into panel_meeting (id, borough, held_on, chair) values (?, 'E09000020', ?, 'rbkc.chair')")
                .params(UUID.randomUUID(), first).update();

        Response listed = client.query(client.devToken("lambeth.analyst"),
                "query($from: Date) { panelMeetings(from: $from) { id borough heldOn chair } }", Map.of("from", first.toString()));
        assertThat(listed.errors()).isEmpty();
        List<String> ids = new ArrayList<>();
        for (JsonNode m : listed.data().path("panelMeetings")) {
            assertThat(m.path("borough").asString()).isEqualTo("E09000022");
            ids.add(m.path("id").asString());
        }
        assertThat(ids).containsSubsequence(sooner, later);
        assertThat(ids.indexOf(sooner)).isLessThan(ids.indexOf(later));

        Response refused = client.query(client.devToken("met.contributor"), "{ panelMeetings { id } }");
        assertThat(refused.errors()).hasSize(1);
        assertThat(refused.errors().get(0).path("message").asString()).isEqualTo("Only the panel-analyst or panel-chair role may see the panel's meetings.");
    }

    private String schedule(String token, LocalDate day) {
        Response made = client.query(token, "mutation($d: Date!) { schedulePanelMeeting(borough: \"E09000022\", heldOn: $d) { id } }",
                Map.of("d", day.toString()));
        assertThat(made.errors()).isEmpty();
        return made.data().path("schedulePanelMeeting").path("id").asString();
    }
}
