package uk.safeguarding.connectors.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up population of south London residents for the simulated partners. Deterministic for a seed,
 * so every partner simulator sees the same people; each person keeps the true id the generator gave
 * them, against which identity matching can be scored. NHS numbers are in the never-issued test range.
 */
public final class SyntheticLondon {

    public static final String LAMBETH = "E09000022";

    private static final String[] FEMALE = {"Amina", "Grace", "Olivia", "Fatima", "Sarah", "Chloe", "Precious",
        "Margaret", "Joan", "Aisha", "Sophie", "Blessing", "Patricia", "Maria", "Zainab", "Emily", "Jade", "Doreen"};
    private static final String[] MALE = {"Daniel", "Kwame", "James", "Mohammed", "Tyrone", "Oliver", "Samuel",
        "George", "Kofi", "David", "Ahmed", "Joseph", "Michael", "Jamal", "Harry", "Leon", "Arthur", "Dwayne"};
    private static final String[] FAMILY = {"Okafor", "Smith", "Williams", "Mensah", "Brown", "Jones", "Campbell",
        "Ahmed", "Taylor", "Johnson", "Adeyemi", "Clarke", "Hussain", "Thompson", "Walker", "Osei", "Evans",
        "Nowak", "Silva", "Murphy", "Begum", "Khan", "Reid", "Bailey", "Asante", "Robinson", "Wright", "Kowalski"};
    private static final String[] STREETS = {"Acre Lane", "Brixton Hill", "Coldharbour Lane", "Railton Road",
        "Stockwell Road", "Clapham Road", "Kennington Lane", "Norwood Road", "Streatham High Road", "Tulse Hill",
        "Landor Road", "Loughborough Road", "Brixton Road", "Wandsworth Road", "Knight's Hill"};
    private static final String[] OUTWARD = {"SW2", "SW9", "SE11", "SE24", "SE27", "SW4", "SW8", "SW16"};
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    /** A resident as the generator knows them, with the true id that matching is scored against. */
    public record Resident(String trueId, String givenName, String familyName, LocalDate dateOfBirth, String sex,
            String nhsNumber, String addressLine, String postcode, String uprn, String phone, String email) {
    }

    private SyntheticLondon() {
    }

    public static List<Resident> residents(long seed, int count) {
        Random random = new Random(seed);
        List<Resident> residents = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            boolean female = random.nextBoolean();
            String given = pick(random, female ? FEMALE : MALE);
            String family = pick(random, FAMILY);
            LocalDate dob = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 66));
            String street = pick(random, STREETS);
            String line = (1 + random.nextInt(180)) + " " + street;
            String postcode = pick(random, OUTWARD) + " " + random.nextInt(10)
                    + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                    + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
            String uprn = String.valueOf(100020000000L + random.nextInt(900000));
            String phone = random.nextInt(3) == 0 ? null : String.format("07700 900%03d", random.nextInt(1000));
            String email = random.nextInt(4) == 0
                    ? (given + "." + family + i).toLowerCase().replace("'", "") + "@example.com" : null;
            residents.add(new Resident(String.format("P%06d", i), given, family, dob, female ? "Female" : "Male",
                    testNhsNumber(i), line, postcode, uprn, phone, email));
        }
        return residents;
    }

    /**
     * Children living with some of the residents (same family name and home), for children's services:
     * true ids {@code C000001}..., NHS numbers after the adults'.
     */
    public static List<Resident> children(long seed, int count) {
        List<Resident> parents = residents(seed, Math.max(count, 1));
        Random random = new Random(seed + 100);
        List<Resident> children = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Resident parent = parents.get(i - 1);
            boolean female = random.nextBoolean();
            children.add(new Resident(String.format("C%06d", i), pick(random, female ? FEMALE : MALE), parent.familyName(),
                    LocalDate.of(2009, 1, 1).plusDays(random.nextInt(365 * 11)), female ? "Female" : "Male",
                    testNhsNumber(90000 + i), parent.addressLine(), parent.postcode(), parent.uprn(), null, null));
        }
        return children;
    }

    /** The i-th valid number of the never-issued test range 999 000 0000 - 999 999 9999. */
    static String testNhsNumber(int i) {
        for (int n = i * 10; ; n++) {
            String candidate = "999" + String.format("%06d", n);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (candidate.charAt(d) - '0') * (10 - d);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return candidate + check;
            }
        }
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
