package uk.safeguarding.simulators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * London names by heritage, with how common each is, and the nicknames and spelling variants that
 * agencies write in place of a given name. Surnames are weighted so that a matcher's term frequencies
 * matter: many people are Smith, Begum or Patel, few are Featherstonehaugh.
 */
final class Names {

    /**
     * A heritage group: its share of households (roughly London's 2021 census, leaning to Lambeth), its
     * DfE ethnicity code, and its given names and weighted surnames.
     */
    record Group(String ethnicity, int share, String[] female, String[] male, String[] surnames, int[] weights) {

        String surname(Random random) {
            int total = 0;
            for (int w : weights) {
                total += w;
            }
            int roll = random.nextInt(total);
            for (int i = 0; i < surnames.length; i++) {
                roll -= weights[i];
                if (roll < 0) {
                    return surnames[i];
                }
            }
            return surnames[surnames.length - 1];
        }
    }

    /** Surnames and their weights: the first few are common, the last are rare (weight 1). */
    private static Group group(String ethnicity, int share, String[] female, String[] male, Object... weighted) {
        String[] surnames = new String[weighted.length / 2];
        int[] weights = new int[weighted.length / 2];
        for (int i = 0; i < surnames.length; i++) {
            surnames[i] = (String) weighted[2 * i];
            weights[i] = (Integer) weighted[2 * i + 1];
        }
        return new Group(ethnicity, share, female, male, surnames, weights);
    }

    static final List<Group> GROUPS = List.of(
        group("WBRI", 34,
            new String[] {"Olivia", "Sarah", "Chloe", "Margaret", "Joan", "Sophie", "Patricia", "Emily", "Jade", "Doreen",
                "Elizabeth", "Catherine", "Rebecca", "Victoria", "Susan", "Deborah", "Jennifer", "Amelia", "Charlotte", "Lily"},
            new String[] {"James", "Oliver", "George", "David", "Joseph", "Michael", "Harry", "Arthur", "Robert", "William",
                "Thomas", "Richard", "Edward", "Christopher", "Anthony", "Daniel", "Samuel", "Jack", "Alexander", "Jonathan"},
            "Smith", 40, "Jones", 25, "Williams", 22, "Brown", 20, "Taylor", 18, "Johnson", 14, "Walker", 10, "Evans", 10,
            "Thompson", 10, "Wright", 9, "Robinson", 8, "Clarke", 8, "Wood", 7, "Hughes", 7, "Green", 6, "Hall", 6,
            "Turner", 5, "Cooper", 5, "Ward", 4, "Pennycook", 1, "Winterbottom", 1, "Featherstonehaugh", 1, "Cholmondeley", 1,
            "Ashdown-Pryce", 1),
        group("WIRI", 2,
            new String[] {"Siobhan", "Aoife", "Mary", "Niamh", "Bridget", "Margaret"},
            new String[] {"Patrick", "Sean", "Ciaran", "Michael", "Declan", "Eoin"},
            "Murphy", 8, "Kelly", 6, "O'Brien", 5, "O'Sullivan", 4, "Byrne", 4, "Walsh", 3, "Ó Súilleabháin", 1, "MacGiolla", 1),
        group("WOTH", 14,
            new String[] {"Maria", "Anna", "Katarzyna", "Agnieszka", "Ioana", "Ana", "Giulia", "Joanna", "Magdalena", "Elena"},
            new String[] {"Piotr", "Tomasz", "Andrei", "Joao", "Marco", "Krzysztof", "Mihai", "Pedro", "Lukasz", "Oleksandr"},
            "Nowak", 8, "Kowalski", 6, "Silva", 8, "Santos", 6, "Popescu", 5, "Rossi", 4, "Ferreira", 4, "Wisniewski", 3,
            "Kaminski", 3, "Ionescu", 2, "Szczepanski", 1, "Brzeczyszczykiewicz", 1, "Dos Santos Oliveira", 1),
        group("BAFR", 12,
            new String[] {"Amina", "Grace", "Precious", "Blessing", "Abena", "Chiamaka", "Folasade", "Olufunmilayo", "Ama",
                "Ngozi", "Hodan", "Faith"},
            new String[] {"Kwame", "Kofi", "Samuel", "Daniel", "Emmanuel", "Oluwaseun", "Babatunde", "Chinedu", "Yaw",
                "Abdirahman", "Oluwadamilare", "Joseph"},
            "Okafor", 6, "Mensah", 6, "Adeyemi", 5, "Osei", 5, "Asante", 4, "Boateng", 4, "Okonkwo", 3, "Adebayo", 3,
            "Nwosu", 2, "Abdi", 3, "Mohamed", 3, "Oyelaran-Whyte", 1, "Akinwande-Coker", 1, "Onwuachi", 1),
        group("BCRB", 8,
            new String[] {"Shanice", "Tanisha", "Keisha", "Jade", "Marcia", "Beverley", "Simone", "Precious"},
            new String[] {"Tyrone", "Dwayne", "Leon", "Jamal", "Winston", "Delroy", "Marcus", "Andre"},
            "Campbell", 8, "Reid", 6, "Bailey", 6, "Brown", 5, "Williams", 5, "Thompson", 4, "Clarke", 4, "Grant", 4,
            "Francis", 3, "Henry", 3, "Morgan", 3, "McKenzie", 2, "Fairclough-Dacres", 1),
        group("AIND", 7,
            new String[] {"Priya", "Anjali", "Sunita", "Kiran", "Pooja", "Neha", "Harpreet"},
            new String[] {"Raj", "Arjun", "Ravi", "Sanjay", "Vikram", "Amit", "Gurpreet"},
            "Patel", 14, "Shah", 6, "Singh", 8, "Kaur", 5, "Sharma", 4, "Gupta", 3, "Desai", 2, "Venkataraman", 1),
        group("APKN", 4,
            new String[] {"Ayesha", "Zainab", "Fatima", "Saima", "Nadia", "Aisha"},
            new String[] {"Mohammed", "Imran", "Ahmed", "Bilal", "Usman", "Yusuf"},
            "Khan", 10, "Hussain", 7, "Ahmed", 6, "Ali", 6, "Iqbal", 3, "Malik", 3, "Butt", 2, "Chaudhry-Rehman", 1),
        group("ABAN", 4,
            new String[] {"Shahana", "Nasima", "Rokeya", "Fatima", "Aisha", "Sumaiya"},
            new String[] {"Mohammed", "Abdul", "Rahim", "Shahid", "Jamal", "Ahmed"},
            "Begum", 12, "Miah", 6, "Uddin", 5, "Rahman", 5, "Islam", 4, "Ahmed", 4, "Chowdhury", 3, "Talukdar", 1),
        group("CHNE", 2,
            new String[] {"Jing", "Mei", "Xiu", "Li Na"},
            new String[] {"Wei", "Jun", "Hao", "Ming"},
            "Chen", 5, "Wang", 5, "Li", 5, "Zhang", 4, "Wong", 3, "Lin", 2, "Ouyang", 1),
        group("MWBC", 6,
            new String[] {"Jade", "Chloe", "Aaliyah", "Maya", "Leah", "Zara"},
            new String[] {"Jayden", "Tyler", "Kai", "Reuben", "Leon", "Elijah"},
            "Smith", 6, "Campbell", 4, "Brown", 4, "Williams", 4, "Reid", 2, "Walker", 2, "Bailey", 2, "Delacroix-Hamilton", 1),
        group("OOTH", 7,
            new String[] {"Layla", "Noor", "Mariam", "Sara", "Yasmin", "Hana"},
            new String[] {"Omar", "Yusuf", "Ali", "Hassan", "Karim", "Mohamed"},
            "Hassan", 5, "Abdullah", 4, "Haddad", 3, "Al-Sayed", 3, "Ibrahim", 4, "Mansour", 2, "Al-Khalili", 1));

    static Group group(Random random) {
        int total = GROUPS.stream().mapToInt(Group::share).sum();
        int roll = random.nextInt(total);
        for (Group g : GROUPS) {
            roll -= g.share();
            if (roll < 0) {
                return g;
            }
        }
        return GROUPS.get(0);
    }

    /**
     * What an agency may write in place of a given name: the short form people give (Robert -> Bob) or
     * another spelling of the same name (Mohammed -> Mohamed).
     */
    static final Map<String, String[]> NICKNAMES = new HashMap<>();

    static {
        String[][] table = {
            {"Robert", "Bob", "Rob", "Bobby"}, {"William", "Bill", "Will", "Billy"}, {"Margaret", "Peggy", "Maggie", "Marg"},
            {"Elizabeth", "Liz", "Beth", "Lizzie"}, {"James", "Jim", "Jimmy", "Jamie"}, {"Michael", "Mike", "Mick"},
            {"Daniel", "Dan", "Danny"}, {"Joseph", "Joe", "Joey"}, {"Samuel", "Sam", "Sammy"}, {"Catherine", "Kate", "Cathy", "Katherine"},
            {"Patricia", "Pat", "Trish"}, {"Jennifer", "Jen", "Jenny"}, {"Thomas", "Tom", "Tommy"}, {"Anthony", "Tony"},
            {"Richard", "Rick", "Dick", "Richie"}, {"Edward", "Ted", "Eddie", "Ed"}, {"Christopher", "Chris"},
            {"Jonathan", "Jon", "Jonny"}, {"Alexander", "Alex", "Sandy"}, {"David", "Dave", "Davey"}, {"Susan", "Sue", "Susie"},
            {"Deborah", "Debbie", "Debra"}, {"Rebecca", "Becky", "Becca"}, {"Victoria", "Vicky", "Tori"}, {"Oliver", "Ollie"},
            {"Harry", "Harold"}, {"Arthur", "Art"}, {"Charlotte", "Charlie", "Lottie"}, {"Amelia", "Millie"},
            {"Oluwaseun", "Seun"}, {"Oluwadamilare", "Dami", "Damilare"}, {"Babatunde", "Tunde"}, {"Olufunmilayo", "Funmi"},
            {"Chinedu", "Nedu"}, {"Emmanuel", "Manny", "Emeka"}, {"Abdirahman", "Abdi"}, {"Folasade", "Sade"},
            {"Mohammed", "Mohamed", "Muhammad", "Mohammad"}, {"Mohamed", "Mohammed", "Muhammad"}, {"Ahmed", "Ahmad"},
            {"Yusuf", "Yousef", "Yosef"}, {"Aisha", "Ayesha", "Aysha"}, {"Ayesha", "Aisha"}, {"Fatima", "Fatimah", "Fatma"},
            {"Zainab", "Zaynab"}, {"Abdul", "Abdel"}, {"Hassan", "Hasan"}, {"Omar", "Umar"}, {"Mariam", "Maryam", "Miriam"},
            {"Layla", "Leila", "Laila"}, {"Oleksandr", "Alexander", "Aleksandr", "Sasha"}, {"Katarzyna", "Kasia", "Katherine"},
            {"Joanna", "Asia", "Jo"}, {"Krzysztof", "Chris", "Krzys"}, {"Lukasz", "Luke"}, {"Piotr", "Peter"},
            {"Joao", "John"}, {"Siobhan", "Shivaun"}, {"Niamh", "Neve"}, {"Sean", "Shaun", "Shawn"},
            {"Patrick", "Pat", "Paddy"}, {"Shanice", "Shaniece"}, {"Keisha", "Kisha"}, {"Jayden", "Jaden", "Jaiden"},
            {"Gurpreet", "Gary"}, {"Harpreet", "Harry"}, {"Vikram", "Vik"}, {"Wei", "William"}, {"Jing", "Jenny"},
            {"Kwame", "Kwami"}, {"Kofi", "Koffi"}, {"Tyrone", "Ty"}, {"Dwayne", "Duane"}, {"Winston", "Winnie"},
            {"Beverley", "Bev"}, {"Marcia", "Marsha"}, {"Doreen", "Dot"}, {"Joan", "Joanie"}, {"Sophie", "Sophia"}};
        for (String[] row : table) {
            String[] variants = new String[row.length - 1];
            System.arraycopy(row, 1, variants, 0, variants.length);
            NICKNAMES.put(row[0], variants);
        }
    }

    private Names() {
    }

    /** A one-character edit (substitute, delete, insert or swap neighbours), as keying errors make. */
    static String typo(String name, Random random) {
        if (name == null || name.length() < 3) {
            return name;
        }
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder s = new StringBuilder(name);
        int at = 1 + random.nextInt(name.length() - 1); // first letters are the ones people check
        char c = letters.charAt(random.nextInt(letters.length()));
        switch (random.nextInt(4)) {
            case 0 -> s.setCharAt(at, c == Character.toLowerCase(s.charAt(at)) ? (c == 'z' ? 'a' : (char) (c + 1)) : c);
            // (a letter is always replaced by a different one: 'k' for 'K' would change nothing a matcher sees)
            case 1 -> s.deleteCharAt(at);
            case 2 -> s.insert(at, c);
            default -> {
                if (at == name.length() - 1) {
                    at--;
                }
                if (at < 1 || s.charAt(at) == s.charAt(at + 1)) {
                    s.deleteCharAt(Math.max(at, 1));
                } else {
                    char a = s.charAt(at);
                    s.setCharAt(at, s.charAt(at + 1));
                    s.setCharAt(at + 1, a);
                }
            }
        }
        return s.toString();
    }
}
