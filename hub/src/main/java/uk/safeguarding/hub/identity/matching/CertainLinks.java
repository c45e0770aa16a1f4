package uk.safeguarding.hub.identity.matching;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The same valid NHS number or agency id: one person, whatever the score. But once training is over, two
 * clusters that clearly hold different people are not merged through it (an earlier link was wrong, or the
 * key was mistyped, as a twin's NHS number on the other twin's record): the record waits for an analyst.
 */
final class CertainLinks {

    private final Profiles profiles;
    private final Map<String, Integer> byNhs = new HashMap<>();
    private final Map<String, Integer> byAgencyId = new HashMap<>();
    /** Profiles whose exact key led to a cluster of somebody clearly different. */
    private final Set<Integer> conflicts = new HashSet<>();
    /** Profiles known when training ended: those after them arrived one at a time, and are checked. */
    int trained = Integer.MAX_VALUE;

    CertainLinks(Profiles profiles) {
        this.profiles = profiles;
    }

    /** Links the profile to those sharing its agency id or NHS number; returns the kind of key, or null. */
    String link(int profile, Clusters... clusterings) {
        Person p = profiles.get(profile);
        String method = null;
        for (String id : p.agencyIds()) {
            Integer other = byAgencyId.putIfAbsent(id, profile);
            if (other != null && method == null) {
                method = union(other, profile, "agency-id", clusterings);
            }
        }
        if (p.nhs() != null) {
            Integer other = byNhs.putIfAbsent(p.nhs(), profile);
            if (other != null && method == null) {
                method = union(other, profile, "nhs-number", clusterings);
            }
        }
        return method;
    }

    private String union(int other, int profile, String method, Clusters... clusterings) {
        Clusters first = clusterings[0];
        // (when training, clusters hold only records linked for certain: their differences are the person's own noise)
        // compared group to group, as a subject's records are: a typo in the arriving record's name that one of
        // the subject's records shares in part ("Jesisca" among "Jessica"s) is the person's own noise
        if (profiles.size() > trained && profiles.apart(first.members(first.find(other)), first.members(first.find(profile)))) {
            conflicts.add(profile);
            return null;
        }
        for (Clusters c : clusterings) {
            c.union(other, profile);
        }
        return method;
    }

    /** Whether the profile's exact key led to somebody clearly different. */
    boolean conflicting(int profile) {
        return conflicts.contains(profile);
    }
}
