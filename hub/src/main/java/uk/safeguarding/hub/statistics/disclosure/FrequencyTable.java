package uk.safeguarding.hub.statistics.disclosure;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Counts of people over one or two categorical dimensions (e.g. referrals by source, or by borough and
 * month), with the row, column and grand totals computed from the cells. A one-way table has row labels
 * only and a single grand total. Holds raw counts: publish only its {@link ProtectedTable}.
 */
public final class FrequencyTable {

    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final long[][] counts;

    private FrequencyTable(List<String> rowLabels, List<String> columnLabels, long[][] counts) {
        this.rowLabels = labels(rowLabels, "row");
        this.columnLabels = columnLabels;
        int width = columnLabels.isEmpty() ? 1 : columnLabels.size();
        if (counts.length != rowLabels.size()) {
            throw new IllegalArgumentException(rowLabels.size() + " row labels but " + counts.length + " rows of counts");
        }
        this.counts = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            if (counts[r].length != width) {
                throw new IllegalArgumentException("row " + rowLabels.get(r) + " has " + counts[r].length
                        + " counts, expected " + width);
            }
            for (long count : counts[r]) {
                if (count < 0) {
                    throw new IllegalArgumentException("counts of people cannot be negative: " + count);
                }
            }
            this.counts[r] = counts[r].clone();
        }
    }

    /** A one-dimensional table: one count per category, and the grand total. */
    public static FrequencyTable oneWay(List<String> categories, long... counts) {
        long[][] rows = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            rows[r] = new long[] {counts[r]};
        }
        return new FrequencyTable(categories, List.of(), rows);
    }

    /** A two-dimensional table, {@code counts[row][column]}, with row, column and grand totals. */
    public static FrequencyTable twoWay(List<String> rowLabels, List<String> columnLabels, long[][] counts) {
        return new FrequencyTable(rowLabels, labels(columnLabels, "column"), counts);
    }

    public boolean isTwoWay() {
        return !columnLabels.isEmpty();
    }

    public List<String> rowLabels() {
        return rowLabels;
    }

    /** Empty for a one-way table. */
    public List<String> columnLabels() {
        return columnLabels;
    }

    public int rows() {
        return rowLabels.size();
    }

    /** 1 for a one-way table (its single column of counts). */
    public int columns() {
        return counts.length == 0 ? Math.max(1, columnLabels.size()) : counts[0].length;
    }

    /** The count of a one-way table's category. */
    public long count(int row) {
        requireOneWay();
        return counts[row][0];
    }

    public long count(int row, int column) {
        return counts[row][column];
    }

    public long rowTotal(int row) {
        requireTwoWay();
        long total = 0;
        for (long count : counts[row]) {
            total += count;
        }
        return total;
    }

    public long columnTotal(int column) {
        requireTwoWay();
        long total = 0;
        for (long[] row : counts) {
            total += row[column];
        }
        return total;
    }

    public long grandTotal() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    private void requireTwoWay() {
        if (!isTwoWay()) {
            throw new IllegalStateException("a one-way table has only a grand total");
        }
    }

    private void requireOneWay() {
        if (isTwoWay()) {
            throw new IllegalStateException("a two-way table's cells have a row and a column");
        }
    }

    private static List<String> labels(List<String> labels, String dimension) {
        List<String> copy = List.copyOf(labels);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one " + dimension);
        }
        if (new HashSet<>(copy).size() != copy.size() || copy.stream().anyMatch(l -> Objects.requireNonNull(l).isBlank())) {
            throw new IllegalArgumentException(dimension + " labels must be distinct and not blank: " + copy);
        }
        return copy;
    }
}
