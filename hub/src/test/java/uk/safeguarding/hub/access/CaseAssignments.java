package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import uk.safeguarding.hub.GraphQlClient;
import uk.safeguarding.hub.GraphQlClient.Response;

/** Names a subject's case manager through the API, as an allocator the agreement names does. */
final class CaseAssignments {

    static final String ASSIGN = """
            mutation($id: ID!, $purpose: Purpose!, $m: String!) { assignCaseManager(subjectId: $id, purpose: $purpose,
              caseManager: $m) { id subjectId purpose agreement caseManager assignedBy endedAt } }""";

    private CaseAssignments() {
    }

    static Response tryAssign(GraphQlClient client, String allocator, String subjectId, String purpose, String caseManager) {
        return client.query(client.devToken(allocator), ASSIGN, Map.of("id", subjectId, "purpose", purpose, "m", caseManager));
    }

    /** Under the Lambeth VVASB agreement, by its chair; returns the assignment's id. */
    static String assign(GraphQlClient client, String subjectId, String caseManager) {
        return assign(client, "lambeth.chair", subjectId, "VVASB_PANEL", caseManager);
    }

    static String assign(GraphQlClient client, String allocator, String subjectId, String purpose, String caseManager) {
        Response answer = tryAssign(client, allocator, subjectId, purpose, caseManager);
        assertThat(answer.data().path("assignCaseManager").path("caseManager").asString()).as(answer.body().toString())
                .isEqualTo(caseManager);
        return answer.data().path("assignCaseManager").path("id").asString();
    }
}
