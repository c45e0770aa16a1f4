package uk.safeguarding.hub.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import uk.safeguarding.connectors.SettingProblem;

/**
 * Decides, once every setting is known and before any bean exists, whether the hub runs in local mode or
 * server mode, never a mix (DESIGN invariant 10: configuration fails closed).
 *
 * <ul>
 * <li>No production setting at all: local mode (embedded PostgreSQL and Redis, simulated partners, the
 * development issuer, GraphiQL), listening on loopback only.</li>
 * <li>Any production setting (a database URL, an issuer URI, a Redis host, the {@code server} profile) or
 * {@code hub.mode=server}: server mode. Every local part is off; turning one on is refused, and so is a
 * server mode without its database or issuer.</li>
 * <li>{@code hub.mode=local} with servers of one's own (a second instance beside a local hub, a test):
 * allowed only for servers on this machine, and never with the server profile.</li>
 * </ul>
 *
 * <p>The mode's defaults are added last, so any explicit setting is seen before them and is either
 * compatible or refused with one line naming it. {@code hub.policies.dir} given as a plain path becomes
 * a {@code file:} location.
 */
public class RunMode implements EnvironmentPostProcessor, Ordered {

    public static final String MODE = "hub.mode";

    /** Each local part, as an operator might turn it on. */
    static final List<String> LOCAL_PARTS = List.of("hub.embedded.postgres", "hub.embedded.redis",
            "hub.embedded.simulators", "hub.dev-issuer.enabled", "hub.graphiql.enabled");

    static final String SIMULATORS = "hub.embedded.simulators";
    /** The simulators module's initializer, present only in the local artifact and the tests. */
    static final String SIMULATED_PARTNERS = "uk.safeguarding.simulators.LocalPartners";

    static final String DATASOURCE = "spring.datasource.url";
    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String REDIS_HOST = "spring.data.redis.host";
    static final String REDIS_URL = "spring.data.redis.url";

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    @Override
    public int getOrder() {
        // after the configuration files (ConfigDataEnvironmentPostProcessor) have been read
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String mode = decide(env);
        Map<String, Object> defaults = new LinkedHashMap<>();
        boolean local = mode.equals("local");
        for (String part : LOCAL_PARTS) {
            defaults.put(part, local);
        }
        // outside local mode auditors pin the signing key, and a witness keeps checkpoints the database cannot take back
        defaults.put("hub.audit.anchors-required", !local);
        if (local) {
            // local mode's conveniences answer this machine only
            defaults.put("server.address", "127.0.0.1");
        } else {
            // outside local mode the schema is not offered to whoever asks (the contract is in schema/)
            defaults.put("spring.graphql.schema.introspection.enabled", false);
            // one JSON object per line for the log collector; messages carry ids and counts, never personal data
            defaults.put("logging.structured.format.console", "ecs");
            String hubIssuer = env.getProperty("HUB_ISSUER_URI");
            if (!blank(hubIssuer)) {
                defaults.put(ISSUER, hubIssuer);
            }
        }
        env.getPropertySources().addLast(new MapPropertySource("hubRunModeDefaults", defaults));
        env.getPropertySources().addFirst(new MapPropertySource("hubRunMode", Map.of(MODE, mode)));
        if (env.getProperty(SIMULATORS, Boolean.class, false) && !ClassUtils.isPresent(SIMULATED_PARTNERS, null)) {
            // the production artifact carries no simulated partner code, so it cannot pretend to have partners
            throw new SettingProblem(SIMULATORS, "this artifact carries no simulated partners (hub-server.jar): run "
                    + "hub-exec.jar for local mode with simulated partners, or set " + name(SIMULATORS) + "=false");
        }
        policiesFolder(env);
    }

    /** {@code local} or {@code server}, or a {@link SettingProblem} naming the setting that contradicts. */
    static String decide(ConfigurableEnvironment env) {
        String declared = env.getProperty(MODE);
        boolean serverProfile = env.matchesProfiles("server");
        Map<String, String> servers = servers(env);
        if (declared != null && !declared.equals("local") && !declared.equals("server")) {
            throw new SettingProblem(MODE, MODE + " (HUB_MODE) is '" + declared + "'; it is local or server");
        }
        if ("local".equals(declared)) {
            if (serverProfile) {
                throw new SettingProblem(MODE, MODE + "=local contradicts the server profile (SPRING_PROFILES_ACTIVE=server)");
            }
            for (Map.Entry<String, String> server : servers.entrySet()) {
                if (!onThisMachine(server.getValue())) {
                    throw new SettingProblem(server.getKey(), MODE + "=local runs only against servers on this machine, but "
                            + name(server.getKey()) + " points elsewhere; use server mode for real servers");
                }
            }
            if (servers.containsKey(ISSUER) && env.getProperty("hub.dev-issuer.enabled", Boolean.class, true)) {
                throw new SettingProblem("hub.dev-issuer.enabled", name(ISSUER)
                        + " is set, so the development issuer must be off (hub.dev-issuer.enabled=false): the hub trusts one issuer");
            }
            return "local";
        }
        if (declared == null && !serverProfile && servers.isEmpty()) {
            return "local";
        }
        String why = serverProfile ? "the server profile is active"
                : declared != null ? MODE + "=server"
                : name(servers.keySet().iterator().next()) + " is set";
        for (String part : LOCAL_PARTS) {
            if (env.getProperty(part, Boolean.class, false)) {
                throw new SettingProblem(part, name(part) + "=true contradicts server mode (" + why
                        + "): local mode's parts never run beside production settings");
            }
        }
        if (!servers.containsKey(DATASOURCE)) {
            throw new SettingProblem(DATASOURCE, "Server mode (" + why + ") needs " + name(DATASOURCE)
                    + ": the hub keeps nothing in an embedded database outside local mode");
        }
        if (!servers.containsKey(ISSUER)) {
            throw new SettingProblem(ISSUER, "Server mode (" + why + ") needs HUB_ISSUER_URI: the Keycloak realm whose tokens"
                    + " the hub trusts (e.g. https://login.example.gov.uk/realms/hub)");
        }
        return "server";
    }

    /** The production servers named, by setting, with their addresses. */
    private static Map<String, String> servers(ConfigurableEnvironment env) {
        Map<String, String> servers = new LinkedHashMap<>();
        put(servers, DATASOURCE, env.getProperty(DATASOURCE));
        String issuer = env.getProperty(ISSUER);
        put(servers, ISSUER, blank(issuer) ? env.getProperty("HUB_ISSUER_URI") : issuer);
        put(servers, REDIS_HOST, env.getProperty(REDIS_HOST));
        put(servers, REDIS_URL, env.getProperty(REDIS_URL));
        return servers;
    }

    private static void put(Map<String, String> servers, String setting, String value) {
        if (!blank(value)) {
            servers.put(setting, value.trim());
        }
    }

    /** Every host an address names is a loopback name or address (nothing is looked up). */
    static boolean onThisMachine(String address) {
        String rest = address.startsWith("jdbc:") ? address.substring(5) : address;
        int slashes = rest.indexOf("//");
        String hosts;
        if (slashes < 0) {
            // a bare host name (spring.data.redis.host), or jdbc:postgresql:db, which means localhost
            hosts = SCHEME.matcher(rest).matches() ? "localhost" : rest;
        } else {
            hosts = rest.substring(slashes + 2).split("[/?#]", 2)[0];
            hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
        }
        List<String> names = new ArrayList<>();
        for (String host : hosts.split(",")) {
            names.add(host.startsWith("[") ? host.substring(1, host.indexOf(']')) : host.replaceFirst(":\\d*$", ""));
        }
        return names.stream().allMatch(host -> {
            String h = host.toLowerCase(Locale.ROOT);
            return h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
        });
    }

    /**
     * The connection's own peer (forwarded headers are not trusted for this) is a loopback address: whom
     * local mode's development issuer answers.
     */
    public static boolean loopbackPeer(String remoteAddress) {
        if (blank(remoteAddress) || !remoteAddress.matches("[0-9a-fA-F.:%]+")) {
            return false; // an address literal only, so nothing is looked up
        }
        try {
            return java.net.InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A policies folder given as a plain path, as operators type it, is a file location; it must exist. */
    private static void policiesFolder(ConfigurableEnvironment env) {
        String dir = env.getProperty("hub.policies.dir");
        if (blank(dir) || dir.startsWith("classpath:")) {
            return;
        }
        String path = dir;
        if (dir.startsWith("file:")) {
            path = dir.substring(5).replaceFirst("^//", "");
        } else if (SCHEME.matcher(dir).matches() && !dir.matches("^[a-zA-Z]:[\\\\/].*")) {
            throw new SettingProblem("hub.policies.dir", "hub.policies.dir (HUB_POLICIES_DIR) is a folder's path or a file: URL, not "
                    + dir);
        }
        Path folder;
        try {
            folder = Path.of(path).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new SettingProblem("hub.policies.dir", "hub.policies.dir (HUB_POLICIES_DIR) is not a folder's path: " + dir);
        }
        if (!Files.isDirectory(folder)) {
            throw new SettingProblem("hub.policies.dir", "hub.policies.dir (HUB_POLICIES_DIR) names " + folder
                    + ", which is not a folder");
        }
        env.getPropertySources().addFirst(new MapPropertySource("hubPoliciesFolder",
                Map.of("hub.policies.dir", folder.toUri().toString())));
    }

    /** A setting with the environment variable an operator would set for it. */
    static String name(String setting) {
        if (setting.equals(ISSUER)) {
            return "the issuer URI (HUB_ISSUER_URI)";
        }
        return setting + " (" + setting.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT) + ")";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
