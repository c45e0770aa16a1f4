package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.DatabaseOwner;
import uk.safeguarding.hub.LocalHubTest;

/**
 * A database administrator (the schema's owner, who can disable the append-only triggers) edits,
 * deletes, inserts, reorders or truncates entries, rewrites the chain, forges a checkpoint, or deletes
 * the tail with its checkpoints, or signs the rewritten chain with a key of their own. Each tamper is
 * done in the owner's transaction, which is rolled back after the stored log and an export of it (read
 * in that transaction, with the hub's own verification code) have been checked, so other tests sharing
 * the database see the log untouched. What the database cannot change: the trusted key ids in the hub's
 * configuration, and the checkpoints in the witness folder.
 */
class AuditTamperTest extends LocalHubTest {

    @Autowired
    private AuditCheckpoints checkpoints;
    @Autowired
    private AuditProperties properties;
    @Autowired
    private Environment env;

    private DatabaseOwner owner;
    /** The hub's verification and export code, reading through the owner's connection. */
    private AuditStore store;
    private AuditExport export;

    @TempDir
    Path dir;

    /** The sealed head: the latest checkpoint's sequence, with at least ten entries before it. */
    private long sealed;

    /**
     * @param databaseOnly the verdict of verification anchored in the database alone, as it was before
     *     issue 16: every key in the key table trusted, no witness
     */
    record Verdicts(ChainVerifier.Outcome stored, ChainVerifier.Outcome databaseOnly, int exitStatus, String offline) {
        Verdicts offline(String[] result) {
            return new Verdicts(stored, databaseOnly, Integer.parseInt(result[0]), result[1]);
        }
    }

    @BeforeEach
    void aSealedLogOfSomeLength() {
        owner = new DatabaseOwner(env);
        store = new AuditStore(owner.jdbc());
        export = new AuditExport(store, properties, clock);
        String analyst = client.devToken("lambeth.analyst");
        while (jdbc.sql("select count(*) from audit_entry").query(Long.class).single() < 12) {
            client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
        }
        checkpoints.checkpoint();
        sealed = jdbc.sql("select max(sequence) from audit_checkpoint").query(Long.class).single();
        assertThat(jdbc.sql("select max(sequence) from audit_entry").query(Long.class).single()).isEqualTo(sealed);
    }

    /**
     * Tampers as the owner, then checks the stored log (with the hub's anchors) and an export of it
     * (offline, with these arguments before the file), all in one transaction that is rolled back.
     */
    private Verdicts tampered(Runnable tamper, String... offlineArgs) {
        return owner.rolledBack(db -> {
            tamper.run();
            ChainVerifier.Outcome stored = store.verifyStored(null, null, checkpoints.anchors(), clock.instant());
            ChainVerifier.Outcome databaseOnly = store.verifyStored(null, null,
                    new AuditStore.Anchors(null, Optional.empty(), null), clock.instant());
            return new Verdicts(stored, databaseOnly, 0, null).offline(exportAndVerify(offlineArgs));
        });
    }

    private String[] exportAndVerify(String... args) {
        try {
            Path file = dir.resolve("export-" + System.nanoTime() + ".jsonl");
            try (var out = Files.newOutputStream(file)) {
                export.write(null, null, out);
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            List<String> all = new ArrayList<>(List.of(args));
            all.add(file.toString());
            int exit = OfflineVerifier.run(all.toArray(String[]::new),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
            return new String[] {Integer.toString(exit), printed.toString(StandardCharsets.UTF_8).trim()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JdbcClient db() {
        return owner.jdbc();
    }

    private void unlockEntries() {
        db().sql("alter table audit_entry disable trigger audit_entry_append_only").update();
    }

    private void unlockCheckpoints() {
        db().sql("alter table audit_checkpoint disable trigger audit_checkpoint_append_only").update();
    }

    private String witness() {
        return properties.witnessDir();
    }

    private static void assertDetected(Verdicts v, long sequence, String problem) {
        assertThat(v.stored().valid()).isFalse();
        assertThat(v.stored().firstBadSequence()).as(v.stored().problem()).isEqualTo(sequence);
        assertThat(v.stored().problem()).contains(problem);
        assertThat(v.exitStatus()).isEqualTo(1);
        assertThat(v.offline()).startsWith("invalid at sequence " + sequence + ": ").contains(problem)
                .isEqualTo("invalid at sequence " + sequence + ": " + v.stored().problem());
    }

    @Test
    void theUntouchedLogIsValidInTheHubAndOffline() {
        Verdicts v = tampered(() -> { }, "--trust", checkpoints.keyId(), "--witness", witness());
        assertThat(v.stored().valid()).as(v.stored().problem()).isTrue();
        assertThat(v.stored().checkpointsChecked()).isPositive();
        assertThat(v.exitStatus()).as(v.offline()).isZero();
        assertThat(v.offline()).startsWith("valid: entries 1 to " + sealed + " ")
                .endsWith("; proved 1 to " + sealed + " by trusted checkpoints");
    }

    @Test
    void anEditedEntry() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            db().sql("update audit_entry set purpose = 'YOUTH_JUSTICE', detail = '{}' where sequence = ?").param(k).update();
        });
        assertDetected(v, k, "does not match its hash");
    }

    @Test
    void aDeletedEntry() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            db().sql("delete from audit_entry where sequence = ?").param(k).update();
        });
        assertDetected(v, k, "entry " + k + " is missing");
    }

    @Test
    void anInsertedEntryWithAProperlyComputedHash() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            insertForged(k);
        });
        // the forgery itself links and hashes correctly; the entry it pushed along does not
        assertDetected(v, k + 1, "does not match its hash");
    }

    @Test
    void twoEntriesSwapped() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            db().sql("update audit_entry set sequence = -1 where sequence = ?").param(k).update();
            db().sql("update audit_entry set sequence = ? where sequence = ?").params(k, k + 1).update();
            db().sql("update audit_entry set sequence = ? where sequence = -1").param(k + 1).update();
        });
        assertDetected(v, k, "does not match its hash");
    }

    @Test
    void aTruncatedTailIsCaughtByTheCheckpoint() {
        Verdicts v = tampered(() -> {
            unlockEntries();
            db().sql("delete from audit_entry where sequence > ?").param(sealed - 3).update();
        });
        assertDetected(v, sealed - 2, "tail truncated");
    }

    @Test
    void aChainRewrittenAfterAnInsertIsCaughtByTheCheckpoint() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            insertForged(k);
            rehash(k + 1);
        });
        assertDetected(v, sealed, "checkpoint");
    }

    @Test
    void aForgedCheckpoint() {
        Verdicts v = tampered(() -> {
            unlockCheckpoints();
            db().sql("update audit_checkpoint set entry_hash = ? where sequence = ?").params("f".repeat(64), sealed).update();
        });
        assertDetected(v, sealed, "signature");
    }

    @Test
    void theTailDeletedWithItsCheckpointsIsCaughtByTheWitness() {
        long cut = sealed - 3;
        Verdicts v = tampered(() -> {
            unlockEntries();
            unlockCheckpoints();
            db().sql("delete from audit_entry where sequence > ?").param(cut).update();
            db().sql("delete from audit_checkpoint where sequence > ?").param(cut).update();
        }, "--witness", witness());

        assertThat(v.databaseOnly().valid()).as("the database alone cannot tell").isTrue();
        assertDetected(v, cut + 1, "tail truncated");
    }

    @Test
    void aChainReSignedWithAKeyInsertedIntoTheKeyTableIsNotTrusted() {
        KeyPair mallory = CheckpointSigning.generate();
        String malloryId = CheckpointSigning.keyId(mallory.getPublic());
        long k = sealed - 5;
        long lastTrusted = jdbc.sql("select coalesce(max(sequence), 0) from audit_checkpoint where sequence < ?")
                .param(k).query(Long.class).single();
        Verdicts v = tampered(() -> {
            // the hub's own role may insert keys: the table is where keys are published, not where trust comes from
            db().sql("insert into audit_signing_key (key_id, algorithm, public_key) values (?, 'Ed25519', ?)")
                    .params(malloryId, Base64.getEncoder().encodeToString(mallory.getPublic().getEncoded())).update();
            unlockEntries();
            db().sql("update audit_entry set purpose = 'YOUTH_JUSTICE' where sequence = ?").param(k).update();
            rehash(k);
            unlockCheckpoints();
            db().sql("delete from audit_checkpoint where sequence >= ?").param(k).update();
            String head = db().sql("select hash from audit_entry where sequence = ?").param(sealed).query(String.class).single();
            String signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
            String signature = CheckpointSigning.sign(mallory.getPrivate(), CheckpointSigning.ED25519,
                    CheckpointSigning.payload(sealed, head, signedAt, malloryId));
            db().sql("insert into audit_checkpoint (sequence, entry_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)")
                    .params(sealed, head, Timestamp.from(Instant.parse(signedAt)), malloryId, signature).update();
        }, "--trust", checkpoints.keyId());

        assertThat(v.databaseOnly().valid()).as("trusting the key table, the forgery passes").isTrue();
        assertThat(v.stored().valid()).isFalse();
        assertThat(v.stored().firstBadSequence()).isEqualTo(sealed);
        assertThat(v.stored().problem()).contains("signed by key " + malloryId + ", which is not a trusted key");
        // offline, pinning the hub's key: nothing after the last checkpoint it signed is proved
        assertThat(v.exitStatus()).isEqualTo(1);
        assertThat(v.offline()).isEqualTo("invalid at sequence " + (lastTrusted + 1) + ": entries " + (lastTrusted + 1)
                + " to " + sealed + " are not sealed by a trusted checkpoint: they could have been rewritten or added by"
                + " anyone who can write to the database");
    }

    @Test
    void entriesLeftUnsealedForTwiceTheIntervalAreReported() {
        Duration interval = properties.checkpointInterval();
        ChainVerifier.Outcome[] asOf = owner.rolledBack(db -> {
            // appended as the hub would, after which checkpointing stopped (or its checkpoints were removed)
            String previous = db.sql("select hash from audit_entry where sequence = ?").param(sealed).query(String.class).single();
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String hash = AuditHashes.entryHash(sealed + 1, at.toString(), "lambeth.analyst", "lambeth-csp",
                    List.of("panel-analyst"), "VVASB_PANEL", "searchSubjects", List.of(), "{}", previous);
            db.sql("""
                    insert into audit_entry (sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                                             detail, previous_hash, hash)
                    values (?, ?, 'lambeth.analyst', 'lambeth-csp', array['panel-analyst'], 'VVASB_PANEL', 'searchSubjects',
                            '{}'::json, ?, ?)""").params(sealed + 1, Timestamp.from(at), previous, hash).update();
            return new ChainVerifier.Outcome[] {
                store.verifyStored(null, null, checkpoints.anchors(), at.plus(interval)),
                store.verifyStored(null, null, checkpoints.anchors(), at.plus(interval.multipliedBy(2)).plusSeconds(1))};
        });

        assertThat(asOf[0].valid()).as(asOf[0].problem()).isTrue();
        assertThat(asOf[1].valid()).isFalse();
        assertThat(asOf[1].firstBadSequence()).isEqualTo(sealed + 1);
        assertThat(asOf[1].problem()).startsWith("no checkpoint seals the entries from sequence " + (sealed + 1))
                .contains("checkpointing stopped, or recent checkpoints were removed");
    }

    @Test
    void theHubWillNotSealALogThatNoLongerExtendsTheWitness() throws IOException {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 1) { edges { cursor } } }");
        long head = jdbc.sql("select max(sequence) from audit_entry").query(Long.class).single();
        // the witness remembers another entry at the head than the one the database now holds
        Path remembered = Path.of(witness()).resolve(String.format("checkpoint-%019d.json", head));
        Files.writeString(remembered, FolderWitness.json(new ChainVerifier.Checkpoint(head, "e".repeat(64),
                Instant.now().toString(), checkpoints.keyId(), "c2lnbmF0dXJl")));
        try {
            AuditCheckpoints.Outcome refused = checkpoints.checkpoint();
            assertThat(refused.written()).isNull();
            assertThat(refused.brokenAt()).isEqualTo(head);
            assertThat(refused.problem()).startsWith("the log does not extend the newest witnessed checkpoint");
        } finally {
            Files.delete(remembered);
        }
        assertThat(checkpoints.checkpoint().written().sequence()).isGreaterThanOrEqualTo(head);
    }

    /** Makes room at sequence k and inserts a forged entry there, hashed and linked as the hub would. */
    private void insertForged(long k) {
        db().sql("update audit_entry set sequence = -sequence where sequence >= ?").param(k).update();
        db().sql("update audit_entry set sequence = -sequence + 1 where sequence < 0").update();
        String previous = db().sql("select hash from audit_entry where sequence = ?").param(k - 1).query(String.class).single();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditHashes.entryHash(k, at.toString(), "someone", "lambeth-csp", List.of("panel-analyst"),
                "VVASB_PANEL", "searchSubjects", List.of(), "{}", previous);
        db().sql("""
                insert into audit_entry (sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                                         subjects, detail, previous_hash, hash)
                values (?, ?, 'someone', 'lambeth-csp', array['panel-analyst'], 'VVASB_PANEL', 'searchSubjects',
                        '{}', '{}'::json, ?, ?)""").params(k, Timestamp.from(at), previous, hash).update();
    }

    /** Recomputes every hash from sequence {@code from} on, so that the chain is consistent again. */
    private void rehash(long from) {
        List<ChainVerifier.Entry> entries = new ArrayList<>();
        long head = db().sql("select max(sequence) from audit_entry").query(Long.class).single();
        store.entries(new AuditStore.Range(from, head, null, null), entries::add);
        String previous = db().sql("select hash from audit_entry where sequence = ?").param(from - 1).query(String.class).single();
        for (ChainVerifier.Entry e : entries) {
            String hash = AuditHashes.entryHash(e.sequence(), e.recordedAt(), e.actor(), e.actorAgency(), e.actorRoles(),
                    e.purpose(), e.operation(), e.subjects(), e.detail(), previous);
            db().sql("update audit_entry set previous_hash = ?, hash = ? where sequence = ?")
                    .params(previous, hash, e.sequence()).update();
            previous = hash;
        }
    }
}
