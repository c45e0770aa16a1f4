package uk.safeguarding.hub.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import uk.safeguarding.hub.access.DisclosureRefused;

@Configuration
class GraphQlConfig {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime);
    }

    /**
     * Refusals become FORBIDDEN and bad arguments BAD_REQUEST, with messages written to be shown.
     * Anything else falls through to Spring's INTERNAL_ERROR, whose message reveals nothing.
     */
    @Bean
    DataFetcherExceptionResolver hubErrors() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
                if (ex instanceof DisclosureRefused) {
                    return error(env, ErrorType.FORBIDDEN, ex.getMessage());
                }
                if (ex instanceof BadArgument) {
                    return error(env, ErrorType.BAD_REQUEST, ex.getMessage());
                }
                return null;
            }
        };
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
        return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
    }
}
