package uk.safeguarding.hub.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an audit export ({@code GET /audit/export}) with no database and no Spring context: the hash
 * chain, the sequence numbers, and the signed checkpoints. Prints {@code valid ...}, or
 * {@code invalid at sequence N: problem}, and exits 0 if valid, 1 if not, 2 if it cannot read the file.
 *
 * <pre>java -cp hub.jar -Dloader.main=uk.safeguarding.hub.audit.OfflineVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--trust KEY_ID]... export.jsonl</pre>
 *
 * With {@code --trust}, only checkpoints signed by those keys count; without it, every key in the
 * export is accepted, which proves the export is self-consistent but not who signed it.
 */
public final class OfflineVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTRY_PREFIX = "{\"type\":\"entry\"";

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Set<String> trusted = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--trust".equals(args[i]) && i + 1 < args.length) {
                trusted = trusted == null ? new LinkedHashSet<>() : trusted;
                trusted.add(args[++i]);
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                err.println("usage: OfflineVerifier [--trust KEY_ID]... export.jsonl");
                return 2;
            }
        }
        if (file == null) {
            err.println("usage: OfflineVerifier [--trust KEY_ID]... export.jsonl");
            return 2;
        }
        try {
            ChainVerifier.Outcome outcome = verify(file, trusted);
            if (outcome.valid()) {
                out.println("valid: " + outcome.entriesChecked() + " entries, " + outcome.checkpointsChecked()
                        + " signed checkpoints" + (trusted == null ? " (keys taken from the export; pin them with --trust)" : ""));
                return 0;
            }
            out.println("invalid at sequence " + outcome.firstBadSequence() + ": " + outcome.problem());
            return 1;
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            err.println("cannot read " + file + ": " + e.getClass().getSimpleName());
            return 2;
        }
    }

    /** Two passes over the file: checkpoints and keys come after the entries, and are needed first. */
    static ChainVerifier.Outcome verify(Path file, Set<String> trusted) throws IOException {
        JsonNode header = null;
        List<ChainVerifier.Checkpoint> checkpoints = new ArrayList<>();
        List<ChainVerifier.Key> keys = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // entries are read in the second pass; the export writes "type" first, so skip them unparsed
                if (line.isBlank() || line.startsWith(ENTRY_PREFIX)) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                switch (node.path("type").asString("")) {
                    case "export" -> header = node;
                    case "checkpoint" -> checkpoints.add(new ChainVerifier.Checkpoint(node.path("sequence").asLong(),
                            text(node, "entryHash"), text(node, "signedAt"), text(node, "keyId"), text(node, "signature")));
                    case "key" -> keys.add(new ChainVerifier.Key(text(node, "keyId"), text(node, "algorithm"),
                            text(node, "publicKey")));
                    case "entry" -> { }
                    default -> throw new IllegalArgumentException("unknown line type");
                }
            }
        }
        if (header == null || !AuditExport.FORMAT.equals(text(header, "format"))) {
            throw new IllegalArgumentException("not an audit export");
        }
        ChainVerifier verifier = new ChainVerifier(header.path("firstSequence").asLong(), text(header, "previousHash"),
                checkpoints, keys, trusted);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    if ("entry".equals(node.path("type").asString(""))) {
                        verifier.accept(entry(node));
                    }
                }
            }
        }
        return verifier.finish();
    }

    private static ChainVerifier.Entry entry(JsonNode n) {
        return new ChainVerifier.Entry(n.path("sequence").asLong(), text(n, "recordedAt"), text(n, "actor"),
                text(n, "actorAgency"), strings(n.path("actorRoles")), text(n, "purpose"), text(n, "operation"),
                strings(n.path("subjects")), text(n, "detail"), text(n, "previousHash"), text(n, "hash"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
