package uk.safeguarding.hub.statistics.disclosure;

import java.util.List;

/**
 * A frequency table as it may be published: each cell and total is either a value or withheld with its
 * reason, and the method that protected it is stated with it. Carries no raw count of a withheld entry.
 */
public final class ProtectedTable {

    /** One published cell or total: its value, or null and the reason it is withheld. */
    public record Entry(Long value, Suppression suppression) {

        public boolean isSuppressed() {
            return value == null;
        }

        @Override
        public String toString() {
            return isSuppressed() ? (suppression == Suppression.PRIMARY ? "*" : "**") : value.toString();
        }
    }

    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final Grid shape;
    private final Entry[] entries;
    private final String method;

    ProtectedTable(FrequencyTable table, Grid shape, Entry[] entries, String method) {
        this.rowLabels = table.rowLabels();
        this.columnLabels = table.columnLabels();
        this.shape = shape;
        this.entries = entries.clone();
        this.method = method;
    }

    public boolean isTwoWay() {
        return shape.twoWay;
    }

    public List<String> rowLabels() {
        return rowLabels;
    }

    /** Empty for a one-way table. */
    public List<String> columnLabels() {
        return columnLabels;
    }

    public int rows() {
        return shape.rows;
    }

    public int columns() {
        return shape.columns;
    }

    /** A one-way table's category. */
    public Entry cell(int row) {
        if (shape.twoWay) {
            throw new IllegalStateException("a two-way table's cells have a row and a column");
        }
        return entries[shape.cell(row, 0)];
    }

    public Entry cell(int row, int column) {
        return entries[shape.cell(requireIndex(row, shape.rows), requireIndex(column, shape.columns))];
    }

    public Entry rowTotal(int row) {
        requireTwoWay();
        return entries[shape.rowTotal(requireIndex(row, shape.rows))];
    }

    public Entry columnTotal(int column) {
        requireTwoWay();
        return entries[shape.columnTotal(requireIndex(column, shape.columns))];
    }

    public Entry grandTotal() {
        return entries[shape.grandTotal()];
    }

    /** How the table was protected, to be printed with it. */
    public String method() {
        return method;
    }

    /** The table as text: tab-separated, "*" primary and "**" secondary suppression, the method below. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (shape.twoWay) {
            text.append('\t').append(String.join("\t", columnLabels)).append("\tTotal\n");
        }
        for (int r = 0; r < shape.rows; r++) {
            text.append(rowLabels.get(r));
            for (int c = 0; c < shape.columns; c++) {
                text.append('\t').append(cell(r, c));
            }
            if (shape.twoWay) {
                text.append('\t').append(rowTotal(r));
            }
            text.append('\n');
        }
        text.append("Total");
        if (shape.twoWay) {
            for (int c = 0; c < shape.columns; c++) {
                text.append('\t').append(columnTotal(c));
            }
        }
        return text.append('\t').append(grandTotal()).append('\n').append(method).toString();
    }

    private void requireTwoWay() {
        if (!shape.twoWay) {
            throw new IllegalStateException("a one-way table has only a grand total");
        }
    }

    private static int requireIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }
}
