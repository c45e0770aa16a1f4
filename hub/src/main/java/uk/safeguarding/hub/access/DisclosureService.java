package uk.safeguarding.hub.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.Identities;
import uk.safeguarding.hub.identity.Identities.KnownPerson;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;
import uk.safeguarding.hub.ingest.EventHistory;
import uk.safeguarding.hub.ingest.EventHistory.StoredEvent;

/** Reads, decides and audits in one transaction: if the audit entry cannot be written, nothing is returned. */
@Service
class DisclosureService implements Disclosures {

    private final Identities identities;
    private final EventHistory events;
    private final AuditLog audit;

    DisclosureService(Identities identities, EventHistory events, AuditLog audit) {
        this.identities = identities;
        this.events = events;
        this.audit = audit;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedSubject> searchSubjects(Caller caller, Purpose purpose, SubjectQuery query, long offset,
            int limit) {
        check(caller, purpose, "searchSubjects");
        List<UUID> ids = identities.search(query, offset, limit + 1);
        boolean hasNext = ids.size() > limit;
        ids = ids.subList(0, Math.min(limit, ids.size()));
        List<DisclosedSubject> subjects = disclose(purpose, identities.records(ids));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("criteria", criteria(query));
        detail.put("offset", offset);
        detail.put("subjectsReturned", subjects.size());
        detail.put("released", subjects.stream().map(DisclosureService::released).toList());
        audit.append(entry(caller, purpose, "searchSubjects", ids, detail));
        return new Slice<>(subjects, offset, hasNext);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<DisclosedSubject> subject(Caller caller, Purpose purpose, UUID subjectId) {
        check(caller, purpose, "subject");
        Map<UUID, List<KnownPerson>> records = identities.records(List.of(subjectId));
        records.values().removeIf(List::isEmpty);
        List<DisclosedSubject> subjects = disclose(purpose, records);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("found", !subjects.isEmpty());
        detail.put("released", subjects.stream().map(DisclosureService::released).toList());
        audit.append(entry(caller, purpose, "subject", subjects.isEmpty() ? List.of() : List.of(subjectId), detail));
        return subjects.stream().findFirst();
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedEvent> timeline(Caller caller, Purpose purpose, UUID subjectId, Set<String> agencies,
            long offset, int limit) {
        check(caller, purpose, "timeline");
        List<Long> people = identities.records(List.of(subjectId)).get(subjectId).stream().map(KnownPerson::id).toList();
        List<StoredEvent> stored = events.involving(people, agencies, offset, limit + 1);
        boolean hasNext = stored.size() > limit;
        List<DisclosedEvent> disclosed = stored.subList(0, Math.min(limit, stored.size())).stream()
                .map(e -> disclose(purpose, e)).toList();
        List<Map<String, Object>> records = new ArrayList<>();
        for (DisclosedEvent e : disclosed) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("event", e.id().toString());
            record.put("agency", e.agency());
            record.put("withheld", e.withheld().stream().map(w -> Map.of("field", w.field(), "reason", w.reason().name())).toList());
            records.add(record);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("agencies", agencies == null ? List.of() : agencies.stream().sorted().toList());
        detail.put("offset", offset);
        detail.put("events", records);
        audit.append(entry(caller, purpose, "timeline", List.of(subjectId), detail));
        return new Slice<>(disclosed, offset, hasNext);
    }

    /** A refusal is audited too (and committed): who tried to read what they may not is for auditors to see. */
    private void check(Caller caller, Purpose purpose, String operation) {
        try {
            Grants.check(caller, purpose);
        } catch (DisclosureRefused refused) {
            audit.append(entry(caller, purpose, operation, List.of(), Map.of("refused", refused.getMessage())));
            throw refused;
        }
    }

    private List<DisclosedSubject> disclose(Purpose purpose, Map<UUID, List<KnownPerson>> records) {
        List<DisclosedSubject> subjects = new ArrayList<>();
        records.forEach((id, known) -> subjects.add(new DisclosedSubject(id, purpose,
                latest(known, KnownPerson::givenName), latest(known, KnownPerson::familyName),
                latest(known, KnownPerson::dateOfBirth), latest(known, KnownPerson::sex),
                latest(known, KnownPerson::nhsNumber), latest(known, KnownPerson::postcode),
                known.stream().map(KnownPerson::agency).distinct().sorted().toList(), List.of())));
        return subjects;
    }

    /** The most recent value any agency holds for the field (records come newest first). */
    private static <T> T latest(List<KnownPerson> known, Function<KnownPerson, T> field) {
        return known.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static DisclosedEvent disclose(Purpose purpose, StoredEvent e) {
        List<Withheld> withheld = new ArrayList<>();
        return new DisclosedEvent(e.id(), e.agency(), e.kind(), e.occurredAt(),
                detail("category", e.category(), e, purpose, withheld),
                detail("summary", e.summary(), e, purpose, withheld),
                detail("location", e.locationLine(), e, purpose, withheld),
                detail("postcode", e.postcode(), e, purpose, withheld),
                e.borough(), e.sensitivity(), e.roles(), List.copyOf(withheld));
    }

    /** The value, or null with the reason added to {@code withheld}. */
    private static String detail(String field, String value, StoredEvent e, Purpose purpose, List<Withheld> withheld) {
        Optional<Withheld> reason = Grants.detail(field, e.sensitivity(), purpose);
        if (reason.isPresent()) {
            withheld.add(reason.get());
            return null;
        }
        return value;
    }

    private static Map<String, Object> released(DisclosedSubject s) {
        List<String> fields = new ArrayList<>();
        if (s.givenName() != null) fields.add("givenName");
        if (s.familyName() != null) fields.add("familyName");
        if (s.dateOfBirth() != null) fields.add("dateOfBirth");
        if (s.sex() != null) fields.add("sex");
        if (s.nhsNumber() != null) fields.add("nhsNumber");
        if (s.postcode() != null) fields.add("postcode");
        return Map.of("subject", s.id().toString(), "fields", fields);
    }

    /** Which criteria were used, not their values: the values are personal data. */
    private static List<String> criteria(SubjectQuery q) {
        List<String> used = new ArrayList<>();
        if (q.name() != null) used.add("name");
        if (q.dateOfBirth() != null) used.add("dateOfBirth");
        if (q.nhsNumber() != null) used.add("nhsNumber");
        if (q.postcode() != null) used.add("postcode");
        return used;
    }

    private static AuditLog.Entry entry(Caller caller, Purpose purpose, String operation, Collection<UUID> subjects,
            Map<String, Object> detail) {
        return new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                subjects, detail);
    }
}
