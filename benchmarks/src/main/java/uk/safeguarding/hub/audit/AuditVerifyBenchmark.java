package uk.safeguarding.hub.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline verifier over an export of a million entries with a signed checkpoint every 10,000 (in
 * this package because the verifier's parts are the audit module's own). The export is generated with
 * the hub's canonical hash and signatures, as the hub writes one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class AuditVerifyBenchmark {

    @Param("1000000")
    public int entries;

    private Path export;

    @Setup
    public void writeExport() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        KeyPair key = CheckpointSigning.generate();
        String keyId = CheckpointSigning.keyId(key.getPublic());
        String algorithm = CheckpointSigning.algorithm(key.getPublic());
        export = Files.createTempFile("audit-export", ".jsonl");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String previous = AuditHashes.GENESIS;
        StringBuilder checkpoints = new StringBuilder();
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            out.write(json.writeValueAsString(ordered("type", "export", "format", AuditExport.FORMAT, "from", null, "to", null,
                    "firstSequence", 1, "lastSequence", entries, "previousHash", AuditHashes.GENESIS)));
            out.newLine();
            for (long seq = 1; seq <= entries; seq++) {
                String at = start.plus(seq, ChronoUnit.SECONDS).toString();
                List<String> subjects = List.of(new UUID(seq, seq).toString());
                String detail = "{\"criteria\":[\"name\"],\"records\":[{\"subject\":\"" + subjects.get(0)
                        + "\",\"released\":[\"familyName\"],\"withheld\":[]}],\"agreements\":{\"lambeth-vvasb-panel@3.0\":[\"5.1\"]}}";
                String hash = AuditHashes.entryHash(seq, at, "lambeth.analyst", "lambeth-csp", List.of("panel-analyst"),
                        "VVASB_PANEL", "searchSubjects", subjects, detail, previous);
                Map<String, Object> line = ordered("type", "entry", "sequence", seq, "recordedAt", at, "actor", "lambeth.analyst",
                        "actorAgency", "lambeth-csp", "actorRoles", List.of("panel-analyst"), "purpose", "VVASB_PANEL",
                        "operation", "searchSubjects", "subjects", subjects);
                line.put("detail", detail);
                line.put("previousHash", previous);
                line.put("hash", hash);
                line.put("chainVersion", AuditHashes.CURRENT_VERSION);
                out.write(json.writeValueAsString(line));
                out.newLine();
                if (seq % 10_000 == 0) {
                    String signedAt = start.plus(seq, ChronoUnit.SECONDS).toString();
                    String signature = CheckpointSigning.sign(key.getPrivate(), algorithm,
                            CheckpointSigning.payload(seq, hash, signedAt, keyId));
                    checkpoints.append(json.writeValueAsString(ordered("type", "checkpoint", "sequence", seq, "entryHash", hash,
                            "signedAt", signedAt, "keyId", keyId, "signature", signature))).append('\n');
                }
                previous = hash;
            }
            out.write(checkpoints.toString());
            out.write(json.writeValueAsString(ordered("type", "key", "keyId", keyId, "algorithm", algorithm,
                    "publicKey", java.util.Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))));
            out.newLine();
        }
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(export);
    }

    @Benchmark
    public ChainVerifier.Outcome verifyOffline() throws IOException {
        ChainVerifier.Outcome outcome = OfflineVerifier.verify(export, OfflineVerifier.Options.NONE);
        if (!outcome.valid() || outcome.entriesChecked() != entries) {
            throw new IllegalStateException("the generated export did not verify: " + outcome);
        }
        return outcome;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
