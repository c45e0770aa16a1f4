package uk.safeguarding.hub.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits on what one request may ask, so that a hostile or careless caller cannot take the hub down:
 * query depth, complexity (a list field costs its page size times its contents), aliases, request
 * size, and requests per user per minute (counted in Redis, so across instances).
 */
@Configuration
@EnableConfigurationProperties(RequestLimits.Settings.class)
class RequestLimits {

    /**
     * @param maxDepth          deepest selection
     * @param maxComplexity     fields, each paged field counted as its page size ({@code first}, else 20) times its selection
     * @param maxAliases        aliased fields in one document (aliases multiply work without deepening it)
     * @param maxRequestBytes   size of the HTTP body
     * @param requestsPerMinute per user, across hub instances
     */
    @ConfigurationProperties("hub.api.limits")
    record Settings(@DefaultValue("12") int maxDepth, @DefaultValue("50000") int maxComplexity,
            @DefaultValue("30") int maxAliases, @DefaultValue("65536") long maxRequestBytes,
            @DefaultValue("600") int requestsPerMinute) {
    }

    /**
     * The depth limit is for data. The standard introspection query (GraphiQL's docs and autocomplete, code
     * generators) nests {@code ofType} deeper than any data query, so an operation asking only for
     * introspection ({@code __schema}, {@code __type}, {@code __typename}) is held instead to graphql-java's
     * good-faith introspection bound, which also caps how many fields it may ask for.
     */
    @Bean
    Instrumentation maxDepth(Settings settings) {
        MaxQueryDepthInstrumentation introspection = new MaxQueryDepthInstrumentation(
                graphql.introspection.GoodFaithIntrospection.GOOD_FAITH_MAX_DEPTH_COUNT);
        return new MaxQueryDepthInstrumentation(settings.maxDepth()) {
            @Override
            public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
                    graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters parameters,
                    InstrumentationState state) {
                return introspectionOnly(parameters.getExecutionContext().getOperationDefinition())
                        ? introspection.beginExecuteOperation(parameters, state)
                        : super.beginExecuteOperation(parameters, state);
            }
        };
    }

    /** Whether every top-level field of the operation is an introspection field. */
    static boolean introspectionOnly(graphql.language.OperationDefinition operation) {
        List<graphql.language.Selection> top = operation.getSelectionSet().getSelections();
        return !top.isEmpty() && top.stream().allMatch(s -> s instanceof Field f && f.getName().startsWith("__"));
    }

    @Bean
    Instrumentation maxComplexity(Settings settings) {
        // a paged field costs its page (first, else the default page) times what is asked of each item
        return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), (env, children) -> {
            Object first = env.getArguments().get("first");
            int page = first instanceof Integer n ? Math.max(n, 1)
                    : env.getFieldDefinition().getArgument("first") != null ? SubjectController.DEFAULT_PAGE : 1;
            return 1 + page * Math.max(children, 0);
        });
    }

    @Bean
    Instrumentation maxAliases(Settings settings) {
        return new Instrumentation() {
            @Override
            public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                    InstrumentationState state) {
                AtomicInteger aliases = new AtomicInteger();
                new NodeTraverser().preOrder(new NodeVisitorStub() {
                    @Override
                    public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                        if (field.getAlias() != null) {
                            aliases.incrementAndGet();
                        }
                        return TraversalControl.CONTINUE;
                    }
                }, parameters.getDocument().getChildren());
                if (aliases.get() > settings.maxAliases()) {
                    throw new AbortExecutionException("The query has " + aliases.get() + " aliased fields; at most "
                            + settings.maxAliases() + " are allowed.");
                }
                return SimpleInstrumentationContext.noOp();
            }
        };
    }

    /** Bodies larger than the limit are refused (413) before GraphQL reads them. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestSize(Settings settings) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if (length > settings.maxRequestBytes()) {
                    tooLarge(response, settings);
                    return;
                }
                if (length < 0 && "POST".equals(request.getMethod())) {
                    // no length given (chunked): read at most one byte more than allowed, and pass on what was read
                    byte[] body = request.getInputStream().readNBytes((int) settings.maxRequestBytes() + 1);
                    if (body.length > settings.maxRequestBytes()) {
                        tooLarge(response, settings);
                        return;
                    }
                    chain.doFilter(new BodyRead(request, body), response);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/graphql");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** A fixed one-minute window per user in Redis; over the limit is 429 with Retry-After. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ratePerUser(Settings settings, StringRedisTemplate redis, Clock clock) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                if (user != null && user.isAuthenticated()) {
                    long now = clock.instant().getEpochSecond();
                    long minute = now / 60;
                    String key = "hub:rate:" + user.getName() + ":" + minute;
                    Long count = null;
                    try {
                        count = redis.opsForValue().increment(key);
                        if (count != null && count == 1) {
                            redis.expire(key, Duration.ofMinutes(2));
                        }
                    } catch (RuntimeException redisDown) {
                        // without Redis each instance counts its own users' requests until Redis is back
                        local.keySet().removeIf(k -> !k.endsWith(":" + minute));
                        count = local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    }
                    if (count != null && count > settings.requestsPerMinute()) {
                        response.setHeader("Retry-After", Long.toString(60 - now % 60));
                        refuse(response, 429, "More than " + settings.requestsPerMinute() + " requests this minute; try again shortly.");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/graphql", "/cases/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    private static void tooLarge(HttpServletResponse response, Settings settings) throws IOException {
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + settings.maxRequestBytes() + " bytes.");
    }

    /** A request whose body has been read already, offered again to what comes next. */
    private static final class BodyRead extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyRead(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"errors\":[{\"message\":\"" + message + "\"}]}");
    }
}
