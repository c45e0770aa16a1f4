package uk.safeguarding.hub.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each entry's SHA-256 covers its canonical form ({@link AuditHashes}) and the previous entry's hash, so
 * an edited, deleted, inserted or reordered entry breaks the chain. Writes take a transaction-scoped
 * advisory lock so that concurrent requests and instances still build one chain; the lock is taken only
 * just before the commit (a transaction's entries are written when it is about to commit, and a
 * request's entry by the {@link GroupCommit} after it has read), never while anything is being read.
 */
@Service
class HashChainedAuditLog implements AuditLog {

    static final String GENESIS = AuditHashes.GENESIS;
    private static final long CHAIN_LOCK = 0x4155444954L; // "AUDIT"

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final GroupCommit group;
    private final String writeTime;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    HashChainedAuditLog(JdbcClient jdbc, JdbcTemplate batch, Clock clock, GroupCommit group,
            @Value("${hub.api.limits.query-time:10s}") Duration writeTime) {
        this.jdbc = jdbc;
        this.writeTime = writeTime.toMillis() + "ms";
        this.batch = batch;
        this.clock = clock;
        this.group = group;
        group.writeWith(this::write);
    }

    @Override
    public void append(Entry entry) {
        Optional<RequestAudit> request = RequestAudit.current();
        if (request.isPresent()) {
            request.get().note(entry);
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalTransactionStateException("an audit entry is written in the transaction it records");
        }
        // written as the transaction commits: if the write fails, the transaction (and what it did) fails
        Canonical canonical = canonical(entry);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                write(List.of(canonical));
            }
        });
    }

    @Override
    public CompletableFuture<Void> commit(Entry entry) {
        return group.submit(canonical(entry));
    }

    /**
     * An entry's fields in the form they are hashed and stored: worked out on the request's own thread, so
     * that the one writer only chains and inserts.
     */
    record Canonical(Entry entry, List<String> roles, List<String> subjects, String detail) {
    }

    private Canonical canonical(Entry entry) {
        return new Canonical(entry, List.copyOf(new TreeSet<>(entry.actorRoles())),
                entry.subjects().stream().map(UUID::toString).sorted().distinct().toList(),
                json.writeValueAsString(entry.detail()));
    }

    /** Writes entries at the chain's head, in order, in the current transaction. */
    void write(List<Canonical> entries) {
        record Last(long sequence, String hash) {
        }
        // takes the chain lock (held to commit; a lock held elsewhere too long fails this write) and reads the head
        Optional<Last> last = jdbc.sql("select sequence, hash from audit_chain_head(?, ?)").params(CHAIN_LOCK, writeTime)
                .query((rs, n) -> new Last(rs.getLong(1), rs.getString(2))).optional();
        long sequence = last.map(Last::sequence).orElse(0L);
        String previous = last.map(Last::hash).orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Canonical canonical : entries) {
            sequence++;
            Entry entry = canonical.entry();
            List<String> roles = canonical.roles();
            List<String> subjects = canonical.subjects();
            String detail = canonical.detail();
            String hash = AuditHashes.entryHash(sequence, at.toString(), entry.actor(), entry.actorAgency(), roles,
                    entry.purpose(), entry.operation(), subjects, detail, previous);
            rows.add(new Object[] {sequence, Timestamp.from(at), entry.actor(), entry.actorAgency(),
                roles.toArray(String[]::new), entry.purpose(), entry.operation(),
                subjects.stream().map(UUID::fromString).toArray(UUID[]::new), detail, previous, hash});
            previous = hash;
        }
        String insert = """
                insert into audit_entry (sequence, recorded_at, actor, actor_agency, actor_roles, purpose, operation,
                                         subjects, detail, previous_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?)""";
        // one round trip for the whole group, not one per entry
        batch.batchUpdate(insert, rows);
    }
}
