package uk.safeguarding.hub.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one canonical form of an audit entry and its hash. Appending and every verifier (in the hub and
 * offline) call this, so what is hashed and what is checked cannot drift apart. Plain Java: the offline
 * verifier runs it with no Spring context.
 *
 * <p>Version 1 joined the fields with newlines and lists with commas, with no lengths and null written
 * as {@code "null"}: agency null and agency {@code "null"}, or roles {@code ["a,b"]} and {@code ["a","b"]},
 * hashed the same. Version 2 is injective: every field is tagged and length-prefixed, null has its own
 * marker, and a list carries its element count. Entries keep the version they were written with
 * ({@code audit_entry.chain_version}), so a log begun under version 1 still verifies.
 */
final class AuditHashes {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    /** The canonical form new entries are hashed with (the column's default, see V32). */
    static final int CURRENT_VERSION = 2;

    private static final byte[] V2_DOMAIN = "uk.safeguarding.hub audit entry v2".getBytes(StandardCharsets.UTF_8);
    private static final int NULL = 'N';
    private static final int TEXT = 'S';
    private static final int LIST = 'L';
    private static final int NUMBER = 'I';

    private AuditHashes() {
    }

    /** The entry's hash in the {@linkplain #CURRENT_VERSION current} canonical form, as appends compute it. */
    static String entryHash(long sequence, String recordedAt, String actor, String actorAgency, List<String> actorRoles,
            String purpose, String operation, List<String> subjects, String detail, String previousHash) {
        return entryHash(CURRENT_VERSION, sequence, recordedAt, actor, actorAgency, actorRoles, purpose, operation,
                subjects, detail, previousHash);
    }

    /**
     * The entry's hash in the given canonical form. Lists are hashed in the order given: appends pass roles
     * and subjects sorted, and verifiers pass them as stored, so a stored list reordered after the fact no
     * longer matches.
     *
     * @param recordedAt the instant as {@code Instant.toString()} writes it, at microsecond precision
     * @param detail the detail JSON exactly as stored
     */
    static String entryHash(int version, long sequence, String recordedAt, String actor, String actorAgency,
            List<String> actorRoles, String purpose, String operation, List<String> subjects, String detail,
            String previousHash) {
        return switch (version) {
            case 1 -> sha256(String.join("\n", Long.toString(sequence), recordedAt, actor, String.valueOf(actorAgency),
                    String.join(",", actorRoles), String.valueOf(purpose), operation, String.join(",", subjects), detail,
                    previousHash));
            case 2 -> {
                Canonical c = new Canonical();
                c.number(sequence).text(recordedAt).text(actor).text(actorAgency).list(actorRoles).text(purpose)
                        .text(operation).list(subjects).text(detail).text(previousHash);
                yield sha256Hex(c.bytes());
            }
            default -> throw new IllegalArgumentException("unknown audit chain version " + version);
        };
    }

    /** Version 2's encoding: the domain tag, then each field as tag, big-endian length and UTF-8 bytes. */
    private static final class Canonical {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        Canonical() {
            out.writeBytes(V2_DOMAIN);
        }

        Canonical number(long value) {
            out.write(NUMBER);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
            return this;
        }

        Canonical text(String value) {
            if (value == null) {
                out.write(NULL);
                return this;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.write(TEXT);
            length(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Canonical list(List<String> values) {
            if (values == null) {
                out.write(NULL);
                return this;
            }
            out.write(LIST);
            length(values.size());
            values.forEach(this::text);
            return this;
        }

        private void length(int n) {
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
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
