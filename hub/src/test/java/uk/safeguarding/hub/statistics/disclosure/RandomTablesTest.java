package uk.safeguarding.hub.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Suppression on 500 seeded random tables of random shapes, with many zeros and small counts: no
 * withheld entry is recoverable by subtraction from any line, nor by combining lines; every small count
 * is withheld as primary; every published value is the true count.
 */
class RandomTablesTest {

    private static final int THRESHOLD = DisclosureControl.DEFAULT_THRESHOLD;

    @Test
    void noSuppressedValueCanBeRecoveredFromFiveHundredRandomTables() {
        Random random = new Random(20261123);
        DisclosureControl control = DisclosureControl.suppression();
        int suppressed = 0;
        for (int n = 0; n < 500; n++) {
            FrequencyTable counts = randomTable(random);
            ProtectedTable table = control.protect(counts);
            String context = "table " + n + ":\n" + table;

            assertThat(Recoverability.recoverable(table)).as(context).isEmpty();

            Grid grid = new Grid(counts);
            boolean[] hidden = new boolean[grid.size()];
            ProtectedTable.Entry[] entries = entries(table, grid);
            for (int i = 0; i < grid.size(); i++) {
                long count = grid.values[i];
                hidden[i] = entries[i].isSuppressed();
                suppressed += hidden[i] ? 1 : 0;
                assertThat(entries[i].suppression() == Suppression.PRIMARY)
                        .as(context + "\nentry " + i + " of " + count).isEqualTo(count > 0 && count < THRESHOLD);
                if (!hidden[i]) {
                    assertThat(entries[i].value()).as(context).isEqualTo(count);
                }
            }
            assertThat(new LinearAudit(grid, hidden).firstDetermined()).as(context).isEqualTo(-1);
            for (Grid.Line line : grid.lines) {
                if (!hidden[line.total()]) {
                    long hiddenSum = IntStream.of(line.members()).filter(m -> hidden[m]).mapToLong(m -> grid.values[m]).sum();
                    assertThat(hiddenSum == 0 || hiddenSum >= THRESHOLD)
                            .as(context + "\nwithheld cells of a line sum to " + hiddenSum).isTrue();
                }
            }
        }
        assertThat(suppressed).as("the tables did exercise suppression").isGreaterThan(1000);
    }

    @Test
    void theCheckerCatchesPrimarySuppressionAlone() {
        FrequencyTable counts = FrequencyTable.twoWay(List.of("Lambeth", "Southwark"), List.of("Low", "High"),
                new long[][] {{4, 30}, {20, 25}});
        Grid grid = new Grid(counts);
        ProtectedTable.Entry[] entries = new ProtectedTable.Entry[grid.size()];
        for (int i = 0; i < entries.length; i++) {
            boolean small = grid.values[i] > 0 && grid.values[i] < THRESHOLD;
            entries[i] = small ? new ProtectedTable.Entry(null, Suppression.PRIMARY) : new ProtectedTable.Entry(grid.values[i], null);
        }

        ProtectedTable primaryOnly = new ProtectedTable(counts, grid, entries, "primary only");

        assertThat(Recoverability.recoverable(primaryOnly))
                .containsExactly("row Lambeth: the withheld entry is 4", "column Low: the withheld entry is 4");
    }

    @Test
    void theLinearAuditFindsACellThatNoSingleSubtractionReveals() {
        // Two blocks of withheld cells joined by one withheld cell (Lambeth, Mar): every line has at
        // least two withheld entries, yet Lambeth and Southwark's row totals minus the Jan and Feb column
        // totals (less their published cells) leave exactly that cell.
        List<String> boroughs = List.of("Lambeth", "Southwark", "Croydon", "Brent");
        List<String> months = List.of("Jan", "Feb", "Mar", "Apr");
        FrequencyTable counts = FrequencyTable.twoWay(boroughs, months,
                new long[][] {{11, 12, 13, 14}, {15, 16, 17, 18}, {19, 20, 21, 22}, {23, 24, 25, 26}});
        Grid grid = new Grid(counts);
        boolean[] hidden = new boolean[grid.size()];
        int[][] withheld = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {0, 2}};
        for (int[] cell : withheld) {
            hidden[grid.cell(cell[0], cell[1])] = true;
        }

        LinearAudit audit = new LinearAudit(grid, hidden);

        assertThat(audit.firstDetermined()).isEqualTo(grid.cell(0, 2));
        assertThat(audit.isDetermined(grid.cell(0, 0))).isFalse();
        assertThat(audit.isDetermined(grid.cell(2, 2))).isFalse();
    }

    private static FrequencyTable randomTable(Random random) {
        int rows = 1 + random.nextInt(8);
        int columns = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(8);
        long[][] counts = new long[rows][Math.max(1, columns)];
        for (long[] row : counts) {
            for (int c = 0; c < row.length; c++) {
                int kind = random.nextInt(10);
                row[c] = kind < 2 ? 0 : kind < 5 ? 1 + random.nextInt(THRESHOLD - 1) : THRESHOLD + random.nextInt(150);
            }
        }
        List<String> rowLabels = IntStream.range(0, rows).mapToObj(r -> "r" + r).toList();
        if (columns == 0) {
            return FrequencyTable.oneWay(rowLabels, IntStream.range(0, rows).mapToLong(r -> counts[r][0]).toArray());
        }
        return FrequencyTable.twoWay(rowLabels, IntStream.range(0, columns).mapToObj(c -> "c" + c).toList(), counts);
    }

    /** The protected table's entries by {@link Grid} index, through its public accessors. */
    private static ProtectedTable.Entry[] entries(ProtectedTable table, Grid grid) {
        ProtectedTable.Entry[] entries = new ProtectedTable.Entry[grid.size()];
        for (int r = 0; r < table.rows(); r++) {
            for (int c = 0; c < table.columns(); c++) {
                entries[grid.cell(r, c)] = table.cell(r, c);
            }
            if (table.isTwoWay()) {
                entries[grid.rowTotal(r)] = table.rowTotal(r);
            }
        }
        if (table.isTwoWay()) {
            for (int c = 0; c < table.columns(); c++) {
                entries[grid.columnTotal(c)] = table.columnTotal(c);
            }
        }
        entries[grid.grandTotal()] = table.grandTotal();
        return entries;
    }
}
