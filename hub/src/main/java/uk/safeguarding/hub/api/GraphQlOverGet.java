package uk.safeguarding.hub.api;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ServletException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GraphQL over HTTP's GET: {@code GET /graphql?query=...&operationName=...&variables=...} runs a query
 * exactly as the same POST would (same security, limits and audit). A mutation is refused with 405 and
 * {@code Allow: POST}: a GET must not change anything.
 */
@Configuration
class GraphQlOverGet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Ahead of Spring's own /graphql route, which answers every GET with 405. */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlGet(GraphQlHttpHandler http) {
        return RouterFunctions.route(RequestPredicates.GET("/graphql").and(RequestPredicates.param("query", q -> true)),
                request -> get(http, request));
    }

    private static ServerResponse get(GraphQlHttpHandler http, ServerRequest request) throws ServletException {
        String query = request.param("query").orElseThrow();
        String operationName = request.param("operationName").filter(n -> !n.isBlank()).orElse(null);
        if (changesSomething(query, operationName)) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsString(java.util.Map.of("errors", List.of(java.util.Map.of("message",
                            "Mutations and subscriptions are sent with POST; GET is for queries only (GraphQL over HTTP)")))));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        String variables = request.param("variables").filter(v -> !v.isBlank()).orElse(null);
        if (variables != null) {
            try {
                body.set("variables", JSON.readTree(variables));
            } catch (RuntimeException notJson) {
                return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(
                        java.util.Map.of("errors", List.of(java.util.Map.of("message", "variables: not a JSON object")))));
            }
        }
        // handed to Spring's own handler as the POST it stands for
        ServerRequest post = ServerRequest.from(request).method(HttpMethod.POST)
                .headers(headers -> headers.setContentType(MediaType.APPLICATION_JSON))
                .body(JSON.writeValueAsString(body)).build();
        return http.handleRequest(post);
    }

    /** Whether the operation to run is a mutation or subscription; a document that does not parse is left to GraphQL to report. */
    private static boolean changesSomething(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                .anyMatch(o -> o.getOperation() != OperationDefinition.Operation.QUERY);
    }
}
