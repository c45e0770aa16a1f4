package uk.safeguarding.hub.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Appends to the tamper-evident audit log. */
public interface AuditLog {

    /**
     * Records an entry for what the current transaction does: written as it commits (so if the write fails,
     * so does the transaction), or, inside a request whose audit is open ({@link RequestAudit}), noted for
     * that request's one entry.
     */
    void append(Entry entry);

    /**
     * Writes an entry in a commit of its own, shared with other requests' entries waiting at the same time
     * (group commit); completes once that commit has, or exceptionally if it failed.
     */
    CompletableFuture<Void> commit(Entry entry);

    /**
     * What happened: who (actor, agency, roles), why (purpose), what (operation, subjects touched, and
     * in {@code detail} the records and fields released or withheld with their reasons). Detail holds
     * identifiers and decisions, never the disclosed values.
     */
    record Entry(String actor, String actorAgency, Set<String> actorRoles, String purpose, String operation,
            Collection<UUID> subjects, Map<String, Object> detail) {
    }
}
