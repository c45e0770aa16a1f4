package uk.safeguarding.hub.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.safeguarding.hub.statistics.disclosure.Suppression.PRIMARY;
import static uk.safeguarding.hub.statistics.disclosure.Suppression.SECONDARY;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Primary and secondary suppression on tables small enough to check by hand. */
class CellSuppressionTest {

    private static final List<String> SOURCES = List.of("Police", "Victim Support", "Self-referral", "Health");
    private final DisclosureControl control = DisclosureControl.suppression();

    @Test
    void countsBelowTheThresholdAreSuppressedAsPrimaryAndZerosArePublished() {
        ProtectedTable table = control.protect(FrequencyTable.oneWay(SOURCES, 9, 10, 0, 1));

        assertThat(table.cell(0).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(3).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(1).value()).isEqualTo(10);
        assertThat(table.cell(2).value()).isZero();
        assertThat(table.grandTotal().value()).isEqualTo(20);
        assertThat(Recoverability.recoverable(table)).isEmpty();
    }

    @Test
    void aConfigurableThresholdAndSensitiveZeros() {
        FrequencyTable referrals = FrequencyTable.oneWay(SOURCES, 4, 5, 0, 60);

        ProtectedTable five = DisclosureControl.suppression(5, false).protect(referrals);
        assertThat(five.cell(0).suppression()).isEqualTo(PRIMARY);
        assertThat(five.cell(1).suppression()).as("5 is not small, but protects the 4").isEqualTo(SECONDARY);
        assertThat(five.cell(2).value()).isZero();
        assertThat(control.protect(referrals).cell(1).suppression()).isEqualTo(PRIMARY);

        ProtectedTable zeros = DisclosureControl.suppression(5, true).protect(referrals);
        assertThat(zeros.cell(2).suppression()).isEqualTo(PRIMARY);
        assertThat(zeros.cell(3).value()).isEqualTo(60);
        assertThat(Recoverability.recoverable(zeros)).isEmpty();
    }

    @Test
    void oneWayASingleSmallCellForcesTheSmallestOtherNonZeroCell() {
        ProtectedTable table = control.protect(FrequencyTable.oneWay(SOURCES, 5, 30, 0, 20));

        assertThat(table.cell(0).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(3).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(1).value()).isEqualTo(30);
        assertThat(table.cell(2).value()).as("a withheld zero beside 5 would still reveal the 5").isZero();
        assertThat(table.grandTotal().value()).isEqualTo(55);
        assertThat(Recoverability.recoverable(table)).isEmpty();
    }

    @Test
    void twoSmallCellsThatTogetherAreASmallGroupNeedAThird() {
        // Publishing 40, 50 and 97 would tell a reader that Police and Victim Support together referred 7.
        ProtectedTable table = control.protect(FrequencyTable.oneWay(SOURCES, 3, 4, 40, 50));

        assertThat(table.cell(0).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(1).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(2).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(3).value()).isEqualTo(50);
        assertThat(table.grandTotal().value()).isEqualTo(97);
    }

    @Test
    void twoWayComplementsCloseEveryRowAndColumnWithTheSmallestCells() {
        ProtectedTable table = control.protect(FrequencyTable.twoWay(
                List.of("Lambeth", "Southwark", "Croydon"), List.of("Low", "Medium", "High"),
                new long[][] {{3, 20, 30}, {15, 25, 40}, {12, 18, 50}}));

        assertThat(table.cell(0, 0).suppression()).isEqualTo(PRIMARY);
        assertThat(table.cell(0, 1).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(2, 0).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(2, 1).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(1, 0).value()).as("15 kept: 12 loses less").isEqualTo(15);
        assertThat(List.of(table.rowTotal(0).value(), table.rowTotal(2).value(), table.columnTotal(0).value(),
                table.columnTotal(1).value(), table.grandTotal().value())).containsExactly(53L, 80L, 30L, 63L, 213L);
        assertThat(Recoverability.recoverable(table)).isEmpty();
    }

    @Test
    void whenACellIsAloneInItsLineTheOnlyComplementIsTheTotal() {
        // One borough by source: each column holds one cell, so its column total repeats it.
        ProtectedTable table = control.protect(FrequencyTable.twoWay(
                List.of("Lambeth"), List.of("Police", "Health", "Self-referral"), new long[][] {{3, 40, 50}}));

        assertThat(table.cell(0, 0).suppression()).isEqualTo(PRIMARY);
        assertThat(table.columnTotal(0).suppression()).as("a total of 3 is itself small").isEqualTo(PRIMARY);
        assertThat(table.cell(0, 1).suppression()).isEqualTo(SECONDARY);
        assertThat(table.columnTotal(1).suppression()).isEqualTo(SECONDARY);
        assertThat(table.cell(0, 2).value()).isEqualTo(50);
        assertThat(table.rowTotal(0).value()).isEqualTo(93);
        assertThat(table.grandTotal().value()).isEqualTo(93);
        assertThat(Recoverability.recoverable(table)).isEmpty();
    }

    @Test
    void aSmallTotalIsSuppressedAndTheTotalsLinesAreProtectedToo() {
        // Croydon's row adds up to 7: the row total is a small group, and the totals column must hide it.
        ProtectedTable table = control.protect(FrequencyTable.twoWay(
                List.of("Lambeth", "Southwark", "Croydon"), List.of("Low", "High"),
                new long[][] {{30, 20}, {40, 25}, {0, 7}}));

        assertThat(table.cell(2, 1).suppression()).isEqualTo(PRIMARY);
        assertThat(table.rowTotal(2).suppression()).isEqualTo(PRIMARY);
        assertThat(Recoverability.recoverable(table)).isEmpty();
    }

    @Test
    void aTableWithNoSmallCellsIsPublishedUnchanged() {
        FrequencyTable counts = FrequencyTable.twoWay(List.of("Lambeth", "Southwark"), List.of("Jan", "Feb", "Mar"),
                new long[][] {{12, 0, 31}, {10, 44, 0}});

        ProtectedTable table = control.protect(counts);

        for (int r = 0; r < 2; r++) {
            assertThat(table.rowTotal(r).value()).isEqualTo(counts.rowTotal(r));
            for (int c = 0; c < 3; c++) {
                assertThat(table.cell(r, c).value()).isEqualTo(counts.count(r, c));
                assertThat(table.columnTotal(c).value()).isEqualTo(counts.columnTotal(c));
            }
        }
        assertThat(table.grandTotal().value()).isEqualTo(97);
    }

    @Test
    void theMethodIsStatedWithTheTableAndNamesTheThreshold() {
        ProtectedTable table = control.protect(FrequencyTable.oneWay(SOURCES, 5, 30, 0, 20));

        assertThat(table.method())
                .startsWith("Cells and totals of 1-9 suppressed (primary);")
                .contains("(secondary)", "at least 10", "ESSnet Handbook on SDC, frequency tables");
        assertThat(DisclosureControl.suppression(5, true).statement()).contains("0-4", "at least 5");
        assertThat(table.toString()).contains("Police\t*", "Health\t**", "Total\t55", table.method());
    }

    @Test
    void badTablesAndSettingsAreRefused() {
        assertThatThrownBy(() -> FrequencyTable.oneWay(SOURCES, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrequencyTable.oneWay(List.of("a"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisclosureControl.suppression(1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisclosureControl.rounding(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
