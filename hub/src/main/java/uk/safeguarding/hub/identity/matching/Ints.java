package uk.safeguarding.hub.identity.matching;

import java.util.Arrays;

/** A growable int array. */
final class Ints {
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
