package uk.safeguarding.hub.identity.matching;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fellegi-Sunter weights: for each comparison level, m (how often true matches show it) and u (how often
 * random pairs do); its weight is log2(m/u). u comes from random pairs, m and the share of matches
 * among candidate pairs from expectation maximisation over the blocked pairs, without labels. Exact
 * name agreements are weighted by how common the name is (term frequency), so Smith counts for less.
 */
final class Model {

    static final Comparison[] C = Comparison.ALL;
    /** Each field's levels fit in four bits of a pattern: level + 1, so 0 is "missing". */
    private static final int BITS = 4;

    final double[][] m = new double[C.length][];
    final double[][] u = new double[C.length][];
    double lambda = 0.05;
    int iterations;
    private final Map<String, Double> givenFrequency = new HashMap<>();
    private final Map<String, Double> familyFrequency = new HashMap<>();

    Model() {
        for (Comparison c : C) {
            int n = c.levelCount();
            m[c.ordinal()] = new double[n];
            u[c.ordinal()] = new double[n];
            // a sensible start: true matches mostly agree exactly, the rest spread over the lower levels
            m[c.ordinal()][0] = 0.9;
            for (int l = 1; l < n; l++) {
                m[c.ordinal()][l] = 0.1 / (n - 1);
            }
        }
    }

    /** Names' shares of records, for saving the model ({@code given} true: given names). */
    Map<String, Double> frequencies(boolean given) {
        return given ? givenFrequency : familyFrequency;
    }

    /** Term frequencies of names among distinct records. */
    void countNames(List<Person> people) {
        Map<String, Integer> given = new HashMap<>();
        Map<String, Integer> family = new HashMap<>();
        for (Person p : people) {
            if (p.given() != null) {
                given.merge(p.given(), 1, Integer::sum);
            }
            if (p.family() != null) {
                family.merge(p.family(), 1, Integer::sum);
            }
        }
        double n = people.size();
        given.forEach((k, v) -> givenFrequency.put(k, v / n));
        family.forEach((k, v) -> familyFrequency.put(k, v / n));
    }

    /** u from up to {@code samples} random pairs (almost all of which are different people). */
    void estimateU(List<Person> people, int samples, long seed) {
        Random random = new Random(seed);
        long[][] counts = new long[C.length][];
        for (Comparison c : C) {
            counts[c.ordinal()] = new long[c.levelCount()];
        }
        int n = people.size();
        for (int s = 0; s < samples && n > 1; s++) {
            Person a = people.get(random.nextInt(n));
            Person b = people.get(random.nextInt(n));
            if (a == b) {
                continue;
            }
            for (Comparison c : C) {
                int level = c.level(a, b);
                if (level != Comparison.NULL) {
                    counts[c.ordinal()][level]++;
                }
            }
        }
        for (Comparison c : C) {
            long[] k = counts[c.ordinal()];
            long total = 0;
            for (long x : k) {
                total += x;
            }
            for (int l = 0; l < k.length; l++) {
                // never zero: an agreement no random pair showed is rare, not impossible
                u[c.ordinal()][l] = (k[l] + 0.5) / (total + 0.5 * k.length);
            }
        }
    }

    /** The comparison pattern of a pair as one int (4 bits per field). */
    static int pattern(Person a, Person b) {
        int p = 0;
        for (Comparison c : C) {
            p |= (c.level(a, b) + 1) << (BITS * c.ordinal());
        }
        return p;
    }

    static int level(int pattern, Comparison c) {
        return ((pattern >>> (BITS * c.ordinal())) & 0xF) - 1;
    }

    /**
     * Splink's training: EM in sessions, each over the candidate pairs that agree on the fields of one
     * blocking rule, those fields held out (they agree by construction, so they say nothing there).
     * Pairs with the same date of birth teach every field but the date; pairs with the same name at the
     * same address (the same person, or a father and son of one name) teach the date of birth. A single
     * session over all pairs lets households, who share address, phone and surname, pass for one
     * person, and learns that a different date of birth is common among matches.
     */
    void train(Map<Integer, Long> patterns, int maxIterations) {
        Map<Integer, Long> sameDate = new HashMap<>();
        Map<Integer, Long> samePostcode = new HashMap<>();
        patterns.forEach((p, n) -> {
            if (level(p, Comparison.DATE_OF_BIRTH) == 0) {
                sameDate.put(p, n);
            }
            int address = level(p, Comparison.ADDRESS);
            if ((address == 0 || address == 1) && level(p, Comparison.GIVEN_NAME) == 0
                    && level(p, Comparison.FAMILY_NAME) == 0) {
                samePostcode.put(p, n);
            }
        });
        double[][] fromDates = expectationMaximisation(sameDate, EnumSet.of(Comparison.DATE_OF_BIRTH), maxIterations);
        double[][] fromPostcodes = expectationMaximisation(samePostcode,
                EnumSet.of(Comparison.ADDRESS, Comparison.GIVEN_NAME, Comparison.FAMILY_NAME), maxIterations);
        for (Comparison c : C) {
            m[c.ordinal()] = c == Comparison.DATE_OF_BIRTH ? fromPostcodes[c.ordinal()] : fromDates[c.ordinal()];
        }
        // the share of matches among all candidate pairs, m and u now fixed
        lambda = 0.05;
        for (int i = 0; i < maxIterations; i++) {
            double matches = 0;
            double total = 0;
            for (Map.Entry<Integer, Long> e : patterns.entrySet()) {
                matches += posterior(e.getKey(), EnumSet.noneOf(Comparison.class)) * e.getValue();
                total += e.getValue();
            }
            double next = matches / total;
            boolean settled = Math.abs(next - lambda) < 1e-6;
            lambda = next;
            if (settled) {
                break;
            }
        }
    }

    private double posterior(int pattern, Set<Comparison> held) {
        double pm = lambda;
        double pu = 1 - lambda;
        for (Comparison c : C) {
            int l = level(pattern, c);
            if (l != Comparison.NULL && !held.contains(c)) {
                pm *= m[c.ordinal()][l];
                pu *= u[c.ordinal()][l];
            }
        }
        return pm / (pm + pu);
    }

    /**
     * Expectation maximisation of m and lambda over pairs' patterns (with their counts), u held fixed as
     * Splink does, the {@code held} fields ignored; stops when no m moves by more than 1e-4. Returns m
     * (the model's own m is the starting point and is restored after).
     */
    double[][] expectationMaximisation(Map<Integer, Long> patterns, Set<Comparison> held, int maxIterations) {
        double[][] start = new double[C.length][];
        for (Comparison c : C) {
            start[c.ordinal()] = m[c.ordinal()].clone();
        }
        lambda = 0.1;
        int[] keys = patterns.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] counts = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            counts[i] = patterns.get(keys[i]);
        }
        int iteration;
        for (iteration = 1; iteration <= maxIterations; iteration++) {
            double[][] agree = new double[C.length][];
            double[] seen = new double[C.length];
            for (Comparison c : C) {
                agree[c.ordinal()] = new double[c.levelCount()];
            }
            double matches = 0;
            double total = 0;
            for (int i = 0; i < keys.length; i++) {
                double w = posterior(keys[i], held) * counts[i];
                matches += w;
                total += counts[i];
                for (Comparison c : C) {
                    int l = level(keys[i], c);
                    if (l != Comparison.NULL) {
                        agree[c.ordinal()][l] += w;
                        seen[c.ordinal()] += w;
                    }
                }
            }
            double moved = 0;
            for (Comparison c : C) {
                if (held.contains(c)) {
                    continue;
                }
                double[] mc = m[c.ordinal()];
                for (int l = 0; l < mc.length; l++) {
                    double next = (agree[c.ordinal()][l] + 1e-3) / (seen[c.ordinal()] + 1e-3 * mc.length);
                    moved = Math.max(moved, Math.abs(next - mc[l]));
                    mc[l] = next;
                }
            }
            lambda = total == 0 ? lambda : matches / total;
            if (moved < 1e-4) {
                break;
            }
        }
        iterations += Math.min(iteration, maxIterations);
        double[][] learnt = new double[C.length][];
        for (Comparison c : C) {
            learnt[c.ordinal()] = m[c.ordinal()];
            m[c.ordinal()] = start[c.ordinal()];
        }
        return learnt;
    }

    double prior() {
        return log2(lambda / (1 - lambda));
    }

    double weight(Comparison c, int level) {
        return log2(m[c.ordinal()][level] / u[c.ordinal()][level]);
    }

    /**
     * An exact name agreement: log2(m / tf), where tf is the name's share of records (Splink's
     * term-frequency adjustment); other levels as they are.
     */
    double weight(Comparison c, int level, Person a) {
        if (level == 0 && (c == Comparison.GIVEN_NAME || c == Comparison.FAMILY_NAME)) {
            Double tf = (c == Comparison.GIVEN_NAME ? givenFrequency : familyFrequency)
                    .get(c == Comparison.GIVEN_NAME ? a.given() : a.family());
            if (tf != null) {
                // never above the plain weight's u floor: a name seen once is rare, not proof
                return log2(m[c.ordinal()][0] / Math.max(tf, 1e-6));
            }
        }
        return weight(c, level);
    }

    /** A pair's match weight in bits (prior included). */
    double score(Person a, Person b) {
        double s = prior();
        for (Comparison c : C) {
            int l = c.level(a, b);
            if (l != Comparison.NULL) {
                s += weight(c, l, a);
            }
        }
        return s;
    }

    /** The comparisons that say who a person is, apart from where they live and how to reach them. */
    private static final Comparison[] IDENTITY = {Comparison.GIVEN_NAME, Comparison.FAMILY_NAME, Comparison.DATE_OF_BIRTH,
            Comparison.SEX};

    /**
     * Two fully named and dated records whose names, date of birth and sex together weigh against one
     * person (below zero bits, whatever the address: people move, and a new address is no difference
     * between them). A cluster holding such a pair would be a chaining error.
     */
    boolean identityApart(Person a, Person b) {
        if (a.born() == null || b.born() == null || a.given() == null || b.given() == null || a.family() == null
                || b.family() == null) {
            return false;
        }
        double s = 0;
        for (Comparison c : IDENTITY) {
            int l = c.level(a, b);
            if (l != Comparison.NULL) {
                s += weight(c, l, a);
            }
        }
        return s < 0;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
