package uk.safeguarding.hub.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: the entries of requests that finish at about the same time are written under one lock of
 * the chain and one commit, by one writer, instead of a lock and a durable commit each. Each request is
 * answered only once the commit that holds its entry has completed; if it fails, every request in it is
 * told so (and discloses nothing).
 */
@Component
class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** At most this many entries in one commit, so that one commit stays short. */
    private static final int MOST = 500;

    private record Pending(HashChainedAuditLog.Canonical entry, CompletableFuture<Void> written) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate transactions;
    private final Thread writer;
    /** How many entries each commit held and how long it took: what bounds the API's audited reads. */
    private final DistributionSummary entriesPerCommit;
    private final Timer commitTime;
    private volatile Consumer<List<HashChainedAuditLog.Canonical>> write;
    private volatile boolean running = true;

    GroupCommit(PlatformTransactionManager transactions, MeterRegistry meters) {
        this.transactions = new TransactionTemplate(transactions);
        this.entriesPerCommit = DistributionSummary.builder("hub.audit.group.entries")
                .description("audit entries written per group commit").register(meters);
        this.commitTime = Timer.builder("hub.audit.group.time").description("time to write and commit one group")
                .register(meters);
        this.writer = new Thread(this::run, "audit-group-commit");
        writer.setDaemon(true);
    }

    /** The chain's writer (the log hands itself over once it exists). */
    void writeWith(Consumer<List<HashChainedAuditLog.Canonical>> write) {
        this.write = write;
        if (!writer.isAlive()) {
            writer.start();
        }
    }

    CompletableFuture<Void> submit(HashChainedAuditLog.Canonical entry) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!running) {
            written.completeExceptionally(new IllegalStateException("the hub is stopping"));
            return written;
        }
        queue.add(new Pending(entry, written));
        return written;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException stopping) {
                if (queue.isEmpty()) {
                    break;
                }
                continue;
            }
            // everything that arrived while the last commit was in flight goes into this one
            queue.drainTo(batch, MOST - 1);
            try {
                commitTime.record(() -> transactions.executeWithoutResult(
                        status -> write.accept(batch.stream().map(Pending::entry).toList())));
                entriesPerCommit.record(batch.size());
                batch.forEach(p -> p.written().complete(null));
            } catch (RuntimeException failed) {
                log.warn("{} audit entries could not be written ({}); their requests disclose nothing", batch.size(),
                        failed.getClass().getSimpleName());
                batch.forEach(p -> p.written().completeExceptionally(failed));
            }
            batch.clear();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(10_000);
    }
}
