package uk.safeguarding.hub.api;

import graphql.GraphQLError;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import uk.safeguarding.hub.access.InvalidInput;

@Configuration
class GraphQlConfig {

    private static final Logger log = LoggerFactory.getLogger(GraphQlConfig.class);

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime);
    }

    /**
     * Refusals become FORBIDDEN and bad arguments BAD_REQUEST, with messages written to be shown.
     * Anything else is INTERNAL_ERROR with a reference; the log gets the reference, the exception's
     * class and SQL state, never its message, which can quote the data it failed on.
     */
    @Bean
    DataFetcherExceptionResolver hubErrors() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
                if (ex instanceof DisclosureRefused) {
                    return error(env, ErrorType.FORBIDDEN, ex.getMessage());
                }
                if (ex instanceof BadArgument || ex instanceof InvalidInput) {
                    return error(env, ErrorType.BAD_REQUEST, ex.getMessage());
                }
                String reference = UUID.randomUUID().toString();
                log.error("Request failed, reference {}: {}{}", reference, ex.getClass().getName(), sqlState(ex));
                return error(env, ErrorType.INTERNAL_ERROR, "The hub could not answer; nothing was disclosed. Reference " + reference);
            }
        };
    }

    private static String sqlState(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return "";
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
        return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
    }
}
