package uk.safeguarding.hub.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.policy.PolicySet;
import uk.safeguarding.hub.access.policy.PolicySet.Circumstances;
import uk.safeguarding.hub.access.policy.PolicySet.Decision;
import uk.safeguarding.hub.access.policy.PolicyStore;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.identity.Identities;
import uk.safeguarding.hub.identity.Identities.KnownPerson;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;
import uk.safeguarding.hub.ingest.EventHistory;
import uk.safeguarding.hub.ingest.EventHistory.EventClass;
import uk.safeguarding.hub.ingest.EventHistory.StoredEvent;

/**
 * Reads, decides field by field under the agreements in force, and audits, in one transaction: if the
 * audit entry cannot be written, nothing is returned. Records an agency's agreements do not let the
 * caller see are filtered out in the database, so they shape neither page lengths nor counts.
 */
@Service
class DisclosureService implements Disclosures {

    /** Seeing that an agency holds an event needs these released; the rest is decided field by field. */
    private static final String EXISTENCE = "event.kind";

    private final Identities identities;
    private final EventHistory events;
    private final AuditLog audit;
    private final PolicyStore policies;
    private final SubjectCircumstances circumstances;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final String queryTime;

    DisclosureService(Identities identities, EventHistory events, AuditLog audit, PolicyStore policies,
            SubjectCircumstances circumstances, Clock clock, MeterRegistry meters, JdbcClient jdbc,
            @Value("${hub.api.limits.query-time:10s}") Duration queryTime) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.queryTime = queryTime.toMillis() + "ms";
        this.identities = identities;
        this.events = events;
        this.audit = audit;
        this.policies = policies;
        this.circumstances = circumstances;
        this.clock = clock;
    }

    /** One request's view: the policies in force and the day, fixed for the whole request. */
    /**
     * One request's decisions. A decision depends only on the field, the provider, the record's class and the
     * subject's circumstances, so within a request each is worked out once (a timeline of a hundred events asks the
     * same few hundred times) and noted for the audit every time it is used.
     */
    private record Request(Caller caller, Purpose purpose, PolicySet policy, LocalDate today, AuditNotes notes,
            Map<Circumstances, Map<String, Decision>> decided) {

        Request(Caller caller, Purpose purpose, PolicySet policy, LocalDate today, AuditNotes notes) {
            this(caller, purpose, policy, today, notes, new java.util.IdentityHashMap<>());
        }

        Decision decide(String field, String provider, String sensitivity, Circumstances facts) {
            Decision d = decided.computeIfAbsent(facts, f -> new HashMap<>()).computeIfAbsent(
                    field + '|' + provider + '|' + sensitivity, k -> policy.decide(caller, purpose, field, provider, sensitivity, facts));
            notes.note(d);
            return d;
        }

        /** A field of case work, under the case's own agreement. */
        Decision decide(String field, String keeper, String sensitivity, Circumstances facts, String agreement) {
            Decision d = policy.decideCase(agreement, caller, purpose, field, keeper, facts);
            notes.note(d);
            return d;
        }
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedSubject> searchSubjects(Caller caller, Purpose purpose, SubjectQuery query, long offset,
            int limit) {
        Request request = open(caller, purpose, "searchSubjects");
        Collection<UUID> only = request.policy().onlyAssignedCases(caller, purpose, request.today())
                ? circumstances.assignedTo(caller.userId(), purpose) : null;
        Set<String> providers = searchedProviders(request, query, only != null);
        List<UUID> ids = identities.search(query, providers, only, offset, limit + 1);
        boolean hasNext = ids.size() > limit;
        ids = ids.subList(0, Math.min(limit, ids.size()));
        List<DisclosedSubject> subjects = new ArrayList<>();
        // every subject's consent, assignment and exemptions in one read, not one per subject
        Map<UUID, Circumstances> facts = circumstances.of(ids, caller, purpose, request.today());
        identities.records(ids).forEach((id, known) -> subjects.add(subject(request, id, known, facts.get(id))));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("criteria", criteria(query));
        detail.put("offset", offset);
        detail.put("subjectsReturned", subjects.size());
        detail.put("records", subjects.stream().map(s -> record("subject", s.id().toString(), released(s), s.withheld())).toList());
        finish(request, "searchSubjects", ids, detail);
        return new Slice<>(subjects, offset, hasNext);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<DisclosedSubject> subject(Caller caller, Purpose purpose, UUID subjectId) {
        Request request = open(caller, purpose, "subject");
        List<KnownPerson> known = identities.records(List.of(subjectId)).get(subjectId);
        Optional<DisclosedSubject> subject = Optional.of(subject(request, subjectId, known,
                        circumstances.of(subjectId, caller, purpose, request.today())))
                .filter(s -> !known.isEmpty() && canSee(s));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("found", subject.isPresent());
        subject.ifPresent(s -> detail.put("records", List.of(record("subject", s.id().toString(), released(s), s.withheld()))));
        finish(request, "subject", subject.isPresent() ? List.of(subjectId) : List.of(), detail);
        return subject;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedEvent> timeline(Caller caller, Purpose purpose, UUID subjectId, Set<String> agencies,
            long offset, int limit) {
        Request request = open(caller, purpose, "timeline");
        List<KnownPerson> known = identities.records(List.of(subjectId)).get(subjectId);
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        Set<EventClass> visible = visibleClasses(request, known, facts);
        if (agencies != null && !agencies.isEmpty()) {
            visible.removeIf(c -> !agencies.contains(c.agency()));
        }
        List<StoredEvent> stored = events.involving(known.stream().map(KnownPerson::id).toList(), visible, offset, limit + 1);
        boolean hasNext = stored.size() > limit;
        List<DisclosedEvent> disclosed = stored.subList(0, Math.min(limit, stored.size())).stream()
                .map(e -> event(request, e, facts)).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("agencies", agencies == null ? List.of() : new TreeSet<>(agencies));
        detail.put("offset", offset);
        detail.put("records", disclosed.stream().map(e -> record("event", e.id().toString(), released(e), e.withheld())).toList());
        finish(request, "timeline", List.of(subjectId), detail);
        return new Slice<>(disclosed, offset, hasNext);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<DisclosedEvent> event(Caller caller, Purpose purpose, UUID subjectId, UUID eventId) {
        Request request = open(caller, purpose, "event");
        List<KnownPerson> known = identities.records(List.of(subjectId)).getOrDefault(subjectId, List.of());
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        Optional<DisclosedEvent> disclosed = events.one(known.stream().map(KnownPerson::id).toList(),
                visibleClasses(request, known, facts), eventId).map(e -> event(request, e, facts));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("records", disclosed.map(e -> List.of(record("event", e.id().toString(), released(e), e.withheld())))
                .orElse(List.of()));
        finish(request, "event", disclosed.isPresent() ? List.of(subjectId) : List.of(), detail);
        return disclosed;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public void requireReader(Caller caller, Purpose purpose, String operation) {
        open(caller, purpose, operation);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<String> releaseAggregates(Caller caller, Purpose purpose, String operation, Map<String, Object> detail) {
        PolicySet policy = policies.current();
        PolicySet.AggregatesGrant grant = policy.aggregates(caller, purpose, LocalDate.now(clock));
        Map<String, Object> entry = new LinkedHashMap<>(detail);
        if (grant.refusal() != null) {
            entry.put("refused", grant.refusal());
        } else {
            // cited as id@version#hash, like every disclosure
            entry.put("agreements", policy.agreements().stream().filter(a -> grant.agreements().contains(a.id()))
                    .map(PolicySet.LoadedAgreement::citation).toList());
        }
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                List.of(), entry));
        if (grant.refusal() != null) {
            refused(operation);
            throw new DisclosureRefused(grant.refusal());
        }
        return grant.agreements();
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<AgencyCoverage> coverage(Caller caller, Purpose purpose, UUID subjectId) {
        Request request = open(caller, purpose, "coverage");
        List<KnownPerson> known = identities.records(List.of(subjectId)).getOrDefault(subjectId, List.of());
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        // counted over the records the caller may learn of: an agency holding only records of a class not
        // released to them shows as holding none
        Map<String, Integer> counts = events.countByAgency(known.stream().map(KnownPerson::id).toList(),
                visibleClasses(request, known, facts));
        List<AgencyCoverage> coverage = new ArrayList<>();
        // the partnership for this purpose: every party to an agreement for it
        Set<String> partners = new TreeSet<>();
        request.policy().agreements().stream().filter(a -> a.document().purposes().contains(purpose.name()))
                .forEach(a -> a.document().parties().forEach(p -> partners.add(p.agency())));
        for (String agency : partners) {
            // decided for every agency alike, holding records or not, so that the answer reveals no existence
            Decision d = request.decide(EXISTENCE, agency, "ORDINARY", facts);
            if (!d.released()) {
                coverage.add(new AgencyCoverage(agency, Coverage.NOT_VISIBLE, null, d.withheld()));
            } else {
                int n = counts.getOrDefault(agency, 0);
                coverage.add(new AgencyCoverage(agency, n > 0 ? Coverage.HAS_RECORDS : Coverage.NO_RECORDS, n, null));
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("agencies", coverage.stream().map(c -> c.agency() + ":" + c.coverage()).toList());
        finish(request, "coverage", List.of(subjectId), detail);
        return coverage;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Set<String> searchableAgencies(Caller caller, Purpose purpose, String operation) {
        Request request = open(caller, purpose, operation);
        return request.policy().providersFor(caller, purpose, "subject.familyName", request.today());
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<UUID> showingPattern(Caller caller, Purpose purpose, String operation, EventHistory.RepeatPattern pattern,
            Collection<UUID> excluded, int max) {
        Request request = open(caller, purpose, operation);
        Set<EventClass> classes = new HashSet<>();
        request.policy().classesFor(caller, purpose, EXISTENCE, request.today())
                .forEach((agency, sensitivities) -> sensitivities.forEach(s -> classes.add(new EventClass(agency, s))));
        return events.showing(pattern, classes, caller.boroughs(), excluded, max);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<DisclosedRecord> personRecords(Caller caller, Purpose purpose, String operation, List<Long> recordIds,
            Map<String, Object> detail) {
        Request request = open(caller, purpose, operation);
        Set<String> searchable = request.policy().providersFor(caller, purpose, "subject.familyName", request.today());
        Map<Long, KnownPerson> stored = identities.personRecords(recordIds);
        List<KnownPerson> visible = recordIds.stream().distinct().map(stored::get)
                .filter(p -> p != null && searchable.contains(p.agency())).toList();
        Map<UUID, Circumstances> facts = circumstances.of(visible.stream().map(KnownPerson::subjectId).distinct().toList(),
                caller, purpose, request.today());
        List<DisclosedRecord> disclosed = new ArrayList<>();
        for (KnownPerson p : visible) {
            disclosed.add(personRecord(request, p, facts.get(p.subjectId())));
        }
        Map<String, Object> entry = new LinkedHashMap<>(detail);
        entry.put("records", disclosed.stream().map(r -> {
            Map<String, Object> record = record("subject", r.subjectId().toString(), released(r), r.withheld());
            record.put("personRecord", r.id());
            return record;
        }).toList());
        finish(request, operation, disclosed.stream().map(DisclosedRecord::subjectId).distinct().toList(), entry);
        return disclosed;
    }

    /** Every field decided for the record's agency, whether it holds a value or not. */
    private static DisclosedRecord personRecord(Request request, KnownPerson p, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        Function<String, Boolean> released = field -> {
            Decision d = request.decide(field, p.agency(), "ORDINARY", facts);
            if (!d.released()) {
                withheld.add(d.withheld());
            }
            return d.released();
        };
        String given = released.apply("subject.givenName") ? p.givenName() : null;
        String family = released.apply("subject.familyName") ? p.familyName() : null;
        LocalDate born = released.apply("subject.dateOfBirth") ? p.dateOfBirth() : null;
        String sex = released.apply("subject.sex") ? p.sex() : null;
        String nhs = released.apply("subject.nhsNumber") ? p.nhsNumber() : null;
        String postcode = released.apply("subject.postcode") ? p.postcode() : null;
        // the partner's reference is the record's own, not the person's: an agreement names it on its own
        String reference = released.apply("personRecord.sourceReference") ? p.sourceReference() : null;
        return new DisclosedRecord(p.id(), p.subjectId(), p.agency(), request.purpose(), given, family, born, sex, nhs,
                postcode, reference, List.copyOf(withheld));
    }

    private static List<String> released(DisclosedRecord r) {
        List<String> fields = new ArrayList<>();
        if (r.givenName() != null) fields.add("givenName");
        if (r.familyName() != null) fields.add("familyName");
        if (r.dateOfBirth() != null) fields.add("dateOfBirth");
        if (r.sex() != null) fields.add("sex");
        if (r.nhsNumber() != null) fields.add("nhsNumber");
        if (r.postcode() != null) fields.add("postcode");
        if (r.sourceReference() != null) fields.add("sourceReference");
        return fields;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public String caseAgreement(Caller caller, Purpose purpose, String requested) {
        Request request = open(caller, purpose, "referCase");
        List<String> candidates = request.policy().caseAgreements(caller, purpose, request.today()).stream()
                .map(PolicySet.LoadedAgreement::id).toList();
        if (requested != null) {
            if (!candidates.contains(requested)) {
                throw new InvalidInput("agreement: " + requested + " is not an agreement in force for " + purpose
                        + " that shares the case work " + caller.agency() + " keeps with you");
            }
            return requested;
        }
        if (candidates.isEmpty()) {
            String refusal = "No agreement in force for " + purpose + " shares the case work " + caller.agency()
                    + " would keep with you, so a case you opened could not be read.";
            audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), "referCase",
                    List.of(), Map.of("refused", refusal)));
            refused("referCase");
            throw new DisclosureRefused(refusal);
        }
        if (candidates.size() > 1) {
            throw new InvalidInput("agreement: several agreements in force for " + purpose + " may hold the case ("
                    + String.join(", ", candidates) + "); say which");
        }
        return candidates.get(0);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<CaseWorkRelease> caseWork(Caller caller, Purpose purpose, UUID subjectId, String agreement,
            String keeper) {
        Request request = open(caller, purpose, "caseWork");
        if (agreement == null || !request.policy().receivesUnder(agreement, caller, purpose, request.today())) {
            return Optional.empty();
        }
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        if (request.policy().onlyAssignedCases(caller, purpose, request.today()) && !facts.assignedUnder().contains(agreement)) {
            // named on the case, but no longer assigned its subject: the case is no longer theirs to see
            return Optional.empty();
        }
        Set<String> released = new TreeSet<>();
        List<Withheld> withheld = new ArrayList<>();
        for (String field : new TreeSet<>(request.policy().personalFields())) {
            if (field.startsWith("case.")) {
                Decision d = request.decide(field, keeper, null, facts, agreement);
                if (d.released()) {
                    released.add(field);
                } else {
                    withheld.add(d.withheld());
                }
            }
        }
        request.notes().measure(meters);
        return Optional.of(new CaseWorkRelease(Set.copyOf(released), List.copyOf(withheld),
                List.copyOf(request.notes().agreements().keySet())));
    }

    private void refused(String operation) {
        Counter.builder("hub.disclosure.refusals").description("Requests refused before any decision, by operation")
                .tag("operation", operation).register(meters).increment();
    }

    private Request open(Caller caller, Purpose purpose, String operation) {
        // a read that waits or works too long is abandoned with nothing disclosed (and nothing audited as
        // disclosed), rather than holding its caller, a connection and the audit chain: every statement
        // of the request's transaction, lock waits included, gets at most this long
        jdbc.sql("select set_config('statement_timeout', ?, true)").param(queryTime).query(String.class).single();
        PolicySet policy = policies.current();
        LocalDate today = LocalDate.now(clock);
        Optional<String> refusal = policy.refusal(caller, purpose, today);
        if (refusal.isPresent()) {
            // who tried to read what they may not is for auditors to see, so the refusal is committed
            audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), purpose.name(), operation,
                    List.of(), Map.of("refused", refusal.get())));
            refused(operation);
            throw new DisclosureRefused(refusal.get());
        }
        return new Request(caller, purpose, policy, today, new AuditNotes());
    }

    private void finish(Request request, String operation, Collection<UUID> subjects, Map<String, Object> detail) {
        detail.put("agreements", request.notes().agreements());
        request.notes().measure(meters);
        audit.append(new AuditLog.Entry(request.caller().userId(), request.caller().agency(), request.caller().roles(),
                request.purpose().name(), operation, subjects, detail));
    }

    private DisclosedSubject subject(Request request, UUID id, List<KnownPerson> known, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        return new DisclosedSubject(id, request.purpose(),
                field(request, "subject.givenName", known, KnownPerson::givenName, facts, withheld),
                field(request, "subject.familyName", known, KnownPerson::familyName, facts, withheld),
                field(request, "subject.dateOfBirth", known, KnownPerson::dateOfBirth, facts, withheld),
                field(request, "subject.sex", known, KnownPerson::sex, facts, withheld),
                field(request, "subject.nhsNumber", known, KnownPerson::nhsNumber, facts, withheld),
                field(request, "subject.postcode", known, KnownPerson::postcode, facts, withheld),
                List.copyOf(visibleAgencies(request, known, facts)), List.copyOf(withheld));
    }

    /** A subject found by id is shown only if something of theirs is visible, as a search would. */
    private static boolean canSee(DisclosedSubject s) {
        return !s.agencies().isEmpty() || s.givenName() != null || s.familyName() != null || s.dateOfBirth() != null;
    }

    /** The newest value the caller may see; if every agency's value is withheld, the first reason. */
    private static <T> T field(Request request, String field, List<KnownPerson> known, Function<KnownPerson, T> value,
            Circumstances facts, List<Withheld> withheld) {
        Withheld reason = null;
        for (KnownPerson person : known) {
            T v = value.apply(person);
            if (v == null) {
                continue;
            }
            Decision d = request.decide(field, person.agency(), "ORDINARY", facts);
            if (d.released()) {
                return v;
            }
            if (reason == null) {
                reason = d.withheld();
            }
        }
        if (reason != null) {
            withheld.add(reason);
        }
        return null;
    }

    /**
     * The agencies' classes of records whose existence the caller may learn of: decided for each class,
     * since the fact of a special category record (a mental health encounter, a s42 enquiry) is itself
     * special category data, released only under an agreement with a basis for it.
     */
    private static Set<EventClass> visibleClasses(Request request, List<KnownPerson> known, Circumstances facts) {
        Set<EventClass> visible = new HashSet<>();
        for (String agency : new LinkedHashSet<>(known.stream().map(KnownPerson::agency).toList())) {
            for (String sensitivity : PolicySet.RECORD_CLASSES) {
                if (request.decide(EXISTENCE, agency, sensitivity, facts).released()) {
                    visible.add(new EventClass(agency, sensitivity));
                }
            }
        }
        return visible;
    }

    private static Set<String> visibleAgencies(Request request, List<KnownPerson> known, Circumstances facts) {
        Set<String> agencies = new TreeSet<>();
        visibleClasses(request, known, facts).forEach(c -> agencies.add(c.agency()));
        return agencies;
    }

    private static DisclosedEvent event(Request request, StoredEvent e, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        Function<String, Boolean> released = field -> {
            Decision d = request.decide(field, e.agency(), e.sensitivity(), facts);
            if (!d.released()) {
                withheld.add(d.withheld());
            }
            return d.released();
        };
        String borough = released.apply("event.borough") ? e.borough() : null;
        List<String> roles = released.apply("event.roles") ? e.roles() : List.of();
        String category = released.apply("event.category") ? e.category() : null;
        String summary = released.apply("event.summary") ? e.summary() : null;
        String location = released.apply("event.location") ? e.locationLine() : null;
        String postcode = released.apply("event.postcode") ? e.postcode() : null;
        // existence (agency, kind, time) was decided when the agencies to read were chosen
        return new DisclosedEvent(e.id(), e.agency(), e.kind(), e.occurredAt(), category, summary, location, postcode,
                borough, e.sensitivity(), roles, List.copyOf(withheld));
    }

    private static Map<String, Object> record(String type, String id, List<String> released, List<Withheld> withheld) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(type, id);
        record.put("released", released);
        record.put("withheld", withheld.stream().map(w -> Map.of("field", w.field(), "reason", w.reason().name())).toList());
        return record;
    }

    /** The names of the subject's fields that carried a value to the caller. */
    private static List<String> released(DisclosedSubject s) {
        List<String> fields = new ArrayList<>();
        if (s.givenName() != null) fields.add("givenName");
        if (s.familyName() != null) fields.add("familyName");
        if (s.dateOfBirth() != null) fields.add("dateOfBirth");
        if (s.sex() != null) fields.add("sex");
        if (s.nhsNumber() != null) fields.add("nhsNumber");
        if (s.postcode() != null) fields.add("postcode");
        return fields;
    }

    /** The names of the event's fields released: its existence, and each detail not withheld. */
    private static List<String> released(DisclosedEvent e) {
        Set<String> withheld = new java.util.HashSet<>(e.withheld().stream().map(Withheld::field).toList());
        List<String> fields = new ArrayList<>(List.of("agency", "kind", "occurredAt"));
        for (String detail : List.of("borough", "roles", "category", "summary", "location", "postcode")) {
            if (!withheld.contains(detail)) {
                fields.add(detail);
            }
        }
        return fields;
    }

    /**
     * The agencies whose records a search may match: those that release the family name (what a search
     * finds) and every field a criterion is matched on. A criterion never matches a record whose agency
     * withholds that field from the caller, so that search by search no one confirms what they may not see;
     * nor one that releases it only with the subject's consent, or (unless the search is confined to the
     * caller's assigned subjects) only to their assigned case manager.
     */
    private static Set<String> searchedProviders(Request request, SubjectQuery q, boolean confinedToAssigned) {
        List<String> fields = new ArrayList<>(List.of("subject.familyName"));
        if (q.name() != null) fields.add("subject.givenName");
        if (q.dateOfBirth() != null) fields.add("subject.dateOfBirth");
        if (q.nhsNumber() != null) fields.add("subject.nhsNumber");
        if (q.postcode() != null) fields.add("subject.postcode");
        Set<String> providers = null;
        for (String field : fields) {
            Set<String> releasing = request.policy().searchableOn(request.caller(), request.purpose(), field, request.today(),
                    confinedToAssigned);
            if (providers == null) {
                providers = new java.util.HashSet<>(releasing);
            } else {
                providers.retainAll(releasing);
            }
        }
        return providers;
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

    /** The agreement versions (cited with their content hash) and clauses a request's releases relied on, for its audit entry. */
    private static final class AuditNotes {
        private final Map<String, Set<String>> clausesByAgreement = new TreeMap<>();
        private int released;
        private final Map<Withheld.Reason, Integer> withheld = new EnumMap<>(Withheld.Reason.class);

        void note(Decision d) {
            if (d.released()) {
                released++;
                // id@version#hash: the very text relied on, not only its version
                clausesByAgreement.computeIfAbsent(d.citation(), k -> new TreeSet<>()).add(d.clause());
            } else {
                withheld.merge(d.withheld().reason(), 1, Integer::sum);
            }
        }

        /** The request's field decisions, counted once it is audited: released, and withheld by reason. */
        void measure(MeterRegistry meters) {
            decisions(meters, "released", "-").increment(released);
            withheld.forEach((reason, n) -> decisions(meters, "withheld", reason.name()).increment(n));
        }

        private static Counter decisions(MeterRegistry meters, String outcome, String reason) {
            return Counter.builder("hub.disclosure.decisions").description("Field decisions of disclosed answers")
                    .tags("outcome", outcome, "reason", reason).register(meters);
        }

        Map<String, List<String>> agreements() {
            Map<String, List<String>> out = new TreeMap<>();
            clausesByAgreement.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return out;
        }
    }
}
