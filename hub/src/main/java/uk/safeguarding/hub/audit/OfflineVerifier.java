package uk.safeguarding.hub.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an audit export ({@code GET /audit/export}) with no database and no Spring context: the hash
 * chain, the sequence numbers, and the signed checkpoints. Prints {@code valid ...} with the range it
 * proved, or {@code invalid at sequence N: problem}, and exits 0 if valid, 1 if not, 2 if it cannot read
 * its input.
 *
 * <pre>java -cp hub.jar -Dloader.main=uk.safeguarding.hub.audit.OfflineVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--trust KEY_ID]... [--witness PATH] \
 *     [--accept-unsealed N] [--checkpoint-interval PT1M] export.jsonl</pre>
 *
 * Without {@code --trust}, every key in the export is accepted, which proves the export is self-consistent
 * but not who signed it. With it, only checkpoints signed by those keys count, and the export must be
 * proved end to end: an export not starting at 1 must start right after an entry a trusted checkpoint
 * seals, and its last entry must be sealed by one ({@code --accept-unsealed N} tolerates N entries after
 * the last). {@code --witness} gives a witnessed checkpoint (a file, or a witness folder whose newest file
 * is taken): an export of the log to its head must extend it.
 */
public final class OfflineVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTRY_PREFIX = "{\"type\":\"entry\"";
    private static final String USAGE = "usage: OfflineVerifier [--trust KEY_ID]... [--witness FILE_OR_FOLDER]"
            + " [--accept-unsealed N] [--checkpoint-interval DURATION] export.jsonl";

    /** What the auditor asks of the export besides its own consistency. */
    record Options(Set<String> trusted, Path witness, long acceptUnsealed, Duration checkpointInterval) {
        static final Options NONE = new Options(null, null, 0, null);
    }

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Set<String> trusted = null;
        Path witness = null;
        long acceptUnsealed = 0;
        Duration interval = null;
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                boolean valued = i + 1 < args.length;
                switch (args[i]) {
                    case "--trust" -> {
                        if (!valued) {
                            throw new IllegalArgumentException();
                        }
                        trusted = trusted == null ? new LinkedHashSet<>() : trusted;
                        trusted.add(args[++i]);
                    }
                    case "--witness" -> witness = Path.of(valued ? args[++i] : "");
                    case "--accept-unsealed" -> acceptUnsealed = Long.parseLong(valued ? args[++i] : "");
                    case "--checkpoint-interval" -> interval = Duration.parse(valued ? args[++i] : "");
                    default -> {
                        if (file != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException();
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(USAGE);
            return 2;
        }
        if (file == null || acceptUnsealed < 0 || (witness != null && witness.toString().isEmpty())) {
            err.println(USAGE);
            return 2;
        }
        Options options = new Options(trusted, witness, acceptUnsealed, interval);
        try {
            ChainVerifier.Outcome outcome = verify(file, options);
            if (outcome.valid()) {
                out.println(verdict(outcome, options));
                return 0;
            }
            out.println("invalid at sequence " + outcome.firstBadSequence() + ": " + outcome.problem());
            return 1;
        } catch (IOException | UncheckedIOException | JacksonException | IllegalArgumentException
                | DateTimeParseException e) {
            err.println("cannot read " + file + (witness == null ? "" : " or " + witness) + ": "
                    + e.getClass().getSimpleName());
            return 2;
        }
    }

    private static String verdict(ChainVerifier.Outcome o, Options options) {
        String range = o.lastSequence() == null ? "no entries"
                : "entries " + o.firstSequence() + " to " + o.lastSequence() + " (" + o.entriesChecked() + " entries)";
        String line = "valid: " + range + ", " + o.checkpointsChecked() + " signed checkpoints";
        if (options.trusted() == null) {
            return line + " (keys taken from the export; pin them with --trust)";
        }
        if (o.provedTo() == null) {
            return line + "; nothing proved by a trusted checkpoint";
        }
        line += "; proved " + o.provedFrom() + " to " + o.provedTo() + " by trusted checkpoints";
        if (o.lastSequence() != null && o.lastSequence() > o.provedTo()) {
            line += "; " + (o.lastSequence() - o.provedTo()) + " unsealed entries after it accepted (--accept-unsealed)";
        }
        return line;
    }

    /** As {@code --trust} would (or without it, if {@code trusted} is null), with no other option. */
    static ChainVerifier.Outcome verify(Path file, Set<String> trusted) throws IOException {
        return verify(file, new Options(trusted, null, 0, null));
    }

    /** Two passes over the file: checkpoints and keys come after the entries, and are needed first. */
    static ChainVerifier.Outcome verify(Path file, Options options) throws IOException {
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
                    case "checkpoint" -> checkpoints.add(FolderWitness.checkpoint(node));
                    case "key" -> keys.add(new ChainVerifier.Key(text(node, "keyId"), text(node, "algorithm"),
                            text(node, "publicKey")));
                    case "entry" -> { }
                    default -> throw new IllegalArgumentException("unknown line type");
                }
            }
        }
        String format = header == null ? null : text(header, "format");
        if (!AuditExport.FORMAT.equals(format) && !AuditExport.FORMAT_V1.equals(format)) {
            throw new IllegalArgumentException("not an audit export");
        }
        long first = header.path("firstSequence").asLong();
        long last = header.path("lastSequence").asLong();
        String to = text(header, "to");
        if (options.witness() != null) {
            // the newest witnessed checkpoint counts where it should fall in this export: always if the export
            // runs to the head; for a period, if it seals an entry in it or was signed before the period ended
            Optional<ChainVerifier.Checkpoint> witnessed = FolderWitness.newestIn(options.witness());
            witnessed.filter(w -> w.sequence() >= first - 1 && (to == null
                    || w.sequence() <= last
                    || !Instant.parse(w.signedAt()).isAfter(Instant.parse(to)))).ifPresent(checkpoints::add);
        }
        boolean pinned = options.trusted() != null;
        Duration interval = options.checkpointInterval() != null ? options.checkpointInterval()
                : text(header, "checkpointInterval") == null ? null : Duration.parse(text(header, "checkpointInterval"));
        Instant exportedAt = text(header, "exportedAt") == null ? null : Instant.parse(text(header, "exportedAt"));
        ChainVerifier verifier = new ChainVerifier(first, text(header, "previousHash"), checkpoints, keys,
                new ChainVerifier.Rules(options.trusted(), pinned, pinned ? options.acceptUnsealed() : null,
                        to == null ? interval : null, exportedAt));
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
        // entries of a version 1 export carry no chainVersion: all were hashed in version 1
        return new ChainVerifier.Entry(n.path("sequence").asLong(), text(n, "recordedAt"), text(n, "actor"),
                text(n, "actorAgency"), strings(n.path("actorRoles")), text(n, "purpose"), text(n, "operation"),
                strings(n.path("subjects")), text(n, "detail"), text(n, "previousHash"), text(n, "hash"),
                n.path("chainVersion").asInt(1));
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
