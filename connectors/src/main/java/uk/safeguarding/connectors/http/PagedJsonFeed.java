package uk.safeguarding.connectors.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
    /** Set once the run's expected size has been estimated from its first page. */
    static final String ESTIMATED = "hubRunEstimated";

    private final HttpFeedSettings props;
    private final PartnerRun run;
    protected final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    protected PagedJsonFeed(HttpFeedSettings props, RecordGateway gateway, FeedRuns runs) {
        this.props = props;
        this.run = new PartnerRun(props, gateway, runs, this::resumesByPageNumber);
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

    /**
     * How many items a run starting at {@code page} should read in all, from that page: the pages left
     * (counted from {@link #totalPagesField}) times this page's items; -1 when the partner does not say.
     */
    protected long expectedItems(JsonNode body, int page, int items) {
        int pages = body.path(totalPagesField()).asInt(0);
        return pages >= page ? (long) (pages - page + 1) * items : -1;
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
        return item(runId, node, raw);
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
        // recorded instead, by class and page (FailureReasons).
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
                .process(run::failed);
        // Anything else (a 4xx, the hub refusing a record) ends the run at once, marked failed.
        onException(Exception.class)
                .onWhen(exchangeProperty(Exchange.SPLIT_INDEX).isNull())
                .handled(true)
                .logStackTrace(false)
                .process(run::failed);

        from("timer:" + feed + "?delay=" + props.initialDelay().toMillis() + "&period=" + props.period().toMillis())
                .routeId(feed)
                .process(run::open)
                .loopDoWhile(header(MORE))
                    .to(pageRoute)
                    // a page's records are kept in one batch, while the next page is fetched
                    .process(this::toSourceRecords)
                    .process(run::keepBehind)
                .end()
                .process(run::completed);

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
        return run.pollsRefused();
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

    /** Reads the page's items and whether (and where) another follows; a page that cannot be read is retried. */
    private void readPage(Exchange e) throws IOException {
        int page = e.getIn().getHeader(PAGE, Integer.class);
        PartnerResponses.requireOk(e, page, props.maxRetryDelay());
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
        String next = more ? PartnerResponses.sameServer(props.url(), nextPageUri(body), page) : null;
        if (next != null) {
            e.getIn().setHeader(NEXT_URI, next);
        } else {
            e.getIn().removeHeader(NEXT_URI);
        }
        e.getIn().setHeader(MORE, more);
        if (e.getIn().getHeader(ESTIMATED) == null) {
            e.getIn().setHeader(ESTIMATED, true);
            run.expect(e, expectedItems(body, page, items.size()));
        }
        e.getIn().setBody(items);
    }

    private void toSourceRecords(Exchange e) {
        String runId = e.getIn().getHeader(RUN_ID, String.class);
        List<SourceRecord> records = new ArrayList<>();
        for (Object item : e.getIn().getBody(Iterable.class)) {
            JsonNode node = (JsonNode) item;
            records.add(item(runId, node, node.toString()));
        }
        e.getIn().setBody(records);
    }

    /** One item mapped, or raw with the reason it could not be read. */
    private SourceRecord item(String runId, JsonNode node, String raw) {
        try {
            return map(runId, node, raw);
        } catch (IOException ex) {
            return SourceRecord.unmappable(runId, props.feed(), props.agency(), fallbackId(node, raw), raw,
                    FailureReasons.ofItem(ex));
        }
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
}
