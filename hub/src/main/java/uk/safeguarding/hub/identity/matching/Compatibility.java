package uk.safeguarding.hub.identity.matching;

import java.time.LocalDate;
import java.time.MonthDay;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Whether two records may be one person on the fields that tell people apart: date of birth, given name
 * and sex. A score weighs agreement against disagreement, so twins (same date of birth, surname and
 * address) or a father and son of one name at one address can outscore their differences; these rules
 * cannot be outweighed. A record joins a subject only if it is compatible with every record the subject
 * holds, so a record that differs from neither of two people cannot bridge them. Recording noise the
 * comparisons grade (a nickname, a typo, a digit or the day and month of a date, 1 January for an unknown
 * day) stays compatible.
 */
final class Compatibility {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    /** Dates of birth this many years apart are two generations, whatever else agrees. */
    static final int GENERATION = 12;
    private static final MonthDay NEW_YEAR = MonthDay.of(1, 1);

    private Compatibility() {
    }

    /** Two records that must not be one person without an analyst saying so. */
    static boolean conflict(Person a, Person b) {
        if (a.nhs() != null && b.nhs() != null && !a.nhs().equals(b.nhs())) {
            return true;
        }
        if (a.sex() != null && b.sex() != null && !a.sex().equals(b.sex())) {
            return true;
        }
        return bornApart(a.born(), b.born()) || givenApart(a, b);
    }

    /**
     * Enough to tell a person from their relatives: a date of birth and a given name. A record without
     * them never decides between two candidates (it goes to review instead).
     */
    static boolean discriminating(Person p) {
        return p.born() != null && p.given() != null;
    }

    /** Dates that cannot be one person's, recording noise allowed for. */
    static boolean bornApart(LocalDate a, LocalDate b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        int years = Math.abs(a.getYear() - b.getYear());
        if (years >= GENERATION) {
            return true;
        }
        if (MonthDay.from(a).equals(NEW_YEAR) || MonthDay.from(b).equals(NEW_YEAR)) {
            // 1 January is what a system records for an unknown day: only the year says anything
            return years > 1;
        }
        int level = Comparison.born(a, b);
        // exact, day and month transposed, one digit, or one year out on the same day
        return !(level <= 2 || years == 1 && MonthDay.from(a).equals(MonthDay.from(b)));
    }

    /** Given names that cannot be one person's: not the same, a short form, a spelling, an initial or a swap. */
    static boolean givenApart(Person a, Person b) {
        if (a.given() == null || b.given() == null) {
            return false;
        }
        if (alike(a.given(), b.given())) {
            return false;
        }
        // given and family names written the wrong way round
        if (a.family() != null && b.family() != null && alike(a.given(), b.family()) && alike(a.family(), b.given())) {
            return false;
        }
        // "mary jane" and "jane": one of several given names
        for (String x : a.given().split(" ")) {
            for (String y : b.given().split(" ")) {
                if (alike(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean alike(String x, String y) {
        if (x.equals(y) || Nicknames.variants(x, y)) {
            return true;
        }
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        // an initial, or the first letters of the name ("Jess" for Jessica)
        if (longer.startsWith(shorter) && (shorter.length() == 1 || shorter.length() >= 3)) {
            return true;
        }
        if (JARO_WINKLER.apply(x, y) >= 0.88) {
            return true;
        }
        String sx = Person.sound(x);
        return sx != null && sx.equals(Person.sound(y));
    }
}
