package uk.safeguarding.connectors.http;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * Keeps a feed's pages behind the fetch, one at a time: the route hands a page over and fetches the next
 * one meanwhile, with at most one page waiting to be kept (a page is handed over only once the one before
 * it is kept, so pages are kept in order and marked done in order). One thread for the feed while it runs
 * (it ends when idle), not one per page or record.
 */
final class PageKeeper {

    /** The exchange's property holding the page being kept. */
    private static final String KEEPING = "hubPageBeingKept";

    private final ExecutorService keeper;

    PageKeeper(String feed) {
        this.keeper = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, feed + "-keeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Waits until the page before is kept, then hands this one over. A failure to keep a page comes up
     * here, at the next page, or at the end of the run ({@link #awaitKept}).
     */
    void keepBehind(Exchange e, Callable<Void> keepPage) throws Exception {
        awaitKept(e);
        e.setProperty(KEEPING, keeper.submit(keepPage));
    }

    /** Waits until the page being kept, if any, is kept; its failure is thrown as it was raised. */
    void awaitKept(Exchange e) throws Exception {
        Future<?> keeping = e.getProperty(KEEPING, Future.class);
        if (keeping == null) {
            return;
        }
        e.removeProperty(KEEPING);
        try {
            keeping.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
