package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.HubApplication;
import uk.safeguarding.hub.TestRecords;

/**
 * A hub instance killed (SIGKILL, no goodbye) in the middle of a feed run: once its feed lock expires,
 * the other instance takes the feed over, marks the cut-short run abandoned, resumes at the page it had
 * reached, and every incident is kept exactly once.
 */
class InstanceKilledIT {

    private ConfigurableApplicationContext survivor;
    private Process doomed;

    @AfterEach
    void stop() {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
    }

    @Test
    void anotherInstanceTakesTheFeedOverAndNothingIsLostOrKeptTwice() throws Exception {
        // the survivor owns the servers and the simulated partners, and leaves the feeds alone until the test
        // starts its police feed (Camel's routes are not started with the context)
        survivor = SpringApplication.run(HubApplication.class, "--server.port=0", "--spring.application.name=survivor",
                "--hub.instance-id=survivor", "--hub.feeds.police.initial-delay=0s", "--hub.feeds.police.period=2s",
                "--hub.feeds.lock-expiry=3s", "--camel.main.auto-startup=false");
        Environment env = survivor.getEnvironment();
        JdbcClient jdbc = survivor.getBean(JdbcClient.class);
        // a slow partner (each page takes 700 ms), so that the kill lands between pages
        URI police = URI.create(env.getProperty("hub.feeds.police.url"));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(police.getScheme() + "://" + police.getAuthority()
                + "/__admin/settings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fixedDelay\": 700}")).build(), HttpResponse.BodyHandlers.discarding());

        // the other instance, in a JVM of its own, polls at once
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(),
                "--server.port=0", "--spring.application.name=doomed", "--hub.instance-id=doomed",
                "--hub.feeds.police.initial-delay=0s", "--hub.feeds.police.period=1h", "--hub.feeds.lock-expiry=3s",
                "--hub.mode=local", "--hub.embedded.postgres=false", "--hub.embedded.redis=false", "--hub.embedded.simulators=false",
                "--spring.datasource.password="));
        for (String setting : List.of("spring.datasource.url", "spring.datasource.username", "spring.data.redis.host",
                "spring.data.redis.port", "hub.feeds.police.url", "hub.feeds.tfl.url", "hub.feeds.mental-health.url",
                "hub.feeds.btp.url", "hub.feeds.lfb.dir", "hub.feeds.housing.dir", "hub.feeds.asc.dir", "hub.feeds.csc.dir")) {
            if (env.getProperty(setting) != null) {
                command.add("--" + setting + "=" + env.getProperty(setting));
            }
        }
        Path log = Files.createTempFile("doomed-hub", ".log");
        doomed = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
                select count(*) from feed_run where feed = 'met-police-incidents' and instance = 'doomed'
                  and status = 'running' and last_page >= 1""").query(Integer.class).single() > 0);
        doomed.destroyForcibly().waitFor();
        Map<String, Object> cut = jdbc.sql("select id, last_page from feed_run where instance = 'doomed' and feed = 'met-police-incidents'")
                .query().singleRow();
        assertThat(jdbc.sql("select count(*) from feed_run where instance = 'survivor'").query(Integer.class).single()).isZero();
        CamelContext camel = survivor.getBean(CamelContext.class);
        for (var route : camel.getRoutes()) {
            if (route.getRouteId().startsWith("met-police-incidents")) { // the poll and the routes it hands pages to
                camel.getRouteController().startRoute(route.getRouteId());
            }
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql("""
                select count(*) from feed_run where feed = 'met-police-incidents' and instance = 'survivor'
                  and status = 'completed'""").query(Integer.class).single() > 0);
        assertThat(jdbc.sql("select status || ': ' || failure from feed_run where id = ?").param(cut.get("id"))
                .query(String.class).single()).startsWith("failed: abandoned");
        // the survivor's first run read on from the page the killed run had reached
        assertThat(jdbc.sql("""
                select first_page from feed_run where feed = 'met-police-incidents' and instance = 'survivor'
                order by started_at limit 1""").query(Integer.class).single()).isEqualTo((Integer) cut.get("last_page"));
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents'").query(Integer.class).single())
                .isEqualTo(TestRecords.LONDON.police().incidents().size());
        assertThat(jdbc.sql("select count(distinct source_id) from source_record where feed = 'met-police-incidents'")
                .query(Integer.class).single()).isEqualTo(TestRecords.LONDON.police().incidents().size());
    }
}
