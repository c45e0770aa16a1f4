package uk.safeguarding.hub.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each entry's SHA-256 covers its canonical form ({@link AuditHashes}) and the previous entry's hash, so
 * an edited, deleted, inserted or reordered entry breaks the chain. Appends take a transaction-scoped
 * advisory lock so that concurrent requests still build one chain; the lock is held only from the
 * append to commit.
 */
@Service
class HashChainedAuditLog implements AuditLog {

    static final String GENESIS = AuditHashes.GENESIS;
    private static final long CHAIN_LOCK = 0x4155444954L; // "AUDIT"

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    HashChainedAuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(Entry entry) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query((rs, n) -> 1).list();
        record Last(long sequence, String hash) {
        }
        Optional<Last> last = jdbc.sql("select sequence, hash from audit_entry order by sequence desc limit 1")
                .query((rs, n) -> new Last(rs.getLong(1), rs.getString(2))).optional();
        long sequence = last.map(l -> l.sequence() + 1).orElse(1L);
        String previous = last.map(Last::hash).orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> roles = List.copyOf(new TreeSet<>(entry.actorRoles()));
        List<String> subjects = entry.subjects().stream().map(UUID::toString).sorted().distinct().toList();
        String detail = json.writeValueAsString(entry.detail());
        String hash = AuditHashes.entryHash(sequence, at.toString(), entry.actor(), entry.actorAgency(), roles,
                entry.purpose(), entry.operation(), subjects, detail, previous);
        jdbc.sql("""
                insert into audit_entry (sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                                         subjects, detail, previous_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?)""")
                .params(sequence, Timestamp.from(at), entry.actor(), entry.actorAgency(), roles.toArray(String[]::new),
                        entry.purpose(), entry.operation(), subjects.stream().map(UUID::fromString).toArray(UUID[]::new),
                        detail, previous, hash)
                .update();
        return sequence;
    }
}
