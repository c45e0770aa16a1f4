package uk.safeguarding.connectors.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.Replayable;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Polls a partner's paged JSON API ({@code {url}{path}?page=N} until {@code page = total pages}) and hands
 * each item to the hub; a subclass says where the items are and maps one.
 *
 * <p>A page that fails (429, 5xx, time-out, a body that does not parse) is fetched again with
 * exponential back-off, honouring Retry-After; when the retries run out the run is marked failed and
 * the next run reads the feed again (the hub recognises what it already holds). An incident that does
 * not map still reaches the hub, raw, to be quarantined with the reason.
 */
public abstract class PagedJsonFeed extends RouteBuilder implements Replayable {

    static final String RUN_ID = "hubRunId";
    static final String PAGE = "hubPage";
    static final String MORE = "hubMorePages";
    static final String NEXT_URI = "hubNextPageUri";

    static final String STARTED = "hubRunStarted";
    static final String KEEPING = "hubPageBeingKept";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PagedJsonFeed.class);

    private final HttpFeedSettings props;
    private final RecordGateway gateway;
    private final FeedRuns runs;
    /**
     * Keeps pages behind the fetch, one at a time: a thread for the feed while it runs (it ends when idle),
     * not one per page or record.
     */
    private final java.util.concurrent.ExecutorService keeper;
    /** A partner that keeps failing is left alone for a while rather than hammered every poll. */
    private final CircuitBreaker breaker;
    protected final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    protected PagedJsonFeed(HttpFeedSettings props, RecordGateway gateway, FeedRuns runs) {
        this.props = props;
        this.gateway = gateway;
        this.runs = runs;
        this.keeper = new java.util.concurrent.ThreadPoolExecutor(0, 1, 10, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, props.feed() + "-keeper");
                    thread.setDaemon(true);
                    return thread;
                });
        this.breaker = CircuitBreaker.of(props.feed(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(3).minimumNumberOfCalls(3).failureRateThreshold(100)
                .waitDurationInOpenState(props.circuitOpen()).permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** The path of the pages under the base URL, e.g. {@code /incidents}. */
    protected abstract String path();

    /** The field of a page that holds its items. */
    protected abstract String itemsField();

    /** The field of a page that gives the number of pages. */
    protected abstract String totalPagesField();

    /**
     * Maps one item, or returns {@link SourceRecord#unmappable} with the reason: never throws for bad
     * content. Binding errors are {@link IOException}s and are turned into reasons by the caller.
     */
    protected abstract SourceRecord map(String runId, JsonNode item, String raw) throws IOException;

    /** The query string asking for page {@code page} (1-based). */
    protected String pageQuery(int page) {
        return "page=" + page;
    }

    /** The items of a page, or null when the page has none where they should be (a broken page). */
    protected List<JsonNode> pageItems(JsonNode page) {
        JsonNode items = page.get(itemsField());
        if (items == null || !items.isArray()) {
            return null;
        }
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    /** Whether another page follows page {@code page}. */
    protected boolean hasNextPage(JsonNode body, int page) {
        return page < body.path(totalPagesField()).asInt(page);
    }

    /**
     * The address of the page after {@code body} when the partner gives it (a FHIR Bundle's {@code next}
     * link), to be fetched as given; null when pages are asked for by number ({@link #pageQuery}).
     */
    protected String nextPageUri(JsonNode body) {
        return null;
    }

    /**
     * Whether a cut-short run may resume at the page where it stopped. Not for partners whose next links
     * are server-side cursors (HAPI FHIR's {@code _getpages}): those expire, so a run starts from the search.
     */
    protected boolean resumesByPageNumber() {
        return true;
    }

    /** The field of an item that holds the partner's id for it. */
    protected abstract String idField();

    @Override
    public String feedCode() {
        return props.feed();
    }

    @Override
    public String feedAgency() {
        return props.agency();
    }

    @Override
    public Transport feedTransport() {
        return Transport.REST_JSON;
    }

    @Override
    public SourceRecord replay(String runId, String raw) {
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (IOException e) {
            return SourceRecord.unmappable(runId, props.feed(), props.agency(), "unidentified:" + Integer.toHexString(raw.hashCode()),
                    raw, "not JSON");
        }
        try {
            return map(runId, node, raw);
        } catch (IOException ex) {
            return SourceRecord.unmappable(runId, props.feed(), props.agency(), fallbackId(node, raw), raw, describe(ex));
        }
    }

    protected HttpFeedSettings settings() {
        return props;
    }

    @Override
    public void configure() {
        // HttpClient would retry 429 and 503 on its own, out of sight of the back-off, the Retry-After cap
        // and the circuit breaker below: retries are this route's alone
        getContext().getComponent("http", org.apache.camel.component.http.HttpComponent.class)
                .setHttpClientConfigurer(builder -> builder.disableAutomaticRetries());
        String feed = props.feed();
        String pageRoute = "direct:" + feed + "-page";

        // Camel would log exceptions' messages, which can quote record content: the run's failure is
        // recorded instead, by class and page (see failure()).
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));

        // Handled once, for the whole run: inside the split a failure stops the split and comes up here.
        onException(PartnerUnavailableException.class, IOException.class)
                .onWhen(exchangeProperty(Exchange.SPLIT_INDEX).isNull())
                .maximumRedeliveries(props.maxRetries())
                .redeliveryDelay(props.retryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(props.maxRetryDelay().toMillis())
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .logStackTrace(false)
                .handled(true)
                .process(this::failed);
        // Anything else (a 4xx, the hub refusing a record) ends the run at once, marked failed.
        onException(Exception.class)
                .onWhen(exchangeProperty(Exchange.SPLIT_INDEX).isNull())
                .handled(true)
                .logStackTrace(false)
                .process(this::failed);

        from("timer:" + feed + "?delay=" + props.initialDelay().toMillis() + "&period=" + props.period().toMillis())
                .routeId(feed)
                .process(this::openRun)
                .loopDoWhile(header(MORE))
                    .to(pageRoute)
                    // a page's records are kept in one batch, while the next page is fetched
                    .process(this::toSourceRecords)
                    .process(this::keepBehind)
                .end()
                .process(this::awaitKept)
                .process(this::completed);

        // No error handler of its own: a failure here makes the caller redeliver the whole fetch.
        from(pageRoute)
                .routeId(feed + "-page")
                .errorHandler(noErrorHandler())
                .removeHeaders("CamelHttp*")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .process(this::addressPage)
                .setBody(constant(null))
                .to(props.url() + path() + "?throwExceptionOnFailure=false"
                        + "&connectTimeout=" + props.connectTimeout().toMillis()
                        + "&responseTimeout=" + props.responseTimeout().toMillis())
                .process(this::readPage);
    }

    /** Polls refused while the partner's circuit was open (for operators, and for tests to await). */
    public long pollsRefusedByOpenCircuit() {
        return breaker.getMetrics().getNumberOfNotPermittedCalls();
    }

    private void openRun(Exchange e) {
        if (!breaker.tryAcquirePermission()) {
            log.warn("Feed {}: the partner failed three runs in a row; polls are paused until it is tried again",
                    props.feed());
            e.setRouteStop(true);
            return;
        }
        Optional<String> run;
        try {
            run = runs.open(props.feed());
        } catch (RuntimeException hubUnavailable) {
            // the hub's own stores (the feed lock, the ledger) are away: not the partner's fault, so the
            // partner's circuit is left as it was, and the next poll tries again
            breaker.releasePermission();
            log.warn("Feed {}: no run could be opened ({}); polling again at the next interval", props.feed(),
                    hubUnavailable.getClass().getSimpleName());
            e.setRouteStop(true);
            return;
        }
        run.ifPresentOrElse(runId -> {
            e.getIn().setHeader(STARTED, System.nanoTime());
            e.getIn().setHeader(RUN_ID, runId);
            e.getIn().setHeader(PAGE, resumesByPageNumber() ? runs.startPage(runId) : 1);
            e.getIn().setHeader(MORE, true);
        }, () -> {
            breaker.releasePermission();
            e.setRouteStop(true);
        });
    }

    /**
     * Hands the page to the feed's keeper thread and lets the route fetch the next one meanwhile: fetching
     * and keeping overlap, with at most one page waiting to be kept (a page is handed over only once the one
     * before it is kept, so pages are kept in order and marked done in order). A failure to keep a page
     * comes up here, at the next page, or at the end of the run, and fails the run as before.
     */
    private void keepBehind(Exchange e) throws Exception {
        awaitKept(e);
        @SuppressWarnings("unchecked")
        List<SourceRecord> batch = e.getIn().getBody(List.class);
        String run = e.getIn().getHeader(RUN_ID, String.class);
        int page = e.getIn().getHeader(PAGE, Integer.class);
        e.setProperty(KEEPING, keeper.submit(() -> {
            gateway.receiveAll(batch);
            runs.pageDone(run, page);
            return null;
        }));
        e.getIn().setHeader(PAGE, page + 1);
    }

    /** Waits until the page being kept, if any, is kept; its failure is thrown as it was raised. */
    private void awaitKept(Exchange e) throws Exception {
        java.util.concurrent.Future<?> keeping = e.getProperty(KEEPING, java.util.concurrent.Future.class);
        if (keeping == null) {
            return;
        }
        e.removeProperty(KEEPING);
        try {
            keeping.get();
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private void completed(Exchange e) {
        breaker.onSuccess(elapsed(e), java.util.concurrent.TimeUnit.NANOSECONDS);
        runs.complete(e.getIn().getHeader(RUN_ID, String.class));
    }

    private void failed(Exchange e) {
        try {
            // a page still being kept finishes (or fails) before the run is closed
            awaitKept(e);
        } catch (Exception alsoFailed) {
            log.debug("Feed {}: the page being kept when the run failed was not kept either", props.feed());
        }
        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e.getIn().getHeader(STARTED) != null) {
            if (partnersFault(cause)) {
                breaker.onError(elapsed(e), java.util.concurrent.TimeUnit.NANOSECONDS, cause);
            } else {
                // the hub failed (its database, say), not the partner: the circuit counts partners' failures only
                breaker.releasePermission();
            }
        }
        runs.fail(e.getIn().getHeader(RUN_ID, String.class), failure(e));
    }

    private static boolean partnersFault(Exception cause) {
        return cause instanceof PartnerUnavailableException || cause instanceof IOException || cause instanceof PartnerRefused;
    }

    /** The partner answered with a client error (4xx other than 429): retrying will not help. */
    static final class PartnerRefused extends IllegalStateException {
        PartnerRefused(String message) {
            super(message);
        }
    }

    private static long elapsed(Exchange e) {
        Long started = e.getIn().getHeader(STARTED, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
    }

    /**
     * A next link resolved against the partner's base URL; one pointing at another server is refused,
     * so a partner's page can never send the hub (and its client credentials) elsewhere.
     */
    private String sameServer(String link, int page) {
        if (link == null) {
            return null;
        }
        java.net.URI base = java.net.URI.create(props.url());
        java.net.URI next;
        try {
            next = base.resolve(link.trim());
        } catch (IllegalArgumentException e) {
            throw new PartnerRefused("page " + page + ": the next link is not a URI");
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                || !base.getHost().equalsIgnoreCase(String.valueOf(next.getHost())) || base.getPort() != next.getPort()) {
            throw new PartnerRefused("page " + page + ": the next link points at another server");
        }
        return next.toString();
    }

    /** The first page by query; later ones by the partner's own next link when it gives one. */
    private void addressPage(Exchange e) {
        String next = e.getIn().getHeader(NEXT_URI, String.class);
        if (next != null) {
            e.getIn().setHeader(Exchange.HTTP_URI, next);
            e.getIn().removeHeader(Exchange.HTTP_QUERY);
        } else {
            e.getIn().setHeader(Exchange.HTTP_QUERY, pageQuery(e.getIn().getHeader(PAGE, Integer.class)));
        }
    }

    /** Checks the answer; on a retryable one, sets the delay Camel's redelivery will wait. */
    private void readPage(Exchange e) throws IOException {
        int status = e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        int page = e.getIn().getHeader(PAGE, Integer.class);
        if (status == 429 || status >= 500) {
            Duration wait = retryAfter(e.getIn().getHeader("Retry-After", String.class));
            if (wait != null) {
                long capped = Math.min(wait.toMillis(), props.maxRetryDelay().toMillis());
                e.getIn().setHeader(Exchange.REDELIVERY_DELAY, capped);
            } else {
                e.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            }
            throw new PartnerUnavailableException("page " + page + ": HTTP " + status);
        }
        e.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        if (status != 200) {
            // 4xx other than 429 will not heal by retrying: stop the run and say so.
            throw new PartnerRefused("page " + page + ": HTTP " + status);
        }
        JsonNode body;
        try {
            body = json.readTree(e.getIn().getBody(byte[].class));
        } catch (IOException ex) {
            throw new PartnerUnavailableException("page " + page + ": body is not JSON (truncated or malformed)");
        }
        List<JsonNode> items = body == null || !body.isObject() ? null : pageItems(body);
        if (items == null) {
            throw new PartnerUnavailableException("page " + page + ": no " + itemsField() + " array");
        }
        boolean more = hasNextPage(body, page);
        String next = more ? sameServer(nextPageUri(body), page) : null;
        if (next != null) {
            e.getIn().setHeader(NEXT_URI, next);
        } else {
            e.getIn().removeHeader(NEXT_URI);
        }
        e.getIn().setHeader(MORE, more);
        e.getIn().setBody(items);
    }

    private void toSourceRecords(Exchange e) {
        String runId = e.getIn().getHeader(RUN_ID, String.class);
        List<SourceRecord> records = new ArrayList<>();
        for (Object item : e.getIn().getBody(Iterable.class)) {
            JsonNode node = (JsonNode) item;
            String raw = node.toString();
            try {
                records.add(map(runId, node, raw));
            } catch (IOException ex) {
                records.add(SourceRecord.unmappable(runId, props.feed(), props.agency(), fallbackId(node, raw), raw, describe(ex)));
            }
        }
        e.getIn().setBody(records);
    }

    /** Names the field and the expected type, never the value (which may be personal data). */
    private static String describe(IOException ex) {
        if (ex instanceof MismatchedInputException mismatch) {
            String path = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String type = mismatch.getTargetType() == null ? "the expected type" : mismatch.getTargetType().getSimpleName();
            return path + ": could not be read as " + type;
        }
        return "the incident could not be read";
    }

    /** An id for an item that could not be read: its own if it has one, else a hash of its text. */
    protected String fallbackId(JsonNode node, String raw) {
        String reference = node.path(idField()).asText("");
        if (!reference.isBlank()) {
            return reference;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return "unidentified:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String failure(Exchange e) {
        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof PartnerUnavailableException) {
            return cause.getMessage() + " (retries exhausted)";
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + " (retries exhausted)";
        }
        if (cause instanceof IllegalStateException && cause.getMessage() != null && cause.getMessage().startsWith("page ")) {
            return cause.getMessage();
        }
        // Other messages are not repeated: a database error can quote the values it refused.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return cause.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return cause == null ? "unknown failure" : cause.getClass().getSimpleName();
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110). */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
