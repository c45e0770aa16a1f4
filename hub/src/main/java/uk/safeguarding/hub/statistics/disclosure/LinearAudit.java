package uk.safeguarding.hub.statistics.disclosure;

import java.util.Arrays;

/**
 * Which withheld entries a reader could work out exactly from all the published values together, not
 * only by one subtraction: e.g. a withheld cell linking two otherwise separate blocks of withheld cells
 * is fixed by adding up one block's rows and subtracting its columns. Each line gives an equation over
 * the withheld entries (members minus total = a published constant); an entry is determined exactly
 * when, in the reduced row echelon form, it is a pivot whose row has no free entry.
 */
final class LinearAudit {

    private static final double EPSILON = 1e-9;

    private final int[] variableOf;
    private final int[] pivotRow;
    private final double[][] reduced;

    LinearAudit(Grid grid, boolean[] hidden) {
        variableOf = new int[grid.size()];
        int variables = 0;
        for (int i = 0; i < hidden.length; i++) {
            variableOf[i] = hidden[i] ? variables++ : -1;
        }
        reduced = new double[grid.lines.size()][variables];
        for (int l = 0; l < grid.lines.size(); l++) {
            Grid.Line line = grid.lines.get(l);
            for (int member : line.members()) {
                if (hidden[member]) {
                    reduced[l][variableOf[member]] = 1;
                }
            }
            if (hidden[line.total()]) {
                reduced[l][variableOf[line.total()]] = -1;
            }
        }
        pivotRow = new int[variables];
        Arrays.fill(pivotRow, -1);
        reduce();
    }

    /** Whether the withheld entry {@code id} (a {@link Grid} index) has only one possible value. */
    boolean isDetermined(int id) {
        int variable = variableOf[id];
        if (variable < 0) {
            throw new IllegalArgumentException("entry " + id + " is published");
        }
        int row = pivotRow[variable];
        if (row < 0) {
            return false;
        }
        for (int other = 0; other < reduced[row].length; other++) {
            if (other != variable && Math.abs(reduced[row][other]) > EPSILON) {
                return false;
            }
        }
        return true;
    }

    /** The first withheld entry a reader could work out, or -1 if none. */
    int firstDetermined() {
        for (int id = 0; id < variableOf.length; id++) {
            if (variableOf[id] >= 0 && isDetermined(id)) {
                return id;
            }
        }
        return -1;
    }

    private void reduce() {
        int row = 0;
        for (int column = 0; column < pivotRow.length && row < reduced.length; column++) {
            int pivot = row;
            while (pivot < reduced.length && Math.abs(reduced[pivot][column]) <= EPSILON) {
                pivot++;
            }
            if (pivot == reduced.length) {
                continue;
            }
            double[] swap = reduced[row];
            reduced[row] = reduced[pivot];
            reduced[pivot] = swap;
            double scale = reduced[row][column];
            for (int c = 0; c < pivotRow.length; c++) {
                reduced[row][c] /= scale;
            }
            for (int r = 0; r < reduced.length; r++) {
                double factor = reduced[r][column];
                if (r != row && Math.abs(factor) > EPSILON) {
                    for (int c = 0; c < pivotRow.length; c++) {
                        reduced[r][c] -= factor * reduced[row][c];
                    }
                }
            }
            pivotRow[column] = row++;
        }
    }
}
