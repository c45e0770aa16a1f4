package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schema bundle stands on its own: a client generator can read it without the hub's other files. The
 * test phase leaves it in the build output, {@code hub/target/graphql-schema/}.
 */
class SchemaBundleTest {

    @Test
    void theBundleIsOneValidSchemaWithTheConnectionTypes() throws Exception {
        Path out = Path.of("target/graphql-schema");
        SchemaBundle.write(Path.of("../schema"), out);

        String sdl = Files.readString(out.resolve("schema.graphqls"));
        // parsed and built alone, as a generator would: every type it names is in it
        GraphQLSchema alone = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
                RuntimeWiring.newRuntimeWiring().wiringFactory(new MockedWiringFactory()).build());
        assertThat(alone.getType("SubjectConnection")).isNotNull();
        assertThat(alone.getType("PageInfo")).isNotNull();
        assertThat(alone.getQueryType().getFieldDefinition("searchSubjects")).isNotNull();
        assertThat(alone.getMutationType().getFieldDefinition("recordConsent")).isNotNull();
        assertThat(Files.readString(out.resolve("schema.json"))).contains("\"__schema\"", "\"SubjectConnection\"");
    }
}
