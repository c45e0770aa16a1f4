package uk.safeguarding.hub.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.casework.ReferralCategories;
import uk.safeguarding.hub.statistics.disclosure.ProtectedTable;

/**
 * A commissioner working across three boroughs attacks the figures by subtraction: every period of whole
 * quarters in a year (and periods that start or end mid-month), each borough and all three. The oracle is
 * written here, apart from the hub's own protection: every figure published becomes a linear equation over
 * the true counts of each borough, month and category, and no figure withheld in any answer may be a linear
 * combination of the figures published in all of them (checked exactly, modulo a large prime).
 */
class DifferencingTest extends LocalHubTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> BOROUGHS = List.of("E09000022", "E09000028", "E09000032");
    private static final int YEAR = 2019;
    private static final List<String> CATEGORIES = ReferralCategories.ALL.stream().map(ReferralCategories.Category::code).toList();
    private static final Caller COMMISSIONER = new Caller("tri.commissioner", "lambeth-commissioning", Set.of("commissioner"),
            Set.copyOf(BOROUGHS));

    @Autowired
    Statistics statistics;

    /** The unknowns: a count per borough, month and category. */
    private static int unknown(int borough, int month, int category) {
        return (borough * 12 + month) * CATEGORIES.size() + category;
    }

    private static final int UNKNOWNS = BOROUGHS.size() * 12 * CATEGORIES.size();

    @AfterEach
    void removeTheCases() {
        jdbc.sql("delete from referral where case_id in (select id from panel_case where opened_by = 'differencing-test')").update();
        jdbc.sql("delete from panel_case where opened_by = 'differencing-test'").update();
    }

    @Test
    void noWithheldFigureCanBeWorkedOutFromAllThePublishedOnes() {
        long[] truth = cases();
        List<long[]> published = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        List<long[]> withheldRows = new ArrayList<>();
        List<LocalDate[]> periods = new ArrayList<>();
        for (int q1 = 0; q1 < 4; q1++) {
            for (int q2 = q1; q2 < 4; q2++) {
                periods.add(new LocalDate[] {LocalDate.of(YEAR, q1 * 3 + 1, 1), LocalDate.of(YEAR, q2 * 3 + 3, 1).plusMonths(1).minusDays(1)});
            }
        }
        periods.add(new LocalDate[] {LocalDate.of(YEAR, 2, 15), LocalDate.of(YEAR, 5, 3)});
        periods.add(new LocalDate[] {LocalDate.of(YEAR, 3, 31), LocalDate.of(YEAR, 4, 1)});
        int answers = 0;
        for (LocalDate[] period : periods) {
            for (String borough : new ArrayList<>(Arrays.asList(null, BOROUGHS.get(0), BOROUGHS.get(1), BOROUGHS.get(2)))) {
                Statistics.PanelFigures figures = statistics.panel(COMMISSIONER, Purpose.STATISTICS, period[0], period[1], borough);
                answers++;
                int firstMonth = figures.from().getMonthValue() - 1;
                int lastMonth = figures.to().getMonthValue() - 1;
                List<Integer> boroughs = borough == null ? List.of(0, 1, 2) : List.of(BOROUGHS.indexOf(borough));
                String asked = period[0] + ".." + period[1] + " " + (borough == null ? "all" : borough);
                // by category: each cell sums that category over the boroughs and months; the total sums all
                for (int c = 0; c < CATEGORIES.size(); c++) {
                    int category = c;
                    long[] row = equation(boroughs, firstMonth, lastMonth, (m, k) -> k == category);
                    record(figures.byCategory().cell(c), row, truth, published, withheld,
                            withheldRows, asked + " category " + CATEGORIES.get(c));
                }
                long[] all = equation(boroughs, firstMonth, lastMonth, (m, k) -> true);
                for (ProtectedTable table : List.of(figures.byCategory(), figures.byMonth(), figures.byBorough(),
                        figures.byAgeBand(), figures.takeUp(), figures.byState(), figures.bySourceAndRiskLevel())) {
                    record(table.grandTotal(), all, truth, published, withheld, withheldRows, asked + " total");
                }
                for (int r = 0; r < figures.byMonth().rows(); r++) {
                    int month = LocalDate.parse(figures.byMonth().rowLabels().get(r) + "-01").getMonthValue() - 1;
                    record(figures.byMonth().cell(r), equation(boroughs, month, month, (m, k) -> true), truth, published,
                            withheld, withheldRows, asked + " month " + figures.byMonth().rowLabels().get(r));
                }
                for (int r = 0; r < figures.byBorough().rows(); r++) {
                    int b = BOROUGHS.indexOf(figures.byBorough().rowLabels().get(r));
                    record(figures.byBorough().cell(r), equation(List.of(b), firstMonth, lastMonth, (m, k) -> true), truth,
                            published, withheld, withheldRows, asked + " borough " + BOROUGHS.get(b));
                }
            }
        }

        assertThat(answers).isEqualTo(periods.size() * 4);
        assertThat(withheld).as("the attack met withheld figures").hasSizeGreaterThan(20);
        assertThat(published).as("and published ones").hasSizeGreaterThan(200);
        RowSpace known = new RowSpace(UNKNOWNS);
        published.forEach(known::add);
        List<String> workedOut = new ArrayList<>();
        for (int i = 0; i < withheldRows.size(); i++) {
            if (known.contains(withheldRows.get(i))) {
                workedOut.add(withheld.get(i) + " = " + dot(withheldRows.get(i), truth));
            }
        }
        assertThat(workedOut).as("withheld figures worked out by subtracting answers").isEmpty();
    }

    @Test
    void theOracleFindsADifferenceWhenThereIsOne() {
        // published: a category over two quarters, and over the second; withheld: over the first
        RowSpace known = new RowSpace(UNKNOWNS);
        known.add(equation(List.of(0), 0, 5, (m, k) -> k == 0));
        known.add(equation(List.of(0), 3, 5, (m, k) -> k == 0));
        assertThat(known.contains(equation(List.of(0), 0, 2, (m, k) -> k == 0))).isTrue();
        assertThat(known.contains(equation(List.of(0), 0, 1, (m, k) -> k == 0))).isFalse();
    }

    private interface Selects {
        boolean test(int month, int category);
    }

    private static long[] equation(List<Integer> boroughs, int firstMonth, int lastMonth, Selects selects) {
        long[] row = new long[UNKNOWNS];
        for (int b : boroughs) {
            for (int m = firstMonth; m <= lastMonth; m++) {
                for (int c = 0; c < CATEGORIES.size(); c++) {
                    if (selects.test(m, c)) {
                        row[unknown(b, m, c)] = 1;
                    }
                }
            }
        }
        return row;
    }

    /** A published figure must be the true sum; a withheld one is kept for the oracle. */
    private static void record(ProtectedTable.Entry entry, long[] row, long[] truth, List<long[]> published,
            List<String> withheld, List<long[]> withheldRows, String what) {
        if (entry.isSuppressed()) {
            withheld.add(what);
            withheldRows.add(row);
        } else {
            assertThat(entry.value()).as(what).isEqualTo(dot(row, truth));
            published.add(row);
        }
    }

    private static long dot(long[] row, long[] truth) {
        long sum = 0;
        for (int i = 0; i < row.length; i++) {
            sum += row[i] * truth[i];
        }
        return sum;
    }

    /**
     * Cases opened in the year: for each borough, month and one of four categories, 0 to 7 of them, chosen
     * by a fixed sequence, so that small counts fall everywhere.
     */
    private long[] cases() {
        long[] truth = new long[UNKNOWNS];
        UUID subject = jdbc.sql("select id from subject limit 1").query(UUID.class).single();
        long seed = 20_191;
        List<String> used = List.of("anti-social-behaviour", "criminal-damage-arson", "harassment", "hate-incident");
        for (int b = 0; b < BOROUGHS.size(); b++) {
            for (int m = 0; m < 12; m++) {
                for (String code : used) {
                    seed = (seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L);
                    int n = (int) ((seed >>> 33) % 8);
                    truth[unknown(b, m, CATEGORIES.indexOf(code))] = n;
                    for (int i = 0; i < n; i++) {
                        OffsetDateTime opened = LocalDate.of(YEAR, m + 1, 1 + (i * 3) % 27).atTime(10, 0).atZone(LONDON)
                                .toOffsetDateTime();
                        UUID id = UUID.randomUUID();
                        jdbc.sql("""
                                insert into panel_case (id, subject_id, borough, state, opened_by, opened_at)
                                values (?, ?, ?, 'REFERRED', 'differencing-test', ?)""")
                                .params(id, subject, BOROUGHS.get(b), opened).update();
                        jdbc.sql("""
                                insert into referral (case_id, referring_agency, source, reason, category, referred_by, referred_at)
                                values (?, 'met-police', 'POLICE', 'differencing test', ?, 'differencing-test', ?)""")
                                .params(id, code, opened).update();
                    }
                }
            }
        }
        return truth;
    }

    /** Exact row space over the integers modulo a prime: Gaussian elimination, one pivot per column. */
    private static final class RowSpace {

        private static final long P = 2_147_483_647L;
        private final long[][] pivots;

        RowSpace(int columns) {
            pivots = new long[columns][];
        }

        void add(long[] row) {
            long[] r = reduce(row);
            for (int c = 0; c < r.length; c++) {
                if (r[c] != 0) {
                    long inverse = power(r[c], P - 2);
                    for (int k = c; k < r.length; k++) {
                        r[k] = r[k] * inverse % P;
                    }
                    pivots[c] = r;
                    return;
                }
            }
        }

        boolean contains(long[] row) {
            return Arrays.stream(reduce(row)).allMatch(v -> v == 0);
        }

        private long[] reduce(long[] row) {
            long[] r = new long[row.length];
            for (int c = 0; c < row.length; c++) {
                r[c] = Math.floorMod(row[c], P);
            }
            for (int c = 0; c < r.length; c++) {
                if (r[c] != 0 && pivots[c] != null) {
                    long factor = r[c];
                    for (int k = c; k < r.length; k++) {
                        r[k] = Math.floorMod(r[k] - factor * pivots[c][k] % P, P);
                    }
                }
            }
            return r;
        }

        private static long power(long base, long exponent) {
            long result = 1;
            base %= P;
            while (exponent > 0) {
                if ((exponent & 1) == 1) {
                    result = result * base % P;
                }
                base = base * base % P;
                exponent >>= 1;
            }
            return result;
        }
    }
}
