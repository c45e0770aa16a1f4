package uk.safeguarding.hub.identity.matching;

import java.time.LocalDate;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The fields compared, each with its levels from the strongest agreement (0) to disagreement (last).
 * A value missing on either side is level {@link #NULL}: it contributes nothing either way.
 */
enum Comparison {
    GIVEN_NAME("exact", "nickname, variant or the name's first letters", "jaro-winkler >= 0.92", "jaro-winkler >= 0.85",
            "same sound", "different"),
    FAMILY_NAME("exact", "jaro-winkler >= 0.92, or one name of a double surname", "jaro-winkler >= 0.85", "same sound",
            "different"),
    /** 1 January is what systems record for an unknown day: against it only a year far out says anything. */
    DATE_OF_BIRTH("exact", "day and month transposed", "one digit different, or one year out on the same day", "same year",
            "different"),
    SEX("same", "different"),
    /** One comparison for UPRN and postcode: they agree together, and counting both would count the address twice. */
    ADDRESS("same UPRN", "same postcode", "same sector", "same district", "different"),
    PHONE("exact", "different"),
    EMAIL("exact", "different");

    static final int NULL = -1;
    static final Comparison[] ALL = values();

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    final String[] levels;

    Comparison(String... levels) {
        this.levels = levels;
    }

    int levelCount() {
        return levels.length;
    }

    int level(Person a, Person b) {
        return switch (this) {
            case GIVEN_NAME -> swapped(a, b) ? given(a, b.swapped()) : given(a, b);
            case FAMILY_NAME -> swapped(a, b) ? family(a, b.swapped()) : family(a, b);
            case DATE_OF_BIRTH -> born(a.born(), b.born());
            case SEX -> exact(a.sex(), b.sex());
            case ADDRESS -> address(a, b);
            case PHONE -> exact(a.phone(), b.phone());
            case EMAIL -> exact(a.email(), b.email());
        };
    }

    /**
     * Given and family names written the wrong way round: they disagree as written and agree crosswise
     * (exactly, or as a typo or variant of each other). Both names are then compared crosswise.
     */
    static boolean swapped(Person a, Person b) {
        if (a.given() == null || a.family() == null || b.given() == null || b.family() == null
                || a.given().equals(b.given()) || a.family().equals(b.family())) {
            return false;
        }
        Person c = b.swapped();
        return given(a, b) >= 4 && given(a, c) <= 2 && family(a, c) <= 1;
    }

    private static int given(Person a, Person b) {
        if (a.given() == null || b.given() == null) {
            return NULL;
        }
        if (a.given().equals(b.given())) {
            return 0;
        }
        if (Nicknames.variants(a.given(), b.given()) || shortened(a.given(), b.given())) {
            return 1;
        }
        double jw = JARO_WINKLER.apply(a.given(), b.given());
        return jw >= 0.92 ? 2 : jw >= 0.85 ? 3 : Objects.equals(a.givenSound(), b.givenSound()) ? 4 : 5;
    }

    /** The first letters of the name, as people shorten it ("Jess", "Theo"): at least three of them. */
    private static boolean shortened(String x, String y) {
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        return shorter.length() >= 3 && longer.startsWith(shorter);
    }

    private static int family(Person a, Person b) {
        if (a.family() == null || b.family() == null) {
            return NULL;
        }
        if (a.family().equals(b.family())) {
            return 0;
        }
        double jw = JARO_WINKLER.apply(a.family(), b.family());
        if (jw >= 0.92 || oneOfDouble(a.family(), b.family())) {
            return 1;
        }
        return jw >= 0.85 ? 2 : Objects.equals(a.familySound(), b.familySound()) ? 3 : 4;
    }

    /** "ferreira kemp" and "kemp": one name of a double or hyphenated surname (normalised names are space-separated). */
    private static boolean oneOfDouble(String x, String y) {
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        return longer.contains(" ") && shorter.length() >= 3 && java.util.Arrays.asList(longer.split(" ")).contains(shorter);
    }

    static int born(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return NULL;
        }
        if (a.equals(b)) {
            return 0;
        }
        if (newYear(a) || newYear(b)) {
            // the day unknown: the year a little out says nothing, far out it still disagrees
            return Math.abs(a.getYear() - b.getYear()) <= 1 ? NULL : 4;
        }
        if (Math.abs(a.getYear() - b.getYear()) == 1 && a.getMonthValue() == b.getMonthValue()
                && a.getDayOfMonth() == b.getDayOfMonth()) {
            return 2;
        }
        if (a.getYear() == b.getYear() && a.getDayOfMonth() == b.getMonthValue() && a.getMonthValue() == b.getDayOfMonth()) {
            return 1;
        }
        String x = a.toString();
        String y = b.toString();
        int differ = 0;
        for (int i = 0; i < x.length() && differ < 2; i++) {
            if (x.charAt(i) != y.charAt(i)) {
                differ++;
            }
        }
        return differ == 1 ? 2 : a.getYear() == b.getYear() ? 3 : 4;
    }

    private static boolean newYear(LocalDate d) {
        return d.getMonthValue() == 1 && d.getDayOfMonth() == 1;
    }

    private static int address(Person a, Person b) {
        if (a.uprn() != null && a.uprn().equals(b.uprn())) {
            return 0;
        }
        if (a.postcode() == null || b.postcode() == null) {
            // two different UPRNs without postcodes: different addresses
            return a.uprn() == null || b.uprn() == null ? NULL : 4;
        }
        return a.postcode().equals(b.postcode()) ? 1 : Objects.equals(a.sector(), b.sector()) ? 2
                : Objects.equals(a.district(), b.district()) ? 3 : 4;
    }

    private static int exact(String a, String b) {
        return a == null || b == null ? NULL : a.equals(b) ? 0 : 1;
    }
}
