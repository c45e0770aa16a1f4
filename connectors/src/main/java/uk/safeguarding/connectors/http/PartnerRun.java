package uk.safeguarding.connectors.http;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * A feed's run against its partner, step by step as the route takes them: opened when the partner's circuit
 * allows and no other instance runs the feed, each page's records kept behind the fetch of the next, closed
 * completed or failed (with a reason naming no values), the outcome counted by the circuit.
 */
final class PartnerRun {

    private static final Logger log = LoggerFactory.getLogger(PagedJsonFeed.class);

    private final String feed;
    private final RecordGateway gateway;
    private final FeedRuns runs;
    private final BooleanSupplier resumesByPageNumber;
    private final PageKeeper keeper;
    private final PartnerCircuit circuit;

    PartnerRun(HttpFeedSettings props, RecordGateway gateway, FeedRuns runs, BooleanSupplier resumesByPageNumber) {
        this.feed = props.feed();
        this.gateway = gateway;
        this.runs = runs;
        this.resumesByPageNumber = resumesByPageNumber;
        this.keeper = new PageKeeper(feed);
        this.circuit = new PartnerCircuit(feed, props.circuitOpen());
    }

    /** Opens a run (headers: its id, the page to start at), or stops the route when none may run now. */
    void open(Exchange e) {
        if (!circuit.permitsRun()) {
            log.warn("Feed {}: the partner failed three runs in a row; polls are paused until it is tried again", feed);
            e.setRouteStop(true);
            return;
        }
        Optional<String> run;
        try {
            run = runs.open(feed);
        } catch (RuntimeException hubUnavailable) {
            // the hub's own stores (the feed lock, the ledger) are away: not the partner's fault, so the
            // partner's circuit is left as it was, and the next poll tries again
            circuit.notRun();
            log.warn("Feed {}: no run could be opened ({}); polling again at the next interval", feed,
                    hubUnavailable.getClass().getSimpleName());
            e.setRouteStop(true);
            return;
        }
        run.ifPresentOrElse(runId -> {
            e.getIn().setHeader(PagedJsonFeed.STARTED, System.nanoTime());
            e.getIn().setHeader(PagedJsonFeed.RUN_ID, runId);
            e.getIn().setHeader(PagedJsonFeed.PAGE, resumesByPageNumber.getAsBoolean() ? runs.startPage(runId) : 1);
            e.getIn().setHeader(PagedJsonFeed.MORE, true);
        }, () -> {
            circuit.notRun();
            e.setRouteStop(true);
        });
    }

    /** Records the run's expected size for its progress, when the partner's first page told it. */
    void expect(Exchange e, long records) {
        if (records > 0) {
            runs.expect(e.getIn().getHeader(PagedJsonFeed.RUN_ID, String.class), records);
        }
    }

    /** Hands the page's records to the keeper, to be kept (and the page marked done) while the route fetches the next. */
    void keepBehind(Exchange e) throws Exception {
        @SuppressWarnings("unchecked")
        List<SourceRecord> batch = e.getIn().getBody(List.class);
        String run = e.getIn().getHeader(PagedJsonFeed.RUN_ID, String.class);
        int page = e.getIn().getHeader(PagedJsonFeed.PAGE, Integer.class);
        keeper.keepBehind(e, () -> {
            gateway.receiveAll(batch);
            runs.pageDone(run, page);
            return null;
        });
        e.getIn().setHeader(PagedJsonFeed.PAGE, page + 1);
    }

    /** After the last page: waits for it to be kept, then completes the run. */
    void completed(Exchange e) throws Exception {
        keeper.awaitKept(e);
        circuit.succeeded(elapsed(e));
        runs.complete(e.getIn().getHeader(PagedJsonFeed.RUN_ID, String.class));
    }

    void failed(Exchange e) {
        try {
            // a page still being kept finishes (or fails) before the run is closed
            keeper.awaitKept(e);
        } catch (Exception alsoFailed) {
            log.debug("Feed {}: the page being kept when the run failed was not kept either", feed);
        }
        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e.getIn().getHeader(PagedJsonFeed.STARTED) != null) {
            circuit.failed(elapsed(e), cause);
        }
        runs.fail(e.getIn().getHeader(PagedJsonFeed.RUN_ID, String.class), FailureReasons.ofRun(cause));
    }

    /** Polls refused while the partner's circuit was open. */
    long pollsRefused() {
        return circuit.refusedPolls();
    }

    private static long elapsed(Exchange e) {
        Long started = e.getIn().getHeader(PagedJsonFeed.STARTED, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
    }
}
