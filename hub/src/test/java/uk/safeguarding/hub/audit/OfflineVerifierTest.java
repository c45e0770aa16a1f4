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
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The offline verifier and checkpoint keys, with no database and no Spring context. */
class OfflineVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A log as the hub would export it: entries, checkpoints and the signing key, as JSON lines' maps. */
    private record Log(List<Map<String, Object>> entries, List<Map<String, Object>> checkpoints, Map<String, Object> key) {

        Map<String, Object> entry(long sequence) {
            return entries.get((int) sequence - 1);
        }

        List<Map<String, Object>> entries(long first, long last) {
            return entries.subList((int) first - 1, (int) last);
        }

        List<Map<String, Object>> checkpointsUpTo(long last) {
            return checkpoints.stream().filter(c -> ((Number) c.get("sequence")).longValue() <= last).toList();
        }
    }

    /**
     * {@code n} entries a second apart with a checkpoint every {@code every}, signed by {@code key};
     * entry s hashed in chain version {@code version.applyAsInt(s)}.
     */
    private static Log log(int n, int every, KeyPair key, IntUnaryOperator version) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> checkpoints = new ArrayList<>();
        String keyId = CheckpointSigning.keyId(key.getPublic());
        String algorithm = CheckpointSigning.algorithm(key.getPublic());
        String previous = AuditHashes.GENESIS;
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        for (long s = 1; s <= n; s++) {
            String at = start.plusSeconds(s).toString();
            List<String> subjects = List.of("5a7fc62b-f833-4425-97ce-cf67f05d5bf3");
            String detail = "{\"records\":[{\"subject\":\"5a7fc62b-f833-4425-97ce-cf67f05d5bf3\",\"withheld\":[]}]}";
            int v = version.applyAsInt((int) s);
            String hash = AuditHashes.entryHash(v, s, at, "lambeth.analyst", "lambeth-csp", List.of("panel-analyst"),
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
            entry.put("chainVersion", v);
            entries.add(entry);
            previous = hash;
            if (s % every == 0) {
                checkpoints.add(checkpoint(key, s, hash, at));
            }
        }
        return new Log(entries, checkpoints, Map.of("type", "key", "keyId", keyId, "algorithm", algorithm, "publicKey",
                Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
    }

    private static Map<String, Object> checkpoint(KeyPair key, long sequence, String hash, String signedAt) {
        String keyId = CheckpointSigning.keyId(key.getPublic());
        String signature = CheckpointSigning.sign(key.getPrivate(), CheckpointSigning.algorithm(key.getPublic()),
                CheckpointSigning.payload(sequence, hash, signedAt, keyId));
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("type", "checkpoint");
        checkpoint.put("sequence", sequence);
        checkpoint.put("entryHash", hash);
        checkpoint.put("signedAt", signedAt);
        checkpoint.put("keyId", keyId);
        checkpoint.put("signature", signature);
        return checkpoint;
    }

    private static Map<String, Object> header(long first, long last, String previousHash) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "export");
        header.put("format", AuditExport.FORMAT);
        header.put("from", null);
        header.put("to", null);
        header.put("firstSequence", first);
        header.put("lastSequence", last);
        header.put("previousHash", previousHash);
        return header;
    }

    private Path write(Map<String, Object> header, List<Map<String, Object>> entries,
            List<Map<String, Object>> checkpoints, Map<String, Object> key) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(header));
        for (Map<String, Object> e : entries) {
            lines.add(JSON.writeValueAsString(e));
        }
        for (Map<String, Object> c : checkpoints) {
            lines.add(JSON.writeValueAsString(c));
        }
        lines.add(JSON.writeValueAsString(key));
        return Files.write(dir.resolve("export-" + System.nanoTime() + ".jsonl"), lines);
    }

    /** Writes an export of {@code n} entries with a checkpoint every {@code every} entries, signed by {@code key}. */
    private Path export(int n, int every, KeyPair key, java.util.function.UnaryOperator<Map<String, Object>> change)
            throws Exception {
        Log log = log(n, every, key, s -> AuditHashes.CURRENT_VERSION);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map<String, Object> e : log.entries()) {
            Map<String, Object> written = change.apply(new LinkedHashMap<>(e));
            if (written != null) {
                entries.add(written);
            }
        }
        return write(header(1, n, AuditHashes.GENESIS), entries, log.checkpoints(), log.key());
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
                "valid: entries 1 to 50 (50 entries), 5 signed checkpoints (keys taken from the export; pin them with --trust)");
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

        assertThat(run("--trust", hubKey, file.toString())).containsExactly("0",
                "valid: entries 1 to 20 (20 entries), 2 signed checkpoints; proved 1 to 20 by trusted checkpoints");
        assertThat(run("--trust", otherKey, file.toString())[1])
                .startsWith("invalid at sequence 1: entries 1 to 20 are not sealed by a trusted checkpoint");
        assertThat(run("--trust", otherKey, "--accept-unsealed", "20", file.toString())[1])
                .startsWith("invalid at sequence 10:").contains("not a trusted key");
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
        assertThat(result[1]).startsWith("valid: entries 1 to 20000 (20000 entries), 20 signed checkpoints");
    }

    @Test
    void underTrustAnExportStrippedOfItsCheckpointsProvesNothing() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        Log log = log(6, 3, hub, s -> 2);
        // a rewritten chain with the checkpoints left out: consistent, but nothing a trusted key signed
        Path stripped = write(header(1, 6, AuditHashes.GENESIS), log.entries(), List.of(), log.key());
        String trust = CheckpointSigning.keyId(hub.getPublic());

        assertThat(run("--trust", trust, stripped.toString())).containsExactly("1", "invalid at sequence 1: entries 1 to 6"
                + " are not sealed by a trusted checkpoint: they could have been rewritten or added by anyone who can"
                + " write to the database");
        // told how many unsealed entries it may accept, it says what it proved and what it accepted
        assertThat(run("--trust", trust, "--accept-unsealed", "6", stripped.toString())).containsExactly("0",
                "valid: entries 1 to 6 (6 entries), 0 signed checkpoints; nothing proved by a trusted checkpoint");
        Path tailUnsealed = write(header(1, 6, AuditHashes.GENESIS), log.entries(), log.checkpointsUpTo(3), log.key());
        assertThat(run("--trust", trust, tailUnsealed.toString())[1])
                .isEqualTo("invalid at sequence 4: entries 4 to 6 are not sealed by a trusted checkpoint: they could have"
                        + " been rewritten or added by anyone who can write to the database");
        assertThat(run("--trust", trust, "--accept-unsealed", "3", tailUnsealed.toString())).containsExactly("0",
                "valid: entries 1 to 6 (6 entries), 1 signed checkpoints; proved 1 to 3 by trusted checkpoints;"
                        + " 3 unsealed entries after it accepted (--accept-unsealed)");
        assertThat(run("--trust", trust, "--accept-unsealed", "2", tailUnsealed.toString())[0]).isEqualTo("1");
    }

    @Test
    void anExportStartingMidLogMustBeAnchoredByATrustedCheckpoint() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        String trust = CheckpointSigning.keyId(hub.getPublic());
        Log log = log(20, 10, hub, s -> 2);
        String tenth = (String) log.entry(10).get("hash");

        // a header claiming the export starts mid-log with nothing to link to
        Path unlinked = write(header(11, 20, null), log.entries(11, 20), log.checkpointsUpTo(20).subList(1, 2), log.key());
        String[] withTrust = run("--trust", trust, unlinked.toString());
        assertThat(withTrust[0]).isEqualTo("1");
        assertThat(withTrust[1]).startsWith("invalid at sequence 11: nothing ties sequence 11 to the log");
        assertThat(run(unlinked.toString())[1]).startsWith("invalid at sequence 11: nothing ties sequence 11 to the log");

        // the right previous hash, but no checkpoint sealing entry 10 in the export
        Path unanchored = write(header(11, 20, tenth), log.entries(11, 20), log.checkpointsUpTo(20).subList(1, 2), log.key());
        assertThat(run("--trust", trust, unanchored.toString())[1]).isEqualTo("invalid at sequence 11: the run starts at"
                + " sequence 11 but no trusted checkpoint seals entry 10: its start cannot be tied to the log");

        // anchored by the trusted checkpoint of entry 10: proved from 11
        Path anchored = write(header(11, 20, tenth), log.entries(11, 20), log.checkpointsUpTo(20), log.key());
        assertThat(run("--trust", trust, anchored.toString())).containsExactly("0",
                "valid: entries 11 to 20 (10 entries), 1 signed checkpoints; proved 11 to 20 by trusted checkpoints");

        // an anchor that seals another entry 10 than the one the export links to
        Path relinked = write(header(11, 20, "a".repeat(64)), log.entries(11, 20), log.checkpointsUpTo(20), log.key());
        assertThat(run("--trust", trust, relinked.toString())[1]).startsWith("invalid at sequence 11: the run links to a"
                + " different entry 10 from the one sealed by the checkpoint");
    }

    @Test
    void aWitnessedCheckpointCatchesATailDeletedWithItsCheckpoints() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        String trust = CheckpointSigning.keyId(hub.getPublic());
        Log log = log(30, 10, hub, s -> 2);
        Path witness = Files.createDirectories(dir.resolve("witness"));
        for (Map<String, Object> c : log.checkpoints()) {
            Files.writeString(witness.resolve(String.format("checkpoint-%019d.json", (Long) c.get("sequence"))),
                    JSON.writeValueAsString(c));
        }
        // entries 21 to 30 and the checkpoint sealing them removed: the rest is consistent and sealed
        Path truncated = write(header(1, 20, AuditHashes.GENESIS), log.entries(1, 20), log.checkpointsUpTo(20), log.key());

        assertThat(run("--trust", trust, truncated.toString())[0]).as("without the witness").isEqualTo("0");
        assertThat(run("--trust", trust, "--witness", witness.toString(), truncated.toString())).containsExactly("1",
                "invalid at sequence 21: the log ends at sequence 20 but the checkpoint signed at " + log.entry(30).get("recordedAt")
                        + " seals sequence 30: entries 21 to 30 are missing (tail truncated)");
        Path whole = write(header(1, 30, AuditHashes.GENESIS), log.entries(), log.checkpoints(), log.key());
        assertThat(run("--trust", trust, "--witness", witness.resolve("checkpoint-0000000000000000030.json").toString(),
                whole.toString())[0]).isEqualTo("0");
        // a witnessed checkpoint signed by a key the auditor does not trust is itself a problem
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, JSON.writeValueAsString(checkpoint(CheckpointSigning.generate(), 30,
                (String) log.entry(30).get("hash"), "2026-01-05T09:00:31Z")));
        assertThat(run("--trust", trust, "--witness", forged.toString(), whole.toString())[0]).isEqualTo("1");
    }

    @Test
    void entriesLeftUnsealedLongerThanTwiceTheIntervalAreFlagged() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        Log log = log(50, 10, hub, s -> 2);
        // entries 41 to 50, a second apart, with the checkpoint that sealed them gone
        Path file = write(header(1, 50, AuditHashes.GENESIS), log.entries(), log.checkpointsUpTo(40), log.key());

        assertThat(run("--checkpoint-interval", "PT10S", file.toString())[0]).isEqualTo("0");
        assertThat(run("--checkpoint-interval", "PT4S", file.toString())).containsExactly("1", "invalid at sequence 41:"
                + " no checkpoint seals the entries from sequence 41 (recorded at " + log.entry(41).get("recordedAt")
                + ") on, though one is due every PT4S: checkpointing stopped, or recent checkpoints were removed");
        Map<String, Object> header = header(1, 50, AuditHashes.GENESIS);
        header.put("checkpointInterval", "PT1S");
        assertThat(run(write(header, log.entries(), log.checkpointsUpTo(40), log.key()).toString())[0]).isEqualTo("1");
    }

    @Test
    void versionOneEntriesStillVerifyAndVersionsNeverGoBack() throws Exception {
        KeyPair hub = CheckpointSigning.generate();
        String trust = CheckpointSigning.keyId(hub.getPublic());
        // a log begun before version 2, exported by that hub (no chainVersion), then continued in version 2
        Log old = log(10, 5, hub, s -> 1);
        Map<String, Object> v1Header = header(1, 10, AuditHashes.GENESIS);
        v1Header.put("format", AuditExport.FORMAT_V1);
        List<Map<String, Object>> v1Entries = old.entries().stream().map(e -> {
            Map<String, Object> copy = new LinkedHashMap<>(e);
            copy.remove("chainVersion");
            return copy;
        }).toList();
        assertThat(run("--trust", trust, write(v1Header, v1Entries, old.checkpoints(), old.key()).toString())[0])
                .isEqualTo("0");

        Log mixed = log(20, 5, hub, s -> s <= 12 ? 1 : 2);
        assertThat(run("--trust", trust, write(header(1, 20, AuditHashes.GENESIS), mixed.entries(), mixed.checkpoints(),
                mixed.key()).toString())[0]).isEqualTo("0");

        Log backwards = log(20, 5, hub, s -> s == 15 ? 1 : 2);
        assertThat(run(write(header(1, 20, AuditHashes.GENESIS), backwards.entries(), backwards.checkpoints(),
                backwards.key()).toString())[1]).isEqualTo("invalid at sequence 15: the entry claims chain version 1"
                        + " after entries of version 2: versions never go back");
    }

    @Test
    void versionTwoHashesTellApartWhatVersionOneConfused() {
        String v1NullAgency = AuditHashes.entryHash(1, 7, "2026-01-05T09:00:00Z", "a", null, List.of("r"), null,
                "subject", List.of(), "{}", AuditHashes.GENESIS);
        String v1TextNull = AuditHashes.entryHash(1, 7, "2026-01-05T09:00:00Z", "a", "null", List.of("r"), "null",
                "subject", List.of(), "{}", AuditHashes.GENESIS);
        String v1OneRole = AuditHashes.entryHash(1, 7, "2026-01-05T09:00:00Z", "a", "x", List.of("a,b"), "p",
                "subject", List.of(), "{}", AuditHashes.GENESIS);
        String v1TwoRoles = AuditHashes.entryHash(1, 7, "2026-01-05T09:00:00Z", "a", "x", List.of("a", "b"), "p",
                "subject", List.of(), "{}", AuditHashes.GENESIS);
        assertThat(v1NullAgency).as("version 1 is ambiguous, which is why version 2 exists").isEqualTo(v1TextNull);
        assertThat(v1OneRole).isEqualTo(v1TwoRoles);

        assertThat(AuditHashes.entryHash(2, 7, "2026-01-05T09:00:00Z", "a", null, List.of("r"), null, "subject",
                List.of(), "{}", AuditHashes.GENESIS)).isNotEqualTo(AuditHashes.entryHash(2, 7, "2026-01-05T09:00:00Z",
                "a", "null", List.of("r"), "null", "subject", List.of(), "{}", AuditHashes.GENESIS));
        assertThat(AuditHashes.entryHash(2, 7, "2026-01-05T09:00:00Z", "a", "x", List.of("a,b"), "p", "subject",
                List.of(), "{}", AuditHashes.GENESIS)).isNotEqualTo(AuditHashes.entryHash(2, 7, "2026-01-05T09:00:00Z",
                "a", "x", List.of("a", "b"), "p", "subject", List.of(), "{}", AuditHashes.GENESIS));
        // a field's end cannot move into the next one: actor "a\nb" with agency "c" against actor "a" with agency "b\nc"
        assertThat(AuditHashes.entryHash(2, 7, "t", "a\nb", "c", List.of(), "p", "o", List.of(), "{}", "h"))
                .isNotEqualTo(AuditHashes.entryHash(2, 7, "t", "a", "b\nc", List.of(), "p", "o", List.of(), "{}", "h"));
        assertThat(AuditHashes.entryHash(7, "t", "a", null, List.of(), null, "o", List.of(), "{}", "h"))
                .isEqualTo(AuditHashes.entryHash(AuditHashes.CURRENT_VERSION, 7, "t", "a", null, List.of(), null, "o",
                        List.of(), "{}", "h"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
