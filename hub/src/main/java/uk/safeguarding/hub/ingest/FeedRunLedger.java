package uk.safeguarding.hub.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.connectors.canonical.FeedRuns;

/**
 * Opens and closes feed runs. A run holds its feed's Redis lock from open to close, so with several
 * hub instances only one polls a feed at a time.
 */
@Component
class FeedRunLedger implements FeedRuns {

    private static final Logger log = LoggerFactory.getLogger(FeedRunLedger.class);


    private final JdbcClient jdbc;
    private final LockRegistry locks;
    private final Map<String, Lock> held = new ConcurrentHashMap<>();
    /** When each running poll last logged its progress (nanoTime), so that it logs every few seconds, not every page. */
    private final Map<String, Long> progressLogged = new ConcurrentHashMap<>();
    private volatile long progressLogInterval = TimeUnit.SECONDS.toNanos(5);
    private final String instance;
    private final MeterRegistry meters;

    FeedRunLedger(JdbcClient jdbc, LockRegistry locks, @Value("${hub.instance-id:}") String instance, MeterRegistry meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.locks = locks;
        // recorded on each run, so that an operator can tell which instance ran (and which one stopped)
        this.instance = instance.isBlank() ? defaultInstance() : instance;
    }

    /** host, process and a random suffix: unique even for two hubs in one process (as in tests). */
    private static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 4);
    }

    /** Adds a batch's or a bulk load's outcomes to its run's counts, in the caller's transaction. */
    void count(UUID run, int stored, int duplicates, int quarantined) {
        jdbc.sql("""
                update feed_run set received = received + ?, stored = stored + ?, duplicates = duplicates + ?,
                    quarantined = quarantined + ? where id = ?""")
                .params(stored + duplicates + quarantined, stored, duplicates, quarantined, run).update();
    }

    @Override
    public Optional<String> open(String feed) {
        Lock lock = locks.obtain(feed);
        boolean locked;
        try {
            locked = lock.tryLock();
        } catch (RuntimeException lockStoreAway) {
            skipped(feed, "lock-unavailable");
            throw lockStoreAway;
        }
        if (!locked) {
            log.info("Feed {} is being run by another hub instance; skipping this poll", feed);
            skipped(feed, "held-elsewhere");
            return Optional.empty();
        }
        try {
            // holding the feed's lock, no other poll of it is running: a run still marked running was cut
            // short by a hub that stopped; what it stored is kept, and this run reads the rest again
            int abandoned = jdbc.sql("""
                    update feed_run set status = 'failed', finished_at = now(),
                        failure = 'abandoned: the hub stopped during the run'
                    where feed = ? and status = 'running' and kind = 'poll'""").param(feed).update();
            if (abandoned > 0) {
                log.warn("Feed {}: {} earlier run(s) were cut short and are marked abandoned", feed, abandoned);
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into feed_run (id, feed, instance) values (?, ?, ?)").params(id, feed, instance).update();
            held.put(id.toString(), lock);
            log.info("Feed {} run {} started", feed, id);
            return Optional.of(id.toString());
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /** Polls that did not run for want of the feed's lock, by why: visible to operators and awaited by tests. */
    private void skipped(String feed, String reason) {
        meters.counter("hub.feed.polls.skipped", "feed", feed, "reason", reason).increment();
    }

    /**
     * A run for replaying corrected records: it reads nothing from the partner, so it takes no feed lock
     * and may overlap a poll; its counts reconcile like any run's.
     */
    String openReplay(String feed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into feed_run (id, feed, kind, instance) values (?, ?, 'replay', ?)").params(id, feed, instance)
                .update();
        return id.toString();
    }

    /**
     * Resumes at the last page the feed's previous run finished, if that run did not complete: that page
     * is read again (its records come back as duplicates) so that the run learns how many pages there
     * are. A previous run that completed, or never finished a page, means starting at page 1.
     */
    @Override
    public int startPage(String runId) {
        UUID id = UUID.fromString(runId);
        int start = jdbc.sql("""
                select coalesce((select case when p.status <> 'completed' and p.last_page > 1 then p.last_page end
                    from feed_run p where p.feed = r.feed and p.kind = 'poll' and p.id <> r.id
                    order by p.started_at desc limit 1), 1)
                from feed_run r where r.id = ?""").param(id).query(Integer.class).single();
        if (start > 1) {
            jdbc.sql("update feed_run set first_page = ? where id = ?").params(start, id).update();
            log.info("Feed run {} resumes at page {}, the last page its predecessor finished", runId, start);
        }
        return start;
    }

    /** For tests: how often a running poll logs its progress (zero: at every page). */
    void progressLogInterval(Duration interval) {
        progressLogInterval = interval.toNanos();
    }

    /** A polled run's expected size, kept where a bulk run keeps its progress, so the feeds query can say when it should end. */
    @Override
    public void expect(String runId, long records) {
        jdbc.sql("""
                insert into feed_run_progress (run_id, read_so_far, stored_so_far, quarantined_so_far, expected)
                values (?, 0, 0, 0, ?)
                on conflict (run_id) do update set expected = excluded.expected, updated_at = now()""")
                .params(UUID.fromString(runId), (int) Math.min(records, Integer.MAX_VALUE)).update();
    }

    @Override
    public void pageDone(String runId, int page) {
        jdbc.sql("update feed_run set last_page = ? where id = ?").params(page, UUID.fromString(runId)).update();
        long now = System.nanoTime();
        long last = progressLogged.computeIfAbsent(runId, r -> now);
        if (now - last >= progressLogInterval && progressLogged.replace(runId, last, now)) {
            logProgress(runId, page);
        }
    }

    /** For operators, what the feeds query shows of a running poll: counts, rate and expected end. Numbers only. */
    private void logProgress(String runId, int page) {
        jdbc.sql("""
                select r.feed, r.received, r.stored, r.quarantined, p.expected,
                       extract(epoch from now() - r.started_at) as seconds
                from feed_run r left join feed_run_progress p on p.run_id = r.id where r.id = ?""")
                .param(UUID.fromString(runId))
                .query(rs -> {
                    int received = rs.getInt("received");
                    Integer expected = (Integer) rs.getObject("expected");
                    double rate = received / Math.max(rs.getDouble("seconds"), 1e-3);
                    String end = expected != null && expected > received && rate > 0
                            ? ", expected end " + java.time.Instant.now().plusSeconds((long) ((expected - received) / rate)) : "";
                    log.info("Feed {} run {}: page {}, received {}{}, stored {}, quarantined {}, {} records/s{}",
                            rs.getString("feed"), runId, page, received, expected == null ? "" : " of about " + expected,
                            rs.getInt("stored"), rs.getInt("quarantined"), Math.round(rate), end);
                });
    }

    @Override
    public void complete(String runId) {
        close(runId, "completed", null);
    }

    @Override
    public void fail(String runId, String reason) {
        close(runId, "failed", reason);
    }

    private void close(String runId, String status, String reason) {
        if (runId == null) {
            return;
        }
        progressLogged.remove(runId);
        try {
            jdbc.sql("update feed_run set status = ?, failure = ?, finished_at = now() where id = ?")
                    .params(status, reason, UUID.fromString(runId)).update();
            jdbc.sql("select feed, received, stored, duplicates, quarantined, started_at, finished_at from feed_run where id = ?")
                    .param(UUID.fromString(runId))
                    .query((rs, n) -> {
                        String feed = rs.getString(1);
                        log.info("Feed {} run {} {}: received {}, stored {}, duplicates {}, quarantined {}{}",
                                feed, runId, status, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                                reason == null ? "" : " (" + reason + ")");
                        measure(feed, status, rs.getInt(3), rs.getInt(4), rs.getInt(5), Duration.between(
                                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)));
                        return null;
                    }).list();
        } finally {
            Lock lock = held.remove(runId);
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /** This instance's feed runs and what they kept, for the metrics endpoint (ids and counts, no personal data). */
    private void measure(String feed, String status, int stored, int duplicates, int quarantined, Duration took) {
        Counter.builder("hub.feed.runs").description("Feed runs finished, by how they ended")
                .tags("feed", feed, "status", status).register(meters).increment();
        Timer.builder("hub.feed.run.duration").tags("feed", feed).register(meters).record(took);
        for (var kept : java.util.Map.of("stored", stored, "duplicate", duplicates, "quarantined", quarantined).entrySet()) {
            Counter.builder("hub.feed.records").description("Records received by feed runs, by what became of them")
                    .tags("feed", feed, "outcome", kept.getKey()).register(meters).increment(kept.getValue());
        }
    }
}
