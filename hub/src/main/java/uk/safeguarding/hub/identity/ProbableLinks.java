package uk.safeguarding.hub.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.MatchModel.Prepared;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Contribution;

/**
 * One batch's probabilistic step, for the records the deterministic rules leave without a subject: the
 * stored records filed under the same blocking keys (read once for the batch, after locking the keys so
 * that two batches about one new person see each other's records), then, record by record, the best
 * subject among them and the batch's earlier records. Above the upper threshold the record joins it;
 * between the thresholds it gets a subject of its own and the pair goes to review; below, a subject of
 * its own. A subject holding a different valid NHS number, or any record that clearly differs (on date
 * of birth, given name or sex, whether or not it shares a blocking key) is never joined: the record goes
 * to the best subject it is compatible with throughout. A record without a date of birth or given name
 * that resembles two subjects of different people is not linked to either and goes to review; one that
 * resembles a single subject joins it only on a shared mobile number or e-mail address (a father and son
 * of one name at one address share everything else), and otherwise gets a subject of its own.
 */
final class ProbableLinks {

    /** Advisory lock class of blocking keys (the identity keys' is 7301). */
    private static final int BLOCK_LOCKS = 7302;

    private final MatchModels.Current weights;
    private final MatchModel model;
    /** Stored candidates by id, and the ids filed under each key. */
    private final Map<Long, Candidate> stored = new HashMap<>();
    private final Map<Long, List<Long>> byKey = new HashMap<>();
    /** The valid NHS numbers each candidate subject holds. */
    private final Map<UUID, Set<String>> nhsBySubject = new HashMap<>();
    /** The batch's records decided so far, as candidates for the ones after them. */
    private final Map<Long, List<Candidate>> batchByKey = new HashMap<>();
    /**
     * Every live record of each candidate subject (its discriminating fields), not only those under the
     * arriving record's keys: a record joins a subject only if compatible with all of them.
     */
    private final Map<UUID, List<Prepared>> held = new HashMap<>();

    record Candidate(long recordId, UUID subject, Prepared person, String nhs) {
    }

    /** What became of a record: the subject to join (null: a new one), and the pair to review, if any, and why. */
    record Decision(UUID subject, double score, long candidateRecordId, List<Contribution> contributions,
            LinkReviews.Cause cause) {
        Decision(UUID subject, double score, long candidateRecordId, List<Contribution> contributions) {
            this(subject, score, candidateRecordId, contributions, LinkReviews.Cause.SCORE);
        }

        boolean links() {
            return subject != null;
        }

        boolean review() {
            return subject == null && contributions != null;
        }
    }

    private ProbableLinks(MatchModels.Current weights) {
        this.weights = weights;
        this.model = weights.model();
    }

    /**
     * Locks the keys of the open records and reads their stored candidates, in two statements (three
     * when an open record has a valid NHS number: the candidate subjects' NHS numbers); reads with the
     * candidate subjects' records those of {@code keySubjects}, the subjects the batch's exact keys lead to,
     * for {@link #compatible}.
     */
    static ProbableLinks read(JdbcClient jdbc, MatchModels.Current weights, long[][] openKeys, boolean anyNhs,
            boolean allKeysHeld, Set<UUID> keySubjects) {
        ProbableLinks links = new ProbableLinks(weights);
        Set<Long> keys = new HashSet<>();
        for (long[] k : openKeys) {
            for (long key : k) {
                keys.add(key);
            }
        }
        if (!keys.isEmpty()) {
            links.readCandidates(jdbc, keys.toArray(Long[]::new), allKeysHeld);
        }
        Set<String> subjects = new HashSet<>();
        keySubjects.forEach(s -> subjects.add(s.toString()));
        links.stored.values().forEach(c -> subjects.add(c.subject().toString()));
        if (!subjects.isEmpty()) {
            links.readHeld(jdbc, subjects.toArray(String[]::new), anyNhs && !links.stored.isEmpty());
        }
        return links;
    }

    /** The stored records filed under the open records' blocking keys, locked first unless all are held. */
    private void readCandidates(JdbcClient jdbc, Long[] all, boolean allKeysHeld) {
        if (!allKeysHeld) {
            jdbc.sql("select pg_advisory_xact_lock_shared(?, 0)").param(IdentityKeys.ALL_KEYS)
                    .query((rs, n) -> 1).list();
            jdbc.sql("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(k::text) as h from unnest(?::bigint[]) k order by 1) locks""")
                .params(BLOCK_LOCKS, all)
                .query((rs, n) -> 1).list();
        }
        int max = MatchModel.maxBlock();
        jdbc.sql("""
                with hits as (
                    select k.key, b.person_record_id
                    from unnest(?::bigint[]) k(key)
                    cross join lateral (select m.person_record_id from match_block m where m.key = k.key limit ?) b),
                small as (select key from hits group by key having count(*) <= ?)
                -- a repeat victim's many alike records are one candidate: the same subject and compared fields score alike
                select distinct on (h.key, l.subject_id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.uprn, r.phone, r.email)
                       h.key, r.id, l.subject_id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.agency_ids, r.postcode, r.uprn, r.phone, r.email
                from hits h join small using (key)
                join person_record r on r.id = h.person_record_id
                join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                order by h.key, l.subject_id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.uprn, r.phone, r.email, r.id""")
                .params(all, max + 1, max)
                .query(rs -> {
                    long id = rs.getLong(2);
                    byKey.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(id);
                    if (!stored.containsKey(id)) {
                        var person = MatchModels.person(rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
                                rs.getString(7), rs.getString(8), rs.getArray(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13));
                        stored.put(id, new Candidate(id, rs.getObject(3, UUID.class), MatchModel.prepare(person),
                                rs.getString(8)));
                    }
                });
    }

    /** Every live record of the subjects, and with {@code nhs} the subjects' NHS numbers. */
    private void readHeld(JdbcClient jdbc, String[] subjects, boolean nhs) {
        jdbc.sql("""
                select distinct l.subject_id, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.uprn, r.phone, r.email
                from subject_link l join person_record r on r.id = l.person_record_id
                where l.subject_id = any(?::uuid[]) and l.status in ('auto', 'confirmed')""")
                .param(subjects)
                .query(rs -> {
                    var person = MatchModels.person(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                            rs.getString(5), rs.getString(6), null, rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10));
                    held.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(MatchModel.prepare(person));
                });
        if (nhs) {
            // a subject's NHS numbers, whichever of its records carry them: a different one forbids the link
            jdbc.sql("select subject_id, value from subject_key where kind = 'nhs-number' and subject_id = any(?::uuid[])")
                    .param(subjects)
                    .query(rs -> {
                        nhsBySubject.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>())
                                .add(rs.getString(2));
                    });
        }
    }

    /** Decides one open record; {@code nhs} is its valid NHS number or null. */
    Decision decide(Prepared arriving, long[] keys, String nhs) {
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        for (long key : keys) {
            for (long id : byKey.getOrDefault(key, List.of())) {
                candidates.putIfAbsent(id, stored.get(id));
            }
            for (Candidate c : batchByKey.getOrDefault(key, List.of())) {
                candidates.putIfAbsent(c.recordId(), c);
            }
        }
        // the best candidate of each subject, scoring each distinct record once
        Map<String, MatchModel.Scored> bySignature = new HashMap<>();
        Map<UUID, Candidate> best = new HashMap<>();
        Map<UUID, MatchModel.Scored> bestScore = new HashMap<>();
        Map<UUID, List<Candidate>> members = new HashMap<>();
        for (Candidate c : candidates.values()) {
            members.computeIfAbsent(c.subject(), k -> new ArrayList<>()).add(c);
            MatchModel.Scored s = bySignature.computeIfAbsent(c.person().signature(), k -> model.score(arriving, c.person()));
            MatchModel.Scored held = bestScore.get(c.subject());
            if (held == null || s.score() > held.score()) {
                best.put(c.subject(), c);
                bestScore.put(c.subject(), s);
            }
        }
        // subjects from the best candidate down, a different NHS number ruling one out
        List<UUID> ranked = new ArrayList<>();
        for (UUID subject : best.keySet()) {
            if (!conflictingNhs(subject, nhs, members.get(subject))) {
                ranked.add(subject);
            }
        }
        if (ranked.isEmpty()) {
            return new Decision(null, Double.NEGATIVE_INFINITY, 0, null);
        }
        ranked.sort((x, y) -> Double.compare(bestScore.get(y).score(), bestScore.get(x).score()));
        UUID top = ranked.get(0);
        if (!MatchModel.discriminating(arriving)) {
            // no date of birth or given name: resembling two different people, it could be either of them
            List<UUID> resembled = ranked.stream()
                    .filter(subject -> bestScore.get(subject).score() >= model.thresholds().lower()).toList();
            if (differentPeople(resembled)) {
                MatchModel.Scored s = bestScore.get(top);
                return new Decision(null, s.score(), best.get(top).recordId(), s.contributions(), LinkReviews.Cause.AMBIGUOUS);
            }
        }
        // the best subject the record is compatible with throughout, on every record it holds
        UUID chosen = null;
        for (UUID subject : ranked) {
            if (compatible(arriving, subject)) {
                chosen = subject;
                break;
            }
        }
        if (chosen == null) {
            return new Decision(null, bestScore.get(top).score(), 0, null);
        }
        MatchModel.Scored s = bestScore.get(chosen);
        Candidate match = best.get(chosen);
        if (s.score() >= model.thresholds().lower() && !MatchModel.onePerson(arriving, records(chosen))) {
            // undated on one side, and nothing personal shared: it could be a relative of one name and address
            return new Decision(null, s.score(), 0, null);
        }
        if (s.score() >= model.thresholds().upper()) {
            return new Decision(chosen, s.score(), match.recordId(), s.contributions());
        }
        if (s.score() >= model.thresholds().lower()) {
            return new Decision(null, s.score(), match.recordId(), s.contributions());
        }
        return new Decision(null, s.score(), 0, null);
    }

    /**
     * Whether the record may be one person with every record the subject holds (group to group: see
     * {@link MatchModel#clearlyApart}); the subject must be a candidate, a key subject or one of the batch's.
     */
    boolean compatible(Prepared arriving, UUID subject) {
        return !model.clearlyApart(List.of(arriving), records(subject));
    }

    /** Whether any two of the subjects clearly hold different people. */
    private boolean differentPeople(List<UUID> subjects) {
        for (int i = 0; i < subjects.size(); i++) {
            for (int j = i + 1; j < subjects.size(); j++) {
                if (model.clearlyApart(records(subjects.get(i)), records(subjects.get(j)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Prepared> records(UUID subject) {
        return held.getOrDefault(subject, List.of());
    }

    private boolean conflictingNhs(UUID subject, String nhs, List<Candidate> members) {
        if (nhs == null) {
            return false;
        }
        Set<String> held = new HashSet<>(nhsBySubject.getOrDefault(subject, Set.of()));
        members.stream().map(Candidate::nhs).filter(n -> n != null).forEach(held::add);
        held.remove(nhs);
        // only valid numbers are keys; a member's invalid one says nothing
        return held.stream().anyMatch(n -> uk.safeguarding.connectors.canonical.NhsNumber.Validator.isValid(n));
    }

    /** A record of the batch, now with its subject, as a candidate for the batch's later records. */
    void remember(long recordId, UUID subject, Prepared person, long[] keys, String nhs) {
        Candidate c = new Candidate(recordId, subject, person, nhs);
        held.computeIfAbsent(subject, k -> new ArrayList<>()).add(person);
        for (long key : Arrays.stream(keys).distinct().toArray()) {
            batchByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
    }

    /** The row the weights came from (null: the shipped weights), for the review's record. */
    Long modelId() {
        return weights.id();
    }
}
