package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Union-find over profiles, keeping each cluster's members for the chaining check. */
final class Clusters {
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
