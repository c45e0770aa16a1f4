package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import uk.safeguarding.connectors.canonical.PersonRecord;

/** Trains the model on a set of records, clusters them, and links later records one at a time. */
final class Linker implements RecordLinkage {

    private final Thresholds thresholds;
    private final Model model;
    /** Distinct records ("profiles"): identical identifying records are compared once. */
    private final Profiles profiles;
    private final Ints profileOfRecord = new Ints();
    private final CertainLinks certain;
    private final Clusters auto = new Clusters();
    private final Clusters withReviews = new Clusters();
    private boolean[] inReview = new boolean[0];
    /** Profiles without the discriminating fields that resemble clusters of different people (training only). */
    private boolean[] ambiguous;
    /** The candidate pairs (two profile ids in a long), their patterns and scores: kept for diagnostics. */
    long[] pairs;
    int[] patterns;
    float[] scores;
    private Stats stats;

    private Linker(Thresholds thresholds, Model model) {
        this.thresholds = thresholds;
        this.model = model;
        this.profiles = new Profiles(model);
        this.certain = new CertainLinks(profiles);
    }

    static Linker train(List<PersonRecord> records, Thresholds thresholds) {
        Linker linker = new Linker(thresholds, new Model());
        linker.trainAndLink(records);
        return linker;
    }

    private void trainAndLink(List<PersonRecord> records) {
        long start = System.nanoTime();
        Map<String, Integer> bySignature = new HashMap<>();
        for (PersonRecord r : records) {
            Person p = Person.of(r);
            Integer same = p.identifying() ? bySignature.get(p.signature()) : null;
            if (same == null) {
                same = addProfile(p);
                if (p.identifying()) {
                    bySignature.put(p.signature(), same);
                }
            }
            profileOfRecord.add(same);
        }
        int n = profiles.size();
        pairs = profiles.candidatePairs();

        // learn: term frequencies, u from random pairs, then m and lambda by EM over the candidate pairs
        model.countNames(profiles.list());
        model.estimateU(profiles.list(), 400_000, 42);
        patterns = new int[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(i ->
                this.patterns[i] = Model.pattern(profiles.get(Profiles.first(pairs[i])), profiles.get(Profiles.second(pairs[i]))));
        Map<Integer, Long> counts = new HashMap<>();
        for (int p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        model.train(counts, 100);
        long trained = System.nanoTime();

        scores = new float[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(i ->
                this.scores[i] = (float) score(this.patterns[i], profiles.get(Profiles.first(pairs[i]))));
        // deterministic rules first, then the pairs from the best score down
        for (int i = 0; i < n; i++) {
            certain.link(i, auto, withReviews);
        }
        PairClustering clustering = new PairClustering(profiles, pairs, scores, thresholds.lower());
        ambiguous = clustering.cluster(auto, thresholds.upper(), null);
        clustering.cluster(withReviews, thresholds.lower(), ambiguous);
        inReview = new boolean[n];
        long review = 0;
        for (int i = 0; i < n; i++) {
            if (ambiguous[i] || certain.conflicting(i)) {
                inReview[i] = true;
                review++;
            }
        }
        for (int i = 0; i < pairs.length; i++) {
            int a = Profiles.first(pairs[i]);
            int b = Profiles.second(pairs[i]);
            // a pair between the thresholds is a question for an analyst, unless its clusters clearly hold different
            // people or nothing in them could tell a person from a relative of one name (see onePerson)
            if (scores[i] >= thresholds.lower() && scores[i] < thresholds.upper() && auto.find(a) != auto.find(b)
                    && !profiles.apart(auto.members(auto.find(a)), auto.members(auto.find(b)))
                    && profiles.onePerson(auto.members(auto.find(a)), auto.members(auto.find(b)))) {
                inReview[a] = true;
                inReview[b] = true;
                review++;
            }
        }
        certain.trained = profiles.size();
        long linked = System.nanoTime();
        stats = new Stats(records.size(), n, pairs.length, model.iterations, (trained - start) / 1_000_000,
                (linked - trained) / 1_000_000, review);
    }

    private int addProfile(Person p) {
        int id = profiles.add(p);
        auto.add();
        withReviews.add();
        return id;
    }

    /** The score from a pair's pattern, with term frequencies for exact names. */
    private double score(int pattern, Person a) {
        double s = model.prior();
        for (Comparison c : Model.C) {
            int l = Model.level(pattern, c);
            if (l != Comparison.NULL) {
                s += model.weight(c, l, a);
            }
        }
        return s;
    }

    /** Two records that clearly differ (see {@link Compatibility#apart}). */
    boolean clearlyApart(Person a, Person b) {
        return Compatibility.apart(List.of(a), List.of(b), model);
    }

    @Override
    public RecordLinkage withoutRecords() {
        Linker empty = new Linker(thresholds, model);
        empty.stats = stats;
        empty.certain.trained = 0;
        return empty;
    }

    @Override
    public int cluster(int record) {
        return auto.find(profileOfRecord.values[record]);
    }

    @Override
    public int clusterWithReviews(int record) {
        return withReviews.find(profileOfRecord.values[record]);
    }

    @Override
    public boolean inReview(int record) {
        int p = profileOfRecord.values[record];
        return p < inReview.length && inReview[p];
    }

    @Override
    public int size() {
        return profileOfRecord.size;
    }

    @Override
    public Stats stats() {
        return stats;
    }

    int profileOf(int record) {
        return profileOfRecord.values[record];
    }

    /** A profile's automatic cluster. */
    int cluster0(int profile) {
        return auto.find(profile);
    }

    Person profile(int id) {
        return profiles.get(id);
    }

    Model model() {
        return model;
    }

    @Override
    public Outcome link(PersonRecord record) {
        Person p = Person.of(record);
        // the best-scoring candidate in each cluster, and which cluster is best
        Map<Integer, Integer> candidates = new HashMap<>();
        Map<Integer, Double> scores = new HashMap<>();
        for (String key : Blocking.keys(p)) {
            Ints block = profiles.block(key);
            if (block == null || block.size > Blocking.MAX_BLOCK) {
                continue;
            }
            for (int i = 0; i < block.size; i++) {
                int other = block.values[i];
                if (!scores.containsKey(other)) {
                    scores.put(other, model.score(p, profiles.get(other)));
                }
            }
        }
        int profile = addProfile(p);
        profileOfRecord.add(profile);
        inReview = Arrays.copyOf(inReview, profiles.size());
        String byKey = certain.link(profile, auto, withReviews);
        if (byKey != null) {
            return new Outcome(size() - 1, auto.find(profile), Double.POSITIVE_INFINITY, Decision.LINK, byKey, List.of());
        }
        if (certain.conflicting(profile)) {
            inReview[profile] = true;
            return new Outcome(size() - 1, auto.find(profile), Double.POSITIVE_INFINITY, Decision.REVIEW, "conflicting-key",
                    List.of());
        }
        for (Map.Entry<Integer, Double> e : scores.entrySet()) {
            int cluster = auto.find(e.getKey());
            Integer held = candidates.get(cluster);
            if (held == null || scores.get(held) < e.getValue()) {
                candidates.put(cluster, e.getKey());
            }
        }
        if (candidates.isEmpty()) {
            return new Outcome(size() - 1, auto.find(profile), Double.NEGATIVE_INFINITY, Decision.NEW, "no-candidate", List.of());
        }
        // clusters from the best candidate down; the first the record is compatible with throughout
        List<Integer> ranked = new ArrayList<>(candidates.keySet());
        ranked.sort((x, y) -> Double.compare(scores.get(candidates.get(y)), scores.get(candidates.get(x))));
        int own = auto.find(profile);
        if (!Compatibility.discriminating(p)) {
            List<Integer> resembled = ranked.stream().filter(c -> scores.get(candidates.get(c)) >= thresholds.lower()).toList();
            if (profiles.differentPeople(auto, resembled)) {
                int best = candidates.get(ranked.get(0));
                inReview[profile] = true;
                return new Outcome(size() - 1, ranked.get(0), scores.get(best), Decision.REVIEW, "ambiguous",
                        contributions(p, profiles.get(best)));
            }
        }
        Integer chosen = null;
        for (int cluster : ranked) {
            if (!profiles.apart(auto.members(cluster), auto.members(own))) {
                chosen = cluster;
                break;
            }
        }
        if (chosen == null) {
            int best = candidates.get(ranked.get(0));
            return new Outcome(size() - 1, own, scores.get(best), Decision.NEW, "incompatible", contributions(p, profiles.get(best)));
        }
        int match = candidates.get(chosen);
        double score = scores.get(match);
        List<Contribution> waterfall = contributions(p, profiles.get(match));
        if (score >= thresholds.lower() && !profiles.onePerson(auto.members(chosen), auto.members(own))) {
            // nothing says which of a family's people of that name it is: apart, not a question either
            return new Outcome(size() - 1, own, score, Decision.NEW, "undated", waterfall);
        }
        if (score >= thresholds.upper()) {
            auto.union(chosen, profile);
            withReviews.union(chosen, profile);
            return new Outcome(size() - 1, auto.find(profile), score, Decision.LINK, "probabilistic", waterfall);
        }
        if (score >= thresholds.lower()) {
            inReview[profile] = true;
            return new Outcome(size() - 1, chosen, score, Decision.REVIEW, "probabilistic", waterfall);
        }
        return new Outcome(size() - 1, own, score, Decision.NEW, "probabilistic", waterfall);
    }

    /** Each field's part in a pair's score, prior first: the analyst's waterfall. */
    List<Contribution> contributions(Person a, Person b) {
        List<Contribution> out = new ArrayList<>();
        out.add(new Contribution("prior", "share of candidate pairs that match", model.prior()));
        for (Comparison c : Model.C) {
            int l = c.level(a, b);
            out.add(l == Comparison.NULL ? new Contribution(c.name(), "missing", 0)
                    : new Contribution(c.name(), c.levels[l], model.weight(c, l, a)));
        }
        return out;
    }
}
