package uk.safeguarding.hub.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.benchmarks.BenchmarkHub;
import uk.safeguarding.hub.HubApplication;

/**
 * Audit entries written per second with readers querying the store at the same time: each in its own
 * transaction (a mutation's way), and group-committed (a query's way: one lock and one commit for the
 * entries of all the requests that finish together). One chain, so writes serialise on its head.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AuditAppendBenchmark {

    private ConfigurableApplicationContext hub;
    private AuditLog audit;
    private TransactionTemplate transactions;
    private JdbcClient jdbc;
    private final AuditLog.Entry entry = new AuditLog.Entry("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"),
            "VVASB_PANEL", "timeline", List.of(UUID.randomUUID()), Map.of("records", List.of(), "offset", 0));

    @Setup
    public void start() {
        // -Ddurable=true: the embedded PostgreSQL with fsync and synchronous commit on, as a production server
        hub = SpringApplication.run(HubApplication.class, BenchmarkHub.with(BenchmarkHub.QUIET, new String[] {
            "--server.port=0", "--spring.datasource.hikari.maximum-pool-size=20",
            "--hub.embedded.postgres-durable=" + Boolean.getBoolean("durable")}));
        audit = hub.getBean(AuditLog.class);
        transactions = new TransactionTemplate(hub.getBean(PlatformTransactionManager.class));
        jdbc = hub.getBean(JdbcClient.class);
    }

    @TearDown
    public void stop() {
        // what the writer did: the entries each commit carried and what a commit cost
        var meters = hub.getBean(MeterRegistry.class);
        var entries = meters.get("hub.audit.group.entries").summary();
        var time = meters.get("hub.audit.group.time").timer();
        System.out.printf("%n[group commit: %d commits, %.1f entries each on average (most %.0f), %.2f ms each on"
                + " average; fsync %s]%n", entries.count(), entries.mean(), entries.max(),
                time.mean(TimeUnit.MILLISECONDS), Boolean.getBoolean("durable") ? "on" : "off");
        hub.close();
    }

    /** An act's entry, written as its own transaction commits (a mutation's way). */
    @Benchmark
    @Group("appendsWithReaders")
    @GroupThreads(4)
    public void append() {
        transactions.executeWithoutResult(status -> audit.append(entry));
    }

    @Benchmark
    @Group("appendsWithReaders")
    @GroupThreads(2)
    public Integer read() {
        return recentEntries();
    }

    /** A query's one entry, group-committed with the entries of the other requests finishing with it. */
    @Benchmark
    @Group("groupCommitsWithReaders")
    @GroupThreads(16)
    public void commit() {
        audit.commit(entry).join();
    }

    @Benchmark
    @Group("groupCommitsWithReaders")
    @GroupThreads(2)
    public Integer readWhileGroupCommitting() {
        return recentEntries();
    }

    private Integer recentEntries() {
        return jdbc.sql("select count(*) from audit_entry where sequence > (select max(sequence) - 100 from audit_entry)")
                .query(Integer.class).single();
    }
}
