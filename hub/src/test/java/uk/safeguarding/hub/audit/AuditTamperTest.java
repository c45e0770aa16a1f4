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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Someone with write access to PostgreSQL edits, deletes, inserts, reorders or truncates entries, or
 * rewrites the chain, or forges a checkpoint. Each tamper is done in a transaction that is rolled back
 * after the stored log and an export of it (read in that transaction) have been checked, so other
 * tests sharing the database see the log untouched.
 */
class AuditTamperTest extends LocalHubTest {

    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private AuditStore store;
    @Autowired
    private AuditExport export;
    @Autowired
    private AuditCheckpoints checkpoints;

    @TempDir
    Path dir;

    /** The sealed head: the latest checkpoint's sequence, with at least ten entries before it. */
    private long sealed;

    record Verdicts(ChainVerifier.Outcome stored, int exitStatus, String offline) {
    }

    @BeforeEach
    void aSealedLogOfSomeLength() {
        String analyst = client.devToken("lambeth.analyst");
        while (jdbc.sql("select count(*) from audit_entry").query(Long.class).single() < 12) {
            client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
        }
        checkpoints.checkpoint();
        sealed = jdbc.sql("select max(sequence) from audit_checkpoint").query(Long.class).single();
        assertThat(jdbc.sql("select max(sequence) from audit_entry").query(Long.class).single()).isEqualTo(sealed);
    }

    /** Tampers, then checks the stored log and an export of it, all in one transaction that is rolled back. */
    private Verdicts tampered(Runnable tamper) {
        return new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            tamper.run();
            ChainVerifier.Outcome stored = store.verifyStored(null, null);
            try {
                Path file = dir.resolve("export.jsonl");
                try (var out = Files.newOutputStream(file)) {
                    export.write(null, null, out);
                }
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                int exit = OfflineVerifier.run(new String[] {file.toString()},
                        new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);
                return new Verdicts(stored, exit, printed.toString(StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void unlockEntries() {
        jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
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
        Verdicts v = tampered(() -> { });
        assertThat(v.stored().valid()).as(v.stored().problem()).isTrue();
        assertThat(v.stored().checkpointsChecked()).isPositive();
        assertThat(v.exitStatus()).isZero();
        assertThat(v.offline()).startsWith("valid");
    }

    @Test
    void anEditedEntry() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            jdbc.sql("update audit_entry set purpose = 'YOUTH_JUSTICE', detail = '{}' where sequence = ?").param(k).update();
        });
        assertDetected(v, k, "does not match its hash");
    }

    @Test
    void aDeletedEntry() {
        long k = sealed - 5;
        Verdicts v = tampered(() -> {
            unlockEntries();
            jdbc.sql("delete from audit_entry where sequence = ?").param(k).update();
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
            jdbc.sql("update audit_entry set sequence = -1 where sequence = ?").param(k).update();
            jdbc.sql("update audit_entry set sequence = ? where sequence = ?").params(k, k + 1).update();
            jdbc.sql("update audit_entry set sequence = ? where sequence = -1").param(k + 1).update();
        });
        assertDetected(v, k, "does not match its hash");
    }

    @Test
    void aTruncatedTailIsCaughtByTheCheckpoint() {
        Verdicts v = tampered(() -> {
            unlockEntries();
            jdbc.sql("delete from audit_entry where sequence > ?").param(sealed - 3).update();
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
            jdbc.sql("alter table audit_checkpoint disable trigger audit_checkpoint_append_only").update();
            jdbc.sql("update audit_checkpoint set entry_hash = ? where sequence = ?").params("f".repeat(64), sealed).update();
        });
        assertDetected(v, sealed, "signature");
    }

    /** Makes room at sequence k and inserts a forged entry there, hashed and linked as the hub would. */
    private void insertForged(long k) {
        jdbc.sql("update audit_entry set sequence = -sequence where sequence >= ?").param(k).update();
        jdbc.sql("update audit_entry set sequence = -sequence + 1 where sequence < 0").update();
        String previous = jdbc.sql("select hash from audit_entry where sequence = ?").param(k - 1).query(String.class).single();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditHashes.entryHash(k, at.toString(), "someone", "lambeth-csp", List.of("panel-analyst"),
                "VVASB_PANEL", "searchSubjects", List.of(), "{}", previous);
        jdbc.sql("""
                insert into audit_entry (sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                                         subjects, detail, previous_hash, hash)
                values (?, ?, 'someone', 'lambeth-csp', array['panel-analyst'], 'VVASB_PANEL', 'searchSubjects',
                        '{}', '{}'::json, ?, ?)""").params(k, Timestamp.from(at), previous, hash).update();
    }

    /** Recomputes every hash from sequence {@code from} on, so that the chain is consistent again. */
    private void rehash(long from) {
        List<ChainVerifier.Entry> entries = new ArrayList<>();
        long head = jdbc.sql("select max(sequence) from audit_entry").query(Long.class).single();
        store.entries(new AuditStore.Range(from, head, null, null), entries::add);
        String previous = jdbc.sql("select hash from audit_entry where sequence = ?").param(from - 1).query(String.class).single();
        for (ChainVerifier.Entry e : entries) {
            String hash = AuditHashes.entryHash(e.sequence(), e.recordedAt(), e.actor(), e.actorAgency(), e.actorRoles(),
                    e.purpose(), e.operation(), e.subjects(), e.detail(), previous);
            jdbc.sql("update audit_entry set previous_hash = ?, hash = ? where sequence = ?")
                    .params(previous, hash, e.sequence()).update();
            previous = hash;
        }
    }
}
