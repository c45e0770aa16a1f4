package uk.safeguarding.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import uk.safeguarding.populations.LabelledRecords;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.hub.identity.matching.RecordLinkage;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Decision;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Outcome;

/**
 * Identity resolution scored against the synthetic population's true person ids: the person records of
 * {@code labelledRecords(seed, n)} are trained on (EM, no labels) and linked, then pairwise precision,
 * recall and F1, cluster quality, review share, candidate pairs, times and heap are printed (numbers
 * only, no personal data). The last {@value #HELD_OUT} person records are linked one by one afterwards,
 * timing the incremental path; then every record is linked one at a time from empty, as the hub links on
 * arrival. Then the same for a population generated apart from the simulator ({@link IndependentLambeth},
 * 4,000 people), with B-cubed scores and false merges by relation (twins, parent and child, same name).
 * Usage: {@code benchmarks/run matching [records] [seed] [lower upper]}, or
 * {@code benchmarks/run matching lambeth [people] [seed] [lower upper]} for the second population alone.
 */
public final class MatchingQuality {

    static final int HELD_OUT = 2000;

    public static void main(String[] args) {
        boolean onlyLambeth = args.length > 0 && args[0].equals("lambeth");
        String[] a = onlyLambeth ? Arrays.copyOfRange(args, 1, args.length) : args;
        long n = a.length > 0 ? Long.parseLong(a[0]) : onlyLambeth ? 4000 : 50_000;
        long seed = a.length > 1 ? Long.parseLong(a[1]) : 2026;
        RecordLinkage.Thresholds thresholds = a.length > 3
                ? new RecordLinkage.Thresholds(Double.parseDouble(a[2]), Double.parseDouble(a[3]))
                : RecordLinkage.Thresholds.DEFAULT;
        System.out.printf("thresholds: review from %.1f, link from %.1f bits%n", thresholds.lower(), thresholds.upper());
        if (!onlyLambeth) {
            syntheticLondon(n, seed, thresholds);
        }
        independentLambeth(onlyLambeth ? (int) n : 4000, seed, thresholds);
    }

    /** The simulator's own population: quality, the million-record run and the one-new-record speed. */
    private static void syntheticLondon(long n, long seed, RecordLinkage.Thresholds thresholds) {
        List<PersonRecord> people = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        LabelledRecords.stream(seed, n).forEach(l -> l.record().people().forEach(p -> {
            people.add(p);
            truth.add(l.trueIdByLocalPersonId().get(p.localId()));
        }));
        int trainedCount = people.size() - HELD_OUT;
        System.out.printf("%n== SyntheticLondon (the simulator's population), seed %d%n", seed);
        System.out.printf("records %,d -> person records %,d (%,d trained, %,d linked one by one), true persons %,d%n", n,
                people.size(), trainedCount, HELD_OUT, new HashSet<>(truth).size());

        System.gc();
        long heapBefore = usedHeap();
        RecordLinkage linkage = RecordLinkage.train(people.subList(0, trainedCount), thresholds);
        System.gc(); // what the linkage keeps, not the garbage of training
        long heapAfter = usedHeap();
        RecordLinkage.Stats s = linkage.stats();
        System.out.printf("distinct records %,d; candidate pairs %,d; EM iterations %d%n", s.distinctRecords(),
                s.candidatePairs(), s.emIterations());
        System.out.printf("time: training %,d ms, linking %,d ms, total %,d ms; heap used by the linkage %,d MB%n",
                s.trainingMillis(), s.linkingMillis(), s.trainingMillis() + s.linkingMillis(),
                (heapAfter - heapBefore) / (1024 * 1024));

        Map<String, Integer> ids = new HashMap<>();
        List<String> byIndex = new ArrayList<>();
        int[] persons = new int[people.size()];
        for (int i = 0; i < persons.length; i++) {
            persons[i] = ids.computeIfAbsent(truth.get(i), k -> {
                byIndex.add(k);
                return ids.size();
            });
        }
        Relations relations = new LondonRelations(seed, byIndex);
        int[] trained = Arrays.copyOf(persons, trainedCount);
        report("clustered, auto links only", trained, linkage::cluster, relations, linkage::inReview);
        report("clustered, were every review pair confirmed", trained, linkage::clusterWithReviews, null, i -> false);
        System.out.printf("review pairs %,d%n", s.reviewPairs());

        // incremental: link the held-out records one at a time
        long[] nanos = new long[HELD_OUT];
        int[] decisions = new int[3];
        for (int i = 0; i < HELD_OUT; i++) {
            long t = System.nanoTime();
            Outcome o = linkage.link(people.get(trainedCount + i));
            nanos[i] = System.nanoTime() - t;
            decisions[o.decision().ordinal()]++;
        }
        Arrays.sort(nanos);
        System.out.printf("incremental: median %.3f ms, p99 %.3f ms per record; decisions LINK %d, REVIEW %d, NEW %d%n",
                nanos[HELD_OUT / 2] / 1e6, nanos[HELD_OUT * 99 / 100] / 1e6, decisions[Decision.LINK.ordinal()],
                decisions[Decision.REVIEW.ordinal()], decisions[Decision.NEW.ordinal()]);
        report("all, after incremental (auto links)", persons, linkage::cluster, null, linkage::inReview);
        if (people.size() <= 200_000) {
            onArrival(linkage, people, persons, relations);
        }
    }

    /**
     * The hub's way: the same weights, every record linked one at a time in the order it arrives (no
     * clustering of the whole), against the records before it.
     */
    private static void onArrival(RecordLinkage trained, List<PersonRecord> people, int[] persons, Relations relations) {
        RecordLinkage arriving = trained.withoutRecords();
        long start = System.nanoTime();
        for (PersonRecord p : people) {
            arriving.link(p);
        }
        System.out.printf("on arrival: %,d records linked one at a time in %,d ms%n", people.size(),
                (System.nanoTime() - start) / 1_000_000);
        report("on arrival, auto links only", persons, arriving::cluster, relations, arriving::inReview);
    }

    /** A population generated apart from the simulator's (see {@link IndependentLambeth}). */
    private static void independentLambeth(int size, long seed, RecordLinkage.Thresholds thresholds) {
        IndependentLambeth population = IndependentLambeth.generate(seed, size);
        List<PersonRecord> people = population.records.stream().map(IndependentLambeth.Labelled::record).toList();
        int[] persons = population.records.stream().mapToInt(IndependentLambeth.Labelled::person).toArray();
        Set<Integer> recorded = new HashSet<>();
        for (int p : persons) {
            recorded.add(p);
        }
        Map<String, Integer> pairs = new java.util.TreeMap<>();
        for (IndependentLambeth.Person x : population.people) {
            for (IndependentLambeth.Person y : population.people) {
                if (x.household() == y.household() && x.id() < y.id() && recorded.contains(x.id())
                        && recorded.contains(y.id())) {
                    pairs.merge(population.relation(x.id(), y.id()).name(), 1, Integer::sum);
                }
            }
        }
        System.out.printf("%n== IndependentLambeth (generated apart from the simulator), seed %d%n", seed);
        System.out.printf("people %,d (%,d with records) in %,d households; person records %,d; pairs of recorded people "
                + "sharing a household, by relation: %s%n", population.people.size(), recorded.size(),
                population.people.get(population.people.size() - 1).household() + 1, people.size(), pairs);
        long start = System.nanoTime();
        RecordLinkage linkage = RecordLinkage.train(people, thresholds);
        System.out.printf("trained and clustered in %,d ms; candidate pairs %,d%n", (System.nanoTime() - start) / 1_000_000,
                linkage.stats().candidatePairs());
        Relations relations = (a, b) -> population.relation(a, b).name();
        report("clustered, auto links only", persons, linkage::cluster, relations, linkage::inReview);
        onArrival(linkage, people, persons, relations);
    }

    /** Relations in the simulator's population, from its households (a true id is the household's index and a member's). */
    private static final class LondonRelations implements Relations {
        private final long seed;
        private final List<String> trueIds;
        private final Map<Long, SyntheticLondon.Household> households = new HashMap<>();

        LondonRelations(long seed, List<String> trueIds) {
            this.seed = seed;
            this.trueIds = trueIds;
        }

        @Override
        public String of(int a, int b) {
            SyntheticLondon.Resident x = resident(trueIds.get(a));
            SyntheticLondon.Resident y = resident(trueIds.get(b));
            if (x == null || y == null) {
                return "OTHER";
            }
            if (x.householdId().equals(y.householdId())) {
                if (x.isChild() && y.isChild()) {
                    return x.dateOfBirth().equals(y.dateOfBirth()) ? "TWIN" : "SIBLING";
                }
                if (x.isChild() != y.isChild()) {
                    return "PARENT_CHILD";
                }
            }
            if (x.givenName().equals(y.givenName()) && x.familyName().equals(y.familyName())) {
                return "SAME_NAME";
            }
            return x.householdId().equals(y.householdId()) ? "SAME_ADDRESS" : "OTHER";
        }

        private SyntheticLondon.Resident resident(String trueId) {
            long number = Long.parseLong(trueId.substring(1));
            SyntheticLondon.Household h = households.computeIfAbsent(number / 10, i -> SyntheticLondon.household(seed, i));
            return h.members().stream().filter(r -> r.trueId().equals(trueId)).findFirst().orElse(null);
        }
    }

    /** Pairwise precision, recall and F1 over record pairs, and how clusters split or mix true persons. */
    private static void report(String label, List<String> truth, IntUnaryOperator clusterOf) {
        Map<String, Integer> ids = new HashMap<>();
        int[] persons = new int[truth.size()];
        for (int i = 0; i < persons.length; i++) {
            persons[i] = ids.computeIfAbsent(truth.get(i), k -> ids.size());
        }
        report(label, persons, clusterOf, null, i -> false);
    }

    /**
     * Pairwise and B-cubed precision, recall and F1 of {@code clusterOf} against the true persons; the
     * people split over several clusters, the clusters holding more than one person and, when
     * {@code relation} is given, the pairs of distinct people merged by how they are related; the share
     * of records in review. Numbers only.
     */
    static Quality report(String label, int[] persons, IntUnaryOperator clusterOf, Relations relation,
            java.util.function.IntPredicate inReview) {
        Map<Long, Long> cell = new HashMap<>(); // (cluster, person) -> records
        Map<Integer, Long> bySize = new HashMap<>();
        Map<Integer, Long> byPerson = new HashMap<>();
        Map<Integer, Set<Integer>> personsOfCluster = new HashMap<>();
        Map<Integer, Set<Integer>> clustersOfPerson = new HashMap<>();
        int review = 0;
        for (int i = 0; i < persons.length; i++) {
            int person = persons[i];
            int cluster = clusterOf.applyAsInt(i);
            cell.merge(((long) cluster << 32) | person, 1L, Long::sum);
            bySize.merge(cluster, 1L, Long::sum);
            byPerson.merge(person, 1L, Long::sum);
            personsOfCluster.computeIfAbsent(cluster, k -> new HashSet<>()).add(person);
            clustersOfPerson.computeIfAbsent(person, k -> new HashSet<>()).add(cluster);
            if (inReview.test(i)) {
                review++;
            }
        }
        double tp = cell.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double predicted = bySize.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double actual = byPerson.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double precision = predicted == 0 ? 1 : tp / predicted;
        double recall = actual == 0 ? 1 : tp / actual;
        double f1 = 2 * precision * recall / (precision + recall);
        // B-cubed: per record, the share of its cluster that is its person, and of its person in its cluster
        double bp = 0;
        double br = 0;
        for (Map.Entry<Long, Long> e : cell.entrySet()) {
            int cluster = (int) (e.getKey() >>> 32);
            int person = (int) (long) e.getKey();
            double n = e.getValue();
            bp += n * n / bySize.get(cluster);
            br += n * n / byPerson.get(person);
        }
        bp /= persons.length;
        br /= persons.length;
        double bf1 = 2 * bp * br / (bp + br);
        long several = byPerson.values().stream().filter(k -> k > 1).count();
        long split = clustersOfPerson.entrySet().stream().filter(e -> e.getValue().size() > 1).count();
        List<Set<Integer>> mixing = personsOfCluster.values().stream().filter(p -> p.size() > 1).toList();
        long mixedRecords = personsOfCluster.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .mapToLong(e -> bySize.get(e.getKey())).sum();
        System.out.printf("%s: pairwise precision %.4f, recall %.4f, F1 %.4f; B-cubed precision %.4f, recall %.4f, F1 %.4f%n",
                label, precision, recall, f1, bp, br, bf1);
        System.out.printf("  %,d clusters for %,d persons; persons with 2+ records split %.2f%% (%,d of %,d); clusters "
                + "holding more than one person %,d (%,d records); records in review %.2f%% (%,d)%n", personsOfCluster.size(),
                clustersOfPerson.size(), 100.0 * split / Math.max(1, several), split, several, mixing.size(), mixedRecords,
                100.0 * review / persons.length, review);
        Map<String, Integer> merged = new java.util.TreeMap<>();
        if (relation != null) {
            for (Set<Integer> mixed : mixing) {
                Integer[] p = mixed.toArray(Integer[]::new);
                for (int a = 0; a < p.length; a++) {
                    for (int b = a + 1; b < p.length; b++) {
                        merged.merge(relation.of(p[a], p[b]), 1, Integer::sum);
                    }
                }
            }
            System.out.printf("  pairs of different people merged, by relation: %s%n", merged);
        }
        return new Quality(precision, recall, f1, bf1, mixing.size(), merged, 100.0 * review / persons.length);
    }

    /** How two true people (by index) are related: "twin", "parent/child", "same name", ... */
    interface Relations {
        String of(int a, int b);
    }

    record Quality(double precision, double recall, double f1, double bcubedF1, int mixedClusters,
            Map<String, Integer> mergedByRelation, double reviewPercent) {
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
