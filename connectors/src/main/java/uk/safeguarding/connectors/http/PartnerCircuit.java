package uk.safeguarding.connectors.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A partner that keeps failing is left alone for a while rather than hammered every poll: three runs in
 * a row failed by the partner open the circuit for {@code open}. Only the partner's failures count; the
 * hub's own (its database, its feed lock) leave the circuit as it was.
 */
final class PartnerCircuit {

    private final CircuitBreaker breaker;

    PartnerCircuit(String feed, Duration open) {
        this.breaker = CircuitBreaker.of(feed, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(3).minimumNumberOfCalls(3).failureRateThreshold(100)
                .waitDurationInOpenState(open).permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** Whether a run may start; if it may, it ends in {@link #succeeded}, {@link #failed} or {@link #notRun}. */
    boolean permitsRun() {
        return breaker.tryAcquirePermission();
    }

    /** The run did not happen (no run opened): the partner was not tried. */
    void notRun() {
        breaker.releasePermission();
    }

    void succeeded(long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    /** The run failed: counted against the partner when it was the partner's fault. */
    void failed(long nanos, Exception cause) {
        if (partnersFault(cause)) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        } else {
            // the hub failed (its database, say), not the partner: the circuit counts partners' failures only
            breaker.releasePermission();
        }
    }

    /** Polls refused while the circuit was open. */
    long refusedPolls() {
        return breaker.getMetrics().getNumberOfNotPermittedCalls();
    }

    private static boolean partnersFault(Exception cause) {
        return cause instanceof PartnerUnavailableException || cause instanceof IOException || cause instanceof PartnerRefused;
    }
}
