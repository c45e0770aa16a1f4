package uk.safeguarding.hub.audit;

import java.security.PublicKey;
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

    /** An entry as stored: lists in stored order, time as {@code Instant.toString()}, detail as stored text. */
    record Entry(long sequence, String recordedAt, String actor, String actorAgency, List<String> actorRoles,
            String purpose, String operation, List<String> subjects, String detail, String previousHash, String hash) {
    }

    record Checkpoint(long sequence, String entryHash, String signedAt, String keyId, String signature) {
    }

    record Key(String keyId, String algorithm, String publicKey) {
    }

    record Outcome(boolean valid, long entriesChecked, Long firstBadSequence, String problem, int checkpointsChecked) {
    }

    private final long firstSequence;
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Set<Long> checkpointsMatched = new HashSet<>();
    private long expected;
    private String previousHash;
    private long entriesChecked;
    private Long lastSequence;
    private Long badSequence;
    private String problem;

    /**
     * @param firstSequence the sequence the run must start at (1 for the whole log)
     * @param previousHash the hash the first entry must link to ({@link AuditHashes#GENESIS} for the whole
     *     log), or null when the run starts mid-log and its predecessor is not available
     * @param checkpoints the signed checkpoints covering this run (and any later ones that should fall in it)
     * @param keys the signing public keys that may have signed them
     * @param trustedKeyIds if not null, only these keys are trusted, whatever {@code keys} holds
     */
    ChainVerifier(long firstSequence, String previousHash, Collection<Checkpoint> checkpoints, Collection<Key> keys,
            Set<String> trustedKeyIds) {
        this.firstSequence = firstSequence;
        this.expected = firstSequence;
        this.previousHash = previousHash;
        Map<String, Key> byId = new HashMap<>();
        keys.forEach(k -> byId.put(k.keyId(), k));
        for (Checkpoint c : checkpoints) {
            if (this.checkpoints.containsKey(c.sequence())) {
                problem(c.sequence(), "more than one checkpoint claims this sequence");
            }
            this.checkpoints.put(c.sequence(), c);
            Key key = byId.get(c.keyId());
            if (key == null) {
                problem(c.sequence(), "the checkpoint signed at " + c.signedAt() + " names signing key " + c.keyId()
                        + ", which is not among the public keys");
            } else if (trustedKeyIds != null && !trustedKeyIds.contains(key.keyId())) {
                problem(c.sequence(), "the checkpoint signed at " + c.signedAt() + " is signed by key " + c.keyId()
                        + ", which is not a trusted key");
            } else if (!signatureHolds(c, key)) {
                problem(c.sequence(), "the signature of the checkpoint signed at " + c.signedAt()
                        + " does not verify: the checkpoint was altered or forged");
            }
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
        String recomputed = AuditHashes.entryHash(e.sequence(), e.recordedAt(), e.actor(), e.actorAgency(),
                e.actorRoles(), e.purpose(), e.operation(), e.subjects(), e.detail(), e.previousHash());
        if (!recomputed.equals(e.hash())) {
            problem(e.sequence(), "the entry's content does not match its hash: it was edited, or moved here from"
                    + " another position");
        } else if (previousHash != null && !previousHash.equals(e.previousHash())) {
            problem(e.sequence(), "the entry does not link to the entry before it: an entry was inserted, removed"
                    + " or reordered just before this one");
        }
        Checkpoint checkpoint = checkpoints.get(e.sequence());
        if (checkpoint != null) {
            checkpointsMatched.add(e.sequence());
            if (!checkpoint.entryHash().equals(e.hash())) {
                problem(e.sequence(), "the entry differs from the one sealed by the checkpoint signed at "
                        + checkpoint.signedAt() + ": the chain was rewritten from here or earlier");
            }
        }
        previousHash = e.hash();
        expected = e.sequence() + 1;
        lastSequence = e.sequence();
    }

    Outcome finish() {
        long end = lastSequence == null ? firstSequence - 1 : lastSequence;
        checkpoints.tailMap(end, false).values().stream().findFirst().ifPresent(c -> problem(end + 1,
                "the log ends at sequence " + end + " but the checkpoint signed at " + c.signedAt() + " seals sequence "
                        + c.sequence() + ": entries " + (end + 1) + " to " + c.sequence() + " are missing (tail truncated)"));
        checkpoints.headMap(firstSequence, false).values().stream().findFirst().ifPresent(c -> problem(c.sequence(),
                "the checkpoint signed at " + c.signedAt() + " seals a sequence before the start of this run"));
        return new Outcome(problem == null, entriesChecked, badSequence, problem, checkpointsMatched.size());
    }

    private void problem(long sequence, String what) {
        if (badSequence == null || sequence < badSequence) {
            badSequence = sequence;
            problem = what;
        }
    }
}
