package uk.safeguarding.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.Map;

/**
 * One request kind at one constant arrival rate against a running hub, as an analyst would ask it (every
 * request under the panel's purpose, decided and audited). Set by system properties: hub.url, hub.token,
 * hub.request (search, timeline or profile), hub.rate (requests a second), hub.seconds, hub.data.
 */
public class ApiSimulation extends Simulation {

    /** The request kinds: the feeder file, its column, and the query. */
    static final Map<String, String[]> REQUESTS = Map.of(
            "search", new String[] {"names.csv", "familyName",
                "query($v: String) { searchSubjects(purpose: VVASB_PANEL, name: $v, first: 20) { edges { node { id givenName familyName dateOfBirth agencies } } } }"},
            "timeline", new String[] {"subjects.csv", "subjectId",
                "query($v: ID!) { subject(id: $v, purpose: VVASB_PANEL) { id familyName timeline(first: 100) { edges { node { id agency kind occurredAt category summary withheld { field reason } } } } } }"},
            "profile", new String[] {"cases.csv", "caseId",
                "query($v: ID!) { caseProfile(caseId: $v, purpose: VVASB_PANEL) { panelCase { id state subject { familyName } } gaps { agency coverage events } } }"});

    public ApiSimulation() {
        String kind = System.getProperty("hub.request");
        String[] request = REQUESTS.get(kind);
        String body = "{\"query\":\"" + request[2].replace("\"", "\\\"") + "\",\"variables\":{\"v\":\"#{" + request[1] + "}\"}}";
        ScenarioBuilder analyst = scenario(kind)
                .feed(csv(Path.of(System.getProperty("hub.data"), request[0]).toString()).random())
                .exec(http(kind).post("/graphql").body(StringBody(body))
                        .check(status().is(200), jmesPath("errors").notExists()));
        setUp(analyst.injectOpen(constantUsersPerSec(Integer.getInteger("hub.rate")).during(Integer.getInteger("hub.seconds", 20))))
                .protocols(http.baseUrl(System.getProperty("hub.url"))
                        .header("Authorization", "Bearer " + System.getProperty("hub.token"))
                        .contentTypeHeader("application/json").acceptHeader("application/json"));
    }
}
