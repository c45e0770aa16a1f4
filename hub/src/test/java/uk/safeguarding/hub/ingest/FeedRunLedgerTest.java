package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.LocalHubTest;

/**
 * A running poll shows how far it has got; a run cut short is marked abandoned, and the next run resumes where it stopped; a feed whose instance
 * died is taken over once that instance's lock expires.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedRunLedgerTest extends LocalHubTest {

    @Autowired
    FeedRunLedger ledger;

    @Autowired
    RedisConnectionFactory redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordGateway gateway;

    @Autowired
    Feeds feeds;

    @Test
    void aRunningPollShowsItsProgressAndExpectedEndInTheFeedsQueryAndTheLog(CapturedOutput log) {
        String feed = "progress-test-feed";
        String run = ledger.open(feed).orElseThrow();
        // the partner's first page said four pages of 25
        ledger.expect(run, 100);
        ledger.progressLogInterval(Duration.ZERO);
        try {
            keepTwoPages(feed, run);
        } finally {
            ledger.progressLogInterval(Duration.ofSeconds(5));
        }

        Feeds.FeedRun running = feeds.runs(feed, 10).stream().filter(r -> r.id().toString().equals(run)).findFirst().orElseThrow();
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.bulk()).isFalse();
        Feeds.Progress progress = running.progress();
        assertThat(progress.read()).isEqualTo(52);
        assertThat(progress.stored()).isEqualTo(50);
        assertThat(progress.quarantined()).isEqualTo(2);
        assertThat(progress.expected()).isEqualTo(100);
        assertThat(progress.recordsPerSecond()).isPositive();
        assertThat(progress.expectedEnd()).isAfter(running.startedAt());
        // the operator's log says the same, in numbers only
        assertThat(log.getOut()).contains("Feed " + feed + " run " + run + ": page 2, received 52 of about 100, stored 50, "
                + "quarantined 2, ").contains("expected end ");

        ledger.complete(run);
        Feeds.FeedRun done = feeds.runs(feed, 10).stream().filter(r -> r.id().toString().equals(run)).findFirst().orElseThrow();
        assertThat(done.progress().read()).isEqualTo(52);
        assertThat(done.progress().expectedEnd()).as("a finished run expects no end").isNull();
    }

    /** Two pages of 25 records and one the hub quarantines, each page marked done as a poll marks it. */
    private void keepTwoPages(String feed, String run) {
        for (int page = 1; page <= 2; page++) {
            List<SourceRecord> records = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                records.add(new SourceRecord(run, feed, "met-police", "PROGRESS-" + run + "-" + page + "-" + i,
                        "{\"page\":" + page + ",\"item\":" + i + "}", List.of(), List.of(), List.of()));
            }
            records.add(SourceRecord.unmappable(run, feed, "met-police", "PROGRESS-BAD-" + run + "-" + page, "{}", "datetime: missing"));
            assertThat(gateway.receiveAll(records)).hasSize(26);
            ledger.pageDone(run, page);
        }
    }

    @Test
    void theNextRunResumesAtTheLastPageTheCutShortRunFinished() {
        String feed = "resume-test-feed";
        // a run that a stopped hub left behind after finishing three pages
        String cut = jdbc.sql("""
                insert into feed_run (id, feed, started_at, last_page) values (gen_random_uuid(), ?, now() - interval '1 minute', 3)
                returning id::text""").param(feed).query(String.class).single();

        String next = ledger.open(feed).orElseThrow();

        assertThat(jdbc.sql("select status, failure from feed_run where id = ?::uuid").param(cut).query().singleRow())
                .containsEntry("status", "failed").containsEntry("failure", "abandoned: the hub stopped during the run");
        assertThat(ledger.startPage(next)).isEqualTo(3);
        assertThat(jdbc.sql("select first_page from feed_run where id = ?::uuid").param(next).query(Integer.class).single())
                .isEqualTo(3);
        ledger.pageDone(next, 3);
        ledger.pageDone(next, 4);
        ledger.complete(next);

        String after = ledger.open(feed).orElseThrow();
        assertThat(ledger.startPage(after)).as("after a completed run, from the start").isEqualTo(1);
        ledger.complete(after);
    }

    @Test
    void anInstanceThatDiesHoldingAFeedLosesItToAnotherOnceItsLockExpires() {
        String feed = "takeover-test-feed";
        // another hub instance took the feed and died mid-run: its lock is no longer renewed
        RedisLockRegistry theirs = new RedisLockRegistry(redis, "hub:feed-lock", Duration.ofSeconds(2));
        assertThat(theirs.obtain(feed).tryLock()).isTrue();
        String cut = jdbc.sql("""
                insert into feed_run (id, feed, instance, last_page) values (gen_random_uuid(), ?, 'dead-instance', 2)
                returning id::text""").param(feed).query(String.class).single();

        assertThat(ledger.open(feed)).as("while the dead instance's lock lasts, the feed is not polled twice").isEmpty();

        String next = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).pollInSameThread() // locks are held per thread
                .until(() -> ledger.open(feed), java.util.Optional::isPresent).orElseThrow();
        assertThat(jdbc.sql("select status from feed_run where id = ?::uuid").param(cut).query(String.class).single())
                .isEqualTo("failed");
        assertThat(jdbc.sql("select instance from feed_run where id = ?::uuid").param(next).query(String.class).single())
                .isNotBlank().isNotEqualTo("dead-instance");
        assertThat(ledger.startPage(next)).as("it resumes where the dead instance stopped").isEqualTo(2);
        ledger.complete(next);
    }

    @Test
    void aLongRunKeepsItsFeedBecauseItsLockIsRenewed() {
        String feed = "renewal-test-feed";
        String run = ledger.open(feed).orElseThrow();
        RedisLockRegistry others = new RedisLockRegistry(redis, "hub:feed-lock", Duration.ofSeconds(2));
        // renewed every third of its expiry (1 s in tests): once its time to live in Redis has been reset four
        // times the lock has outlived its first expiry, and it is still held by the instance that runs the feed
        byte[] key = ("hub:feed-lock:" + feed).getBytes(StandardCharsets.UTF_8);
        long[] last = {Long.MAX_VALUE};
        int[] renewed = {0};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (RedisConnection connection = redis.getConnection()) {
                long ttl = connection.keyCommands().pTtl(key);
                if (ttl > last[0]) {
                    renewed[0]++;
                }
                last[0] = ttl;
            }
            return renewed[0] >= 4;
        });
        assertThat(meters.counter("hub.feed.lock.renewals").count()).isGreaterThanOrEqualTo(4);
        assertThat(others.obtain(feed).tryLock()).isFalse();
        ledger.complete(run);
        assertThat(others.obtain(feed).tryLock()).isTrue();
    }
}
