package uk.safeguarding.hub.identity;

import java.sql.Date;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Contribution;

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
    private final IdentityDecisions decisions;

    DeterministicIdentities(JdbcClient jdbc, MatchModels models, IdentityDecisions decisions) {
        this.jdbc = jdbc;
        this.models = models;
        this.decisions = decisions;
    }

    @Override
    @Transactional
    public long[] registerAll(List<Arrival> people) {
        return register(people, false);
    }

    @Override
    @Transactional
    public void lockAllKeys() {
        jdbc.sql("select pg_advisory_xact_lock(?, 0)").param(ALL_KEYS).query((rs, n) -> 1).list();
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
    private record Unlinked(List<Arrival> people, long[] ids, Columns c) implements Kept {
    }

    /** Inserts the person records (no lock taken, no subject yet). */
    private Unlinked keep(List<Arrival> people) {
        int n = people.size();
        long[] ids = new long[n];
        if (n == 0) {
            return new Unlinked(people, ids, null);
        }
        List<Long> allocated = jdbc.sql("select nextval(pg_get_serial_sequence('person_record', 'id')) from generate_series(1, ?)")
                .param(n).query(Long.class).list();
        Columns c = new Columns(n);
        for (int i = 0; i < n; i++) {
            ids[i] = allocated.get(i);
            c.add(i, ids[i], people.get(i));
        }
        // agency ids are a list per person: carried as one string each and split in the database
        jdbc.sql("""
                insert into person_record (id, source_record_id, agency, local_id, given_name, family_name, date_of_birth,
                    sex, nhs_number, agency_ids, postcode, uprn, address_line, phone, email,
                    given_name_key, family_name_key, ethnicity, source_reference)
                overriding system value
                select x.id, x.source, x.agency, x.local_id, x.given, x.family, x.dob, x.sex, x.nhs,
                    case when x.agency_ids = '' then '{}'::text[] else string_to_array(x.agency_ids, chr(31)) end,
                    x.postcode, x.uprn, x.line, x.phone, x.email, x.given_key, x.family_key, x.ethnicity, x.reference
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[])
                    as x(id, source, agency, local_id, given, family, dob, sex, nhs, agency_ids, postcode, uprn, line, phone,
                         email, given_key, family_key, ethnicity, reference)""")
                .params(c.id, c.source, c.agency, c.localId, c.given, c.family, c.dob, c.sex, c.nhs, c.agencyIds, c.postcode,
                        c.uprn, c.line, c.phone, c.email, c.givenKey, c.familyKey, c.ethnicity, c.reference)
                .update();
        return new Unlinked(people, ids, c);
    }

    /** Links kept person records: the deterministic rules, then the matcher; locks their keys to commit unless all are held. */
    private void link(Unlinked kept, boolean allKeysHeld) {
        List<Arrival> people = kept.people();
        long[] ids = kept.ids();
        Columns c = kept.c();
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
        Known known = known(people, c, allKeysHeld);
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
        List<Review> reviews = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PersonRecord p = people.get(i).person();
            String nhs = c.nhs[i] != null && NhsNumber.Validator.isValid(c.nhs[i]) ? c.nhs[i] : null;
            // an exact key links for certain, but only to a subject whose records the record could be one person
            // with: a key that leads to somebody clearly different (a twin's NHS number typed on the other twin's
            // record) is a recording error for an analyst, not a reason to join them
            List<Match> keyed = known.all(p, c.nhs[i], c.nameKey(i));
            long record = ids[i];
            Match match = null;
            for (Match m : keyed) {
                if (!probable.compatible(prepared[i], m.subject())) {
                    if (conflicts.stream().noneMatch(x -> x.record() == record && x.subject().equals(m.subject()))) {
                        conflicts.add(new Conflict(record, prepared[i], m.subject(), m.kind(), m.value()));
                    }
                } else if (match == null) {
                    match = m;
                } else if (!m.subject().equals(match.subject())) {
                    // the record's other keys held by other subjects: the same person, made two subjects before
                    merges.add(new Merge(m.subject(), match.subject(), m.kind()));
                }
            }
            if (match == null && !keyed.isEmpty()) {
                match = new Match(UUID.randomUUID(), "new-subject", null, null);
                fresh.add(match.subject().toString());
            } else if (match == null) {
                ProbableLinks.Decision d = probable.decide(prepared[i], blockKeys[i], nhs);
                if (d.links()) {
                    match = new Match(d.subject(), "probabilistic", null, null, d.score());
                } else {
                    match = new Match(UUID.randomUUID(), "new-subject", null, null);
                    fresh.add(match.subject().toString());
                    if (d.review()) {
                        reviews.add(new Review(ids[i], d.candidateRecordId(), d.score(), d.contributions(), d.cause()));
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
        // each person's keys, for the records that come later; a key another subject holds stays with it
        Keys held = new Keys();
        for (int i = 0; i < n; i++) {
            held.of(people.get(i).person(), c.nhs[i], c.nameKey(i), subjects[i]);
        }
        jdbc.sql("""
                insert into subject_key (kind, value, subject_id)
                select * from unnest(?::text[], ?::text[], ?::uuid[]) k(kind, value, subject)
                order by k.kind, k.value -- one order for every writer: concurrent batches do not deadlock
                on conflict do nothing""")
                .params(held.kinds.toArray(String[]::new), held.values.toArray(String[]::new),
                        held.subjects.toArray(String[]::new))
                .update();
        jdbc.sql("""
                insert into subject_link (person_record_id, subject_id, method, score, status, decided_by)
                select x.record, x.subject, x.method, x.score, 'auto',
                       case when x.method = 'probabilistic' then ? else ? end
                from unnest(?::bigint[], ?::uuid[], ?::text[], ?::float8[]) as x(record, subject, method, score)""")
                .params(MATCHER, RESOLVER, c.id, Arrays.stream(subjects).map(UUID::toString).toArray(String[]::new), methods,
                        scores)
                .update();
        Blocks.file(jdbc, Arrays.asList(c.id), Arrays.asList(blockKeys));
        reviews.addAll(conflicting(weights.model(), conflicts));
        propose(jdbc, probable.modelId(), reviews);
        merge(merges);
    }

    /** Merges by rule the subjects the batch's records found holding one another's keys (see {@link IdentityDecisions#mergeByRule}). */
    private void merge(List<Merge> merges) {
        Map<UUID, UUID> mergedInto = new HashMap<>();
        for (Merge m : merges) {
            UUID from = follow(mergedInto, m.from());
            UUID to = follow(mergedInto, m.to());
            if (!from.equals(to) && decisions.mergeByRule(from, to, m.rule())) {
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

    /**
     * A subject a record is linked to, by {@code method}; for an exact key, its {@code kind} and {@code value}.
     */
    private record Match(UUID subject, String method, String kind, String value, double score) {
        Match(UUID subject, String method, String kind, String value) {
            this(subject, method, kind, value, 1.0);
        }
    }

    /** An arriving record whose exact key ({@code kind}, {@code value}) leads to a subject it clearly differs from. */
    private record Conflict(long record, MatchModel.Prepared person, UUID subject, String kind, String value) {
    }

    /**
     * The pairs for an analyst that key conflicts make: the arriving record and the subject's record carrying
     * the key (else its newest), scored with the weights in force so the waterfall shows where they differ.
     */
    private List<Review> conflicting(MatchModel model, List<Conflict> conflicts) {
        List<Review> out = new ArrayList<>();
        for (Conflict x : conflicts) {
            jdbc.sql("""
                    select r.id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number, r.agency_ids, r.postcode,
                           r.uprn, r.phone, r.email
                    from subject_link l join person_record r on r.id = l.person_record_id
                    where l.subject_id = ? and l.status in ('auto', 'confirmed')
                    order by (? = any(r.agency_ids) or r.nhs_number = ?
                              or r.family_name_key || '|' || r.given_name_key || '|' || r.date_of_birth = ?) desc, r.id desc
                    limit 1""")
                    .params(x.subject(), x.value(), x.value(), x.value())
                    .query(rs -> {
                        MatchModel.Prepared held = MatchModel.prepare(MatchModels.person(rs.getString(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getArray(7),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                        MatchModel.Scored s = model.score(x.person(), held);
                        out.add(new Review(x.record(), rs.getLong(1), s.score(), s.contributions(),
                                LinkReviews.Cause.conflictOf(x.kind())));
                    });
        }
        return out;
    }

    /** Two subjects one record's keys lead to: {@code from} (found by a key of kind {@code rule}) joins {@code to}. */
    private record Merge(UUID from, UUID to, String rule) {
    }

    /** A pair for an analyst: the arriving record, the stored one it resembles, the score and its waterfall, and why. */
    record Review(long record, long candidate, double score, List<Contribution> contributions, LinkReviews.Cause cause) {
    }

    /** Queues pairs for review; a pair proposed before (whatever the analyst decided) is not proposed again. */
    static void propose(JdbcClient jdbc, Long modelId, List<Review> reviews) {
        if (reviews.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into link_review (person_record_id, candidate_record_id, score, contributions, model_id, cause)
                select x.record, x.candidate, x.score, x.contributions::jsonb, ?, x.cause
                from unnest(?::bigint[], ?::bigint[], ?::float8[], ?::text[], ?::text[])
                    as x(record, candidate, score, contributions, cause)
                on conflict do nothing""")
                .params(modelId, reviews.stream().map(Review::record).toArray(Long[]::new),
                        reviews.stream().map(Review::candidate).toArray(Long[]::new),
                        reviews.stream().map(Review::score).toArray(Double[]::new),
                        reviews.stream().map(r -> MatchModels.JSON.writeValueAsString(r.contributions())).toArray(String[]::new),
                        reviews.stream().map(r -> r.cause().code).toArray(String[]::new))
                .update();
    }

    /** The batch's people as columns, for statements that take one array per column. */
    private static final class Columns {
        final Long[] id;
        final Long[] source;
        final String[] agency;
        final String[] localId;
        final String[] given;
        final String[] family;
        final String[] dob;
        final String[] sex;
        final String[] nhs;
        final String[] agencyIds;
        final String[] postcode;
        final String[] uprn;
        final String[] line;
        final String[] phone;
        final String[] email;
        final String[] givenKey;
        final String[] familyKey;
        final String[] ethnicity;
        final String[] reference;

        Columns(int n) {
            id = new Long[n];
            source = new Long[n];
            agency = new String[n];
            localId = new String[n];
            given = new String[n];
            family = new String[n];
            dob = new String[n];
            sex = new String[n];
            nhs = new String[n];
            agencyIds = new String[n];
            postcode = new String[n];
            uprn = new String[n];
            line = new String[n];
            phone = new String[n];
            email = new String[n];
            givenKey = new String[n];
            familyKey = new String[n];
            ethnicity = new String[n];
            reference = new String[n];
        }

        void add(int i, long recordId, Arrival arrival) {
            PersonRecord p = arrival.person();
            Address home = p.addresses().isEmpty() ? null : p.addresses().get(0);
            id[i] = recordId;
            source[i] = arrival.sourceRecordId();
            agency[i] = arrival.agency();
            localId[i] = p.localId();
            given[i] = p.givenName();
            family[i] = p.familyName();
            dob[i] = p.dateOfBirth() == null ? null : p.dateOfBirth().toString();
            sex[i] = p.sex() == null ? null : p.sex().name();
            nhs[i] = p.nhsNumber() == null ? null : p.nhsNumber().replace(" ", "");
            agencyIds[i] = String.join("\u001f", p.agencyIds());
            postcode[i] = home == null ? null : Postcode.Validator.normalise(home.postcode());
            uprn[i] = home == null ? null : home.uprn();
            line[i] = home == null ? null : home.line();
            phone[i] = p.phone();
            email[i] = p.email();
            givenKey[i] = key(p.givenName());
            familyKey[i] = key(p.familyName());
            ethnicity[i] = p.ethnicity();
            reference[i] = arrival.sourceReference();
        }

        /** family|given|date of birth, or null when any is missing. */
        String nameKey(int i) {
            return dob[i] == null || givenKey[i] == null || familyKey[i] == null ? null
                    : familyKey[i] + "|" + givenKey[i] + "|" + dob[i];
        }
    }

    /** The subjects that already hold the batch's keys (agency ids, NHS numbers, names with dates of birth). */
    private Known known(List<Arrival> people, Columns c, boolean allKeysHeld) {
        Known known = new Known();
        Keys keys = new Keys();
        for (int i = 0; i < people.size(); i++) {
            keys.of(people.get(i).person(), c.nhs[i], c.nameKey(i), null);
        }
        if (!keys.kinds.isEmpty() && !allKeysHeld) {
            // a bulk load holds every key at once (exclusively): a batch first takes that lock shared
            jdbc.sql("select pg_advisory_xact_lock_shared(?, 0)").param(ALL_KEYS).query((rs, n) -> 1).list();
            // Two batches about one new person (two feeds, or two hub instances) must not both find the key free
            // and make two subjects: each batch locks its keys until it commits, in one order so none deadlock,
            // and reads the keys only once it holds them.
            jdbc.sql("""
                    select pg_advisory_xact_lock(?, h) from (
                        select distinct hashtext(kind || '|' || value) as h from unnest(?::text[], ?::text[]) as x(kind, value)
                        order by 1) locks""")
                    .params(KEY_LOCKS, keys.kinds.toArray(String[]::new), keys.values.toArray(String[]::new))
                    .query((rs, n) -> 1).list();
        }
        if (!keys.kinds.isEmpty()) {
            jdbc.sql("""
                    select k.kind, k.value, s.subject_id
                    from (select distinct * from unnest(?::text[], ?::text[])) k(kind, value)
                    join subject_key s on s.kind = k.kind and s.value = k.value""")
                    .params(keys.kinds.toArray(String[]::new), keys.values.toArray(String[]::new))
                    .query(rs -> {
                        known.byKind(rs.getString(1)).put(rs.getString(2), rs.getObject(3, UUID.class));
                    });
        }
        return known;
    }

    /** Keys as two columns (kind, value), with the subject each is to be given when saved. */
    private static final class Keys {
        final List<String> kinds = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();

        void of(PersonRecord p, String nhs, String nameKey, UUID subject) {
            p.agencyIds().forEach(id -> add(AGENCY_ID, id, subject));
            if (nhs != null && NhsNumber.Validator.isValid(nhs)) {
                add(NHS_NUMBER, nhs, subject);
            }
            if (nameKey != null) {
                add(NAME_DOB, nameKey, subject);
            }
        }

        private void add(String kind, String value, UUID subject) {
            kinds.add(kind);
            values.add(value);
            subjects.add(subject == null ? null : subject.toString());
        }
    }

    /** The advisory lock class of identity keys (the audit's locks use the one-number form, apart from these). */
    private static final int KEY_LOCKS = 7301;
    /** The advisory lock class of all identity and blocking keys at once (a bulk load's, see {@link #lockAllKeys}). */
    static final int ALL_KEYS = 7300;
    private static final String AGENCY_ID = "agency-id";
    private static final String NHS_NUMBER = "nhs-number";
    private static final String NAME_DOB = "name-dob";

    /** Subjects by the keys that link deterministically, tried in the rules' order. */
    private static final class Known {
        final Map<String, UUID> byAgencyId = new HashMap<>();
        final Map<String, UUID> byNhsNumber = new HashMap<>();
        final Map<String, UUID> byName = new HashMap<>();

        Map<String, UUID> byKind(String kind) {
            return switch (kind) {
                case AGENCY_ID -> byAgencyId;
                case NHS_NUMBER -> byNhsNumber;
                default -> byName;
            };
        }

        /** Every subject one of the record's keys leads to, in the rules' order, each with its key. */
        List<Match> all(PersonRecord p, String nhs, String nameKey) {
            List<Match> found = new ArrayList<>();
            for (String id : p.agencyIds()) {
                UUID subject = byAgencyId.get(id);
                if (subject != null) {
                    found.add(new Match(subject, "agency-id", AGENCY_ID, id));
                }
            }
            if (nhs != null && NhsNumber.Validator.isValid(nhs) && byNhsNumber.containsKey(nhs)) {
                found.add(new Match(byNhsNumber.get(nhs), "nhs-number", NHS_NUMBER, nhs));
            }
            if (nameKey != null && byName.containsKey(nameKey)) {
                found.add(new Match(byName.get(nameKey), "name-and-date-of-birth", NAME_DOB, nameKey));
            }
            return found;
        }

        /** The subjects the stored keys lead to. */
        Set<UUID> subjects() {
            Set<UUID> all = new HashSet<>(byAgencyId.values());
            all.addAll(byNhsNumber.values());
            all.addAll(byName.values());
            return all;
        }

        void remember(PersonRecord p, String nhs, String nameKey, UUID subject) {
            p.agencyIds().forEach(id -> byAgencyId.putIfAbsent(id, subject));
            if (nhs != null && NhsNumber.Validator.isValid(nhs)) {
                byNhsNumber.putIfAbsent(nhs, subject);
            }
            if (nameKey != null) {
                byName.putIfAbsent(nameKey, subject);
            }
        }
    }

    @Override
    public List<UUID> search(SubjectQuery q, Collection<String> agencies, Collection<UUID> onlySubjects, long offset,
            int limit) {
        if (agencies.isEmpty() || (onlySubjects != null && onlySubjects.isEmpty())) {
            return List.of();
        }
        // only the criteria given, so that each search is planned for them (a catch-all "? is null or ..."
        // statement gets one generic plan that scans every subject): matching records by index, then subjects
        StringBuilder where = new StringBuilder("r.agency = any(?::text[])");
        List<Object> params = new ArrayList<>();
        params.add(agencies.toArray(String[]::new));
        String name = key(q.name());
        if (name != null) {
            where.append(" and (r.given_name_key like ? or r.family_name_key like ?")
                    .append(name.contains(" ") ? " or (r.given_name_key || ' ' || r.family_name_key) like ?)" : ")");
            params.add(name + "%");
            params.add(name + "%");
            if (name.contains(" ")) {
                params.add(name + "%");
            }
        }
        if (q.dateOfBirth() != null) {
            where.append(" and r.date_of_birth = ?");
            params.add(Date.valueOf(q.dateOfBirth()));
        }
        if (q.nhsNumber() != null) {
            where.append(" and r.nhs_number = ?");
            params.add(q.nhsNumber().replace(" ", ""));
        }
        if (q.postcode() != null) {
            where.append(" and r.postcode = ?");
            params.add(Postcode.Validator.normalise(q.postcode()));
        }
        if (onlySubjects != null) {
            where.append(" and l.subject_id = any(?::uuid[])");
            params.add(onlySubjects.toArray(UUID[]::new));
        }
        params.add(offset);
        params.add(limit);
        return jdbc.sql("""
                select s.id from subject s where s.id in (
                    select l.subject_id from person_record r
                    join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                    where %s)
                order by s.created_at, s.id
                offset ? limit ?""".formatted(where))
                .params(params)
                .query(UUID.class).list();
    }

    @Override
    public Map<UUID, List<KnownPerson>> records(Collection<UUID> subjectIds) {
        Map<UUID, List<KnownPerson>> bySubject = new LinkedHashMap<>();
        subjectIds.forEach(id -> bySubject.put(id, new ArrayList<>()));
        if (subjectIds.isEmpty()) {
            return bySubject;
        }
        jdbc.sql("""
                select r.id, l.subject_id, r.agency, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.source_record_id, r.source_reference
                from subject_link l join person_record r on r.id = l.person_record_id
                where l.subject_id = any(?) and l.status in ('auto', 'confirmed')
                order by r.id desc""")
                .param(subjectIds.toArray(UUID[]::new))
                .query((rs, n) -> new KnownPerson(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11)))
                .list()
                .forEach(person -> bySubject.get(person.subjectId()).add(person));
        return bySubject;
    }

    @Override
    public Map<Long, KnownPerson> personRecords(Collection<Long> recordIds) {
        Map<Long, KnownPerson> byId = new LinkedHashMap<>();
        if (recordIds.isEmpty()) {
            return byId;
        }
        jdbc.sql("""
                select r.id, l.subject_id, r.agency, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.source_record_id, r.source_reference
                from person_record r join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                where r.id = any(?::bigint[])""")
                .param(recordIds.toArray(Long[]::new))
                .query((rs, n) -> new KnownPerson(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11)))
                .list()
                .forEach(person -> byId.put(person.id(), person));
        return byId;
    }

    /** Lower case, accents and punctuation removed, single spaces: "O'Brien-Smith " -> "obrien smith". */
    static String key(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String key = plain.toLowerCase(Locale.ROOT).replaceAll("['’.]", "").replaceAll("[^a-z0-9]+", " ").trim();
        return key.isEmpty() ? null : key;
    }
}
