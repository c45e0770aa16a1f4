package uk.safeguarding.hub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import uk.safeguarding.hub.LocalHubTest;

/**
 * The hub as the README's run command starts it, seen by a newcomer: the address leads to the console,
 * GraphiQL comes from the hub's own files, and local mode's conveniences answer this machine only.
 */
class LocalModeTest extends LocalHubTest {

    @Autowired
    Environment env;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHubsAddressLeadsToTheConsole() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console/"));
        assertThat(get("/console/").body()).contains("<title>");
    }

    @Test
    void graphiqlIsServedFromTheHubsOwnFiles() throws Exception {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self';", "connect-src 'self';"));
        Matcher files = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int found = 0;
        while (files.find()) {
            String file = files.group(1);
            assertThat(file).as("nothing from another site").startsWith("/");
            if (file.endsWith(".js") || file.endsWith(".css")) {
                HttpResponse<String> served = get(file);
                assertThat(served.statusCode()).as(file).isEqualTo(200);
                assertThat(served.body()).as(file).isNotBlank();
                found++;
            }
        }
        // GraphiQL, React, React DOM, the page's own script and its two style sheets
        assertThat(found).isEqualTo(6);
    }

    @Test
    void localModeListensOnThisMachineOnly() throws Exception {
        assertThat(env.getProperty("hub.mode")).isEqualTo("local");
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        Optional<InetAddress> elsewhere = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> isUp(i) && !isLoopback(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address).findFirst();
        if (elsewhere.isPresent()) {
            // another machine would reach the hub at this address: nothing listens there
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(elsewhere.get(), port), 2000);
                }
            }).isInstanceOf(IOException.class);
        }
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=lambeth.analyst")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.body()).contains("access_token");
    }

    @Test
    void theDevelopmentIssuerTrustsOnlyLoopbackPeers() {
        for (String here : List.of("127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1")) {
            assertThat(RunMode.loopbackPeer(here)).as(here).isTrue();
        }
        for (String elsewhere : List.of("10.0.0.5", "192.168.1.20", "fe80::1", "2001:db8::1", "")) {
            assertThat(RunMode.loopbackPeer(elsewhere)).as(elsewhere).isFalse();
        }
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback();
        } catch (IOException e) {
            return true;
        }
    }
}
