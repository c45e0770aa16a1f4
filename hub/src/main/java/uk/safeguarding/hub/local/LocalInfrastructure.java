package uk.safeguarding.hub.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import redis.embedded.RedisServer;
import uk.safeguarding.connectors.simulator.AdultSocialCareSimulator;
import uk.safeguarding.connectors.simulator.ChildrensSocialCareSimulator;
import uk.safeguarding.connectors.simulator.HousingSimulator;
import uk.safeguarding.connectors.simulator.LfbSimulator;
import uk.safeguarding.connectors.simulator.MentalHealthFhirSimulator;
import uk.safeguarding.connectors.simulator.PoliceApiSimulator;
import uk.safeguarding.connectors.simulator.TflApiSimulator;

/**
 * Starts, before any bean, the servers that local mode asks for ({@code hub.embedded.*}) on free
 * loopback ports, and points the ordinary Spring settings at them. They stop after every bean that
 * uses them has stopped.
 */
public class LocalInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>,
        DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        Map<String, Object> settings = new LinkedHashMap<>();
        try {
            if (flag(env, "hub.embedded.postgres")) {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort())
                        .setRegisterShutdownHook(false).start(); // stopped after the hub's context, see destroy()
                running.push(postgres);
                settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
                settings.put("spring.datasource.username", "postgres");
                settings.put("spring.datasource.password", "");
                log.info("Local mode: embedded PostgreSQL on port {}", postgres.getPort());
            }
            if (flag(env, "hub.embedded.redis")) {
                int port = freePort();
                RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
                running.push(redis::stop);
                settings.put("spring.data.redis.host", "127.0.0.1");
                settings.put("spring.data.redis.port", port);
                log.info("Local mode: embedded Redis on port {}", port);
            }
            if (flag(env, "hub.embedded.simulators")) {
                WireMockServer partners = partnerSimulator();
                running.push(partners::stop);
                String base = "http://127.0.0.1:" + partners.port();
                settings.put("hub.feeds.police.url", base);
                settings.put("hub.feeds.tfl.url", base);
                settings.put("hub.feeds.mental-health.url", base);
                log.info("Local mode: simulated Metropolitan Police, TfL and mental health FHIR APIs on port {}", partners.port());
                Path lfb = drop("hub-lfb-drop-", LfbSimulator.RESOURCE_DIR, LfbSimulator.INCIDENTS_FILE,
                        LfbSimulator.VISITS_FILE);
                running.push(() -> deleteTree(lfb));
                settings.put("hub.feeds.lfb.dir", lfb.toString());
                Path housing = drop("hub-housing-drop-", HousingSimulator.RESOURCE_DIR, HousingSimulator.COMPLAINTS_FILE,
                        HousingSimulator.TENANCIES_FILE);
                running.push(() -> deleteTree(housing));
                settings.put("hub.feeds.housing.dir", housing.toString());
                Path asc = drop("hub-asc-drop-", AdultSocialCareSimulator.RESOURCE_DIR, AdultSocialCareSimulator.CLD_FILE,
                        AdultSocialCareSimulator.ENQUIRIES_FILE);
                running.push(() -> deleteTree(asc));
                settings.put("hub.feeds.asc.dir", asc.toString());
                Path csc = drop("hub-csc-drop-", ChildrensSocialCareSimulator.RESOURCE_DIR, ChildrensSocialCareSimulator.CIN_FILE);
                running.push(() -> deleteTree(csc));
                settings.put("hub.feeds.csc.dir", csc.toString());
                log.info("Local mode: file drops for LFB at {}, housing at {}, adult social care at {}, children's social care at {}",
                        lfb, housing, asc, csc);
            }
        } catch (IOException | RuntimeException e) {
            destroy();
            throw new IllegalStateException("Local mode could not start its embedded servers", e);
        }
        if (!settings.isEmpty()) {
            // an explicit setting (environment, command line) still wins over the embedded one
            env.getPropertySources().addLast(new MapPropertySource("hubLocalInfrastructure", settings));
        }
        if (!running.isEmpty() && context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
            // registered first, so destroyed last: after the pools and routes that use these servers
            beans.registerDisposableBean("hubLocalInfrastructure", this);
        }
    }

    /** One WireMock serving every simulated partner's stubs (each partner has its own paths). */
    private static WireMockServer partnerSimulator() throws IOException {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
        server.start();
        for (String dir : new String[] {PoliceApiSimulator.RESOURCE_DIR, TflApiSimulator.RESOURCE_DIR,
            MentalHealthFhirSimulator.RESOURCE_DIR}) {
            Resource[] stubs = new PathMatchingResourcePatternResolver().getResources("classpath*:" + dir + "/*.json");
            if (stubs.length == 0) {
                server.stop();
                throw new IllegalStateException("no simulator stubs on the classpath under " + dir);
            }
            for (Resource stub : stubs) {
                server.addStubMapping(StubMapping.buildFrom(stub.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        return server;
    }

    /** A drop folder holding a simulated partner's files, as the partner would leave them. */
    private static Path drop(String prefix, String resourceDir, String... names) throws IOException {
        Path drop = Files.createTempDirectory(prefix);
        for (String name : names) {
            Resource file = new PathMatchingResourcePatternResolver().getResource("classpath:" + resourceDir + "/" + name);
            try (var in = file.getInputStream()) {
                Files.copy(in, drop.resolve(name));
            }
        }
        return drop;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean flag(ConfigurableEnvironment env, String name) {
        return env.getProperty(name, Boolean.class, false);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("Local mode: an embedded server did not stop cleanly: {}", e.toString());
            }
        }
    }
}
