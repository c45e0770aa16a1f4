package uk.safeguarding.hub.statistics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rounding to base 5 as the alternative to suppression. */
class RoundingTest {

    @Test
    void everyCellAndTotalIsRoundedToTheNearestFive() {
        long[] counts = {0, 1, 2, 3, 4, 5, 7, 8, 12, 13};
        List<String> labels = IntStream.range(0, counts.length).mapToObj(i -> "band " + i).toList();

        ProtectedTable table = DisclosureControl.rounding().protect(FrequencyTable.oneWay(labels, counts));

        assertThat(IntStream.range(0, counts.length).mapToObj(i -> table.cell(i).value()))
                .containsExactly(0L, 0L, 0L, 5L, 5L, 5L, 5L, 10L, 10L, 15L);
        assertThat(table.grandTotal().value()).as("55 exactly").isEqualTo(55);
        assertThat(table.cell(1).isSuppressed()).isFalse();
    }

    @Test
    void totalsAreRoundedIndependentlyAndMayNotAddUp() {
        ProtectedTable table = DisclosureControl.rounding().protect(FrequencyTable.twoWay(
                List.of("Lambeth", "Southwark"), List.of("Low", "High"), new long[][] {{1, 1}, {1, 1}}));

        assertThat(table.cell(0, 0).value()).isZero();
        assertThat(table.rowTotal(0).value()).as("2 rounds down").isZero();
        assertThat(table.grandTotal().value()).as("4 rounds up, though every cell shows 0").isEqualTo(5);
        assertThat(table.method()).contains("nearest multiple of 5", "rounded independently",
                "may not equal the sum", "ESSnet Handbook on SDC, frequency tables");
    }

    @Test
    void anotherBaseRoundsHalvesUp() {
        ProtectedTable table = DisclosureControl.rounding(10).protect(FrequencyTable.oneWay(List.of("a", "b"), 5, 14));

        assertThat(table.cell(0).value()).isEqualTo(10);
        assertThat(table.cell(1).value()).isEqualTo(10);
        assertThat(table.grandTotal().value()).isEqualTo(20);
    }
}
