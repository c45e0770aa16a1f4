package uk.safeguarding.hub.statistics.disclosure;

import java.util.function.Function;

/**
 * Statistical disclosure control for frequency tables of counts of people, following the ESSnet
 * Handbook on Statistical Disclosure Control (frequency tables): either cell suppression (primary and
 * secondary) or rounding. The method is stated with every table it protects.
 */
public final class DisclosureControl {

    /** Counts below this are small groups that could identify someone. */
    public static final int DEFAULT_THRESHOLD = 10;

    public static final int DEFAULT_ROUNDING_BASE = 5;

    static final String HANDBOOK = "ESSnet Handbook on SDC, frequency tables";

    private final Function<FrequencyTable, ProtectedTable> method;
    private final String statement;

    private DisclosureControl(Function<FrequencyTable, ProtectedTable> method, String statement) {
        this.method = method;
        this.statement = statement;
    }

    /** Suppress counts of 1-9, and further cells so that totals cannot reveal them. */
    public static DisclosureControl suppression() {
        return suppression(DEFAULT_THRESHOLD, false);
    }

    /**
     * Suppress counts below {@code threshold} (primary), zeros too when {@code zerosSensitive} (when
     * knowing that nobody is in a group is itself disclosive), and further cells (secondary).
     */
    public static DisclosureControl suppression(int threshold, boolean zerosSensitive) {
        CellSuppression suppression = new CellSuppression(threshold, zerosSensitive);
        return new DisclosureControl(suppression::protect, suppression.statement());
    }

    /** Round every cell and total to base 5. */
    public static DisclosureControl rounding() {
        return rounding(DEFAULT_ROUNDING_BASE);
    }

    /** Round every cell and total to the nearest multiple of {@code base}, each independently. */
    public static DisclosureControl rounding(int base) {
        Rounding rounding = new Rounding(base);
        return new DisclosureControl(rounding::protect, rounding.statement());
    }

    public ProtectedTable protect(FrequencyTable table) {
        return method.apply(table);
    }

    /** The method statement printed with each protected table. */
    public String statement() {
        return statement;
    }
}
