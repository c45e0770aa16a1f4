package uk.safeguarding.hub.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.connectors.SettingProblem;

/**
 * Seals the head of the log with a signed checkpoint, as CloudTrail digest files do: on a schedule when
 * the log has grown, and on demand. Before signing it checks the entries added since the last
 * checkpoint, so a checkpoint never seals a broken chain, nor a log that no longer extends the newest
 * witnessed checkpoint. Each checkpoint is also written to the {@linkplain CheckpointWitness witness}, in
 * the same transaction: if the witness cannot take it, the checkpoint is not written. The signing key's
 * public half is recorded at start-up, so that exports carry it; which keys are trusted is configuration.
 */
@Component
class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final long CHECKPOINT_LOCK = 0x415544495443L; // "AUDITC"

    /** What a request for a checkpoint did. */
    record Outcome(ChainVerifier.Checkpoint written, Long brokenAt, String problem) {
    }

    private final JdbcClient jdbc;
    private final AuditStore store;
    private final TransactionTemplate transaction;
    private final AuditProperties properties;
    private final KeyPair key;
    private final String keyId;
    private final String algorithm;
    private final CheckpointWitness witness;
    private final Set<String> trustedKeyIds;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    AuditCheckpoints(JdbcClient jdbc, AuditStore store, PlatformTransactionManager transactions,
            AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.store = store;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.key = signingKey(properties);
        this.keyId = CheckpointSigning.keyId(key.getPublic());
        this.algorithm = CheckpointSigning.algorithm(key.getPublic());
        this.witness = witness(properties);
        Set<String> trusted = new LinkedHashSet<>(properties.trustedKeyIds());
        trusted.add(keyId);
        this.trustedKeyIds = Set.copyOf(trusted);
    }

    /** The configured key; a throw-away one only where persistent anchors are not required (local mode). */
    static KeyPair signingKey(AuditProperties properties) {
        String file = properties.signingKeyFile();
        if (file == null || file.isBlank()) {
            if (properties.anchorsRequired()) {
                throw new SettingProblem("hub.audit.signing-key-file",
                        "hub.audit.signing-key-file (HUB_AUDIT_SIGNING_KEY_FILE) is required in server mode:"
                        + " checkpoints signed by a key made at start-up cannot be pinned by auditors (see docs/audit.md)");
            }
            return CheckpointSigning.generate();
        }
        try {
            return CheckpointSigning.load(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new SettingProblem("hub.audit.signing-key-file",
                    "hub.audit.signing-key-file (HUB_AUDIT_SIGNING_KEY_FILE) cannot be read: " + e.getClass().getSimpleName());
        }
    }

    static CheckpointWitness witness(AuditProperties properties) {
        if (properties.witnessDir() == null || properties.witnessDir().isBlank()) {
            if (properties.anchorsRequired()) {
                throw new SettingProblem("hub.audit.witness-dir",
                        "hub.audit.witness-dir (HUB_AUDIT_WITNESSDIR) is required in server mode: without a"
                        + " witness, deleting the log's tail with its checkpoints goes unnoticed (see docs/audit.md)");
            }
            return CheckpointWitness.NONE;
        }
        return new FolderWitness(Path.of(properties.witnessDir()));
    }

    String keyId() {
        return keyId;
    }

    /** The keys the hub's own verification accepts: the configured ones and the current signing key. */
    Set<String> trustedKeyIds() {
        return trustedKeyIds;
    }

    /** Keys an operator pinned in configuration (the current key is trusted without being pinned). */
    boolean pinned(String id) {
        return properties.trustedKeyIds().contains(id);
    }

    CheckpointWitness witness() {
        return witness;
    }

    /**
     * Verifies the stored log (or a period of it) against anchors the database cannot change: trusted key
     * ids from configuration and the newest witnessed checkpoint. Call in a repeatable-read transaction.
     */
    ChainVerifier.Outcome verify(Instant from, Instant to) {
        return verify(from, to, clock.instant());
    }

    ChainVerifier.Outcome verify(Instant from, Instant to, Instant asOf) {
        return store.verifyStored(from, to, anchors(), asOf);
    }

    AuditStore.Anchors anchors() {
        return new AuditStore.Anchors(trustedKeyIds, witness.newest(), properties.checkpointInterval());
    }

    /** Writes a checkpoint for the head of the log, unless the head already has one or the chain is broken. */
    Outcome checkpoint() {
        return transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(CHECKPOINT_LOCK).query((rs, n) -> 1).list();
            Optional<ChainVerifier.Checkpoint> last = store.lastCheckpoint();
            long from = last.map(c -> c.sequence() + 1).orElse(1L);
            String previous = last.map(ChainVerifier.Checkpoint::entryHash).orElse(AuditHashes.GENESIS);
            long head = jdbc.sql("select coalesce(max(sequence), 0) from audit_entry").query(Long.class).single();
            if (head < from) {
                return new Outcome(null, null, null);
            }
            Optional<ChainVerifier.Checkpoint> witnessed = witness.newest();
            if (witnessed.isPresent() && !store.holds(witnessed.get())) {
                long at = witnessed.get().sequence();
                log.error("Audit log does not extend the witnessed checkpoint at sequence {}; no checkpoint written", at);
                return new Outcome(null, at, "the log does not extend the newest witnessed checkpoint, signed at "
                        + witnessed.get().signedAt() + ": entries up to sequence " + at + " were removed or rewritten");
            }
            AuditStore.Range range = new AuditStore.Range(from, head, previous, null);
            ChainVerifier verifier = new ChainVerifier(from, previous, List.of(), List.of(), Set.of());
            String[] headHash = new String[1];
            store.entries(range, e -> {
                verifier.accept(e);
                headHash[0] = e.hash();
            });
            ChainVerifier.Outcome checked = verifier.finish();
            if (!checked.valid()) {
                log.error("Audit chain broken at sequence {}; no checkpoint written", checked.firstBadSequence());
                return new Outcome(null, checked.firstBadSequence(), checked.problem());
            }
            String signedAt = clock.instant().truncatedTo(ChronoUnit.MICROS).toString();
            String signature = CheckpointSigning.sign(key.getPrivate(), algorithm,
                    CheckpointSigning.payload(head, headHash[0], signedAt, keyId));
            jdbc.sql("""
                    insert into audit_checkpoint (sequence, entry_hash, signed_at, key_id, signature)
                    values (?, ?, ?, ?, ?)""")
                    .params(head, headHash[0], Timestamp.from(Instant.parse(signedAt)), keyId, signature).update();
            ChainVerifier.Checkpoint written = new ChainVerifier.Checkpoint(head, headHash[0], signedAt, keyId, signature);
            witness.witness(written);
            log.info("Audit checkpoint at sequence {} signed by key {}", head, keyId);
            return new Outcome(written, null, null);
        });
    }

    private void registerKey() {
        transaction.executeWithoutResult(status -> jdbc.sql("""
                insert into audit_signing_key (key_id, algorithm, public_key) values (?, ?, ?)
                on conflict (key_id) do nothing""")
                .params(keyId, algorithm, Base64.getEncoder().encodeToString(key.getPublic().getEncoded())).update());
        log.info("Audit checkpoints are signed with {} key {}, witnessed in {}; trusted keys {}", algorithm, keyId,
                witness.describe(), trustedKeyIds);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            // class only: a message can quote data
            log.error("Audit checkpoint failed: {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        registerKey();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.checkpointInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
