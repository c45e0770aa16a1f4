package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Clusters profiles from their scored candidate pairs, from the best score down, without chaining different people. */
final class PairClustering {

    private final Profiles profiles;
    private final long[] pairs;
    private final float[] scores;
    /** The review threshold: a record without the discriminating fields resembles a cluster from this score. */
    private final double lower;

    PairClustering(Profiles profiles, long[] pairs, float[] scores, double lower) {
        this.profiles = profiles;
        this.pairs = pairs;
        this.scores = scores;
        this.lower = lower;
    }

    /**
     * Merges clusters pair by pair, from the highest score down to {@code threshold}, but never two
     * clusters holding a pair that clearly differs: this stops A~B, B~C chaining A and C together. Pairs
     * of records that can tell relatives apart go first; a record that cannot (no date of birth or given
     * name) then joins the cluster it resembles, unless it resembles two that are different people: it
     * could be either, so it waits for an analyst. Returns the records held back as ambiguous: {@code held}
     * when given, else those found on this clustering.
     */
    boolean[] cluster(Clusters clusters, double threshold, boolean[] held) {
        Integer[] order = IntStream.range(0, pairs.length).filter(i -> scores[i] >= threshold).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Float.compare(scores[y], scores[x]));
        for (int i : order) {
            if (profiles.discriminating(Profiles.first(pairs[i])) && profiles.discriminating(Profiles.second(pairs[i]))) {
                union(clusters, Profiles.first(pairs[i]), Profiles.second(pairs[i]));
            }
        }
        boolean[] ambiguous = held != null ? held : ambiguous(clusters);
        for (int i : order) {
            int a = Profiles.first(pairs[i]);
            int b = Profiles.second(pairs[i]);
            if (!(profiles.discriminating(a) && profiles.discriminating(b)) && !ambiguous[a] && !ambiguous[b]
                    && profiles.onePerson(clusters.members(clusters.find(a)), clusters.members(clusters.find(b)))) {
                union(clusters, a, b);
            }
        }
        return ambiguous;
    }

    private void union(Clusters clusters, int x, int y) {
        int a = clusters.find(x);
        int b = clusters.find(y);
        if (a != b && !profiles.apart(clusters.members(a), clusters.members(b))) {
            clusters.union(a, b);
        }
    }

    /**
     * Records without the discriminating fields that resemble (score at least the lower threshold) two
     * clusters of different people, the clusters being those of the records that have the fields.
     */
    private boolean[] ambiguous(Clusters clusters) {
        Map<Integer, List<Integer>> resembled = new HashMap<>();
        for (int i = 0; i < pairs.length; i++) {
            int a = Profiles.first(pairs[i]);
            int b = Profiles.second(pairs[i]);
            if (scores[i] < lower || profiles.discriminating(a) == profiles.discriminating(b)) {
                continue;
            }
            int weak = profiles.discriminating(a) ? b : a;
            int cluster = clusters.find(weak == a ? b : a);
            List<Integer> seen = resembled.computeIfAbsent(weak, k -> new ArrayList<>(2));
            if (!seen.contains(cluster)) {
                seen.add(cluster);
            }
        }
        boolean[] out = new boolean[profiles.size()];
        resembled.forEach((weak, seen) -> out[weak] = profiles.differentPeople(clusters, seen));
        return out;
    }
}
