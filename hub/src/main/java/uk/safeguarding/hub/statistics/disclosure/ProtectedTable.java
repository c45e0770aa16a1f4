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

    /**
     * Tables protected apart (each borough's quarter, say) added up: an entry is the sum of the parts'
     * entries with its label, published only if every one of them is, so that every figure published is a
     * sum of figures the parts publish and subtracting one answer from another reveals nothing they
     * withhold. A one-way table's rows are every part's rows, in the order first met; two-way parts must
     * have the same labels.
     */
    public static ProtectedTable sum(List<ProtectedTable> parts, String method) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to add up");
        }
        ProtectedTable first = parts.get(0);
        List<String> rows = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(
                parts.stream().flatMap(p -> p.rowLabels.stream()).toList()));
        for (ProtectedTable part : parts) {
            if (part.isTwoWay() != first.isTwoWay() || !part.columnLabels.equals(first.columnLabels)
                    || (first.isTwoWay() && !part.rowLabels.equals(first.rowLabels))) {
                throw new IllegalArgumentException("tables of different shapes cannot be added up");
            }
        }
        FrequencyTable shape = first.isTwoWay() ? FrequencyTable.twoWay(rows, first.columnLabels,
                new long[rows.size()][first.columns()]) : FrequencyTable.oneWay(rows, new long[rows.size()]);
        Grid grid = new Grid(shape);
        List<List<Entry>> added = new java.util.ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            added.add(new java.util.ArrayList<>());
        }
        for (ProtectedTable part : parts) {
            for (int r = 0; r < part.rows(); r++) {
                int row = rows.indexOf(part.rowLabels.get(r));
                for (int c = 0; c < part.columns(); c++) {
                    added.get(grid.cell(row, c)).add(part.entries[part.shape.cell(r, c)]);
                }
                if (part.isTwoWay()) {
                    added.get(grid.rowTotal(row)).add(part.rowTotal(r));
                }
            }
            for (int c = 0; part.isTwoWay() && c < part.columns(); c++) {
                added.get(grid.columnTotal(c)).add(part.columnTotal(c));
            }
            added.get(grid.grandTotal()).add(part.grandTotal());
        }
        Entry[] entries = new Entry[grid.size()];
        for (int i = 0; i < entries.length; i++) {
            List<Entry> terms = added.get(i);
            // one part's own entry keeps its reason; a sum with a withheld part is withheld to protect it
            entries[i] = terms.size() == 1 ? terms.get(0)
                    : terms.stream().anyMatch(Entry::isSuppressed) ? new Entry(null, Suppression.SECONDARY)
                    : new Entry(terms.stream().mapToLong(Entry::value).sum(), null);
        }
        return new ProtectedTable(shape, grid, entries, method);
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
