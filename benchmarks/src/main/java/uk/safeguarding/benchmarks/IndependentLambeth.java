package uk.safeguarding.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;

/**
 * A second labelled population for scoring identity resolution, written apart from the simulator's
 * {@code SyntheticLondon} and sharing none of its code, names or noise: its own households (families
 * with twins, fathers and sons or mothers and daughters of one name, three generations under one roof,
 * flat shares), and five agencies that each record a person their own way, with the noise drawn per
 * record rather than per person (a nickname in one police record and not the next, a date of birth
 * with a digit wrong, 1 January for an unknown day, names swapped, a maiden or one half of a double
 * surname, a transliteration). Its nickname and spelling tables are deliberately not the matcher's,
 * so the matcher is not scored on what it was written to know. Deterministic for a seed.
 */
final class IndependentLambeth {

    /** A person record with the truth behind it. */
    record Labelled(PersonRecord record, int person, String agency) {
    }

    /** How two true people are related, for counting false merges by kind. */
    enum Relation { TWIN, PARENT_CHILD, SIBLING, PARTNER, SAME_NAME, SAME_ADDRESS, OTHER }

    /** A true person. */
    record Person(int id, int household, String given, String family, String former, LocalDate born, Sex sex,
            String nhs, String postcode, String uprn, String oldPostcode, String oldUprn, String phone, int mother,
            int father, boolean twin) {
    }

    private static final LocalDate TODAY = LocalDate.of(2026, 10, 1);

    // names grouped by origin, each with its own spellings (a record may use any of them)
    private static final String[][] MALE = {
        {"Oliver"}, {"George"}, {"Harry"}, {"Jack"}, {"Nicholas"}, {"Matthew"}, {"Benjamin"}, {"Stephen", "Steven"},
        {"Gregory"}, {"Frederick"}, {"Theodore"}, {"Zachary", "Zackary"}, {"Nathaniel"}, {"Andrew"}, {"Peter"},
        {"Mohammed", "Muhammad", "Mohamed", "Mohammad"}, {"Ahmed", "Ahmad"}, {"Yusuf", "Yousuf", "Yusef"},
        {"Ibrahim", "Ebrahim"}, {"Abdullahi", "Abdullah"}, {"Mustafa", "Mostafa"}, {"Hussein", "Hussain", "Husain"},
        {"Oluwaseun"}, {"Chukwuemeka"}, {"Adebayo"}, {"Kwabena"}, {"Tendai"}, {"Kayode"},
        {"Oleksandr", "Aleksandr", "Alexandr"}, {"Serhiy", "Sergei", "Sergey"}, {"Dmytro", "Dmitri"}, {"Tomasz"},
        {"Krzysztof"}, {"Pawel", "Paweł"}, {"Joao", "João"}, {"Rafael"}, {"Tiago"},
        {"Rajesh"}, {"Sanjay"}, {"Arjun"}, {"Ravinder"}, {"Jamal"}, {"Tyrell"}, {"Marcus"}, {"Darnell"}};
    private static final String[][] FEMALE = {
        {"Amelia"}, {"Isla"}, {"Jessica"}, {"Abigail"}, {"Josephine"}, {"Katherine", "Catherine", "Kathryn"},
        {"Rebecca"}, {"Eleanor"}, {"Victoria"}, {"Margaret"}, {"Samantha"}, {"Jacqueline"}, {"Christine"},
        {"Fatima", "Fatimah", "Fatma"}, {"Aisha", "Ayesha", "Aishah"}, {"Khadija", "Khadijah", "Khadeeja"},
        {"Maryam", "Mariam"}, {"Zainab", "Zaynab"}, {"Hodan"}, {"Nasra"},
        {"Oluwakemi"}, {"Chiamaka"}, {"Abena"}, {"Folake"}, {"Ngozi"}, {"Adaeze"},
        {"Olena", "Elena", "Yelena"}, {"Olha", "Olga"}, {"Agnieszka"}, {"Malgorzata", "Małgorzata"}, {"Zofia", "Sofia"},
        {"Ana"}, {"Beatriz"}, {"Priya"}, {"Sunita"}, {"Kiran"}, {"Shantelle", "Chantelle"}, {"Tanisha"}, {"Monique"}};
    private static final String[][] FAMILY = {
        {"Smith"}, {"Jones"}, {"Taylor"}, {"Brown"}, {"Wilson"}, {"Evans"}, {"Walker"}, {"Wright"}, {"Hughes"},
        {"Edwards"}, {"Green"}, {"Hall"}, {"Clarke", "Clark"}, {"Thompson", "Thomson"}, {"MacDonald", "McDonald"},
        {"Chowdhury", "Choudhury", "Chaudhry", "Chowdhry"}, {"Rahman", "Rehman"}, {"Hussain", "Hussein"},
        {"Ali"}, {"Khan"}, {"Begum"}, {"Mohamud", "Mohamoud", "Mahamoud"}, {"Abdi"}, {"Warsame"},
        {"Okafor"}, {"Adeyemi"}, {"Mensah"}, {"Boateng"}, {"Asante"}, {"Okonkwo"}, {"Oyelaran"}, {"Nwosu"},
        {"Kowalski", "Kowalsky"}, {"Nowak"}, {"Wisniewski", "Wiśniewski"}, {"Shevchenko", "Schevchenko"},
        {"Kovalenko"}, {"Bondarenko"}, {"Silva", "da Silva"}, {"Santos", "dos Santos"}, {"Ferreira"},
        {"Patel"}, {"Sharma"}, {"Singh"}, {"Campbell"}, {"Francis"}, {"Williams"}, {"Robinson"}, {"Johnson"}};

    /** What people call themselves and others write down: not the matcher's table. */
    private static final String[][] SHORT = {
        {"Nicholas", "Nick", "Nicky"}, {"Matthew", "Matt"}, {"Benjamin", "Ben", "Benji"}, {"Stephen", "Steve"},
        {"Steven", "Steve"}, {"Gregory", "Greg"}, {"Frederick", "Fred", "Freddie"}, {"Theodore", "Theo"},
        {"Zachary", "Zach"}, {"Nathaniel", "Nate", "Nat"}, {"Andrew", "Andy", "Drew"}, {"Peter", "Pete"},
        {"Oliver", "Ollie"}, {"Harry", "Haz"}, {"Jessica", "Jess", "Jessie"}, {"Abigail", "Abbie", "Abby"},
        {"Josephine", "Jo", "Josie"}, {"Katherine", "Kate", "Katie", "Kathy"}, {"Catherine", "Cath", "Cathy"},
        {"Rebecca", "Becky", "Becca"}, {"Eleanor", "Ellie", "Nell"}, {"Victoria", "Vicky", "Tori"},
        {"Margaret", "Maggie", "Peggy"}, {"Samantha", "Sam", "Sammy"}, {"Jacqueline", "Jackie"},
        {"Christine", "Chris", "Chrissie"}, {"Oluwaseun", "Seun"}, {"Chukwuemeka", "Emeka"}, {"Oluwakemi", "Kemi"},
        {"Chiamaka", "Amaka"}, {"Adebayo", "Bayo"}, {"Oleksandr", "Sasha"}, {"Aleksandr", "Sasha"},
        {"Krzysztof", "Krzys"}, {"Malgorzata", "Gosia"}, {"Agnieszka", "Aga"}, {"Abdullahi", "Abdi"},
        {"Ravinder", "Ravi"}, {"Rajesh", "Raj"}, {"Mohammed", "Mo"}, {"Muhammad", "Mo"}, {"Marcus", "Marc"}};

    private final Random random;
    final List<Person> people = new ArrayList<>();
    final List<Labelled> records = new ArrayList<>();
    private int uprn = 0;
    private int nhsSerial = 0;

    private IndependentLambeth(long seed) {
        this.random = new Random(seed);
    }

    /** About {@code persons} people in households, each recorded by the agencies that know them. */
    static IndependentLambeth generate(long seed, int persons) {
        IndependentLambeth g = new IndependentLambeth(seed);
        int household = 0;
        while (g.people.size() < persons) {
            g.household(household++);
        }
        for (Person p : g.people) {
            g.record(p);
        }
        return g;
    }

    Relation relation(int a, int b) {
        Person x = people.get(a);
        Person y = people.get(b);
        if (x.household() == y.household()) {
            if (x.mother() >= 0 && x.mother() == y.mother() || x.father() >= 0 && x.father() == y.father()) {
                return x.twin() && y.twin() && x.born().equals(y.born()) ? Relation.TWIN : Relation.SIBLING;
            }
            if (x.mother() == b || x.father() == b || y.mother() == a || y.father() == a
                    || isGrandparent(x, b) || isGrandparent(y, a)) {
                return Relation.PARENT_CHILD;
            }
        }
        if (x.given().equals(y.given()) && x.family().equals(y.family())) {
            return Relation.SAME_NAME;
        }
        if (x.household() == y.household()) {
            return x.born().getYear() / 15 == y.born().getYear() / 15 ? Relation.PARTNER : Relation.SAME_ADDRESS;
        }
        return Relation.OTHER;
    }

    private boolean isGrandparent(Person child, int elder) {
        // counted with parent and child: two generations apart, one family, one address
        for (int parent : new int[] {child.mother(), child.father()}) {
            if (parent >= 0 && (people.get(parent).mother() == elder || people.get(parent).father() == elder)) {
                return true;
            }
        }
        return false;
    }

    // -- households ---------------------------------------------------------------------------------

    private void household(int h) {
        String postcode = postcode(h / 5);
        String home = uprn();
        String old = random.nextInt(4) == 0 ? postcode(100_000 + random.nextInt(50_000)) : null;
        String oldUprn = old == null ? null : uprn();
        String landline = random.nextInt(4) == 0 ? "020 7946 " + String.format("%04d", random.nextInt(10_000)) : null;
        Place place = new Place(h, postcode, home, old, oldUprn, landline);
        int kind = random.nextInt(100);
        String family = pick(FAMILY)[0];
        if (kind < 28) {
            adult(place, random.nextBoolean(), family, null, 18 + random.nextInt(70), -1, -1);
        } else if (kind < 40) {
            // a couple without children at home
            int age = 22 + random.nextInt(60);
            adult(place, false, family, null, age, -1, -1);
            adult(place, true, random.nextInt(3) == 0 ? pick(FAMILY)[0] : family,
                    random.nextInt(2) == 0 ? pick(FAMILY)[0] : null, age - 3 + random.nextInt(7), -1, -1);
        } else if (kind < 78) {
            // a family: two parents (most married, she may keep her birth name on older records)
            int age = 25 + random.nextInt(25);
            boolean sameNamedSon = random.nextInt(5) == 0;
            boolean sameNamedDaughter = !sameNamedSon && random.nextInt(8) == 0;
            int father = adult(place, false, family, null, age, -1, -1);
            String maiden = pick(FAMILY)[0];
            int mother = adult(place, true, family, maiden.equals(family) ? null : maiden, age - 4 + random.nextInt(6), -1,
                    -1);
            children(place, family, mother, father, age, sameNamedSon, sameNamedDaughter);
            if (random.nextInt(8) == 0) {
                // a grandparent living with them
                int grand = adult(place, random.nextBoolean(), family, null, age + 22 + random.nextInt(15), -1, -1);
                Person f = people.get(father);
                Person g = people.get(grand);
                // the grandparent is the father's parent, and may share his name
                String name = random.nextInt(4) == 0 ? (g.sex() == Sex.MALE ? f.given() : g.given()) : g.given();
                people.set(grand, withGiven(g, name));
                people.set(father, new Person(f.id(), f.household(), f.given(), f.family(), f.former(), f.born(), f.sex(),
                        f.nhs(), f.postcode(), f.uprn(), f.oldPostcode(), f.oldUprn(), f.phone(),
                        g.sex() == Sex.FEMALE ? grand : -1, g.sex() == Sex.MALE ? grand : -1, false));
            }
        } else if (kind < 90) {
            // a lone parent, most often a mother
            boolean female = random.nextInt(10) < 8;
            int age = 20 + random.nextInt(30);
            int parent = adult(place, female, family, null, age, -1, -1);
            children(place, family, female ? parent : -1, female ? -1 : parent, age, !female && random.nextInt(5) == 0,
                    female && random.nextInt(6) == 0);
        } else {
            // a flat share of unrelated adults
            int sharers = 2 + random.nextInt(3);
            for (int i = 0; i < sharers; i++) {
                adult(place, random.nextBoolean(), pick(FAMILY)[0], null, 19 + random.nextInt(25), -1, -1);
            }
        }
    }

    private record Place(int household, String postcode, String uprn, String oldPostcode, String oldUprn, String landline) {
    }

    private int adult(Place place, boolean female, String family, String former, int age, int mother, int father) {
        String given = pick(female ? FEMALE : MALE)[0];
        return add(place, given, family, former, birth(age), female ? Sex.FEMALE : Sex.MALE, mother, father, false);
    }

    private void children(Place place, String family, int mother, int father, int parentAge, boolean sameNamedSon,
            boolean sameNamedDaughter) {
        int n = 1 + random.nextInt(4);
        boolean twins = random.nextInt(12) == 0;
        List<Integer> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = Math.max(0, parentAge - 20 - random.nextInt(Math.max(1, parentAge - 19)));
            age = Math.min(age, 30);
            boolean female = random.nextBoolean();
            String given = pick(female ? FEMALE : MALE)[0];
            kids.add(add(place, given, family, null, birth(age), female ? Sex.FEMALE : Sex.MALE, mother, father, false));
        }
        if (twins) {
            // a twin of the first child: same date of birth, a different given name, sometimes the other sex
            Person first = people.get(kids.get(0));
            boolean female = random.nextInt(3) == 0 ? first.sex() != Sex.FEMALE : first.sex() == Sex.FEMALE;
            String given;
            do {
                given = pick(female ? FEMALE : MALE)[0];
            } while (given.equals(first.given()));
            people.set(kids.get(0), withTwin(first));
            add(place, given, family, null, first.born(), female ? Sex.FEMALE : Sex.MALE, mother, father, true);
        }
        if (sameNamedSon && father >= 0) {
            for (int k : kids) {
                if (people.get(k).sex() == Sex.MALE) {
                    people.set(k, withGiven(people.get(k), people.get(father).given()));
                    break;
                }
            }
        }
        if (sameNamedDaughter && mother >= 0) {
            for (int k : kids) {
                if (people.get(k).sex() == Sex.FEMALE) {
                    people.set(k, withGiven(people.get(k), people.get(mother).given()));
                    break;
                }
            }
        }
    }

    private Person withGiven(Person p, String given) {
        return new Person(p.id(), p.household(), given, p.family(), p.former(), p.born(), p.sex(), p.nhs(), p.postcode(),
                p.uprn(), p.oldPostcode(), p.oldUprn(), p.phone(), p.mother(), p.father(), p.twin());
    }

    private Person withTwin(Person p) {
        return new Person(p.id(), p.household(), p.given(), p.family(), p.former(), p.born(), p.sex(), p.nhs(), p.postcode(),
                p.uprn(), p.oldPostcode(), p.oldUprn(), p.phone(), p.mother(), p.father(), true);
    }

    private int add(Place place, String given, String family, String former, LocalDate born, Sex sex, int mother,
            int father, boolean twin) {
        int id = people.size();
        String phone = random.nextInt(3) == 0 ? place.landline()
                : TODAY.getYear() - born.getYear() >= 14 ? "07700 9" + String.format("%05d", random.nextInt(100_000)) : null;
        people.add(new Person(id, place.household(), given, family, former, born, sex, nhs(), place.postcode(), place.uprn(),
                place.oldPostcode(), place.oldUprn(), phone, mother, father, twin));
        return id;
    }

    private LocalDate birth(int age) {
        return TODAY.minusYears(age).minusDays(random.nextInt(365));
    }

    private String postcode(int n) {
        String[] outward = {"SW2", "SW9", "SE11", "SE27", "SW16", "SE5", "SW4", "SW8"};
        String letters = "ABDEFGHJLNPQRSTUWXYZ";
        Random r = new Random(n * 7919L);
        return outward[r.nextInt(outward.length)] + " " + (1 + r.nextInt(9)) + letters.charAt(r.nextInt(20))
                + letters.charAt(r.nextInt(20));
    }

    private String uprn() {
        return Long.toString(200_001_000_000L + uprn++ * 7L);
    }

    /** A valid NHS number in the never-issued 999 range, apart from the simulator's. */
    private String nhs() {
        while (true) {
            String n = "9994" + String.format("%05d", nhsSerial++);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (n.charAt(d) - '0') * (10 - d);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return n + check;
            }
        }
    }

    // -- agencies' records ----------------------------------------------------------------------------

    private void record(Person p) {
        int age = TODAY.getYear() - p.born().getYear();
        boolean child = age < 18;
        // police: a nominal id per person, sometimes a duplicate nominal; the second-hand named often lack a date
        int police = random.nextInt(10) < (child ? 3 : 5) ? 1 + random.nextInt(4) : 0;
        String nominal = "MPS-N" + (500_000 + p.id());
        for (int i = 0; i < police; i++) {
            boolean secondHand = random.nextInt(6) == 0;
            String id = random.nextInt(10) == 0 ? "MPS-N" + (900_000 + p.id() * 10 + i) : nominal;
            emit(p, "met-police", id, secondHand ? 0.8 : 0.12, !secondHand, secondHand, false);
        }
        // housing: adults at council addresses, tenancy records without a person id, one per tenancy event
        if (!child && random.nextInt(10) < 4) {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                emit(p, "lambeth-housing", null, 0.15, false, false, false);
            }
        }
        // adult social care: a case system id and, often, the NHS number
        if ((age >= 65 && random.nextInt(10) < 4) || (!child && random.nextInt(20) == 0)) {
            emit(p, "lambeth-asc", "ASC-" + (70_000 + p.id()), 0.02, true, false, true);
        }
        // fire brigade: occupiers named at a visit or incident, a date of birth rarely known
        if (random.nextInt(10) == 0) {
            emit(p, "lfb", null, 0.85, false, false, false);
        }
        // children's census return: the child's id in the council's system, date and sex from school records
        if (child && random.nextInt(10) < 3) {
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                emit(p, "lambeth-csc", "CSC-" + (30_000 + p.id()), 0.0, true, false, random.nextBoolean());
            }
        }
    }

    /**
     * One record of {@code p}, with noise drawn afresh: {@code noDate} is the chance the date of birth
     * is missing; {@code formal} records use the full name more often; {@code nameOnly} is a person named
     * by someone else (given name and surname at best, perhaps no address).
     */
    private void emit(Person p, String agency, String agencyId, double noDate, boolean formal, boolean nameOnly,
            boolean withNhs) {
        String[] givenSpellings = spellings(p.sex() == Sex.FEMALE ? FEMALE : MALE, p.given());
        String given = givenSpellings[random.nextInt(10) < 8 ? 0 : random.nextInt(givenSpellings.length)];
        String[] familySpellings = spellings(FAMILY, p.family());
        String family = familySpellings[random.nextInt(10) < 8 ? 0 : random.nextInt(familySpellings.length)];
        double r = random.nextDouble();
        if (r < (formal ? 0.03 : 0.10)) {
            given = shortName(given);
        } else if (r < (formal ? 0.05 : 0.14)) {
            given = typo(given);
        }
        if (random.nextDouble() < 0.04) {
            family = typo(family);
        }
        if (p.former() != null && random.nextDouble() < 0.25) {
            family = random.nextInt(3) == 0 ? p.former() + "-" + p.family() : p.former();
        }
        if (random.nextDouble() < 0.03) {
            String t = given;
            given = family;
            family = t;
        }
        LocalDate born = p.born();
        if (random.nextDouble() < noDate) {
            born = null;
        } else {
            double d = random.nextDouble();
            if (d < 0.03) {
                born = LocalDate.of(born.getYear(), 1, 1);
            } else if (d < 0.06) {
                born = oneDigit(born);
            } else if (d < 0.08) {
                born = born.plusYears(random.nextBoolean() ? 1 : -1);
            } else if (d < 0.10 && born.getDayOfMonth() <= 12) {
                born = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
            }
        }
        if (nameOnly && random.nextInt(3) == 0) {
            family = random.nextInt(2) == 0 ? family : null;
        }
        Sex sex = random.nextInt(12) == 0 ? Sex.UNKNOWN : p.sex();
        List<Address> addresses = new ArrayList<>();
        if (!(nameOnly && random.nextInt(2) == 0)) {
            boolean old = p.oldPostcode() != null && random.nextInt(5) == 0;
            String postcode = old ? p.oldPostcode() : p.postcode();
            String u = old ? p.oldUprn() : p.uprn();
            addresses.add(new Address(null, postcode, agency.equals("lfb") || agency.equals("lambeth-housing")
                    || random.nextBoolean() ? u : null, null));
        }
        String phone = random.nextInt(3) == 0 ? p.phone() : null;
        List<String> ids = agencyId == null ? List.of() : List.of(agencyId);
        String localId = agency + "-" + records.size();
        records.add(new Labelled(new PersonRecord(localId, given, family, born, sex, withNhs ? p.nhs() : null, ids,
                addresses, phone, null), p.id(), agency));
    }

    private String[] spellings(String[][] table, String name) {
        for (String[] row : table) {
            if (row[0].equals(name)) {
                return row;
            }
        }
        return new String[] {name};
    }

    private String shortName(String given) {
        for (String[] row : SHORT) {
            if (row[0].equals(given)) {
                return row[1 + random.nextInt(row.length - 1)];
            }
        }
        return given;
    }

    private String typo(String name) {
        if (name.length() < 4) {
            return name;
        }
        char[] c = name.toCharArray();
        int i = 1 + random.nextInt(c.length - 2);
        switch (random.nextInt(3)) {
            case 0 -> {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
            }
            case 1 -> c[i] = "aeiourstnl".charAt(random.nextInt(10));
            default -> {
                return name.substring(0, i) + name.substring(i + 1);
            }
        }
        return new String(c);
    }

    private LocalDate oneDigit(LocalDate born) {
        for (int attempt = 0; attempt < 10; attempt++) {
            char[] s = born.toString().toCharArray();
            int[] positions = {2, 3, 6, 8, 9};
            int i = positions[random.nextInt(positions.length)];
            s[i] = (char) ('0' + random.nextInt(10));
            try {
                LocalDate d = LocalDate.parse(new String(s));
                if (!d.equals(born) && d.isBefore(TODAY)) {
                    return d;
                }
            } catch (RuntimeException e) {
                // not a date: try another digit
            }
        }
        return born;
    }

    private String[] pick(String[][] table) {
        return table[random.nextInt(table.length)];
    }
}
