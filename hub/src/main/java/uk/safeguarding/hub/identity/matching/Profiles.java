package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct records a linkage compares ("profiles": identical identifying records are compared once),
 * their blocking index and candidate pairs, and the checks on clusters of them as wholes (group to group,
 * as a subject's records are compared in the hub).
 */
final class Profiles {

    private final Model model;
    private final List<Person> all = new ArrayList<>();
    private final Map<String, Ints> index = new HashMap<>();

    Profiles(Model model) {
        this.model = model;
    }

    /** Adds a profile, filed under its blocking keys; returns its id. */
    int add(Person p) {
        int id = all.size();
        all.add(p);
        for (String key : Blocking.keys(p)) {
            index.computeIfAbsent(key, k -> new Ints()).add(id);
        }
        return id;
    }

    Person get(int id) {
        return all.get(id);
    }

    int size() {
        return all.size();
    }

    /** Every profile, in id order. */
    List<Person> list() {
        return all;
    }

    /** The profiles filed under a blocking key, or null. */
    Ints block(String key) {
        return index.get(key);
    }

    /** Every pair of profiles sharing a blocking key (blocks larger than {@link Blocking#MAX_BLOCK} skipped), once each. */
    long[] candidatePairs() {
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

    /** The lower profile id of a pair. */
    static int first(long pair) {
        return (int) (pair >>> 32);
    }

    /** The higher profile id of a pair. */
    static int second(long pair) {
        return (int) pair;
    }

    /** Whether the profile has a date of birth and a given name. */
    boolean discriminating(int profile) {
        return Compatibility.discriminating(all.get(profile));
    }

    /** Whether any two of these clusters clearly hold different people. */
    boolean differentPeople(Clusters clusters, List<Integer> roots) {
        for (int i = 0; i < roots.size(); i++) {
            for (int j = i + 1; j < roots.size(); j++) {
                if (apart(clusters.members(roots.get(i)), clusters.members(roots.get(j)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** See {@link Compatibility#onePerson}. */
    boolean onePerson(Ints a, Ints b) {
        return Compatibility.onePerson(people(a), people(b));
    }

    private List<Person> people(Ints ids) {
        List<Person> out = new ArrayList<>(ids.size);
        for (int i = 0; i < ids.size; i++) {
            out.add(all.get(ids.values[i]));
        }
        return out;
    }

    /** Whether two clusters clearly hold different people (see {@link Compatibility#apart}). */
    boolean apart(Ints a, Ints b) {
        return Compatibility.apart(people(a), people(b), model);
    }
}
