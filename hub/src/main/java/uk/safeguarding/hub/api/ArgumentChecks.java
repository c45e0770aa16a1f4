package uk.safeguarding.hub.api;

import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Arguments the hub cannot use are the caller's mistake, said so by name (BAD_REQUEST), not an internal
 * error: a cursor the hub did not make, or text with control characters (a NUL byte, which PostgreSQL
 * refuses to store or compare; tabs and line breaks stay allowed in free text).
 */
@Configuration
class ArgumentChecks {

    /** Spring for GraphQL's own cursors (offsets, Base64), with a forged one refused by name. */
    @Bean
    EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
        CursorStrategy<ScrollPosition> positions = new ScrollPositionCursorStrategy();
        CursorEncoder base64 = CursorEncoder.base64();
        return CursorStrategy.withEncoder(new CursorStrategy<>() {
            @Override
            public boolean supports(Class<?> targetType) {
                return positions.supports(targetType);
            }

            @Override
            public String toCursor(ScrollPosition position) {
                return positions.toCursor(position);
            }

            @Override
            public ScrollPosition fromCursor(String cursor) {
                return forged(() -> positions.fromCursor(cursor));
            }
        }, new CursorEncoder() {
            @Override
            public String encode(String cursor) {
                return base64.encode(cursor);
            }

            @Override
            public String decode(String cursor) {
                return forged(() -> base64.decode(cursor));
            }
        });
    }

    private static <T> T forged(java.util.function.Supplier<T> decode) {
        try {
            return decode.get();
        } catch (RuntimeException notOurs) {
            throw new BadArgument("after: not a cursor of this connection");
        }
    }

    @Bean
    Instrumentation noControlCharacters() {
        return new Instrumentation() {
            @Override
            public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                if (parameters.isTrivialDataFetcher()) {
                    return fetcher;
                }
                return env -> {
                    env.getArguments().forEach(ArgumentChecks::check);
                    return fetcher.get(env);
                };
            }
        };
    }

    private static void check(String name, Object value) {
        if (value instanceof String text) {
            if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
                throw new BadArgument(name + ": contains control characters");
            }
        } else if (value instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> check(name + "." + k, v));
        } else if (value instanceof List<?> items) {
            items.forEach(item -> check(name, item));
        }
    }
}
