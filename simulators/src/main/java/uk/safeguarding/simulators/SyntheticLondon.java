package uk.safeguarding.simulators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A made-up population of south London households for the simulated partners: families, couples,
 * flat shares and pensioners, living in blocks of flats (flat UPRNs under the block's parent UPRN) and
 * terraced streets. Deterministic for a seed, and any household can be made on its own from its index,
 * so a stream of a million records needs no population in memory. Each person keeps the true id the
 * generator gave them, against which identity matching is scored; how each agency records them (with
 * nicknames, typos, old addresses...) is {@link Recording}'s job. NHS numbers are in the never-issued
 * test range; phone numbers in Ofcom's drama ranges; emails at example.com.
 */
public final class SyntheticLondon {

    public static final String LAMBETH = "E09000022";
    /** The simulated "today": ages, and the feeds' dates, are relative to it. */
    static final LocalDate TODAY = LocalDate.of(2026, 10, 31);

    /** Households sharing a postcode: a block of flats, or a stretch of one street. */
    public static final int HOUSEHOLDS_PER_POSTCODE = 6;
    /** NHS numbers are allotted per household from a block of this many: enough valid ones for its members. */
    private static final int NHS_BLOCK = 8;
    private static final long UPRN_BASE = 100020000000L;

    private static final String[] STREETS = {"Acre Lane", "Brixton Hill", "Coldharbour Lane", "Railton Road",
        "Stockwell Road", "Clapham Road", "Kennington Lane", "Norwood Road", "Streatham High Road", "Tulse Hill",
        "Landor Road", "Loughborough Road", "Brixton Road", "Wandsworth Road", "Knight's Hill", "Effra Road",
        "Mervan Road", "St Matthew's Road", "Dalberg Road", "Barrington Road", "Ferndale Road", "Lyham Road"};
    private static final String[] BLOCKS = {"Rushcroft House", "Cressingham Court", "Blenheim Gardens",
        "Loughborough Court", "Moorland House", "Angell Town Court", "Myatts Field House", "Stockwell Park Court",
        "Clapham Park House", "Fenwick Court", "Tulse Hill House", "Cowley Court"};
    private static final String[] OUTWARD = {"SW2", "SW9", "SE11", "SE24", "SE27", "SW4", "SW8", "SW16"};
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    /** An address: {@code parentUprn} is the block's UPRN for a flat, null for a house. */
    public record Address(String line, String postcode, String uprn, String parentUprn) {
    }

    /**
     * A person as the generator knows them (the truth), with the true id that matching is scored against.
     * {@code formerFamilyName} is a married woman's birth surname (null otherwise); {@code previousAddress}
     * where they lived before (agencies that have not caught up still record it).
     */
    public record Resident(String trueId, String givenName, String familyName, LocalDate dateOfBirth, String sex,
            String nhsNumber, String addressLine, String postcode, String uprn, String phone, String email,
            String ethnicity, String householdId, String formerFamilyName, Address previousAddress) {

        public boolean isChild() {
            return trueId.startsWith("C");
        }

        public Address address() {
            return new Address(addressLine, postcode, uprn, null);
        }

        /** Age in whole years on the simulated today. */
        public int age() {
            return java.time.Period.between(dateOfBirth, TODAY).getYears();
        }
    }

    /** The people at one address. */
    public record Household(String id, Address address, List<Resident> members) {
    }

    private SyntheticLondon() {
    }

    /** Every household, in order, for ever: take as many as you need. */
    public static Stream<Household> households(long seed) {
        return LongStream.iterate(0, h -> h + 1).mapToObj(h -> household(seed, h));
    }

    /** The first {@code people} people, household by household (the last household may be cut short). */
    public static List<Resident> population(long seed, int people) {
        List<Resident> all = new ArrayList<>(people);
        for (long h = 0; all.size() < people; h++) {
            for (Resident r : household(seed, h).members()) {
                if (all.size() < people) {
                    all.add(r);
                }
            }
        }
        return all;
    }

    /** The first {@code count} adults, household by household. */
    public static List<Resident> residents(long seed, int count) {
        return firstOf(seed, count, false);
    }

    /** The first {@code count} children, each living with their parent(s) in a household. */
    public static List<Resident> children(long seed, int count) {
        return firstOf(seed, count, true);
    }

    private static List<Resident> firstOf(long seed, int count, boolean children) {
        List<Resident> found = new ArrayList<>(count);
        for (long h = 0; found.size() < count; h++) {
            for (Resident r : household(seed, h).members()) {
                if (r.isChild() == children && found.size() < count) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** Household {@code h}: made from its index alone. */
    public static Household household(long seed, long h) {
        Random random = new Random(mix(seed, 1, h));
        Address home = address(seed, h / HOUSEHOLDS_PER_POSTCODE, (int) (h % HOUSEHOLDS_PER_POSTCODE));
        // families move together; most came from elsewhere in south London, some from a neighbouring street
        long near = h / HOUSEHOLDS_PER_POSTCODE - 1 - random.nextInt(40);
        long from = random.nextInt(3) == 0 && near >= 0 ? near : 1_000_000 + random.nextInt(1_000_000);
        Address before = address(seed, from, random.nextInt(HOUSEHOLDS_PER_POSTCODE));
        String landline = random.nextInt(10) < 3 ? String.format("020 7946 0%03d", random.nextInt(1000)) : null;
        Builder b = new Builder(seed, h, home, before, landline, random);
        Names.Group group = Names.group(random);
        int kind = random.nextInt(100);
        if (kind < 30) {
            b.adult(group, random.nextBoolean(), group.surname(random), null, 18, 70, null);
        } else if (kind < 72) {
            // a couple, married or not; some with children
            Names.Group hers = random.nextInt(10) == 0 ? Names.group(random) : group;
            String his = group.surname(random);
            String own = hers.surname(random);
            boolean married = random.nextInt(10) < 7 && !own.equals(his);
            boolean withChildren = kind >= 48;
            Resident man = b.adult(group, false, his, null, withChildren ? 24 : 20, withChildren ? 55 : 85, null);
            b.adult(hers, true, married ? his : own, married ? own : null, withChildren ? 22 : 19, withChildren ? 50 : 85,
                    man.dateOfBirth());
            if (withChildren) {
                b.children(group, his, hers == group ? group.ethnicity() : "MOTH", 1 + random.nextInt(3));
            }
        } else if (kind < 82) {
            Resident parent = b.adult(group, random.nextInt(10) < 8, group.surname(random), null, 20, 50, null);
            b.children(group, parent.familyName(), group.ethnicity(), 1 + random.nextInt(3));
        } else if (kind < 92) {
            // a flat share: unrelated adults, each from elsewhere
            int sharers = 2 + random.nextInt(2);
            for (int i = 0; i < sharers; i++) {
                Names.Group g = Names.group(random);
                b.before = address(seed, 1_000_000 + random.nextInt(1_000_000), random.nextInt(HOUSEHOLDS_PER_POSTCODE));
                b.adult(g, random.nextBoolean(), g.surname(random), null, 19, 40, null);
            }
        } else {
            boolean couple = random.nextBoolean();
            String surname = group.surname(random);
            Resident first = b.adult(group, !couple && random.nextBoolean(), surname, null, 66, 95, null);
            if (couple) {
                String own = group.surname(random);
                b.adult(group, true, surname, own.equals(surname) ? null : own, 66, 95, first.dateOfBirth());
            }
        }
        return new Household(householdId(h), home, List.copyOf(b.members));
    }

    static String householdId(long h) {
        return String.format("H%07d", h);
    }

    /** Makes a household's members in order, numbering them within it. */
    private static final class Builder {
        final long seed;
        final long h;
        final Address home;
        Address before;
        final String landline;
        final Random random;
        final List<Resident> members = new ArrayList<>();
        private final List<String> nhsNumbers;

        Builder(long seed, long h, Address home, Address before, String landline, Random random) {
            this.seed = seed;
            this.h = h;
            this.home = home;
            this.before = before;
            this.landline = landline;
            this.random = random;
            this.nhsNumbers = nhsNumbers(h);
        }

        /** An adult aged {@code minAge..maxAge}, or near {@code partnerBorn} when given. */
        Resident adult(Names.Group group, boolean female, String family, String former, int minAge, int maxAge,
                LocalDate partnerBorn) {
            LocalDate born = partnerBorn != null
                    ? partnerBorn.plusDays(random.nextInt(365 * 10) - 365 * 5)
                    : TODAY.minusYears(maxAge).plusDays(random.nextInt(365 * (maxAge - minAge)));
            if (born.isAfter(TODAY.minusYears(minAge))) {
                born = TODAY.minusYears(minAge).minusDays(random.nextInt(300));
            }
            String given = SyntheticLondon.pick(random, female ? group.female() : group.male());
            String phone = random.nextInt(10) < 6 ? String.format("07700 900%03d", random.nextInt(1000)) : landline;
            String email = random.nextInt(10) < 3 ? (given + "." + family + random.nextInt(100)).toLowerCase()
                    .replaceAll("[^a-z0-9.]", "") + "@example.com" : null;
            return add('P', given, family, born, female, phone, email, group.ethnicity(), former);
        }

        void children(Names.Group group, String family, String ethnicity, int count) {
            LocalDate youngestParent = members.stream().map(Resident::dateOfBirth).max(LocalDate::compareTo).orElseThrow();
            LocalDate earliest = youngestParent.plusYears(18);
            if (earliest.isBefore(TODAY.minusYears(17))) {
                earliest = TODAY.minusYears(17);
            }
            int span = (int) Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(earliest, TODAY.minusDays(60)));
            for (int i = 0; i < count; i++) {
                boolean female = random.nextBoolean();
                add('C', SyntheticLondon.pick(random, female ? group.female() : group.male()), family,
                        earliest.plusDays(random.nextInt(span)), female, null, null, ethnicity, null);
            }
        }

        private Resident add(char kind, String given, String family, LocalDate born, boolean female, String phone,
                String email, String ethnicity, String former) {
            int m = members.size();
            Resident r = new Resident(String.format("%c%08d", kind, h * 10 + m), given, family, born,
                    female ? "Female" : "Male", m < nhsNumbers.size() ? nhsNumbers.get(m) : null, home.line(),
                    home.postcode(), home.uprn(), phone, email, ethnicity, householdId(h), former, before);
            members.add(r);
            return r;
        }
    }

    /**
     * The address in slot {@code slot} of postcode area {@code area}: a flat in a block (UPRN under the
     * block's parent UPRN) or a house on a street. Made from the indices alone.
     */
    static Address address(long seed, long area, int slot) {
        Random random = new Random(mix(seed, 2, area));
        String street = pick(random, STREETS);
        String postcode = pick(random, OUTWARD) + " " + random.nextInt(10)
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
        long block = UPRN_BASE + area * 8;
        if (random.nextInt(100) < 45) {
            String name = pick(random, BLOCKS);
            int firstFlat = 1 + random.nextInt(40);
            return new Address("Flat " + (firstFlat + slot) + ", " + name + ", " + street, postcode,
                    String.valueOf(block + 1 + slot), String.valueOf(block));
        }
        int firstNumber = 1 + random.nextInt(150);
        return new Address((firstNumber + 2 * slot) + " " + street, postcode, String.valueOf(block + 1 + slot), null);
    }

    /** The valid test-range NHS numbers of household {@code h}'s block (none beyond the range's end). */
    private static List<String> nhsNumbers(long h) {
        List<String> numbers = new ArrayList<>(NHS_BLOCK);
        for (long n = h * NHS_BLOCK; n < (h + 1) * NHS_BLOCK && n < 1_000_000; n++) {
            String number = nhsNumber(n);
            if (number != null) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    /** The i-th valid number of the never-issued test range 999 000 0000 - 999 999 9999. */
    static String testNhsNumber(int i) {
        for (int n = i * 10; ; n++) {
            String candidate = nhsNumber(n);
            if (candidate != null) {
                return candidate;
            }
        }
    }

    /** 999 then six digits then the Modulus 11 check digit; null where the check is 10 (no such number). */
    private static String nhsNumber(long n) {
        String candidate = "999" + String.format("%06d", n);
        int sum = 0;
        for (int d = 0; d < 9; d++) {
            sum += (candidate.charAt(d) - '0') * (10 - d);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check == 10 ? null : candidate + check;
    }

    /** A well-spread seed for one thing (kind) at one index, so that each can be made on its own. */
    public static long mix(long seed, long kind, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
