package uk.safeguarding.hub.identity.matching;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

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
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);
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
     * Whether two groups of records, each held as one person, clearly hold different people: a pair of
     * them differs on NHS number or sex, or has dates of birth a generation apart, or weighs against one
     * person on names, date and sex together ({@link Model#identityApart}); or no given name of one is a
     * form of a given name of the other, or no date of birth of one can be the other's. Given names and
     * dates are compared group to group, not record to record: a typo in one record ("Isna" among a
     * woman's "Isla", a digit of her date) is her own noise, and two records each a digit out from her
     * date may be two digits apart; twins' names match none of each other's.
     */
    static boolean apart(List<Person> a, List<Person> b, Model model) {
        boolean namedA = false;
        boolean namedB = false;
        boolean sameGiven = false;
        boolean datedA = false;
        boolean datedB = false;
        boolean sameBorn = false;
        for (Person x : a) {
            namedA |= x.given() != null;
            datedA |= x.born() != null;
            for (Person y : b) {
                namedB |= y.given() != null;
                datedB |= y.born() != null;
                if (x.nhs() != null && y.nhs() != null && !x.nhs().equals(y.nhs())
                        || x.sex() != null && y.sex() != null && !x.sex().equals(y.sex())
                        || generationApart(x.born(), y.born()) || model.identityApart(x, y)) {
                    return true;
                }
                sameGiven |= x.given() != null && y.given() != null && !givenApart(x, y);
                sameBorn |= x.born() != null && y.born() != null && !bornApart(x.born(), y.born());
            }
        }
        return namedA && namedB && !sameGiven || datedA && datedB && !sameBorn;
    }

    private static boolean generationApart(LocalDate a, LocalDate b) {
        return a != null && b != null && Math.abs(a.getYear() - b.getYear()) >= GENERATION;
    }

    /**
     * Whether a group of records without the discriminating fields on one side can be joined to another:
     * name, sex and address are shared by a father and son of one name, so an undated group joins only on
     * something personal shared with the other ({@link #corroborated}).
     */
    static boolean onePerson(List<Person> a, List<Person> b) {
        if (a.stream().anyMatch(Compatibility::discriminating) && b.stream().anyMatch(Compatibility::discriminating)) {
            return true;
        }
        for (Person x : a) {
            for (Person y : b) {
                if (corroborated(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Enough to tell a person from their relatives: a date of birth and a given name. A record without
     * them never decides between two candidates (it goes to review instead).
     */
    static boolean discriminating(Person p) {
        return p.born() != null && p.given() != null;
    }

    /**
     * Something personal the two records share beyond name, sex and address, which a parent and a child
     * of one name at one address also share: the same e-mail address or mobile number (a landline is
     * the household's).
     */
    static boolean corroborated(Person a, Person b) {
        return a.email() != null && a.email().equals(b.email())
                || a.phone() != null && a.phone().equals(b.phone()) && mobile(a.phone());
    }

    /** A UK mobile number (07..., or 447... with the country code): one person's, unlike a landline. */
    static boolean mobile(String digits) {
        return digits.startsWith("07") || digits.startsWith("447");
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
            // 1 January is what a system records for an unknown day: only the year says anything, one
            // year out or one digit of it mistyped allowed
            return years > 1 && !oneDigit(a.getYear(), b.getYear());
        }
        int level = Comparison.born(a, b);
        // exact, day and month transposed, one digit, or one year out on the same day
        return !(level <= 2 || years == 1 && MonthDay.from(a).equals(MonthDay.from(b)));
    }

    private static boolean oneDigit(int x, int y) {
        int differ = 0;
        for (; x > 0 || y > 0; x /= 10, y /= 10) {
            differ += x % 10 != y % 10 ? 1 : 0;
        }
        return differ == 1;
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
        // one letter wrong, missing or extra in a name of four letters or more ("Jatk" for Jack)
        if (shorter.length() >= 4 && ONE_EDIT.apply(x, y) >= 0) {
            return true;
        }
        String sx = Person.sound(x);
        return sx != null && sx.equals(Person.sound(y));
    }
}
