package uk.safeguarding.hub.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Appends to the tamper-evident audit log; must be called inside the transaction it records. */
public interface AuditLog {

    /** Appends an entry and returns its sequence number. */
    long append(Entry entry);

    /**
     * What happened: who (actor, agency, roles), why (purpose), what (operation, subjects touched, and
     * in {@code detail} the records and fields released or withheld with their reasons). Detail holds
     * identifiers and decisions, never the disclosed values.
     */
    record Entry(String actor, String actorAgency, Set<String> actorRoles, String purpose, String operation,
            Collection<UUID> subjects, Map<String, Object> detail) {
    }
}
