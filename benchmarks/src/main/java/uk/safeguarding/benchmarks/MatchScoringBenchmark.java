package uk.safeguarding.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.safeguarding.populations.LabelledRecords;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.hub.identity.matching.RecordLinkage;

/**
 * Match scoring, the inner loop of identity resolution: one arriving person record blocked, compared
 * field by field with its candidates, scored and decided, against 50,000 records already linked (the
 * weights trained on them by EM). Each iteration starts from a fresh training, as linked records stay.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class MatchScoringBenchmark {

    private List<PersonRecord> known;
    private List<PersonRecord> arriving;
    private RecordLinkage linkage;
    private int next;

    @Setup(Level.Trial)
    public void records() {
        List<PersonRecord> people = new ArrayList<>();
        LabelledRecords.stream(20261123L, 40_000).forEach(l -> people.addAll(l.record().people()));
        known = people.subList(0, 50_000);
        arriving = people.subList(50_000, people.size());
    }

    @Setup(Level.Iteration)
    public void train() {
        linkage = RecordLinkage.train(known, RecordLinkage.Thresholds.DEFAULT);
        next = 0;
    }

    @Benchmark
    public RecordLinkage.Outcome linkOneArrival() {
        return linkage.link(arriving.get(next++ % arriving.size()));
    }
}
