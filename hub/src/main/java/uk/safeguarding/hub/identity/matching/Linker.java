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
        cluster(auto, pairs, scores, thresholds.upper(), null);
        cluster(withReviews, pairs, scores, thresholds.lower(), ambiguous);
        inReview = new boolean[n];
        long review = 0;
        for (int i = 0; i < n; i++) {
            if (ambiguous[i] || keyConflicts.contains(i)) {
                inReview[i] = true;
                review++;
            }
        }
        for (int i = 0; i < pairs.length; i++) {
            int a = first(pairs[i]);
            int b = second(pairs[i]);
            // a pair between the thresholds is a question for an analyst, unless its clusters clearly hold different
            // people or nothing in them could tell a person from a relative of one name (see onePerson)
            if (scores[i] >= thresholds.lower() && scores[i] < thresholds.upper() && auto.find(a) != auto.find(b)
                    && !clearlyApart(auto.members(auto.find(a)), auto.members(auto.find(b)))
                    && onePerson(auto.members(auto.find(a)), auto.members(auto.find(b)))) {
                inReview[a] = true;
                inReview[b] = true;
                review++;
            }
        }
        trainedProfiles = profiles.size();
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

    /**
     * The same valid NHS number or agency id: one person, whatever the score; but two clusters that
     * clearly hold different people are not merged through it (an earlier link was wrong): the record
     * waits for an analyst instead.
     */
    private String linkForCertain(int profile, Clusters... clusterings) {
        Person p = profiles.get(profile);
        String method = null;
        for (String id : p.agencyIds()) {
            Integer other = byAgencyId.putIfAbsent(id, profile);
            if (other != null && method == null) {
                method = unionForCertain(other, profile, "agency-id", clusterings);
            }
        }
        if (p.nhs() != null) {
            Integer other = byNhs.putIfAbsent(p.nhs(), profile);
            if (other != null && method == null) {
                method = unionForCertain(other, profile, "nhs-number", clusterings);
            }
        }
        return method;
    }

    /** Profiles known when training ended: those after them arrived one at a time. */
    private int trainedProfiles = Integer.MAX_VALUE;

    /** Profiles whose exact key led to a cluster of somebody clearly different. */
    private final java.util.Set<Integer> keyConflicts = new java.util.HashSet<>();

    private String unionForCertain(int other, int profile, String method, Clusters... clusterings) {
        Clusters first = clusterings[0];
        // (when training, clusters hold only records linked for certain: their differences are the person's own noise)
        // compared group to group, as a subject's records are: a typo in the arriving record's name that one of
        // the subject's records shares in part ("Jesisca" among "Jessica"s) is the person's own noise
        if (profiles.size() > trainedProfiles && clearlyApart(first.members(first.find(other)), first.members(first.find(profile)))) {
            keyConflicts.add(profile);
            return null;
        }
        for (Clusters c : clusterings) {
            c.union(other, profile);
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
     * clusters holding a pair that clearly differs: this stops A~B, B~C chaining A and C together. Pairs
     * of records that can tell relatives apart go first; a record that cannot (no date of birth or given
     * name) then joins the cluster it resembles, unless it resembles two that are different people: it
     * could be either, so it waits for an analyst.
     */
    private void cluster(Clusters clusters, long[] pairs, float[] scores, double threshold, boolean[] held) {
        Integer[] order = IntStream.range(0, pairs.length).filter(i -> scores[i] >= threshold).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Float.compare(scores[y], scores[x]));
        for (int i : order) {
            if (discriminating(first(pairs[i])) && discriminating(second(pairs[i]))) {
                union(clusters, first(pairs[i]), second(pairs[i]));
            }
        }
        ambiguous = held != null ? held : ambiguous(clusters, pairs, scores);
        for (int i : order) {
            int a = first(pairs[i]);
            int b = second(pairs[i]);
            if (!(discriminating(a) && discriminating(b)) && !ambiguous[a] && !ambiguous[b]
                    && onePerson(clusters.members(clusters.find(a)), clusters.members(clusters.find(b)))) {
                union(clusters, a, b);
            }
        }
    }

    private void union(Clusters clusters, int x, int y) {
        int a = clusters.find(x);
        int b = clusters.find(y);
        if (a != b && !clearlyApart(clusters.members(a), clusters.members(b))) {
            clusters.union(a, b);
        }
    }

    private boolean discriminating(int profile) {
        return Compatibility.discriminating(profiles.get(profile));
    }

    /**
     * Records without the discriminating fields that resemble (score at least the lower threshold) two
     * clusters of different people, the clusters being those of the records that have the fields.
     */
    private boolean[] ambiguous(Clusters clusters, long[] pairs, float[] scores) {
        Map<Integer, List<Integer>> resembled = new HashMap<>();
        for (int i = 0; i < pairs.length; i++) {
            int a = first(pairs[i]);
            int b = second(pairs[i]);
            if (scores[i] < thresholds.lower() || discriminating(a) == discriminating(b)) {
                continue;
            }
            int weak = discriminating(a) ? b : a;
            int cluster = clusters.find(weak == a ? b : a);
            List<Integer> seen = resembled.computeIfAbsent(weak, k -> new ArrayList<>(2));
            if (!seen.contains(cluster)) {
                seen.add(cluster);
            }
        }
        boolean[] out = new boolean[profiles.size()];
        resembled.forEach((weak, seen) -> out[weak] = differentPeople(clusters, seen));
        return out;
    }

    /** Whether any two of these clusters clearly hold different people. */
    private boolean differentPeople(Clusters clusters, List<Integer> roots) {
        for (int i = 0; i < roots.size(); i++) {
            for (int j = i + 1; j < roots.size(); j++) {
                if (clearlyApart(clusters.members(roots.get(i)), clusters.members(roots.get(j)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** See {@link Compatibility#onePerson}. */
    private boolean onePerson(Ints a, Ints b) {
        return Compatibility.onePerson(people(a), people(b));
    }

    private List<Person> people(Ints ids) {
        List<Person> out = new ArrayList<>(ids.size);
        for (int i = 0; i < ids.size; i++) {
            out.add(profiles.get(ids.values[i]));
        }
        return out;
    }

    /** Whether two clusters clearly hold different people (see {@link Compatibility#apart}). */
    private boolean clearlyApart(Ints a, Ints b) {
        return Compatibility.apart(people(a), people(b), model);
    }

    /** Two records that clearly differ (see {@link Compatibility#apart}). */
    boolean clearlyApart(Person a, Person b) {
        return Compatibility.apart(List.of(a), List.of(b), model);
    }

    @Override
    public RecordLinkage withoutRecords() {
        Linker empty = new Linker(thresholds, model);
        empty.stats = stats;
        empty.trainedProfiles = 0;
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
        int profile = addProfile(p);
        profileOfRecord.add(profile);
        inReview = Arrays.copyOf(inReview, profiles.size());
        String certain = linkForCertain(profile, auto, withReviews);
        if (certain != null) {
            return new Outcome(size() - 1, auto.find(profile), Double.POSITIVE_INFINITY, Decision.LINK, certain, List.of());
        }
        if (keyConflicts.contains(profile)) {
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
            if (differentPeople(auto, resembled)) {
                int best = candidates.get(ranked.get(0));
                inReview[profile] = true;
                return new Outcome(size() - 1, ranked.get(0), scores.get(best), Decision.REVIEW, "ambiguous",
                        contributions(p, profiles.get(best)));
            }
        }
        Integer chosen = null;
        for (int cluster : ranked) {
            if (!clearlyApart(auto.members(cluster), auto.members(own))) {
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
        if (score >= thresholds.lower() && !onePerson(auto.members(chosen), auto.members(own))) {
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
