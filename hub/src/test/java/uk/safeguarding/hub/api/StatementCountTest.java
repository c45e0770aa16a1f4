package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.StatementCounter;

/** A page of twenty subjects costs the database no more statements than a page of one (no N+1). */
class StatementCountTest extends LocalHubTest {

    private long statements(String token, int first) {
        String query = "{ searchSubjects(purpose: VVASB_PANEL, name: \"a\", first: " + first + ") { edges { node { id givenName "
                + "familyName dateOfBirth postcode agencies withheld { field reason } } } } }";
        long before = StatementCounter.count();
        JsonNode edges = client.query(token, query).data().path("searchSubjects").path("edges");
        long used = StatementCounter.count() - before;
        assertThat(edges.size()).isEqualTo(first);
        return used;
    }

    @Test
    void searchingTwentySubjectsCostsNoMoreStatementsThanOne() {
        String analyst = client.devToken("lambeth.analyst");
        await().atMost(Duration.ofSeconds(60)).until(() -> client.query(analyst,
                "{ searchSubjects(purpose: VVASB_PANEL, name: \"a\", first: 20) { edges { node { id } } } }").data()
                .path("searchSubjects").path("edges").size() == 20);
        statements(analyst, 1); // warm: policy and caches loaded
        long one = statements(analyst, 1);
        long twenty = statements(analyst, 20);
        assertThat(one).isPositive();
        assertThat(twenty).as("statements for 20 subjects against %d for one", one).isEqualTo(one);
    }
}
