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
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.simulator.SyntheticLondon;
import uk.safeguarding.hub.identity.matching.RecordLinkage;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Decision;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Outcome;

/**
 * Identity resolution scored against the synthetic population's true person ids: the person records of
 * {@code labelledRecords(seed, n)} are trained on (EM, no labels) and linked, then pairwise precision,
 * recall and F1, cluster quality, review share, candidate pairs, times and heap are printed (numbers
 * only, no personal data). The last {@value #HELD_OUT} person records are linked one by one afterwards,
 * timing the incremental path. Usage: {@code benchmarks/run matching [records] [seed] [lower upper]}.
 */
public final class MatchingQuality {

    static final int HELD_OUT = 2000;

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 50_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026;
        RecordLinkage.Thresholds thresholds = args.length > 3
                ? new RecordLinkage.Thresholds(Double.parseDouble(args[2]), Double.parseDouble(args[3]))
                : RecordLinkage.Thresholds.DEFAULT;
        List<PersonRecord> people = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        SyntheticLondon.labelledRecords(seed, n).forEach(l -> l.record().people().forEach(p -> {
            people.add(p);
            truth.add(l.trueIdByLocalPersonId().get(p.localId()));
        }));
        int trainedCount = people.size() - HELD_OUT;
        System.out.printf("thresholds: review from %.1f, link from %.1f bits%n", thresholds.lower(), thresholds.upper());
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

        List<String> trainedTruth = truth.subList(0, trainedCount);
        report("auto links only", trainedTruth, linkage::cluster);
        report("auto + review as links", trainedTruth, linkage::clusterWithReviews);
        int inReview = 0;
        for (int i = 0; i < trainedCount; i++) {
            if (linkage.inReview(i)) {
                inReview++;
            }
        }
        System.out.printf("records with a pair in review: %,d (%.2f%%); review pairs %,d%n", inReview,
                100.0 * inReview / trainedCount, s.reviewPairs());

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
        report("all, after incremental (auto links)", truth, linkage::cluster);
    }

    /** Pairwise precision, recall and F1 over record pairs, and how clusters split or mix true persons. */
    private static void report(String label, List<String> truth, IntUnaryOperator clusterOf) {
        Map<String, Integer> truthIds = new HashMap<>();
        Map<Long, Long> cell = new HashMap<>(); // (cluster, person) -> records
        Map<Integer, Long> bySize = new HashMap<>();
        Map<Integer, Long> byPerson = new HashMap<>();
        Map<Integer, Set<Integer>> personsOfCluster = new HashMap<>();
        Map<Integer, Set<Integer>> clustersOfPerson = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            int person = truthIds.computeIfAbsent(truth.get(i), k -> truthIds.size());
            int cluster = clusterOf.applyAsInt(i);
            cell.merge(((long) cluster << 32) | person, 1L, Long::sum);
            bySize.merge(cluster, 1L, Long::sum);
            byPerson.merge(person, 1L, Long::sum);
            personsOfCluster.computeIfAbsent(cluster, k -> new HashSet<>()).add(person);
            clustersOfPerson.computeIfAbsent(person, k -> new HashSet<>()).add(cluster);
        }
        double tp = cell.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double predicted = bySize.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double actual = byPerson.values().stream().mapToDouble(k -> k * (k - 1) / 2.0).sum();
        double precision = predicted == 0 ? 1 : tp / predicted;
        double recall = actual == 0 ? 1 : tp / actual;
        double f1 = 2 * precision * recall / (precision + recall);
        long split = clustersOfPerson.values().stream().filter(c -> c.size() > 1).count();
        long mixed = personsOfCluster.values().stream().filter(p -> p.size() > 1).count();
        System.out.printf("%s: precision %.4f, recall %.4f, F1 %.4f; true persons split %.2f%%, clusters mixing persons "
                + "%.2f%% (%,d clusters for %,d persons)%n", label, precision, recall, f1,
                100.0 * split / clustersOfPerson.size(), 100.0 * mixed / personsOfCluster.size(), personsOfCluster.size(),
                clustersOfPerson.size());
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
