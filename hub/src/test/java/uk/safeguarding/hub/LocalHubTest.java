package uk.safeguarding.hub;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.safeguarding.hub.access.policy.PolicyFolder;

/**
 * The hub in local mode, as the README's run command starts it: real embedded PostgreSQL and Redis, the
 * simulated police API, the development issuer. Subclasses share one running hub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "hub.feeds.police.initial-delay=0s",
    "hub.feeds.police.period=4s",
    "hub.feeds.lock-expiry=1s",
    "hub.api.limits.requests-per-minute=1000",
    // a training by one test would re-link the records every other test made (RelinkAfterTrainingTest has a hub of its own)
    "hub.identity.matching.relink-after-training=false"
})
@Import({StatementCounter.class, TestClock.Config.class})
public abstract class LocalHubTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    protected GraphQlClient client;

    /** The policies from a folder on disk (a copy of the shipped ones), as HUB_POLICIES_DIR gives them. */
    @DynamicPropertySource
    static void policiesFolder(DynamicPropertyRegistry registry) {
        registry.add("hub.policies.dir", PolicyFolder::location);
    }

    @BeforeEach
    void connect() {
        client = new GraphQlClient("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed'").query(Integer.class).single() > 0);
    }
}
