package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocking rules: only records sharing one of these keys are compared (a union of rules, each pair
 * once). Each rule catches what the others miss: a typo in the name, a transposed or missing date of
 * birth, a nickname (given names block by the initials of the full names they may stand for).
 */
final class Blocking {

    /** A key shared by more records than this says little and would cost a quadratic block: skipped. */
    static final int MAX_BLOCK = 2000;

    private Blocking() {
    }

    static List<String> keys(Person p) {
        List<String> keys = new ArrayList<>(6);
        if (p.born() != null) {
            // same date of birth
            keys.add("d|" + p.born());
        }
        for (char initial : initials(p)) {
            if (p.familySound() != null && p.born() != null) {
                // same family name sound, birth year and given initial: a transposed or mistyped date
                keys.add("f|" + p.familySound() + "|" + p.born().getYear() + "|" + initial);
            }
            if (p.postcode() != null) {
                // same postcode and given initial: no date of birth, or a wrong one
                keys.add("p|" + p.postcode() + "|" + initial);
            }
        }
        if (p.nhs() != null) {
            keys.add("n|" + p.nhs());
        }
        return keys;
    }

    private static char[] initials(Person p) {
        if (p.givenRoots().isEmpty()) {
            // no given name: in every initial's block, so that it still meets the records at its address
            return "abcdefghijklmnopqrstuvwxyz".toCharArray();
        }
        StringBuilder s = new StringBuilder(2);
        for (String root : p.givenRoots()) {
            if (s.indexOf(root.substring(0, 1)) < 0) {
                s.append(root.charAt(0));
            }
        }
        return s.toString().toCharArray();
    }
}
