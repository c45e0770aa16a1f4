package uk.safeguarding.hub.statistics.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as published, cells and totals alike, as one array of entries, with the lines (additive
 * relations) a reader can use: each line's members add up to its total. A two-way table has a line per
 * row, per column, the totals row (column totals to the grand total) and the totals column (row totals to
 * the grand total); a one-way table has one line, its cells to the grand total.
 */
final class Grid {

    record Line(int[] members, int total) {}

    final int rows;
    final int columns;
    final boolean twoWay;
    final long[] values;
    final List<Line> lines = new ArrayList<>();

    Grid(FrequencyTable table) {
        rows = table.rows();
        columns = table.columns();
        twoWay = table.isTwoWay();
        values = new long[twoWay ? rows * columns + rows + columns + 1 : rows + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[cell(r, c)] = table.count(r, c);
            }
        }
        values[grandTotal()] = table.grandTotal();
        if (!twoWay) {
            lines.add(new Line(range(0, rows, 1), grandTotal()));
            return;
        }
        for (int r = 0; r < rows; r++) {
            values[rowTotal(r)] = table.rowTotal(r);
            lines.add(new Line(range(cell(r, 0), columns, 1), rowTotal(r)));
        }
        for (int c = 0; c < columns; c++) {
            values[columnTotal(c)] = table.columnTotal(c);
            lines.add(new Line(range(cell(0, c), rows, columns), columnTotal(c)));
        }
        lines.add(new Line(range(columnTotal(0), columns, 1), grandTotal()));
        lines.add(new Line(range(rowTotal(0), rows, 1), grandTotal()));
    }

    int size() {
        return values.length;
    }

    int cell(int row, int column) {
        return row * columns + column;
    }

    int rowTotal(int row) {
        return rows * columns + row;
    }

    int columnTotal(int column) {
        return rows * columns + rows + column;
    }

    int grandTotal() {
        return values.length - 1;
    }

    private static int[] range(int first, int count, int step) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + i * step;
        }
        return ids;
    }
}
