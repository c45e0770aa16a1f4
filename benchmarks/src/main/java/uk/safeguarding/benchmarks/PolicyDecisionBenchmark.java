package uk.safeguarding.benchmarks;

import jakarta.validation.Validation;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.ConsentState;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.policy.PolicyLoader;
import uk.safeguarding.hub.access.policy.PolicySet;

/** The cost of deciding one field, over the shipped agreements, for the three kinds of outcome. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyDecisionBenchmark {

    private PolicySet policy;
    private final Caller analyst = new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022"));
    private final PolicySet.Circumstances facts = new PolicySet.Circumstances(LocalDate.of(2026, 11, 23),
            Map.of("slam", ConsentState.REFUSED), Set.of(), Map.of());

    @Setup
    public void load() throws Exception {
        policy = new PolicyLoader(new PathMatchingResourcePatternResolver(),
                Validation.buildDefaultValidatorFactory().getValidator()).load("classpath:policies");
    }

    @Benchmark
    public PolicySet.Decision releasedPoliceSummary() {
        return policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "met-police", "CRIMINAL_OFFENCE", facts);
    }

    @Benchmark
    public PolicySet.Decision withheldForConsent() {
        return policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "slam", "SPECIAL_CATEGORY", facts);
    }

    @Benchmark
    public PolicySet.Decision noAgreement() {
        return policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "rbkc-csc", "ORDINARY", facts);
    }
}
