package uk.safeguarding.hub.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.hub.identity.matching.MatchModel;

/**
 * Linking on arrival: the deterministic rules first (the same agency identifier, then a valid NHS
 * number, then the same normalised name and date of birth), then, for a record they leave without a
 * subject, the probabilistic matcher against the stored records under its blocking keys
 * ({@link ProbableLinks}): link above the upper threshold, a new subject and a review between the
 * thresholds, a new subject below.
 */
@Service
class DeterministicIdentities implements Identities {

    private static final String RESOLVER = "hub:deterministic-rules";
    private static final String MATCHER = "hub:matcher";

    private final JdbcClient jdbc;
    private final MatchModels models;
    private final RuleMerges ruleMerges;
    private final SubjectSearch search;

    DeterministicIdentities(JdbcClient jdbc, MatchModels models, RuleMerges ruleMerges, SubjectSearch search) {
        this.jdbc = jdbc;
        this.models = models;
        this.ruleMerges = ruleMerges;
        this.search = search;
    }

    @Override
    @Transactional
    public long[] registerAll(List<Arrival> people) {
        return register(people, false);
    }

    @Override
    @Transactional
    public void lockAllKeys() {
        jdbc.sql("select pg_advisory_xact_lock(?, 0)").param(IdentityKeys.ALL_KEYS).query((rs, n) -> 1).list();
    }

    @Override
    @Transactional
    public long[] registerBlock(List<Arrival> people) {
        return register(people, true);
    }

    @Override
    @Transactional
    public Kept keepAll(List<Arrival> people) {
        return keep(people);
    }

    @Override
    @Transactional
    public void linkAll(Kept people) {
        link((Unlinked) people, false);
    }

    /** {@code allKeysHeld}: the transaction holds {@link #lockAllKeys}, so no key is locked on its own. */
    private long[] register(List<Arrival> people, boolean allKeysHeld) {
        Unlinked kept = keep(people);
        link(kept, allKeysHeld);
        return kept.ids();
    }

    /** Person records kept and their columns, before they are linked. */
    private record Unlinked(List<Arrival> people, long[] ids, PersonRows c) implements Kept {
    }

    /** Inserts the person records (no lock taken, no subject yet). */
    private Unlinked keep(List<Arrival> people) {
        long[] ids = new long[people.size()];
        return new Unlinked(people, ids, people.isEmpty() ? null : PersonRows.keep(jdbc, people, ids));
    }

    /** Links kept person records: the deterministic rules, then the matcher; locks their keys to commit unless all are held. */
    private void link(Unlinked kept, boolean allKeysHeld) {
        List<Arrival> people = kept.people();
        long[] ids = kept.ids();
        PersonRows c = kept.c();
        int n = people.size();
        if (n == 0) {
            return;
        }
        MatchModel.Prepared[] prepared = new MatchModel.Prepared[n];
        long[][] blockKeys = new long[n][];
        for (int i = 0; i < n; i++) {
            prepared[i] = MatchModel.prepare(people.get(i).person());
            blockKeys[i] = Blocks.keys(prepared[i]);
        }
        IdentityKeys.Known known = IdentityKeys.known(jdbc, people, c, allKeysHeld);
        // records no stored identity key resolves go on to the matcher: their candidates are read at once
        List<long[]> open = new ArrayList<>();
        boolean anyNhs = false;
        for (int i = 0; i < n; i++) {
            if (known.all(people.get(i).person(), c.nhs[i], c.nameKey(i)).isEmpty()) {
                open.add(blockKeys[i]);
                anyNhs |= c.nhs[i] != null && NhsNumber.Validator.isValid(c.nhs[i]);
            }
        }
        MatchModels.Current weights = models.current();
        ProbableLinks probable = ProbableLinks.read(jdbc, weights, open.toArray(long[][]::new), anyNhs, allKeysHeld,
                known.subjects());
        UUID[] subjects = new UUID[n];
        String[] methods = new String[n];
        Double[] scores = new Double[n];
        List<String> fresh = new ArrayList<>();
        List<LinkProposals.Review> reviews = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        List<LinkProposals.Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PersonRecord p = people.get(i).person();
            String nhs = c.nhs[i] != null && NhsNumber.Validator.isValid(c.nhs[i]) ? c.nhs[i] : null;
            // an exact key links for certain, but only to a subject whose records the record could be one person
            // with: a key that leads to somebody clearly different (a twin's NHS number typed on the other twin's
            // record) is a recording error for an analyst, not a reason to join them
            List<IdentityKeys.Match> keyed = known.all(p, c.nhs[i], c.nameKey(i));
            long record = ids[i];
            IdentityKeys.Match match = null;
            for (IdentityKeys.Match m : keyed) {
                if (!probable.compatible(prepared[i], m.subject())) {
                    if (conflicts.stream().noneMatch(x -> x.record() == record && x.subject().equals(m.subject()))) {
                        conflicts.add(new LinkProposals.Conflict(record, prepared[i], m.subject(), m.kind(), m.value()));
                    }
                } else if (match == null) {
                    match = m;
                } else if (!m.subject().equals(match.subject())) {
                    // the record's other keys held by other subjects: the same person, made two subjects before
                    merges.add(new Merge(m.subject(), match.subject(), m.kind()));
                }
            }
            if (match == null && !keyed.isEmpty()) {
                match = new IdentityKeys.Match(UUID.randomUUID(), "new-subject", null, null);
                fresh.add(match.subject().toString());
            } else if (match == null) {
                ProbableLinks.Decision d = probable.decide(prepared[i], blockKeys[i], nhs);
                if (d.links()) {
                    match = new IdentityKeys.Match(d.subject(), "probabilistic", null, null, d.score());
                } else {
                    match = new IdentityKeys.Match(UUID.randomUUID(), "new-subject", null, null);
                    fresh.add(match.subject().toString());
                    if (d.review()) {
                        reviews.add(new LinkProposals.Review(ids[i], d.candidateRecordId(), d.score(), d.contributions(), d.cause()));
                    }
                }
            }
            subjects[i] = match.subject();
            methods[i] = match.method();
            scores[i] = match.score();
            // later people in the batch link to this one as they would to a stored record
            known.remember(p, c.nhs[i], c.nameKey(i), match.subject());
            probable.remember(ids[i], match.subject(), prepared[i], blockKeys[i], nhs);
        }
        if (!fresh.isEmpty()) {
            jdbc.sql("insert into subject (id) select unnest(?::uuid[])").param(fresh.toArray(String[]::new)).update();
        }
        IdentityKeys.save(jdbc, people, c, subjects);
        jdbc.sql("""
                insert into subject_link (person_record_id, subject_id, method, score, status, decided_by)
                select x.record, x.subject, x.method, x.score, 'auto',
                       case when x.method = 'probabilistic' then ? else ? end
                from unnest(?::bigint[], ?::uuid[], ?::text[], ?::float8[]) as x(record, subject, method, score)""")
                .params(MATCHER, RESOLVER, c.id, Arrays.stream(subjects).map(UUID::toString).toArray(String[]::new), methods,
                        scores)
                .update();
        Blocks.file(jdbc, Arrays.asList(c.id), Arrays.asList(blockKeys));
        reviews.addAll(LinkProposals.conflicting(jdbc, weights.model(), conflicts));
        LinkProposals.propose(jdbc, probable.modelId(), reviews);
        merge(merges);
    }

    /** Merges by rule the subjects the batch's records found holding one another's keys (see {@link RuleMerges#mergeByRule}). */
    private void merge(List<Merge> merges) {
        Map<UUID, UUID> mergedInto = new HashMap<>();
        for (Merge m : merges) {
            UUID from = follow(mergedInto, m.from());
            UUID to = follow(mergedInto, m.to());
            if (!from.equals(to) && ruleMerges.mergeByRule(from, to, m.rule())) {
                mergedInto.put(from, to);
            }
        }
    }

    private static UUID follow(Map<UUID, UUID> mergedInto, UUID subject) {
        UUID s = subject;
        while (mergedInto.containsKey(s)) {
            s = mergedInto.get(s);
        }
        return s;
    }

    /** Two subjects one record's keys lead to: {@code from} (found by a key of kind {@code rule}) joins {@code to}. */
    private record Merge(UUID from, UUID to, String rule) {
    }

    @Override
    public List<UUID> search(SubjectQuery q, Collection<String> agencies, Collection<UUID> onlySubjects, long offset,
            int limit) {
        return search.search(q, agencies, onlySubjects, offset, limit);
    }

    @Override
    public Map<UUID, List<KnownPerson>> records(Collection<UUID> subjectIds) {
        return search.records(subjectIds);
    }

    @Override
    public Map<Long, KnownPerson> personRecords(Collection<Long> recordIds) {
        return search.personRecords(recordIds);
    }
}
