package uk.safeguarding.simulators;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode's simulated partners ({@code hub.embedded.simulators}): the generated London's police, British
 * Transport Police, TfL and mental health APIs on one WireMock, and the file-drop partners' files in temporary
 * folders, with the hub's feed settings pointed at them. Registered through {@code META-INF/spring.factories}, so
 * only an artifact that carries this module (hub-exec.jar, the tests) can simulate partners at all.
 */
public class LocalPartners implements ApplicationContextInitializer<ConfigurableApplicationContext>, DisposableBean {

    /** The setting that asks for the simulated partners; the hub refuses it when this module is absent. */
    public static final String ENABLED = "hub.embedded.simulators";

    private static final Logger log = LoggerFactory.getLogger(LocalPartners.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if ("server".equals(env.getProperty("hub.mode")) || !env.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        try {
            // the simulated partners' data is made now, from the generators, for this many people
            int people = env.getProperty("hub.simulator.people", Integer.class, Simulators.DEMO_PEOPLE);
            long seed = env.getProperty("hub.simulator.seed", Long.class, Simulators.SEED);
            Simulators london = Simulators.of(seed, people);
            WireMockServer partners = apis(london);
            running.push(partners::stop);
            String base = "http://127.0.0.1:" + partners.port();
            settings.put("hub.feeds.police.url", base);
            settings.put("hub.feeds.tfl.url", base);
            settings.put("hub.feeds.mental-health.url", base);
            // BTP is off unless enabled (a partnership may not have it); the simulated one answers under /btp
            settings.put("hub.feeds.btp.enabled", true);
            settings.put("hub.feeds.btp.url", base + BtpApiSimulator.URL_PREFIX);
            log.info("Local mode: simulated Metropolitan Police, British Transport Police, TfL and mental health FHIR APIs"
                    + " for {} people on port {}", people, partners.port());
            Map<String, Path> drops = new LinkedHashMap<>();
            for (String partner : new String[] {"lfb", "housing", "asc", "csc"}) {
                Path drop = drop("hub-" + partner + "-drop-", london.folders().get(partner));
                running.push(() -> deleteTree(drop));
                settings.put("hub.feeds." + partner + ".dir", drop.toString());
                drops.put(partner, drop);
            }
            log.info("Local mode: file drops for LFB at {}, housing at {}, adult social care at {}, children's social care at {}",
                    drops.get("lfb"), drops.get("housing"), drops.get("asc"), drops.get("csc"));
        } catch (IOException | RuntimeException e) {
            destroy();
            throw new IllegalStateException("Local mode could not start its simulated partners", e);
        }
        // an explicit setting (environment, command line) still wins over the simulated partner's
        env.getPropertySources().addLast(new MapPropertySource("hubLocalPartners", settings));
        if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
            // registered before any bean, so destroyed after the routes that poll these partners
            beans.registerDisposableBean("hubLocalPartners", this);
        }
    }

    /** One WireMock serving every simulated partner's stubs (each partner has its own paths). */
    private static WireMockServer apis(Simulators london) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
        server.start();
        for (Map<String, String> stubs : List.of(london.police().stubMappings(), london.btp().stubMappings(),
                london.tfl().stubMappings(), london.mentalHealth().stubMappings())) {
            stubs.values().forEach(stub -> server.addStubMapping(StubMapping.buildFrom(stub)));
        }
        return server;
    }

    /** A drop folder holding a simulated partner's files, as the partner would leave them. */
    private static Path drop(String prefix, Map<String, byte[]> files) throws IOException {
        Path drop = Files.createTempDirectory(prefix);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(drop.resolve(file.getKey()), file.getValue());
        }
        return drop;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void destroy() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                log.warn("Local mode: a simulated partner did not stop cleanly: {}", e.toString());
            }
        }
    }
}
