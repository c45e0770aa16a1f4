package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import uk.safeguarding.hub.DatabaseOwner;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Group commit: requests that finish while a commit is in flight share the next one, each is answered only
 * once its own entry is stored, and a chain lock held elsewhere (a stuck instance, an operator's session)
 * fails the waiting requests at the query time limit instead of holding them.
 */
class GroupCommitTest extends LocalHubTest {

    private static final long CHAIN_LOCK = 0x4155444954L;

    @Autowired
    private AuditLog audit;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Environment env;

    private AuditLog.Entry entry(String marker, int request) {
        return new AuditLog.Entry("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), "VVASB_PANEL",
                "group-commit-test", List.of(), Map.of("marker", marker, "request", request));
    }

    private long stored(String marker) {
        return jdbc.sql("select count(*) from audit_entry where detail->>'marker' = ?").param(marker)
                .query(Long.class).single();
    }

    /** Holds the chain's lock from a session of the database's owner, as another writer would. */
    private Connection holdChainLock() throws Exception {
        Connection held = new DatabaseOwner(env).dataSource().getConnection();
        held.createStatement().execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
        return held;
    }

    @Test
    void requestsWaitingTogetherShareOneCommitAndAreAnsweredOnlyOnceItIsStored() throws Exception {
        String marker = UUID.randomUUID().toString();
        DistributionSummary groups = meters.get("hub.audit.group.entries").summary();
        long commitsBefore = groups.count();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        try (Connection held = holdChainLock()) {
            // the writer takes the first entry (or two) and waits for the lock; the others queue behind it
            answers.add(audit.commit(entry(marker, 0)));
            for (int request = 1; request < 40; request++) {
                answers.add(audit.commit(entry(marker, request)));
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            assertThat(stored(marker)).isZero();
            held.createStatement().execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

        assertThat(stored(marker)).isEqualTo(40);
        assertThat(groups.count() - commitsBefore).as("commits for 40 entries").isBetween(1L, 2L);
        // one chain: each of the group's entries links to the entry just before it
        assertThat(jdbc.sql("""
                select count(*) from audit_entry e join audit_entry before on before.sequence = e.sequence - 1
                where e.detail->>'marker' = ? and e.previous_hash = before.hash""").param(marker)
                .query(Long.class).single()).isEqualTo(40);
    }

    @Test
    void aChainLockHeldElsewhereFailsTheWaitingRequestInsteadOfHoldingIt() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Connection held = holdChainLock()) {
            Throwable failed = catchThrowable(() -> audit.commit(entry(marker, 0)).join());
            assertThat(NestedExceptionUtils.getMostSpecificCause(failed).getMessage()).contains("lock timeout");
            held.createStatement().execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
        }
        assertThat(stored(marker)).isZero();
        audit.commit(entry(marker, 1)).join();
        assertThat(stored(marker)).isEqualTo(1);
    }
}
