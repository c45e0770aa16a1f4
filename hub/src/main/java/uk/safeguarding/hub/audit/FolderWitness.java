package uk.safeguarding.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An append-only folder of checkpoints, one JSON file each ({@code checkpoint-<sequence>.json}, the
 * sequence zero-padded so that names sort), created once and never overwritten, then made read-only.
 * Put it on storage the database's administrators cannot write (another host's mount, a WORM volume);
 * an auditor copies the newest file and gives it to the offline verifier ({@code --witness}). Plain
 * Java: the offline verifier reads folders and files with it.
 */
final class FolderWitness implements CheckpointWitness {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NAME = Pattern.compile("checkpoint-\\d{19}\\.json");

    private final Path dir;

    FolderWitness(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit witness folder cannot be made", e);
        }
    }

    @Override
    public void witness(ChainVerifier.Checkpoint c) {
        byte[] content = json(c).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(String.format("checkpoint-%019d.json", c.sequence()));
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            file.toFile().setReadOnly();
        } catch (FileAlreadyExistsException e) {
            // the same checkpoint twice is harmless; another one for the same sequence is never written over
            if (!read(file).equals(c)) {
                throw new IllegalStateException("the witness already holds a different checkpoint for sequence "
                        + c.sequence());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint could not be witnessed", e);
        }
    }

    @Override
    public Optional<ChainVerifier.Checkpoint> newest() {
        return newestIn(dir);
    }

    @Override
    public String describe() {
        return "folder " + dir;
    }

    /** The newest checkpoint in a witness folder, or the one in a single witnessed file. */
    static Optional<ChainVerifier.Checkpoint> newestIn(Path path) {
        if (!Files.isDirectory(path)) {
            return Optional.of(read(path));
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .max(Comparator.comparing(f -> f.getFileName().toString())).map(FolderWitness::read);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit witness folder cannot be read", e);
        }
    }

    static String json(ChainVerifier.Checkpoint c) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "checkpoint");
        line.put("sequence", c.sequence());
        line.put("entryHash", c.entryHash());
        line.put("signedAt", c.signedAt());
        line.put("keyId", c.keyId());
        line.put("signature", c.signature());
        return JSON.writeValueAsString(line);
    }

    static ChainVerifier.Checkpoint read(Path file) {
        try {
            return checkpoint(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("a witnessed checkpoint cannot be read", e);
        }
    }

    static ChainVerifier.Checkpoint checkpoint(JsonNode node) {
        if (!node.path("sequence").isIntegralNumber()) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        return new ChainVerifier.Checkpoint(node.path("sequence").asLong(), text(node, "entryHash"),
                text(node, "signedAt"), text(node, "keyId"), text(node, "signature"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
