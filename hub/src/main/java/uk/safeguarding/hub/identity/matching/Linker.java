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
    private final List<Person> profiles = new ArrayList<>();
    private final Ints profileOfRecord = new Ints();
    private final Map<String, Ints> index = new HashMap<>();
    private final Map<String, Integer> byNhs = new HashMap<>();
    private final Map<String, Integer> byAgencyId = new HashMap<>();
    private final Clusters auto = new Clusters();
    private final Clusters withReviews = new Clusters();
    private boolean[] inReview = new boolean[0];
    /** The candidate pairs (two profile ids in a long), their patterns and scores: kept for diagnostics. */
    long[] pairs;
    int[] patterns;
    float[] scores;
    private Stats stats;

    private Linker(Thresholds thresholds, Model model) {
        this.thresholds = thresholds;
        this.model = model;
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
        pairs = candidatePairs();

        // learn: term frequencies, u from random pairs, then m and lambda by EM over the candidate pairs
        model.countNames(profiles);
        model.estimateU(profiles, 400_000, 42);
        patterns = new int[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(i ->
                this.patterns[i] = Model.pattern(profiles.get(first(pairs[i])), profiles.get(second(pairs[i]))));
        Map<Integer, Long> counts = new HashMap<>();
        for (int p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        model.train(counts, 100);
        long trained = System.nanoTime();

        scores = new float[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(i ->
                this.scores[i] = (float) score(this.patterns[i], profiles.get(first(pairs[i]))));
        // deterministic rules first, then the pairs from the best score down
        for (int i = 0; i < n; i++) {
            linkForCertain(i, auto, withReviews);
        }
        cluster(auto, pairs, scores, thresholds.upper());
        cluster(withReviews, pairs, scores, thresholds.lower());
        inReview = new boolean[n];
        long review = 0;
        for (int i = 0; i < pairs.length; i++) {
            int a = first(pairs[i]);
            int b = second(pairs[i]);
            if (scores[i] >= thresholds.lower() && scores[i] < thresholds.upper() && auto.find(a) != auto.find(b)) {
                inReview[a] = true;
                inReview[b] = true;
                review++;
            }
        }
        long linked = System.nanoTime();
        stats = new Stats(records.size(), n, pairs.length, model.iterations, (trained - start) / 1_000_000,
                (linked - trained) / 1_000_000, review);
    }

    private int addProfile(Person p) {
        int id = profiles.size();
        profiles.add(p);
        auto.add();
        withReviews.add();
        for (String key : Blocking.keys(p)) {
            index.computeIfAbsent(key, k -> new Ints()).add(id);
        }
        return id;
    }

    /** The same valid NHS number or agency id: one person, whatever the score. */
    private String linkForCertain(int profile, Clusters... clusterings) {
        Person p = profiles.get(profile);
        String method = null;
        for (String id : p.agencyIds()) {
            Integer other = byAgencyId.putIfAbsent(id, profile);
            if (other != null && method == null) {
                for (Clusters c : clusterings) {
                    c.union(other, profile);
                }
                method = "agency-id";
            }
        }
        if (p.nhs() != null) {
            Integer other = byNhs.putIfAbsent(p.nhs(), profile);
            if (other != null && method == null) {
                for (Clusters c : clusterings) {
                    c.union(other, profile);
                }
                method = "nhs-number";
            }
        }
        return method;
    }

    private long[] candidatePairs() {
        long[] pairs = new long[1024];
        int size = 0;
        for (Ints block : index.values()) {
            if (block.size < 2 || block.size > Blocking.MAX_BLOCK) {
                continue;
            }
            for (int i = 0; i < block.size; i++) {
                for (int j = i + 1; j < block.size; j++) {
                    if (size == pairs.length) {
                        pairs = Arrays.copyOf(pairs, pairs.length * 2);
                    }
                    int a = Math.min(block.values[i], block.values[j]);
                    int b = Math.max(block.values[i], block.values[j]);
                    pairs[size++] = ((long) a << 32) | b;
                }
            }
        }
        long[] sorted = Arrays.copyOf(pairs, size);
        Arrays.parallelSort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, unique);
    }

    private static int first(long pair) {
        return (int) (pair >>> 32);
    }

    private static int second(long pair) {
        return (int) pair;
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

    /**
     * Merges clusters pair by pair, from the highest score down to {@code threshold}, but never two
     * clusters holding a pair that clearly differs: this stops A~B, B~C chaining A and C together.
     */
    private void cluster(Clusters clusters, long[] pairs, float[] scores, double threshold) {
        Integer[] order = IntStream.range(0, pairs.length).filter(i -> scores[i] >= threshold).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Float.compare(scores[y], scores[x]));
        for (int i : order) {
            int a = clusters.find(first(pairs[i]));
            int b = clusters.find(second(pairs[i]));
            if (a != b && !clearlyApart(clusters.members(a), clusters.members(b))) {
                clusters.union(a, b);
            }
        }
    }

    private boolean clearlyApart(Ints a, Ints b) {
        for (int i = 0; i < a.size; i++) {
            for (int j = 0; j < b.size; j++) {
                if (clearlyApart(profiles.get(a.values[i]), profiles.get(b.values[j]))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Different valid NHS numbers, or a score below the lower threshold where both have names and birth dates. */
    boolean clearlyApart(Person a, Person b) {
        if (a.nhs() != null && b.nhs() != null && !a.nhs().equals(b.nhs())) {
            return true;
        }
        return a.born() != null && b.born() != null && a.given() != null && b.given() != null && a.family() != null
                && b.family() != null && model.score(a, b) < thresholds.lower();
    }

    @Override
    public RecordLinkage withoutRecords() {
        Linker empty = new Linker(thresholds, model);
        empty.stats = stats;
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
            Ints block = index.get(key);
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
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : scores.entrySet()) {
            int cluster = auto.find(e.getKey());
            Integer held = candidates.get(cluster);
            if (held == null || scores.get(held) < e.getValue()) {
                candidates.put(cluster, e.getKey());
            }
            if (e.getValue() > bestScore) {
                bestScore = e.getValue();
                best = e.getKey();
            }
        }
        int profile = addProfile(p);
        profileOfRecord.add(profile);
        inReview = Arrays.copyOf(inReview, profiles.size());
        String certain = linkForCertain(profile, auto, withReviews);
        if (certain != null) {
            return new Outcome(size() - 1, auto.find(profile), Double.POSITIVE_INFINITY, Decision.LINK, certain, List.of());
        }
        if (best < 0) {
            return new Outcome(size() - 1, auto.find(profile), Double.NEGATIVE_INFINITY, Decision.NEW, "no-candidate", List.of());
        }
        Person match = profiles.get(best);
        List<Contribution> waterfall = contributions(p, match);
        int cluster = auto.find(best);
        boolean apart = clearlyApart(auto.members(cluster), auto.members(auto.find(profile)));
        if (bestScore >= thresholds.upper() && !apart) {
            auto.union(cluster, profile);
            withReviews.union(cluster, profile);
            return new Outcome(size() - 1, auto.find(profile), bestScore, Decision.LINK, "probabilistic", waterfall);
        }
        if (bestScore >= thresholds.lower()) {
            inReview[profile] = true;
            return new Outcome(size() - 1, cluster, bestScore, Decision.REVIEW, "probabilistic", waterfall);
        }
        return new Outcome(size() - 1, auto.find(profile), bestScore, Decision.NEW, "probabilistic", waterfall);
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

    /** A growable int array. */
    static final class Ints {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(Ints other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }
    }

    /** Union-find over profiles, keeping each cluster's members for the chaining check. */
    static final class Clusters {
        private int[] parent = new int[16];
        private final List<Ints> members = new ArrayList<>();
        private int size;

        void add() {
            if (size == parent.length) {
                parent = Arrays.copyOf(parent, size * 2);
            }
            parent[size] = size;
            Ints own = new Ints();
            own.add(size);
            members.add(own);
            size++;
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        Ints members(int root) {
            return members.get(root);
        }

        void union(int x, int y) {
            int a = find(x);
            int b = find(y);
            if (a == b) {
                return;
            }
            if (members.get(a).size < members.get(b).size) {
                int t = a;
                a = b;
                b = t;
            }
            parent[b] = a;
            members.get(a).addAll(members.get(b));
            members.set(b, null);
        }
    }
}
