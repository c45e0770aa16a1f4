package uk.safeguarding.hub.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * What one request disclosed, noted decision by decision while it runs and written as one audit entry
 * when it completes, before its answer is sent. While the request's work runs ({@link #during}),
 * {@link AuditLog#append} notes its entries here instead of writing them.
 */
public final class RequestAudit {

    private static final ThreadLocal<RequestAudit> CURRENT = new ThreadLocal<>();

    private final List<AuditLog.Entry> notes = new ArrayList<>();
    private boolean closed;

    private RequestAudit() {
    }

    /** A request's audit: nothing is noted in it until work runs {@link #during} it. */
    public static RequestAudit start() {
        return new RequestAudit();
    }

    /** Runs work (a data fetcher, on whatever thread) with this request's audit open on its thread. */
    public <T> T during(Callable<T> work) throws Exception {
        RequestAudit outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static Optional<RequestAudit> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    synchronized void note(AuditLog.Entry entry) {
        if (closed) {
            // a decision after the request's entry was made would go unrecorded: refuse it instead
            throw new IllegalStateException("the request's audit entry has already been written");
        }
        notes.add(entry);
    }

    /**
     * Closes the request's audit on this thread and returns its one entry, if anything was noted: named by
     * the first decision's operation and purpose, naming every subject, with every decision's records,
     * agreements and refusal, and each decision's own operation, purpose and details under {@code parts}.
     */
    public synchronized Optional<AuditLog.Entry> close() {
        closed = true;
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        if (notes.size() == 1) {
            return Optional.of(notes.get(0));
        }
        AuditLog.Entry first = notes.get(0);
        Set<UUID> subjects = new LinkedHashSet<>();
        List<Object> records = new ArrayList<>();
        Map<String, Object> agreements = new LinkedHashMap<>();
        List<Map<String, Object>> parts = new ArrayList<>();
        Object refused = null;
        for (AuditLog.Entry e : notes) {
            subjects.addAll(e.subjects());
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("operation", e.operation());
            part.put("purpose", e.purpose());
            for (Map.Entry<String, Object> d : e.detail().entrySet()) {
                switch (d.getKey()) {
                    case "records" -> records.addAll((List<?>) d.getValue());
                    case "agreements" -> {
                        if (d.getValue() instanceof Map<?, ?> used) {
                            used.forEach((k, v) -> agreements.put(String.valueOf(k), v));
                        } else if (d.getValue() instanceof List<?> ids) {
                            ids.forEach(id -> agreements.putIfAbsent(String.valueOf(id), "aggregates"));
                        }
                    }
                    case "refused" -> {
                        refused = refused == null ? d.getValue() : refused;
                        part.put("refused", d.getValue());
                    }
                    default -> part.put(d.getKey(), d.getValue());
                }
            }
            parts.add(part);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("records", records);
        detail.put("agreements", agreements);
        if (refused != null) {
            detail.put("refused", refused);
        }
        detail.put("parts", parts);
        return Optional.of(new AuditLog.Entry(first.actor(), first.actorAgency(), first.actorRoles(), first.purpose(),
                first.operation(), subjects, detail));
    }
}
