package uk.safeguarding.simulators;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import uk.safeguarding.simulators.SyntheticLondon.Address;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * How each agency records a person: the one place the simulators' realistic noise comes from. Most
 * records are exactly right; some carry a nickname, a keying error, a day and month swapped, no date
 * of birth, a married woman's former surname, an old address or no NHS number, at each agency's own
 * rates. A good matcher should still reach an F1 of 0.98 or more on what comes out.
 */
public final class Recording {

    /** The simulated partners, by the agency codes their connectors record. */
    public enum Agency {
        MET_POLICE("met-police"), TFL("tfl"), LFB("lfb"), HOUSING("lambeth-housing"), ADULT_SOCIAL_CARE("lambeth-asc"),
        CHILDRENS_SOCIAL_CARE("lambeth-csc"), MENTAL_HEALTH("slam"), BTP("btp");

        private final String code;

        Agency(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The ways a record can differ from the truth. */
    public enum Variation {
        NICKNAME, TYPO, DATE_OF_BIRTH_SWAPPED, DATE_OF_BIRTH_MISSING, MAIDEN_NAME, OLD_ADDRESS, NHS_NUMBER_MISSING
    }

    /**
     * Probabilities, per recorded person, of each variation (where it can apply: a nickname needs a
     * name that has one, a swap needs a day of 12 or less, a maiden name a married woman), and of the
     * agency holding an NHS number at all.
     */
    public record Rates(double nickname, double typo, double dateOfBirthSwapped, double dateOfBirthMissing,
            double maidenName, double oldAddress, double nhsNumberRecorded) {
    }

    /**
     * The rates, with why. Police and housing records rarely carry an NHS number (POLE persons and
     * housing registers have no such field, so here none); LFB, TfL and the CIN census have none
     * either. Health and care systems trace people against the NHS spine: adult social care's Client
     * Level Data has NHS numbers for roughly nine in ten people, a mental health trust's patients nearly all.
     */
    public static final Map<Agency, Rates> RATES = Map.of(
            // people stopped or reporting give the name they go by; custody records are keyed at speed;
            // police systems keep an old address until the person is next dealt with
            Agency.MET_POLICE, new Rates(0.05, 0.03, 0.02, 0.01, 0.06, 0.05, 0),
            // staff on the network write what they are told, often with no date of birth (an estimated age)
            Agency.TFL, new Rates(0.06, 0.04, 0.02, 0.15, 0.04, 0, 0),
            // a visit form filled in at the door: the occupier's home and date of birth (age drives fire risk)
            Agency.LFB, new Rates(0.04, 0.03, 0.02, 0, 0.03, 0, 0),
            // tenancy records are formal (ID checked at sign-up), but complaints name people second hand
            Agency.HOUSING, new Rates(0.03, 0.03, 0.02, 0.02, 0.08, 0.02, 0),
            // care records use the legal name; an NHS number for most (Client Level Data completeness)
            Agency.ADULT_SOCIAL_CARE, new Rates(0.01, 0.02, 0.01, 0, 0.03, 0.04, 0.90),
            // a child's record is formal, but dates are re-keyed from referral forms
            Agency.CHILDRENS_SOCIAL_CARE, new Rates(0.02, 0.02, 0.02, 0, 0, 0.02, 0),
            // the trust's PAS is traced against PDS: NHS number and date of birth nearly always right
            Agency.MENTAL_HEALTH, new Rates(0.02, 0.02, 0.005, 0, 0.03, 0.06, 0.97),
            // British Transport Police: officers at a station take details on the spot, like the Met's,
            // and some people give an age but no date of birth
            Agency.BTP, new Rates(0.05, 0.03, 0.02, 0.03, 0.06, 0.05, 0));

    /**
     * Of records that already differ in one way, the share with a keying slip as well: errors cluster in
     * hurried records, so a few percent of all records carry two variations.
     */
    static final double CARELESS = 0.15;

    /** A person as one agency recorded them, and how that differs from the truth. */
    public record Recorded(Resident truth, String givenName, String familyName, LocalDate dateOfBirth, String nhsNumber,
            Address address, Set<Variation> variations) {

        public String trueId() {
            return truth.trueId();
        }

        public String sex() {
            return truth.sex();
        }

        public String phone() {
            return truth.phone();
        }

        public String email() {
            return truth.email();
        }

        public String ethnicity() {
            return truth.ethnicity();
        }

        public boolean clean() {
            return variations.isEmpty();
        }
    }

    private Recording() {
    }

    /** The person as this agency recorded them, drawing the agency's variations from {@code random}. */
    public static Recorded asRecordedBy(Resident r, Agency agency, Random random) {
        Rates rates = RATES.get(agency);
        Set<Variation> variations = EnumSet.noneOf(Variation.class);
        String given = r.givenName();
        String family = r.familyName();
        LocalDate born = r.dateOfBirth();
        Address address = r.address();
        // draw every roll, applying or not, so that one person's variations do not shift the next person's
        double nickname = random.nextDouble();
        double typo = random.nextDouble();
        double swapped = random.nextDouble();
        double missing = random.nextDouble();
        double maiden = random.nextDouble();
        double moved = random.nextDouble();
        double nhs = random.nextDouble();
        double careful = random.nextDouble();
        int choice = random.nextInt(1 << 20);
        Random edits = new Random(choice);

        String[] nicknames = Names.NICKNAMES.get(given);
        if (nicknames != null && nickname < rates.nickname()) {
            given = nicknames[choice % nicknames.length];
            variations.add(Variation.NICKNAME);
        }
        if (r.formerFamilyName() != null && maiden < rates.maidenName()) {
            family = r.formerFamilyName();
            variations.add(Variation.MAIDEN_NAME);
        }
        if (missing < rates.dateOfBirthMissing()) {
            born = null;
            variations.add(Variation.DATE_OF_BIRTH_MISSING);
        } else if (swapped < rates.dateOfBirthSwapped() && born.getDayOfMonth() <= 12
                && born.getDayOfMonth() != born.getMonthValue()) {
            born = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
            variations.add(Variation.DATE_OF_BIRTH_SWAPPED);
        }
        if (r.previousAddress() != null && moved < rates.oldAddress()) {
            address = r.previousAddress();
            variations.add(Variation.OLD_ADDRESS);
        }
        String number = null;
        if (rates.nhsNumberRecorded() > 0 && r.nhsNumber() != null) {
            if (nhs < rates.nhsNumberRecorded()) {
                number = r.nhsNumber();
            } else {
                variations.add(Variation.NHS_NUMBER_MISSING);
            }
        }
        // a record keyed in a hurry once is often keyed in a hurry twice: a second slip after another variation
        boolean careless = !variations.isEmpty() && careful < CARELESS;
        if (typo < rates.typo() || careless) {
            // mostly the family name (given names are checked with the person more often); never a name too short to edit
            boolean onGiven = (choice % 3 == 0 && given.length() >= 3) || family.length() < 3;
            String before = onGiven ? given : family;
            String edited = Names.typo(before, edits);
            if (onGiven) {
                given = edited;
            } else {
                family = edited;
            }
            if (!edited.equals(before)) {
                variations.add(Variation.TYPO);
            }
        }
        return new Recorded(r, given, family, born, number, address, Set.copyOf(variations));
    }

    /**
     * For agencies that keep one record per person (a police nominal, a care client, a patient, a
     * child): the same draw every time that agency records that person.
     */
    public static Recorded asKeptBy(long seed, Resident r, Agency agency) {
        return asRecordedBy(r, agency, new Random(SyntheticLondon.mix(seed, 100 + agency.ordinal(), number(r))));
    }

    /**
     * The agency's own number for a person: stable, different at each agency, and not the true id
     * (a keyed permutation of it, so no two people share one).
     */
    public static long localNumber(long seed, Agency agency, Resident r) {
        long modulus = 999_999_937L; // a prime above any person number
        long a = 1 + Math.floorMod(SyntheticLondon.mix(seed, 200 + agency.ordinal(), 0), modulus - 1);
        long b = Math.floorMod(SyntheticLondon.mix(seed, 300 + agency.ordinal(), 0), modulus);
        return (a * number(r) % modulus + b) % modulus; // both factors below 10^9: no overflow
    }

    static long number(Resident r) {
        return Long.parseLong(r.trueId().substring(1)) * 2 + (r.isChild() ? 1 : 0);
    }
}
