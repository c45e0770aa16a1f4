package uk.safeguarding.hub.security;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak distribution (fetched by Maven into target/keycloak), started on loopback with the
 * repository's realm file imported, and stopped by pid.
 */
final class KeycloakServer {

    private final Path home;
    private final int httpPort = freePort();
    private final int managementPort = freePort();
    private Process process;

    KeycloakServer() {
        String configured = System.getProperty("keycloak.home");
        if (configured == null || !Files.isDirectory(Path.of(configured))) {
            throw new IllegalStateException("Keycloak distribution not found at " + configured
                    + " (the build unpacks org.keycloak:keycloak-quarkus-dist into target/keycloak)");
        }
        home = Path.of(configured);
    }

    String issuer() {
        return "http://127.0.0.1:" + httpPort + "/realms/hub";
    }

    void start() throws IOException {
        deleteTree(home.resolve("data/h2")); // a fresh import every run
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(Path.of("../keycloak/realm-hub.json"), imports.resolve("realm-hub.json"), StandardCopyOption.REPLACE_EXISTING);
        Path log = home.resolveSibling("keycloak-test.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + httpPort);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** An access token from the password grant of the public client, as the console will get one. */
    String passwordGrant(String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=hub-console&username=" + username + "&password=" + password;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the password grant for " + username + ": " + response.statusCode());
        }
        return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
    }

    /**
     * Lets the console's public client come back to a hub on a port of the test's choosing (the realm
     * file names port 8080), through Keycloak's admin API, as an administrator would.
     */
    void allowConsoleAt(String redirectUri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin-" + httpPort;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonMapper json = JsonMapper.builder().build();
        String admin = "Bearer " + json.readTree(login.body()).path("access_token").asString();
        String clients = "http://127.0.0.1:" + httpPort + "/admin/realms/hub/clients";
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=hub-console"))
                .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
        tools.jackson.databind.node.ObjectNode client = (tools.jackson.databind.node.ObjectNode) json.readTree(found.body()).get(0);
        client.withArray("redirectUris").add(redirectUri);
        tools.jackson.databind.node.ObjectNode attributes = client.withObject("attributes");
        attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asString("") + "##" + redirectUri);
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asString()))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(client))).build(), HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused the console's redirect URI: " + saved.statusCode());
        }
    }

    /** Stops the Java child first (kc.sh may stay as its shell parent), then the script. */
    void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception timeout) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
