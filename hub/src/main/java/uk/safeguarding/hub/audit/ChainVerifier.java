package uk.safeguarding.hub.audit;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a run of audit entries, fed in sequence order, against the hash chain and the signed
 * checkpoints. The same code runs in the hub (entries read from PostgreSQL) and in the offline
 * verifier (entries read from an export), so both reach the same verdict. Plain Java, no Spring.
 *
 * <p>Problems are reported by sequence number and in words about entries, never about people. When
 * several things are wrong, the one at the lowest sequence is reported.
 */
final class ChainVerifier {

    /**
     * An entry as stored: lists in stored order, time as {@code Instant.toString()}, detail as stored text,
     * and the canonical form ({@link AuditHashes}) its hash was computed in.
     */
    record Entry(long sequence, String recordedAt, String actor, String actorAgency, List<String> actorRoles,
            String purpose, String operation, List<String> subjects, String detail, String previousHash, String hash,
            int chainVersion) {
    }

    record Checkpoint(long sequence, String entryHash, String signedAt, String keyId, String signature) {
    }

    record Key(String keyId, String algorithm, String publicKey) {
    }

    /**
     * @param provedFrom the first entry of the run, if its start is tied to the log (it starts at 1, or a
     *     trusted checkpoint seals the entry before it); else null
     * @param provedTo the last entry sealed by a trusted checkpoint, or null if none is
     */
    record Outcome(boolean valid, long entriesChecked, Long firstBadSequence, String problem, int checkpointsChecked,
            long firstSequence, Long lastSequence, Long provedFrom, Long provedTo) {
    }

    /**
     * What the verdict demands beyond an unbroken chain.
     *
     * @param trustedKeyIds if not null, only checkpoints signed by these keys count, whatever keys are offered
     * @param requireAnchor a run not starting at 1 must begin right after an entry sealed by a trusted checkpoint
     * @param unsealedAllowed if not null, at most this many entries may follow the last trusted checkpoint
     * @param checkpointInterval if not null, how often checkpoints are due: entries left unsealed for more
     *     than twice this long before {@code asOf} (if null, the last entry's time) mean checkpointing
     *     stopped or checkpoints were removed
     */
    record Rules(Set<String> trustedKeyIds, boolean requireAnchor, Long unsealedAllowed, Duration checkpointInterval,
            Instant asOf) {
        static final Rules NONE = new Rules(null, false, null, null, null);
    }

    private final long firstSequence;
    private final Rules rules;
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Set<Long> trustedCheckpoints = new HashSet<>();
    private final Set<Long> checkpointsMatched = new HashSet<>();
    private long expected;
    private String previousHash;
    private int chainVersion = 1;
    private long entriesChecked;
    private Long lastSequence;
    private String lastRecordedAt;
    private Long lastSealed;
    private long firstUnsealed;
    private String firstUnsealedAt;
    private Long badSequence;
    private String problem;

    ChainVerifier(long firstSequence, String previousHash, Collection<Checkpoint> checkpoints, Collection<Key> keys,
            Set<String> trustedKeyIds) {
        this(firstSequence, previousHash, checkpoints, keys,
                new Rules(trustedKeyIds, false, null, null, null));
    }

    /**
     * @param firstSequence the sequence the run must start at (1 for the whole log)
     * @param previousHash the hash the first entry must link to ({@link AuditHashes#GENESIS} for the whole
     *     log), or null when the entry before the run is not available (which is a problem for a run not at 1)
     * @param checkpoints the signed checkpoints covering this run, the one sealing the entry before it if
     *     any, and any later ones that should fall in it (copies of the same checkpoint count once)
     * @param keys the signing public keys that may have signed them
     */
    ChainVerifier(long firstSequence, String previousHash, Collection<Checkpoint> checkpoints, Collection<Key> keys,
            Rules rules) {
        this.firstSequence = firstSequence;
        this.expected = firstSequence;
        this.previousHash = previousHash;
        this.firstUnsealed = firstSequence;
        this.rules = rules;
        Map<String, Key> byId = new HashMap<>();
        keys.forEach(k -> byId.put(k.keyId(), k));
        for (Checkpoint c : checkpoints) {
            Checkpoint earlier = this.checkpoints.put(c.sequence(), c);
            if (earlier != null && !earlier.equals(c)) {
                problem(c.sequence(), "more than one checkpoint claims this sequence");
            }
            Key key = byId.get(c.keyId());
            if (key == null) {
                problem(c.sequence(), "the checkpoint signed at " + c.signedAt() + " names signing key " + c.keyId()
                        + ", which is not among the public keys");
            } else if (rules.trustedKeyIds() != null && !rules.trustedKeyIds().contains(key.keyId())) {
                problem(c.sequence(), "the checkpoint signed at " + c.signedAt() + " is signed by key " + c.keyId()
                        + ", which is not a trusted key");
            } else if (!signatureHolds(c, key)) {
                problem(c.sequence(), "the signature of the checkpoint signed at " + c.signedAt()
                        + " does not verify: the checkpoint was altered or forged");
            } else {
                trustedCheckpoints.add(c.sequence());
            }
        }
        if (firstSequence == 1 && !AuditHashes.GENESIS.equals(previousHash)) {
            problem(1, "the first entry of the log must link to the genesis hash, not " + previousHash);
        } else if (firstSequence > 1 && previousHash == null) {
            problem(firstSequence, "nothing ties sequence " + firstSequence + " to the log: the hash of entry "
                    + (firstSequence - 1) + " is not available (the entry was deleted, or the export's header gives none)");
        }
        Checkpoint anchor = this.checkpoints.get(firstSequence - 1);
        boolean anchored = anchor != null && trustedCheckpoints.contains(anchor.sequence());
        if (anchor != null && previousHash != null && !anchor.entryHash().equals(previousHash)) {
            problem(firstSequence, "the run links to a different entry " + (firstSequence - 1)
                    + " from the one sealed by the checkpoint signed at " + anchor.signedAt()
                    + ": the chain was rewritten before this run");
        } else if (rules.requireAnchor() && firstSequence > 1 && !anchored) {
            problem(firstSequence, "the run starts at sequence " + firstSequence + " but no trusted checkpoint seals"
                    + " entry " + (firstSequence - 1) + ": its start cannot be tied to the log");
        }
        if (anchored) {
            lastSealed = firstSequence - 1;
        }
    }

    private static boolean signatureHolds(Checkpoint c, Key key) {
        try {
            PublicKey publicKey = CheckpointSigning.publicKey(key.algorithm(), key.publicKey());
            return key.keyId().equals(CheckpointSigning.keyId(publicKey)) && CheckpointSigning.verify(publicKey,
                    CheckpointSigning.payload(c.sequence(), c.entryHash(), c.signedAt(), c.keyId()), c.signature());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Checks the next entry; entries must come in the order they are stored or exported. */
    void accept(Entry e) {
        entriesChecked++;
        if (e.sequence() < expected) {
            problem(e.sequence(), "entry found out of order, after sequence " + (expected - 1)
                    + ": entries were reordered or duplicated");
            return;
        }
        if (e.sequence() > expected) {
            problem(expected, e.sequence() == expected + 1 ? "entry " + expected + " is missing: deleted"
                    : "entries " + expected + " to " + (e.sequence() - 1) + " are missing: deleted");
        }
        if (e.chainVersion() < chainVersion) {
            problem(e.sequence(), "the entry claims chain version " + e.chainVersion() + " after entries of version "
                    + chainVersion + ": versions never go back");
        }
        String recomputed;
        try {
            recomputed = AuditHashes.entryHash(e.chainVersion(), e.sequence(), e.recordedAt(), e.actor(),
                    e.actorAgency(), e.actorRoles(), e.purpose(), e.operation(), e.subjects(), e.detail(),
                    e.previousHash());
        } catch (IllegalArgumentException unknownVersion) {
            recomputed = null;
        }
        if (recomputed == null || !recomputed.equals(e.hash())) {
            problem(e.sequence(), "the entry's content does not match its hash: it was edited, or moved here from"
                    + " another position");
        } else if (previousHash != null && !previousHash.equals(e.previousHash())) {
            problem(e.sequence(), "the entry does not link to the entry before it: an entry was inserted, removed"
                    + " or reordered just before this one");
        }
        if (firstUnsealedAt == null) {
            firstUnsealed = e.sequence();
            firstUnsealedAt = e.recordedAt();
        }
        Checkpoint checkpoint = checkpoints.get(e.sequence());
        if (checkpoint != null) {
            checkpointsMatched.add(e.sequence());
            if (!checkpoint.entryHash().equals(e.hash())) {
                problem(e.sequence(), "the entry differs from the one sealed by the checkpoint signed at "
                        + checkpoint.signedAt() + ": the chain was rewritten from here or earlier");
            } else if (trustedCheckpoints.contains(e.sequence())) {
                lastSealed = e.sequence();
                firstUnsealedAt = null;
            }
        }
        previousHash = e.hash();
        chainVersion = Math.max(chainVersion, e.chainVersion());
        expected = e.sequence() + 1;
        lastSequence = e.sequence();
        lastRecordedAt = e.recordedAt();
    }

    Outcome finish() {
        long end = lastSequence == null ? firstSequence - 1 : lastSequence;
        checkpoints.tailMap(end, false).values().stream().findFirst().ifPresent(c -> problem(end + 1,
                "the log ends at sequence " + end + " but the checkpoint signed at " + c.signedAt() + " seals sequence "
                        + c.sequence() + ": entries " + (end + 1) + " to " + c.sequence() + " are missing (tail truncated)"));
        checkpoints.headMap(firstSequence - 1, false).values().stream().findFirst().ifPresent(c -> problem(c.sequence(),
                "the checkpoint signed at " + c.signedAt() + " seals a sequence before the start of this run"));
        long sealedTo = lastSealed == null ? firstSequence - 1 : lastSealed;
        if (rules.unsealedAllowed() != null && end - sealedTo > rules.unsealedAllowed()) {
            problem(sealedTo + 1, (end - sealedTo == 1 ? "entry " + end + " is" : "entries " + (sealedTo + 1) + " to "
                    + end + " are") + " not sealed by a trusted checkpoint: " + (end - sealedTo == 1 ? "it" : "they")
                    + " could have been rewritten or added by anyone who can write to the database");
        }
        if (rules.checkpointInterval() != null && firstUnsealedAt != null) {
            Instant asOf = rules.asOf() != null ? rules.asOf() : Instant.parse(lastRecordedAt);
            Duration unsealedFor = Duration.between(Instant.parse(firstUnsealedAt), asOf);
            if (unsealedFor.compareTo(rules.checkpointInterval().multipliedBy(2)) > 0) {
                problem(firstUnsealed, "no checkpoint seals the entries from sequence " + firstUnsealed + " (recorded at "
                        + firstUnsealedAt + ") on, though one is due every " + rules.checkpointInterval()
                        + ": checkpointing stopped, or recent checkpoints were removed");
            }
        }
        boolean startTied = firstSequence == 1 || trustedCheckpoints.contains(firstSequence - 1);
        Long provedTo = lastSealed == null || lastSealed < firstSequence ? null : lastSealed;
        return new Outcome(problem == null, entriesChecked, badSequence, problem, checkpointsMatched.size(),
                firstSequence, lastSequence, startTied ? firstSequence : null, startTied ? provedTo : null);
    }

    private void problem(long sequence, String what) {
        if (badSequence == null || sequence < badSequence) {
            badSequence = sequence;
            problem = what;
        }
    }
}
