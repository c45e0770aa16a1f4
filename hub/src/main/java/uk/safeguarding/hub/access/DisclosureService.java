package uk.safeguarding.hub.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedSubject> searchSubjects(Caller caller, Purpose purpose, SubjectQuery query, long offset,
            int limit) {
        DisclosureRequest request = open(caller, purpose, "searchSubjects");
        Collection<UUID> only = request.policy().onlyAssignedCases(caller, purpose, request.today())
                ? circumstances.assignedTo(caller.userId(), purpose) : null;
        Set<String> providers = Releases.searchedProviders(request, query, only != null);
        List<UUID> ids = identities.search(query, providers, only, offset, limit + 1);
        boolean hasNext = ids.size() > limit;
        ids = ids.subList(0, Math.min(limit, ids.size()));
        List<DisclosedSubject> subjects = new ArrayList<>();
        // every subject's consent, assignment and exemptions in one read, not one per subject
        Map<UUID, Circumstances> facts = circumstances.of(ids, caller, purpose, request.today());
        identities.records(ids).forEach((id, known) -> subjects.add(Releases.subject(request, id, known, facts.get(id))));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("criteria", Releases.criteria(query));
        detail.put("offset", offset);
        detail.put("subjectsReturned", subjects.size());
        detail.put("records", subjects.stream().map(s -> Releases.audited(s)).toList());
        finish(request, "searchSubjects", ids, detail);
        return new Slice<>(subjects, offset, hasNext);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<DisclosedSubject> subject(Caller caller, Purpose purpose, UUID subjectId) {
        DisclosureRequest request = open(caller, purpose, "subject");
        List<KnownPerson> known = identities.records(List.of(subjectId)).get(subjectId);
        Optional<DisclosedSubject> subject = Optional.of(Releases.subject(request, subjectId, known,
                        circumstances.of(subjectId, caller, purpose, request.today())))
                .filter(s -> !known.isEmpty() && Releases.canSee(s));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("found", subject.isPresent());
        subject.ifPresent(s -> detail.put("records", List.of(Releases.audited(s))));
        finish(request, "subject", subject.isPresent() ? List.of(subjectId) : List.of(), detail);
        return subject;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Slice<DisclosedEvent> timeline(Caller caller, Purpose purpose, UUID subjectId, Set<String> agencies,
            long offset, int limit) {
        DisclosureRequest request = open(caller, purpose, "timeline");
        List<KnownPerson> known = identities.records(List.of(subjectId)).get(subjectId);
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        Set<EventClass> visible = Releases.visibleClasses(request, known, facts);
        if (agencies != null && !agencies.isEmpty()) {
            visible.removeIf(c -> !agencies.contains(c.agency()));
        }
        List<StoredEvent> stored = events.involving(known.stream().map(KnownPerson::id).toList(), visible, offset, limit + 1);
        boolean hasNext = stored.size() > limit;
        List<DisclosedEvent> disclosed = stored.subList(0, Math.min(limit, stored.size())).stream()
                .map(e -> Releases.event(request, e, facts)).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("agencies", agencies == null ? List.of() : new TreeSet<>(agencies));
        detail.put("offset", offset);
        detail.put("records", disclosed.stream().map(e -> Releases.audited(e)).toList());
        finish(request, "timeline", List.of(subjectId), detail);
        return new Slice<>(disclosed, offset, hasNext);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public Optional<DisclosedEvent> event(Caller caller, Purpose purpose, UUID subjectId, UUID eventId) {
        DisclosureRequest request = open(caller, purpose, "event");
        List<KnownPerson> known = identities.records(List.of(subjectId)).getOrDefault(subjectId, List.of());
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        Optional<DisclosedEvent> disclosed = events.one(known.stream().map(KnownPerson::id).toList(),
                Releases.visibleClasses(request, known, facts), eventId).map(e -> Releases.event(request, e, facts));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("records", disclosed.map(e -> List.of(Releases.audited(e)))
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
        DisclosureRequest request = open(caller, purpose, "coverage");
        List<KnownPerson> known = identities.records(List.of(subjectId)).getOrDefault(subjectId, List.of());
        Circumstances facts = circumstances.of(subjectId, caller, purpose, request.today());
        // counted over the records the caller may learn of: an agency holding only records of a class not
        // released to them shows as holding none
        Map<String, Integer> counts = events.countByAgency(known.stream().map(KnownPerson::id).toList(),
                Releases.visibleClasses(request, known, facts));
        List<AgencyCoverage> coverage = new ArrayList<>();
        // the partnership for this purpose: every party to an agreement for it
        Set<String> partners = new TreeSet<>();
        request.policy().agreements().stream().filter(a -> a.document().purposes().contains(purpose.name()))
                .forEach(a -> a.document().parties().forEach(p -> partners.add(p.agency())));
        for (String agency : partners) {
            // decided for every agency alike, holding records or not, so that the answer reveals no existence
            Decision d = request.decide(Releases.EXISTENCE, agency, "ORDINARY", facts);
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
        DisclosureRequest request = open(caller, purpose, operation);
        return request.policy().providersFor(caller, purpose, "subject.familyName", request.today());
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<UUID> showingPattern(Caller caller, Purpose purpose, String operation, EventHistory.RepeatPattern pattern,
            Collection<UUID> excluded, int max) {
        DisclosureRequest request = open(caller, purpose, operation);
        Set<EventClass> classes = new HashSet<>();
        request.policy().classesFor(caller, purpose, Releases.EXISTENCE, request.today())
                .forEach((agency, sensitivities) -> sensitivities.forEach(s -> classes.add(new EventClass(agency, s))));
        return events.showing(pattern, classes, caller.boroughs(), excluded, max);
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public List<DisclosedRecord> personRecords(Caller caller, Purpose purpose, String operation, List<Long> recordIds,
            Map<String, Object> detail) {
        DisclosureRequest request = open(caller, purpose, operation);
        Set<String> searchable = request.policy().providersFor(caller, purpose, "subject.familyName", request.today());
        Map<Long, KnownPerson> stored = identities.personRecords(recordIds);
        List<KnownPerson> visible = recordIds.stream().distinct().map(stored::get)
                .filter(p -> p != null && searchable.contains(p.agency())).toList();
        Map<UUID, Circumstances> facts = circumstances.of(visible.stream().map(KnownPerson::subjectId).distinct().toList(),
                caller, purpose, request.today());
        List<DisclosedRecord> disclosed = new ArrayList<>();
        for (KnownPerson p : visible) {
            disclosed.add(Releases.personRecord(request, p, facts.get(p.subjectId())));
        }
        Map<String, Object> entry = new LinkedHashMap<>(detail);
        entry.put("records", disclosed.stream().map(r -> {
            Map<String, Object> record = Releases.record("subject", r.subjectId().toString(), Releases.released(r), r.withheld());
            record.put("personRecord", r.id());
            return record;
        }).toList());
        finish(request, operation, disclosed.stream().map(DisclosedRecord::subjectId).distinct().toList(), entry);
        return disclosed;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public String caseAgreement(Caller caller, Purpose purpose, String requested) {
        DisclosureRequest request = open(caller, purpose, "referCase");
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
        DisclosureRequest request = open(caller, purpose, "caseWork");
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

    private DisclosureRequest open(Caller caller, Purpose purpose, String operation) {
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
        return new DisclosureRequest(caller, purpose, policy, today, new DisclosureRequest.AuditNotes());
    }

    private void finish(DisclosureRequest request, String operation, Collection<UUID> subjects, Map<String, Object> detail) {
        detail.put("agreements", request.notes().agreements());
        request.notes().measure(meters);
        audit.append(new AuditLog.Entry(request.caller().userId(), request.caller().agency(), request.caller().roles(),
                request.purpose().name(), operation, subjects, detail));
    }

}
