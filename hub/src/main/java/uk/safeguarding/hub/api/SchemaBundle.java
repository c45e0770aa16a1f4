package uk.safeguarding.hub.api;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract as one set, for client generators: the schema files together, with the Relay connection
 * types Spring for GraphQL adds at start-up, printed as one {@code schema.graphqls} and as the standard
 * introspection result {@code schema.json}. The hub's test phase writes them to
 * {@code hub/target/graphql-schema/} (SchemaBundleTest); {@code main} writes them anywhere.
 */
public final class SchemaBundle {

    private SchemaBundle() {
    }

    /** The schema the hub serves, built from the {@code .graphqls} files in {@code dir}. */
    public static GraphQLSchema schema(Path dir) throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        new ConnectionTypeDefinitionConfigurer().configure(registry);
        return new SchemaGenerator().makeExecutableSchema(registry, RuntimeWiring.newRuntimeWiring()
                .scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime)
                .wiringFactory(new MockedWiringFactory()).build());
    }

    /** Writes {@code schema.graphqls} and {@code schema.json} for the schema files in {@code dir} into {@code out}. */
    public static void write(Path dir, Path out) throws IOException {
        GraphQLSchema schema = schema(dir);
        Files.createDirectories(out);
        Files.writeString(out.resolve("schema.graphqls"), new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .includeDirectives(false).includeScalarTypes(true)).print(schema), StandardCharsets.UTF_8);
        ExecutionResult introspection = GraphQL.newGraphQL(schema).build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
        if (!introspection.getErrors().isEmpty()) {
            throw new IllegalStateException("introspection of the schema failed: " + introspection.getErrors());
        }
        Files.writeString(out.resolve("schema.json"), JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("data", introspection.getData())), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SchemaBundle <dir of .graphqls files> <output dir>");
        }
        write(Path.of(args[0]), Path.of(args[1]));
        System.out.println("GraphQL schema bundle written to " + Path.of(args[1]).resolve("schema.graphqls") + " and "
                + List.of("schema.json"));
    }
}
