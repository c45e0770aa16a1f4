package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.HubApplication;
import uk.safeguarding.hub.TestRecords;

/**
 * Two hub instances sharing one PostgreSQL and one Redis, as when scaled out: each feed is polled by one
 * instance at a time, and what both poll is kept once.
 */
class TwoInstancesTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = SpringApplication.run(HubApplication.class, "--server.port=0", "--hub.feeds.police.initial-delay=0s",
                "--hub.feeds.police.period=2s", "--spring.application.name=hub-one");
        Environment env = first.getEnvironment();
        // the second instance brings no servers of its own: it uses the first one's, and the same partners
        second = SpringApplication.run(HubApplication.class, "--server.port=0", "--hub.feeds.police.initial-delay=0s",
                "--hub.feeds.police.period=2s", "--spring.application.name=hub-two",
                "--hub.embedded.postgres=false", "--hub.embedded.redis=false", "--hub.embedded.simulators=false",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "--spring.datasource.password=",
                "--spring.data.redis.host=" + env.getProperty("spring.data.redis.host"),
                "--spring.data.redis.port=" + env.getProperty("spring.data.redis.port"),
                "--hub.feeds.police.url=" + env.getProperty("hub.feeds.police.url"),
                "--hub.feeds.tfl.url=" + env.getProperty("hub.feeds.tfl.url"),
                "--hub.feeds.mental-health.url=" + env.getProperty("hub.feeds.mental-health.url"),
                "--hub.feeds.lfb.dir=" + env.getProperty("hub.feeds.lfb.dir"),
                "--hub.feeds.housing.dir=" + env.getProperty("hub.feeds.housing.dir"),
                "--hub.feeds.asc.dir=" + env.getProperty("hub.feeds.asc.dir"),
                "--hub.feeds.csc.dir=" + env.getProperty("hub.feeds.csc.dir"));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void eachFeedIsPolledByOneInstanceAtATimeAndKeptOnce() {
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                "select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed'")
                .query(Integer.class).single() >= 6);

        List<Map<String, Object>> runs = jdbc.sql("""
                select started_at, finished_at from feed_run
                where feed = 'met-police-incidents' and status = 'completed' order by started_at""").query().listOfRows();
        for (int i = 1; i < runs.size(); i++) {
            // the lock is held from open to close: no run starts before the one before it has finished
            assertThat(((java.sql.Timestamp) runs.get(i).get("started_at")).toInstant())
                    .isAfterOrEqualTo(((java.sql.Timestamp) runs.get(i - 1).get("finished_at")).toInstant());
        }
        assertThat(jdbc.sql("select count(*) from source_record where feed = 'met-police-incidents'").query(Integer.class).single())
                .isEqualTo(TestRecords.LONDON.police().incidents().size());
        assertThat(jdbc.sql("""
                select count(*) from feed_run where feed = 'met-police-incidents' and status = 'completed' and stored > 0""")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
