package uk.safeguarding.hub.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes part or all of the log as JSON lines that the offline verifier checks with no database: a
 * header (the range, and the hash its first entry must link to), then the entries, then the signed
 * checkpoints, then the signing public keys. {@code detail} is carried as a string, byte for byte as
 * hashed. A period is widened to the checkpoints around it, so that trusted checkpoints can tie its
 * start to the log and seal its end.
 */
@Component
class AuditExport {

    /** Version 2 adds each entry's {@code chainVersion}; a version 1 export's entries are all of chain version 1. */
    static final String FORMAT = "uk.safeguarding.hub/audit-export/v2";
    static final String FORMAT_V1 = "uk.safeguarding.hub/audit-export/v1";

    private final AuditStore store;
    private final AuditProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditExport(AuditStore store, AuditProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The entries as a spreadsheet-friendly CSV, for reports (the JSON lines export is the one to verify).
     * Call inside a repeatable-read transaction.
     */
    void writeCsv(Instant from, Instant to, OutputStream out) {
        AuditStore.Range range = store.range(from, to);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try (org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(writer,
                org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader("sequence", "recordedAt", "actor", "actorAgency",
                        "actorRoles", "purpose", "operation", "subjects", "detail", "previousHash", "hash").get())) {
            store.entries(range, e -> {
                try {
                    csv.printRecord(e.sequence(), e.recordedAt(), e.actor(), e.actorAgency(), String.join(";", e.actorRoles()),
                            e.purpose(), e.operation(), String.join(";", e.subjects()), e.detail(), e.previousHash(), e.hash());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Call inside a repeatable-read transaction, so that the lines are one consistent snapshot. */
    void write(Instant from, Instant to, OutputStream out) {
        AuditStore.Range range = store.sealedRange(from, to);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "export");
        header.put("format", FORMAT);
        header.put("from", from == null ? null : from.toString());
        header.put("to", to == null ? null : to.toString());
        header.put("firstSequence", range.first());
        header.put("lastSequence", range.last());
        header.put("previousHash", range.previousHash());
        header.put("checkpointInterval", properties.checkpointInterval().toString());
        header.put("exportedAt", clock.instant().toString());
        line(writer, header);
        store.entries(range, e -> line(writer, entry(e)));
        for (ChainVerifier.Checkpoint c : store.checkpoints(range)) {
            line(writer, ordered("type", "checkpoint", "sequence", c.sequence(), "entryHash", c.entryHash(),
                    "signedAt", c.signedAt(), "keyId", c.keyId(), "signature", c.signature()));
        }
        for (ChainVerifier.Key k : store.keys()) {
            line(writer, ordered("type", "key", "keyId", k.keyId(), "algorithm", k.algorithm(), "publicKey", k.publicKey()));
        }
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> entry(ChainVerifier.Entry e) {
        Map<String, Object> line = ordered("type", "entry", "sequence", e.sequence(), "recordedAt", e.recordedAt(),
                "actor", e.actor(), "actorAgency", e.actorAgency(), "actorRoles", e.actorRoles(), "purpose", e.purpose(),
                "operation", e.operation(), "subjects", e.subjects());
        line.put("detail", e.detail());
        line.put("previousHash", e.previousHash());
        line.put("hash", e.hash());
        line.put("chainVersion", e.chainVersion());
        return line;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private void line(Writer writer, Map<String, Object> value) {
        try {
            writer.write(json.writeValueAsString(value));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<AuditStore.PublishedKey> publicKeys() {
        return store.publishedKeys();
    }
}
