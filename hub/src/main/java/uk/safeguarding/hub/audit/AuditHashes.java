package uk.safeguarding.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one canonical form of an audit entry and its hash. Appending and every verifier (in the hub and
 * offline) call this, so what is hashed and what is checked cannot drift apart. Plain Java: the offline
 * verifier runs it with no Spring context.
 */
final class AuditHashes {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditHashes() {
    }

    /**
     * The entry's hash. Lists are hashed in the order given: appends pass roles and subjects sorted, and
     * verifiers pass them as stored, so a stored list reordered after the fact no longer matches.
     *
     * @param recordedAt the instant as {@code Instant.toString()} writes it, at microsecond precision
     * @param detail the detail JSON exactly as stored
     */
    static String entryHash(long sequence, String recordedAt, String actor, String actorAgency, List<String> actorRoles,
            String purpose, String operation, List<String> subjects, String detail, String previousHash) {
        return sha256(String.join("\n", Long.toString(sequence), recordedAt, actor, String.valueOf(actorAgency),
                String.join(",", actorRoles), String.valueOf(purpose), operation, String.join(",", subjects), detail,
                previousHash));
    }

    static String sha256(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
