package uk.safeguarding.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.HubApplication;
import uk.safeguarding.hub.audit.AuditLog;

/**
 * The hub as the API load test meets it: local mode on a fixed port, no partner feeds, and a dataset of
 * {@code people} subjects each known to six agencies with 17 events from each (102 events a subject:
 * 10,000 people make about a million events), with panel cases to profile. The people are kept through
 * the hub's own gateway (so identity and search keys are the hub's), their further events in bulk SQL.
 * {@code --audit=off} swaps the audit log for one that keeps nothing, for comparison only. Writes the
 * ids the load test picks from into {@code data}, then prints READY.
 *
 * <p>Arguments: port, people, audit (on|off), data folder.
 */
public final class BenchmarkHub {

    /** Six feeds, one kind of event each, with the sensitivity their agency records it at. */
    private static final List<String[]> AGENCIES = List.of(
            new String[] {"met-police", "crime", "CRIMINAL_OFFENCE", "VICTIM"},
            new String[] {"lambeth-housing", "asb-complaint", "ORDINARY", "COMPLAINANT"},
            new String[] {"lambeth-asc", "safeguarding-enquiry", "SPECIAL_CATEGORY", "SERVICE_USER"},
            new String[] {"slam", "mental-health-encounter", "SPECIAL_CATEGORY", "PATIENT"},
            new String[] {"lfb", "fire-attendance", "ORDINARY", "OCCUPIER"},
            new String[] {"tfl", "network-safeguarding-report", "ORDINARY", "VICTIM"});

    private BenchmarkHub() {
    }

    /** Only for the comparison run: reads are decided as ever, but nothing is appended to the audit log. */
    @Configuration
    static class NoAudit {
        @Bean
        @Primary
        AuditLog keepNothing() {
            return new AuditLog() {
                @Override
                public void append(Entry entry) {
                }

                @Override
                public java.util.concurrent.CompletableFuture<Void> commit(Entry entry) {
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }
            };
        }
    }

    /** Local mode with no simulated partner and no feed, so that nothing but the benchmark loads the machine. */
    public static final String[] QUIET = {"--logging.level.root=warn", "--hub.embedded.simulators=false",
        "--hub.feeds.police.enabled=false", "--hub.feeds.btp.enabled=false", "--hub.feeds.tfl.enabled=false",
        "--hub.feeds.mental-health.enabled=false", "--hub.feeds.lfb.enabled=false", "--hub.feeds.housing.enabled=false",
        "--hub.feeds.asc.enabled=false", "--hub.feeds.csc.enabled=false"};

    public static String[] with(String[] args, String[] more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int people = Integer.parseInt(args[1]);
        boolean audit = !"off".equals(args[2]);
        Path data = Path.of(args[3]);
        Class<?>[] sources = audit ? new Class<?>[] {HubApplication.class} : new Class<?>[] {HubApplication.class, NoAudit.class};
        ConfigurableApplicationContext hub = SpringApplication.run(sources, with(new String[] {
            "--server.port=" + port, "--hub.api.limits.requests-per-minute=10000000",
            "--hub.dev-issuer.token-lifetime=2h"}, QUIET));
        load(hub, people, data);
        System.out.println("READY");
    }

    /**
     * The local database as its owner, for what the hub's own role may not do (ANALYZE, ALTER SYSTEM): the
     * hub connects as a role that owns nothing (see V33).
     */
    static JdbcClient owner(ConfigurableApplicationContext hub) {
        return JdbcClient.create(ownerDataSource(hub));
    }

    /** The same, as a data source (COPY into tables of the benchmark's own, which the hub's role may not create). */
    static javax.sql.DataSource ownerDataSource(ConfigurableApplicationContext hub) {
        var env = hub.getEnvironment();
        return new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
                env.getRequiredProperty("spring.datasource.url"), env.getRequiredProperty("spring.flyway.user"),
                env.getProperty("spring.flyway.password", ""));
    }

    static void load(ConfigurableApplicationContext hub, int people, Path data) throws IOException {
        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        RecordGateway gateway = hub.getBean(RecordGateway.class);
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'benchmark') returning id::text")
                .query(String.class).single();
        List<Resident> residents = SyntheticLondon.population(20261123L, people);
        List<SourceRecord> batch = new ArrayList<>();
        long started = System.nanoTime();
        for (Resident r : residents) {
            for (String[] agency : AGENCIES) {
                String local = "bench-" + agency[0] + "-" + r.trueId();
                PersonRecord person = new PersonRecord(local, r.givenName(), r.familyName(), r.dateOfBirth(),
                        PersonRecord.Sex.valueOf(r.sex().toUpperCase()), null, List.of(), List.of(), null, null);
                EventRecord event = new EventRecord(local + "-0", agency[1], Instant.now().minus(Duration.ofDays(1 + Math.floorMod(r.trueId().hashCode(), 300))),
                        agency[1], "Benchmark " + agency[1], null, EventRecord.Sensitivity.valueOf(agency[2]),
                        List.of(new EventRecord.Party(local, EventRecord.Role.valueOf(agency[3]))));
                batch.add(new SourceRecord(run, "benchmark", agency[0], local, "{\"id\":\"" + local + "\"}", List.of(person),
                        List.of(event), List.of()));
                if (batch.size() == 500) {
                    gateway.receiveAll(batch);
                    batch.clear();
                }
            }
        }
        gateway.receiveAll(batch);
        System.out.printf("kept %,d people's records from six agencies in %.0f s%n", residents.size() * AGENCIES.size(),
                (System.nanoTime() - started) / 1e9);

        started = System.nanoTime();
        StringBuilder kinds = new StringBuilder();
        for (String[] agency : AGENCIES) {
            kinds.append(kinds.isEmpty() ? "" : ", ").append("('").append(agency[0]).append("', '").append(agency[1]).append("', '")
                    .append(agency[2]).append("', '").append(agency[3]).append("')");
        }
        // 16 more events per record, over two years; each names the record's person in the agency's role
        int events = jdbc.sql("""
                with more as materialized (
                    select gen_random_uuid() as id, p.id as person, p.source_record_id, p.agency, p.local_id, n,
                           k.kind, k.sensitivity, k.role
                    from person_record p join (values %s) as k(agency, kind, sensitivity, role) on k.agency = p.agency
                    cross join generate_series(1, 16) as n
                    where p.local_id like 'bench-%%'),
                kept as (
                    insert into event (id, source_record_id, agency, local_id, kind, occurred_at, category, summary, borough, sensitivity)
                    select id, source_record_id, agency, local_id || '-' || n, kind,
                           now() - ((n * 43 + person %% 37) || ' days')::interval, kind, 'Benchmark ' || kind, 'E09000022', sensitivity
                    from more returning id)
                insert into event_party (event_id, person_record_id, role) select id, person, role from more""".formatted(kinds))
                .update();
        owner(hub).sql("analyze").update();
        System.out.printf("added %,d events in bulk in %.0f s; %,d events in all%n", events, (System.nanoTime() - started) / 1e9,
                jdbc.sql("select count(*) from event").query(Long.class).single());

        // panel cases to profile, and the ids the load test picks from
        jdbc.sql("""
                insert into panel_case (id, subject_id, borough, state, opened_by, agreement, keeper)
                select gen_random_uuid(), s.id, 'E09000022', 'ON_PANEL', 'benchmark', 'lambeth-vvasb-panel', 'lambeth-csp'
                from (select id from subject order by id limit 500) s""")
                .update();
        Files.createDirectories(data);
        Files.write(data.resolve("subjects.csv"), lines("subjectId", jdbc.sql(
                "select l.subject_id::text from subject_link l join person_record p on p.id = l.person_record_id "
                        + "where p.local_id like 'bench-met-police-%' order by random() limit 2000").query(String.class).list()));
        Files.write(data.resolve("names.csv"), lines("familyName",
                residents.stream().map(Resident::familyName).distinct().limit(2000).toList()));
        Files.write(data.resolve("cases.csv"), lines("caseId",
                jdbc.sql("select id::text from panel_case where opened_by = 'benchmark'").query(String.class).list()));
        System.out.println(Map.of("subjects", jdbc.sql("select count(*) from subject").query(Long.class).single()));
    }

    private static List<String> lines(String header, List<String> values) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(values);
        return lines;
    }
}
