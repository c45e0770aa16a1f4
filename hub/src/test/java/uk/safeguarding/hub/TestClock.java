package uk.safeguarding.hub;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The hub's clock in tests: the real time until a test moves it. It only ever goes forward (the audit
 * log's timestamps stay in order), and it can be held still, so that a test is not at the mercy of the
 * minute or the hour in which the suite happens to run.
 */
public final class TestClock extends Clock {

    /** Makes the test clock the hub's clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    private Instant base = Instant.now();
    private long baseNanos = System.nanoTime();
    private boolean held;

    @Override
    public synchronized Instant instant() {
        return held ? base : base.plusNanos(System.nanoTime() - baseNanos);
    }

    /** Jumps forward to {@code when} (never back) and runs on from there. */
    public synchronized void advanceTo(Instant when) {
        Instant now = instant();
        if (when.isBefore(now)) {
            throw new IllegalArgumentException("the test clock only goes forward: it is " + now + ", not " + when);
        }
        base = when;
        baseNanos = System.nanoTime();
    }

    /** Stops the clock where it is. */
    public synchronized void hold() {
        base = instant();
        held = true;
    }

    /** Lets it run on from where it was held. */
    public synchronized void release() {
        baseNanos = System.nanoTime();
        held = false;
    }

    /** The start of the next whole minute. */
    public Instant nextMinute() {
        long seconds = instant().getEpochSecond();
        return Instant.ofEpochSecond(seconds - seconds % 60 + 60);
    }

    /** As the hub's own clock: agreement dates are London dates. */
    @Override
    public ZoneId getZone() {
        return ZoneId.of("Europe/London");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub's clock is London's");
    }
}
