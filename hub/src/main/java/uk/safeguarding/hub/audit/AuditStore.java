package uk.safeguarding.hub.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the audit tables for verification, export and checkpoints, in the caller's transaction if any. */
@Component
class AuditStore {

    private static final int PAGE = 2000;

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which part of the log a {@code from}/{@code to} period means. Entries are taken by sequence, from
     * the first recorded at or after {@code from} to the last recorded at or before {@code to}.
     *
     * @param previousHash what the first entry must link to, or null if its predecessor is gone
     * @param to the end of the period, or null for the head of the log
     */
    record Range(long first, long last, String previousHash, Instant to) {
    }

    Range range(Instant from, Instant to) {
        long head = jdbc.sql("select coalesce(max(sequence), 0) from audit_entry").query(Long.class).single();
        long first = from == null ? 1 : jdbc.sql("select min(sequence) from audit_entry where recorded_at >= ?")
                .param(Timestamp.from(from)).query(Long.class).optional().orElse(head + 1);
        long last = to == null ? head : jdbc.sql("select max(sequence) from audit_entry where recorded_at <= ?")
                .param(Timestamp.from(to)).query(Long.class).optional().orElse(0L);
        String previous = first == 1 ? AuditHashes.GENESIS
                : jdbc.sql("select hash from audit_entry where sequence = ?").param(first - 1).query(String.class)
                        .optional().orElse(null);
        return new Range(first, Math.max(last, first - 1), previous, to);
    }

    /**
     * The range of a verifiable export: the period's entries, extended back to just after the checkpoint
     * before them (so that a trusted checkpoint ties the export's start to the log) and on to the first
     * checkpoint at or after their end (so that one seals it), where those checkpoints exist.
     */
    Range sealedRange(Instant from, Instant to) {
        Range period = range(from, to);
        if (period.last() < period.first()) {
            return period;
        }
        long first = period.first() == 1 ? 1 : jdbc.sql("select max(sequence) from audit_checkpoint where sequence < ?")
                .param(period.first()).query(Long.class).optional().map(s -> s + 1).orElse(1L);
        long last = to == null ? period.last() : jdbc.sql("select min(sequence) from audit_checkpoint where sequence >= ?")
                .param(period.last()).query(Long.class).optional().orElse(period.last());
        String previous = first == period.first() ? period.previousHash() : first == 1 ? AuditHashes.GENESIS
                : jdbc.sql("select hash from audit_entry where sequence = ?").param(first - 1).query(String.class)
                        .optional().orElse(null);
        return new Range(first, Math.max(last, period.last()), previous, to);
    }

    /**
     * What the hub's own verification trusts: key ids from configuration (never the key table), the
     * newest witnessed checkpoint, and how often checkpoints are due.
     */
    record Anchors(Set<String> trustedKeyIds, Optional<ChainVerifier.Checkpoint> witnessed,
            Duration checkpointInterval) {
    }

    /**
     * Checks the stored log (or the entries recorded in a period) with the same verifier the export gets.
     * The newest witnessed checkpoint joins those in the database, so a tail deleted with its checkpoints
     * is still missed; when the whole log is checked, entries left unsealed for more than twice the
     * checkpoint interval before {@code asOf} are reported.
     */
    ChainVerifier.Outcome verifyStored(Instant from, Instant to, Anchors anchors, Instant asOf) {
        Range range = range(from, to);
        List<ChainVerifier.Checkpoint> checkpoints = new ArrayList<>(checkpoints(range));
        anchors.witnessed().filter(w -> w.sequence() >= range.first() - 1 && (to == null || w.sequence() <= range.last()
                || !Instant.parse(w.signedAt()).isAfter(to))).ifPresent(checkpoints::add);
        ChainVerifier verifier = new ChainVerifier(range.first(), range.previousHash(), checkpoints, keys(),
                new ChainVerifier.Rules(anchors.trustedKeyIds(), false, null,
                        to == null ? anchors.checkpointInterval() : null, asOf));
        entries(range, verifier::accept);
        return verifier.finish();
    }

    /** Whether the stored log holds the entry the checkpoint seals. */
    boolean holds(ChainVerifier.Checkpoint checkpoint) {
        return jdbc.sql("select hash from audit_entry where sequence = ?").param(checkpoint.sequence())
                .query(String.class).optional().filter(checkpoint.entryHash()::equals).isPresent();
    }

    /** Streams the range's entries in sequence order, a page at a time. */
    void entries(Range range, Consumer<ChainVerifier.Entry> sink) {
        long after = range.first() - 1;
        while (after < range.last()) {
            List<ChainVerifier.Entry> page = jdbc.sql("""
                    select sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                           subjects::text[], detail::text, previous_hash, hash, chain_version
                    from audit_entry where sequence > ? and sequence <= ? order by sequence limit ?""")
                    .params(after, range.last(), PAGE).query((rs, n) -> entry(rs)).list();
            if (page.isEmpty()) {
                return;
            }
            page.forEach(sink);
            after = page.get(page.size() - 1).sequence();
        }
    }

    /**
     * Checkpoints sealing the range (and the entry just before it), and those after it that should have
     * fallen in it: any later checkpoint if the range runs to the head, else any signed before the range's
     * end. Either kind beyond the last entry means entries were lost.
     */
    List<ChainVerifier.Checkpoint> checkpoints(Range range) {
        return jdbc.sql("""
                select sequence, entry_hash, signed_at, key_id, signature from audit_checkpoint
                where sequence >= ? and (sequence <= ? or ?::timestamptz is null or signed_at <= ?)
                order by sequence""")
                .params(range.first() - 1, range.last(), ts(range.to()), ts(range.to()))
                .query((rs, n) -> checkpoint(rs)).list();
    }

    Optional<ChainVerifier.Checkpoint> lastCheckpoint() {
        return jdbc.sql("""
                select sequence, entry_hash, signed_at, key_id, signature from audit_checkpoint
                order by sequence desc limit 1""").query((rs, n) -> checkpoint(rs)).optional();
    }

    List<ChainVerifier.Key> keys() {
        return jdbc.sql("select key_id, algorithm, public_key from audit_signing_key order by first_used_at, key_id")
                .query((rs, n) -> new ChainVerifier.Key(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    record PublishedKey(String keyId, String algorithm, String publicKey, Instant firstUsedAt) {
    }

    List<PublishedKey> publishedKeys() {
        return jdbc.sql("""
                select key_id, algorithm, public_key, first_used_at from audit_signing_key
                order by first_used_at, key_id""")
                .query((rs, n) -> new PublishedKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs, 4))).list();
    }

    private static ChainVerifier.Entry entry(ResultSet rs) throws SQLException {
        return new ChainVerifier.Entry(rs.getLong(1), instant(rs, 2).toString(), rs.getString(3), rs.getString(4),
                strings(rs.getArray(5)), rs.getString(6), rs.getString(7), strings(rs.getArray(8)), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getInt(12));
    }

    private static ChainVerifier.Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new ChainVerifier.Checkpoint(rs.getLong(1), rs.getString(2), instant(rs, 3).toString(),
                rs.getString(4), rs.getString(5));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
