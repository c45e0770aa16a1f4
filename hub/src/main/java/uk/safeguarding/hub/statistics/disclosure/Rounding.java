package uk.safeguarding.hub.statistics.disclosure;

/**
 * Conventional rounding: every cell and total to the nearest multiple of the base (halves up), each on
 * its own, so no count is published exactly; rounded totals may not equal the sum of rounded cells.
 */
final class Rounding {

    private final int base;

    Rounding(int base) {
        if (base < 2) {
            throw new IllegalArgumentException("a rounding base must be at least 2: " + base);
        }
        this.base = base;
    }

    ProtectedTable protect(FrequencyTable table) {
        Grid grid = new Grid(table);
        ProtectedTable.Entry[] entries = new ProtectedTable.Entry[grid.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new ProtectedTable.Entry(round(grid.values[i]), null);
        }
        return new ProtectedTable(table, grid, entries, statement());
    }

    long round(long count) {
        return (count + base / 2) / base * base;
    }

    String statement() {
        return "All cells and totals rounded to the nearest multiple of " + base + " (conventional rounding"
                + (base == 5 ? ": 1-2 down, 3-4 up" : "") + "); totals are rounded independently, so they may"
                + " not equal the sum of the rounded cells; " + DisclosureControl.HANDBOOK;
    }
}
