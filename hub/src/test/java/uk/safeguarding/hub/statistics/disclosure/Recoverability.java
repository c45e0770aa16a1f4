package uk.safeguarding.hub.statistics.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The reader's attack by subtraction, written from the published table alone: in any line (a row or
 * column with its total, the totals row, the totals column, or a one-way table's cells and grand total),
 * if exactly one entry is withheld and the rest are published, the withheld one is the total minus the
 * cells (or the sum of the cells, if the total is the one withheld).
 */
final class Recoverability {

    private record Line(String name, List<ProtectedTable.Entry> members, ProtectedTable.Entry total) {}

    private Recoverability() {}

    /** A description of every withheld entry that one subtraction recovers; empty when the table is safe. */
    static List<String> recoverable(ProtectedTable table) {
        List<String> found = new ArrayList<>();
        for (Line line : lines(table)) {
            List<ProtectedTable.Entry> all = new ArrayList<>(line.members());
            all.add(line.total());
            long withheld = all.stream().filter(ProtectedTable.Entry::isSuppressed).count();
            if (withheld == 1) {
                long published = line.members().stream().filter(e -> !e.isSuppressed()).mapToLong(ProtectedTable.Entry::value).sum();
                long value = line.total().isSuppressed() ? published : line.total().value() - published;
                found.add(line.name() + ": the withheld entry is " + value);
            }
        }
        return found;
    }

    private static List<Line> lines(ProtectedTable table) {
        List<Line> lines = new ArrayList<>();
        if (!table.isTwoWay()) {
            List<ProtectedTable.Entry> cells = new ArrayList<>();
            for (int r = 0; r < table.rows(); r++) {
                cells.add(table.cell(r));
            }
            lines.add(new Line("the table", cells, table.grandTotal()));
            return lines;
        }
        List<ProtectedTable.Entry> rowTotals = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            List<ProtectedTable.Entry> cells = new ArrayList<>();
            for (int c = 0; c < table.columns(); c++) {
                cells.add(table.cell(r, c));
            }
            lines.add(new Line("row " + table.rowLabels().get(r), cells, table.rowTotal(r)));
            rowTotals.add(table.rowTotal(r));
        }
        List<ProtectedTable.Entry> columnTotals = new ArrayList<>();
        for (int c = 0; c < table.columns(); c++) {
            List<ProtectedTable.Entry> cells = new ArrayList<>();
            for (int r = 0; r < table.rows(); r++) {
                cells.add(table.cell(r, c));
            }
            lines.add(new Line("column " + table.columnLabels().get(c), cells, table.columnTotal(c)));
            columnTotals.add(table.columnTotal(c));
        }
        lines.add(new Line("the totals row", columnTotals, table.grandTotal()));
        lines.add(new Line("the totals column", rowTotals, table.grandTotal()));
        return lines;
    }
}
