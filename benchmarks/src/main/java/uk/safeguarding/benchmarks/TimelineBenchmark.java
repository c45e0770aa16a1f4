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
 * A subject's timeline (the subject with most events across the simulated feeds) read through the disclosure
 * choke point - policy decisions and the audit append - against the same rows read raw. The hub runs
 * in local mode inside the benchmark's JVM, on embedded PostgreSQL.
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
    public void start() throws InterruptedException {
        hub = SpringApplication.run(HubApplication.class, "--server.port=0", "--hub.feeds.police.initial-delay=0s",
                "--logging.level.root=warn");
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.sql("select count(*) from feed_run where status = 'completed'").query(Integer.class).single() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the police feed did not complete a run");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        subject = jdbc.sql("""
                select l.subject_id from subject_link l join event_party p on p.person_record_id = l.person_record_id
                group by l.subject_id order by count(*) desc limit 1""").query(UUID.class).single();
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
