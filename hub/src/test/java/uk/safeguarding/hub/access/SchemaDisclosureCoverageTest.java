package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.access.policy.PolicySet;
import uk.safeguarding.hub.access.policy.PolicyStore;

/**
 * Walks the schema so that no personal field can reach a response without a clause: every field of the
 * types that carry personal data is in the field catalogue (or declared structural), and, for each role
 * under each purpose it can use, every value the API returns is one the policy releases, and every
 * value the policy withholds is null and explained.
 */
class SchemaDisclosureCoverageTest extends LocalHubTest {

    private static final List<String> PERSONAL_TYPES = List.of("Subject", "Event");

    @Autowired
    GraphQlSource graphQl;

    @Autowired
    PolicyStore policies;

    @Autowired
    SubjectCircumstances circumstances;

    @Autowired
    uk.safeguarding.connectors.canonical.RecordGateway gateway;

    private GraphQLSchema schema() {
        return graphQl.schema();
    }

    @Test
    void everyFieldOfEveryPersonalTypeIsCatalogued() {
        PolicySet policy = policies.current();
        List<String> missing = new ArrayList<>();
        for (String type : PERSONAL_TYPES) {
            for (GraphQLFieldDefinition field : schema().getObjectType(type).getFieldDefinitions()) {
                String name = type.toLowerCase() + "." + field.getName();
                if (!policy.personalFields().contains(name) && !policy.structuralFields().contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("fields with no entry in policies/catalogue/fields.yaml").isEmpty();
    }

    /** Every scalar field of a type, as a selection: a field added to the schema is queried too. */
    private String scalars(String type) {
        GraphQLObjectType object = schema().getObjectType(type);
        return object.getFieldDefinitions().stream()
                .filter(f -> GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(f.getType())))
                .map(GraphQLFieldDefinition::getName).collect(Collectors.joining(" "));
    }

    private record Reader(String user, Caller caller, Purpose purpose) {
    }

    @Test
    void whatTheApiReturnsIsExactlyWhatThePolicyReleases() {
        // a mental health record without consent: its details must come back withheld, and say so
        for (int i = 0; i < 5; i++) {
            uk.safeguarding.hub.TestRecords.mentalHealthEncounter(gateway, jdbc, uk.safeguarding.hub.TestRecords.resident(i));
        }
        Caller analyst = new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022"));
        Caller chair = new Caller("lambeth.chair", "lambeth-csp", Set.of("panel-chair"), Set.of("E09000022"));
        Caller caseManager = new Caller("triborough.casemanager", "rbkc-csc", Set.of("case-manager"),
                Set.of("E09000020", "E09000013", "E09000033"));
        // a repeat victim the police know whom Kensington and Chelsea children's services support: youth justice shares
        // both agencies' records with the case manager its service manager assigns
        String anyone = uk.safeguarding.hub.TestRecords.knownToRbkcChildrensServices(gateway, jdbc,
                uk.safeguarding.hub.TestRecords.resident(0));
        CaseAssignments.assign(client, "triborough.manager", anyone, "YOUTH_JUSTICE", "triborough.casemanager");

        String query = "query($purpose: Purpose!) { searchSubjects(purpose: $purpose, first: 15) { edges { node { "
                + scalars("Subject") + " withheld { field reason } timeline(first: 50) { edges { node { "
                + scalars("Event") + " roles withheld { field reason } } } } } } } }";
        int checked = 0;
        int withheldChecked = 0;
        for (Reader reader : List.of(new Reader("lambeth.analyst", analyst, Purpose.VVASB_PANEL),
                new Reader("lambeth.analyst", analyst, Purpose.MARAC), new Reader("lambeth.chair", chair, Purpose.VVASB_PANEL),
                new Reader("triborough.casemanager", caseManager, Purpose.YOUTH_JUSTICE))) {
            PolicySet policy = policies.current();
            JsonNode edges = client.query(client.devToken(reader.user()), query, Map.of("purpose", reader.purpose().name()))
                    .data().path("searchSubjects").path("edges");
            assertThat(edges.size()).as(reader.user() + " " + reader.purpose()).isPositive();
            for (JsonNode edge : edges) {
                JsonNode subject = edge.path("node");
                UUID id = UUID.fromString(subject.path("id").asString());
                PolicySet.Circumstances facts = circumstances.of(id, reader.caller(), reader.purpose(), LocalDate.now());
                for (JsonNode event : subject.path("timeline").path("edges")) {
                    JsonNode e = event.path("node");
                    Set<String> withheld = new java.util.HashSet<>(e.path("withheld").findValuesAsString("field"));
                    for (String field : policy.personalFields()) {
                        if (!field.startsWith("event.")) {
                            continue;
                        }
                        String name = field.substring("event.".length());
                        PolicySet.Decision d = policy.decide(reader.caller(), reader.purpose(), field,
                                e.path("agency").asString(), e.path("sensitivity").asString(), facts);
                        JsonNode value = e.path(name);
                        boolean present = !value.isNull() && !value.isMissingNode() && !(value.isArray() && value.isEmpty());
                        if (present) {
                            assertThat(d.released()).as("%s %s: %s released without a clause", reader.user(), reader.purpose(), field).isTrue();
                        }
                        if (!d.released()) {
                            withheldChecked++;
                            assertThat(present).as("%s withheld but returned", field).isFalse();
                            assertThat(withheld).as("%s withheld without saying so", field).contains(name);
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(withheldChecked).as("the walk met withheld fields").isPositive();
    }
}
