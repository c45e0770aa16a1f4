package uk.safeguarding.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.HubApplication;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.identity.Identities;
import uk.safeguarding.hub.ingest.EventHistory;

/**
 * A subject's timeline (a person known to six agencies, 102 events, from the API load test's dataset) read
 * through the disclosure choke point - policy decisions and the audit append - against the same rows read
 * raw. The hub runs in local mode inside the benchmark's JVM, on embedded PostgreSQL, with no feed running.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TimelineBenchmark {

    private ConfigurableApplicationContext hub;
    private Disclosures disclosures;
    private Identities identities;
    private EventHistory events;
    private UUID subject;
    private final Caller analyst = new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022"));

    @Setup
    public void start() throws java.io.IOException {
        // no feed and no simulator: a fixed dataset (the API load test's, at 1,000 people), so that runs compare
        hub = SpringApplication.run(HubApplication.class, BenchmarkHub.with(BenchmarkHub.QUIET,
                new String[] {"--server.port=0"}));
        BenchmarkHub.load(hub, 1_000, java.nio.file.Files.createTempDirectory("timeline-benchmark"));
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        // a person known to all six agencies, with 17 events from each
        subject = jdbc.sql("""
                select l.subject_id from subject_link l join person_record p on p.id = l.person_record_id
                where p.local_id like 'bench-met-police-%' order by p.local_id limit 1""").query(UUID.class).single();
        disclosures = hub.getBean(Disclosures.class);
        identities = hub.getBean(Identities.class);
        events = hub.getBean(EventHistory.class);
    }

    @TearDown
    public void stop() {
        hub.close();
    }

    @Benchmark
    public Object timelineWithPolicyAndAudit() {
        return disclosures.timeline(analyst, Purpose.VVASB_PANEL, subject, Set.of(), 0, 100);
    }

    /** The same rows, every agency's, with no decision and no audit. */
    @Benchmark
    public Object timelineRawRead() {
        List<Identities.KnownPerson> known = identities.records(List.of(subject)).get(subject);
        // every class of every agency holding a record of theirs: a read with no decision
        Set<EventHistory.EventClass> classes = known.stream().map(Identities.KnownPerson::agency).distinct()
                .flatMap(agency -> uk.safeguarding.hub.access.policy.PolicySet.RECORD_CLASSES.stream()
                        .map(c -> new EventHistory.EventClass(agency, c)))
                .collect(java.util.stream.Collectors.toSet());
        return events.involving(known.stream().map(Identities.KnownPerson::id).toList(), classes, 0, 101);
    }
}
