package uk.safeguarding.hub.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import redis.embedded.RedisServer;

/**
 * Starts, before any bean, the servers that local mode asks for ({@code hub.embedded.postgres} and
 * {@code hub.embedded.redis}) on free loopback ports, and points the ordinary Spring settings at them. They
 * stop after every bean that uses them has stopped. The simulated partners are not here: they are the
 * simulators module's, which only the local artifact carries.
 */
public class LocalInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>,
        DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    /** The role the hub connects to the embedded database as (it owns nothing; see V33). */
    public static final String HUB_ROLE = "hub_app";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if ("server".equals(env.getProperty(RunMode.MODE))) {
            return; // RunMode has turned every local part off and refused any turned on; nothing starts here
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        try {
            if (flag(env, "hub.embedded.postgres")) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(freePort()).setRegisterShutdownHook(false);
                if (flag(env, "hub.embedded.postgres-durable")) {
                    // the embedded server runs without fsync and synchronous commit; benchmarks measure both ways
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                EmbeddedPostgres postgres = builder.start(); // stopped after the hub's context, see destroy()
                running.push(postgres);
                // least privilege as on a server: Flyway migrates as the owner, the hub connects as its own role
                try (Connection owner = postgres.getPostgresDatabase().getConnection();
                        Statement sql = owner.createStatement()) {
                    sql.execute("create role " + HUB_ROLE + " login");
                }
                settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
                settings.put("spring.datasource.username", HUB_ROLE);
                settings.put("spring.datasource.password", "");
                settings.put("spring.flyway.user", "postgres");
                settings.put("spring.flyway.password", "");
                // a fresh database, so a fresh witness for its audit checkpoints
                Path witness = Files.createTempDirectory("hub-audit-witness-");
                running.push(() -> deleteTree(witness));
                settings.put("hub.audit.witness-dir", witness.toString());
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
        } catch (IOException | SQLException | RuntimeException e) {
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
