package uk.safeguarding.hub.statistics.disclosure;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Primary and secondary cell suppression. Primary: every entry, cells and totals alike (a total of 4 is
 * as small a group as a cell of 4), with a count below the threshold. Secondary, repeated until nothing
 * changes: every line (its cells and total as published) must be safe, and no withheld entry may be
 * determined by the published values taken together (see {@link LinearAudit}).
 */
final class CellSuppression {

    private final int threshold;
    private final boolean zerosSensitive;

    CellSuppression(int threshold, boolean zerosSensitive) {
        if (threshold < 2) {
            throw new IllegalArgumentException("a threshold below 2 suppresses nothing: " + threshold);
        }
        this.threshold = threshold;
        this.zerosSensitive = zerosSensitive;
    }

    ProtectedTable protect(FrequencyTable table) {
        Grid grid = new Grid(table);
        Suppression[] reasons = new Suppression[grid.size()];
        for (int i = 0; i < reasons.length; i++) {
            if (isSmall(grid.values[i])) {
                reasons[i] = Suppression.PRIMARY;
            }
        }
        boolean changed;
        do {
            changed = false;
            for (Grid.Line line : grid.lines) {
                while (!isSafe(grid, line, reasons)) {
                    reasons[complement(grid, line, reasons)] = Suppression.SECONDARY;
                    changed = true;
                }
            }
            if (!changed) {
                // Every line is safe on its own; lines taken together can still pin a withheld entry down.
                int exposed = new LinearAudit(grid, hidden(reasons)).firstDetermined();
                if (exposed >= 0) {
                    reasons[unpin(grid, reasons, exposed)] = Suppression.SECONDARY;
                    changed = true;
                }
            }
        } while (changed);

        ProtectedTable.Entry[] entries = new ProtectedTable.Entry[grid.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new ProtectedTable.Entry(reasons[i] == null ? grid.values[i] : null, reasons[i]);
        }
        return new ProtectedTable(table, grid, entries, statement());
    }

    String statement() {
        return "Cells and totals of " + (zerosSensitive ? 0 : 1) + "-" + (threshold - 1) + " suppressed (primary);"
                + " further cells or totals suppressed so that the published totals cannot reveal them, and so"
                + " that the suppressed cells of a row or column together count at least " + threshold
                + " (secondary); " + DisclosureControl.HANDBOOK;
    }

    private boolean isSmall(long count) {
        return count < threshold && (count > 0 || zerosSensitive);
    }

    /**
     * A line is safe when no withheld entry is its only unknown (else it is the total minus the rest),
     * and, when its total is published, the withheld cells together are not a small group, because
     * the total minus the published cells reveals their sum.
     */
    private boolean isSafe(Grid grid, Grid.Line line, Suppression[] reasons) {
        int hiddenCells = 0;
        long hiddenSum = 0;
        for (int member : line.members()) {
            if (reasons[member] != null) {
                hiddenCells++;
                hiddenSum += grid.values[member];
            }
        }
        if (reasons[line.total()] != null) {
            return hiddenCells >= 1;
        }
        return hiddenCells == 0 || hiddenCells >= 2 && !isSmall(hiddenSum);
    }

    /**
     * The published cell of the line that loses least information: the smallest count whose suppression
     * makes the line safe (a zero can close a line, but a zero beside a 5 would reveal 5 as the pair's sum);
     * the total only when no cell is left.
     */
    private int complement(Grid grid, Grid.Line line, Suppression[] reasons) {
        int[] candidates = IntStream.of(line.members())
                .filter(member -> reasons[member] == null)
                .boxed()
                .sorted(leastInformation(grid))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int candidate : candidates) {
            reasons[candidate] = Suppression.SECONDARY;
            boolean safe = isSafe(grid, line, reasons);
            reasons[candidate] = null;
            if (safe) {
                return candidate;
            }
        }
        return candidates.length > 0 ? candidates[0] : line.total();
    }

    /**
     * The published entry, smallest count first, whose suppression frees {@code exposed}; if none does
     * on its own, the smallest one, and the loop carries on from there.
     */
    private int unpin(Grid grid, Suppression[] reasons, int exposed) {
        int[] candidates = IntStream.range(0, grid.size())
                .filter(i -> reasons[i] == null)
                .boxed()
                .sorted(leastInformation(grid))
                .mapToInt(Integer::intValue)
                .toArray();
        boolean[] hidden = hidden(reasons);
        for (int candidate : candidates) {
            hidden[candidate] = true;
            boolean freed = !new LinearAudit(grid, hidden).isDetermined(exposed);
            hidden[candidate] = false;
            if (freed) {
                return candidate;
            }
        }
        return candidates[0];
    }

    private static Comparator<Integer> leastInformation(Grid grid) {
        return Comparator.<Integer>comparingLong(i -> grid.values[i])
                .thenComparingInt(i -> i);
    }

    private static boolean[] hidden(Suppression[] reasons) {
        boolean[] hidden = new boolean[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            hidden[i] = reasons[i] != null;
        }
        return hidden;
    }
}
