package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The offline verifier and checkpoint keys, with no database and no Spring context. */
class OfflineVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Writes an export of {@code n} entries with a checkpoint every {@code every} entries, signed by {@code key}. */
    private Path export(int n, int every, KeyPair key, java.util.function.UnaryOperator<Map<String, Object>> change)
            throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(Map.of("type", "export", "format", AuditExport.FORMAT, "firstSequence", 1,
                "lastSequence", n, "previousHash", AuditHashes.GENESIS)));
        List<String> checkpoints = new ArrayList<>();
        String keyId = CheckpointSigning.keyId(key.getPublic());
        String algorithm = CheckpointSigning.algorithm(key.getPublic());
        String previous = AuditHashes.GENESIS;
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        for (long s = 1; s <= n; s++) {
            String at = start.plusSeconds(s).toString();
            List<String> subjects = List.of("5a7fc62b-f833-4425-97ce-cf67f05d5bf3");
            String detail = "{\"records\":[{\"subject\":\"5a7fc62b-f833-4425-97ce-cf67f05d5bf3\",\"withheld\":[]}]}";
            String hash = AuditHashes.entryHash(s, at, "lambeth.analyst", "lambeth-csp", List.of("panel-analyst"),
                    "VVASB_PANEL", "subject", subjects, detail, previous);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", "entry");
            entry.put("sequence", s);
            entry.put("recordedAt", at);
            entry.put("actor", "lambeth.analyst");
            entry.put("actorAgency", "lambeth-csp");
            entry.put("actorRoles", List.of("panel-analyst"));
            entry.put("purpose", "VVASB_PANEL");
            entry.put("operation", "subject");
            entry.put("subjects", subjects);
            entry.put("detail", detail);
            entry.put("previousHash", previous);
            entry.put("hash", hash);
            Map<String, Object> written = change.apply(entry);
            if (written != null) {
                lines.add(JSON.writeValueAsString(written));
            }
            previous = hash;
            if (s % every == 0) {
                String signature = CheckpointSigning.sign(key.getPrivate(), algorithm,
                        CheckpointSigning.payload(s, hash, at, keyId));
                checkpoints.add(JSON.writeValueAsString(Map.of("type", "checkpoint", "sequence", s, "entryHash", hash,
                        "signedAt", at, "keyId", keyId, "signature", signature)));
            }
        }
        lines.addAll(checkpoints);
        lines.add(JSON.writeValueAsString(Map.of("type", "key", "keyId", keyId, "algorithm", algorithm, "publicKey",
                Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))));
        return Files.write(dir.resolve("export-" + n + "-" + System.nanoTime() + ".jsonl"), lines);
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8).trim()};
    }

    @Test
    void aGoodExportIsValidAndAnEditedOneNamesThePosition() throws Exception {
        KeyPair key = CheckpointSigning.generate();
        Path good = export(50, 10, key, e -> e);
        Path edited = export(50, 10, key, e -> {
            if (e.get("sequence").equals(23L)) {
                e.put("purpose", "MARAC");
            }
            return e;
        });

        assertThat(run(good.toString())).containsExactly("0",
                "valid: 50 entries, 5 signed checkpoints (keys taken from the export; pin them with --trust)");
        assertThat(run(edited.toString())[0]).isEqualTo("1");
        assertThat(run(edited.toString())[1]).startsWith("invalid at sequence 23: the entry's content does not match its hash");
    }

    @Test
    void aDroppedLineOrATruncatedTailIsFound() throws Exception {
        KeyPair key = CheckpointSigning.generate();
        assertThat(run(export(30, 10, key, e -> e.get("sequence").equals(7L) ? null : e).toString())[1])
                .isEqualTo("invalid at sequence 7: entry 7 is missing: deleted");
        assertThat(run(export(30, 10, key, e -> (Long) e.get("sequence") > 26 ? null : e).toString())[1])
                .startsWith("invalid at sequence 27: the log ends at sequence 26").contains("tail truncated");
    }

    @Test
    void onlyPinnedKeysAreTrustedWhenTheAuditorPinsThem() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        Path file = export(20, 10, hub, e -> e);
        String hubKey = CheckpointSigning.keyId(hub.getPublic());
        String otherKey = CheckpointSigning.keyId(CheckpointSigning.generate().getPublic());

        assertThat(run("--trust", hubKey, file.toString())).containsExactly("0", "valid: 20 entries, 2 signed checkpoints");
        assertThat(run("--trust", otherKey, file.toString())[1]).startsWith("invalid at sequence 10:")
                .contains("not a trusted key");
        assertThat(run("--trust")[0]).isEqualTo("2");
        assertThat(run(dir.resolve("missing.jsonl").toString())[0]).isEqualTo("2");
    }

    @Test
    void checkpointsCanBeSignedWithEcdsaP256Too() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = ec.generateKeyPair();
        assertThat(CheckpointSigning.algorithm(key.getPublic())).isEqualTo(CheckpointSigning.EC_P256);
        assertThat(run(export(20, 5, key, e -> e).toString())[0]).isEqualTo("0");
    }

    @Test
    void aPkcs8KeyFileIsReadWithItsPublicKeyDerivedOrGiven() throws Exception {
        KeyPair ed = CheckpointSigning.generate();
        KeyPair loaded = CheckpointSigning.load(pem("PRIVATE KEY", ed.getPrivate().getEncoded()));
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(ed.getPublic().getEncoded());

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        KeyPair ecLoaded = CheckpointSigning.load(pem("PRIVATE KEY", ec.getPrivate().getEncoded())
                + pem("PUBLIC KEY", ec.getPublic().getEncoded()));
        assertThat(ecLoaded.getPublic().getEncoded()).isEqualTo(ec.getPublic().getEncoded());

        assertThatThrownBy(() -> CheckpointSigning.load(pem("PRIVATE KEY", ec.getPrivate().getEncoded())))
                .hasMessageContaining("PUBLIC KEY block");
        assertThatThrownBy(() -> CheckpointSigning.load(pem("PRIVATE KEY", ec.getPrivate().getEncoded())
                + pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded())))
                .hasMessageContaining("does not match");
    }

    @Test
    void verifiesALargeExport() throws Exception {
        // speed is measured by AuditVerifyBenchmark (a million entries); this proves a large export verifies
        Path file = export(20_000, 1000, CheckpointSigning.generate(), e -> e);
        String[] result = run(file.toString());
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).startsWith("valid: 20000 entries, 20 signed checkpoints");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
