package uk.safeguarding.hub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production artifact, hub-server.jar, carries no simulated partner code (issue 20, item 4), and asked for
 * local mode's simulated partners it refuses to start rather than run without them; hub-exec.jar, which the
 * README's run command starts, carries them.
 */
class ProductionArtifactIT {

    private static final Path TARGET = Path.of("target");

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(TARGET.resolve(jar).toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void theServerArtifactCarriesNoSimulatedPartners() throws IOException {
        List<String> server = entries("hub-server.jar");
        assertThat(server).anyMatch(e -> e.startsWith("BOOT-INF/lib/connectors-"))
                .anyMatch(e -> e.startsWith("BOOT-INF/classes/uk/safeguarding/hub/"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/simulators-"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/wiremock"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/populations-"))
                .noneMatch(e -> e.contains("uk/safeguarding/simulators/"));
        assertThat(entries("hub-exec.jar")).anyMatch(e -> e.startsWith("BOOT-INF/lib/simulators-"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/populations-"));
    }

    @Test
    void theServerArtifactRefusesToSimulatePartners() throws Exception {
        Path log = Files.createTempFile("hub-server-jar-", ".log");
        // no settings at all is local mode, which asks for simulated partners this artifact does not have
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TARGET.resolve("hub-server.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(hub.waitFor(90, TimeUnit.SECONDS)).as("the hub stops by itself").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(hub.exitValue()).as(output).isNotZero();
            assertThat(output).contains("hub.embedded.simulators").contains("carries no simulated partners")
                    .doesNotContain("embedded PostgreSQL on port");
        } finally {
            hub.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
