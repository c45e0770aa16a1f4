package uk.safeguarding.hub.access.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policies folder the test hub reads: a copy of the shipped {@code policies/} on disk, as
 * {@code HUB_POLICIES_DIR} would give it, so that tests can change a document as an administrator would
 * and put the shipped ones back afterwards.
 */
public final class PolicyFolder {

    static final Path SHIPPED = Path.of("../policies").toAbsolutePath().normalize();
    private static Path folder;

    private PolicyFolder() {
    }

    /** The folder (copied from the shipped documents the first time it is asked for). */
    public static synchronized Path path() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("hub-policies-");
                copy(SHIPPED, folder);
                Path made = folder;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    /** As a {@code hub.policies.dir} setting. */
    public static String location() {
        return "file:" + path();
    }

    /** Puts the shipped documents back, removing any a test added. */
    public static synchronized void restore() {
        try {
            try (Stream<Path> files = Files.walk(path())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(p) && !Files.exists(SHIPPED.resolve(path().relativize(p).toString()))) {
                        Files.delete(p);
                    }
                }
            }
            copy(SHIPPED, path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            List<Path> all = files.sorted(Comparator.naturalOrder()).toList();
            for (Path f : all) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target) || Files.mismatch(f, target) != -1) {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
