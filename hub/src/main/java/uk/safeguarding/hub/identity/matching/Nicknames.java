package uk.safeguarding.hub.identity.matching;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Given names that stand for one another: the short form people give (Robert, Bob) and other spellings
 * (Mohammed, Mohamed). Each name maps to the full names ("roots") it may stand for; two names are
 * variants when they share a root. The same table as the simulator's, which follows common UK usage.
 */
final class Nicknames {

    private static final Map<String, Set<String>> ROOTS = new HashMap<>();

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
            {"Beverley", "Bev"}, {"Marcia", "Marsha"}, {"Doreen", "Dot"}, {"Joan", "Joanie"}, {"Sophie", "Sophia"},
            // common English short forms beyond the first letters of the name (those match anyway)
            {"Stephen", "Steve", "Stevie", "Steven"}, {"Steven", "Steve", "Stevie", "Stephen"}, {"Andrew", "Andy", "Drew"},
            {"Nathaniel", "Nate", "Nat"}, {"Nathan", "Nate", "Nat"}, {"Nicholas", "Nick", "Nicky", "Nico"},
            {"Matthew", "Matt", "Matty"}, {"Benjamin", "Ben", "Benji", "Benny"}, {"Gregory", "Greg"}, {"Frederick", "Fred", "Freddie", "Freddy"},
            {"Theodore", "Theo", "Ted"}, {"Zachary", "Zach", "Zack"}, {"Peter", "Pete"}, {"Harry", "Haz", "Henry"}, {"Henry", "Hal", "Harry"},
            {"Jessica", "Jess", "Jessie"}, {"Abigail", "Abbie", "Abby", "Gail"}, {"Josephine", "Jo", "Josie"},
            {"Eleanor", "Ellie", "Nell", "Nora"}, {"Helen", "Nell", "Ellie"}, {"Samantha", "Sam", "Sammy"}, {"Jacqueline", "Jackie"},
            {"Christine", "Chris", "Chrissie", "Tina"}, {"Christina", "Chris", "Tina"}, {"Kathryn", "Kate", "Katie", "Kathy"},
            {"Katherine", "Kate", "Katie", "Kathy", "Kat", "Kathryn", "Catherine"}, {"Catherine", "Cath", "Cathy", "Kate", "Katie"},
            {"Alexandra", "Alex", "Sandra", "Lexi"}, {"Anthony", "Ant", "Tony"}, {"Timothy", "Tim", "Timmy"},
            {"Kenneth", "Ken", "Kenny"}, {"Ronald", "Ron", "Ronnie"}, {"Donald", "Don", "Donnie"}, {"Leonard", "Len", "Lenny", "Leo"},
            {"Gerald", "Gerry", "Jerry"}, {"Lawrence", "Larry", "Laurie"}, {"Terence", "Terry", "Tel"}, {"Raymond", "Ray"},
            {"Philip", "Phil", "Pip"}, {"Charles", "Charlie", "Chas", "Chuck"}, {"Francis", "Frank", "Fran"},
            {"Susannah", "Sue", "Susie", "Suzy"}, {"Dorothy", "Dot", "Dotty", "Dolly"}, {"Barbara", "Barb", "Babs"},
            {"Ann", "Annie", "Anne"}, {"Anne", "Annie", "Ann"}, {"Mary", "Molly", "Polly", "Mae"}, {"Sarah", "Sally", "Sara"},
            {"Caroline", "Carrie", "Caz"}, {"Jennifer", "Jen", "Jenny", "Jenna"}, {"Kimberley", "Kim", "Kimberly"},
            {"Natasha", "Tasha", "Tash"}, {"Nicola", "Nicky", "Nikki"}, {"Rachel", "Rach"}, {"Louise", "Lou"}, {"Lucy", "Lou"},
            {"Megan", "Meg"}, {"Amanda", "Mandy"}, {"Miranda", "Mandy"}, {"Jacob", "Jake", "Jay"},
            {"Chukwuemeka", "Emeka"}, {"Oluwakemi", "Kemi"}, {"Chiamaka", "Amaka"}, {"Adebayo", "Bayo"}, {"Oluwatobi", "Tobi"},
            {"Oluwafemi", "Femi"}, {"Oluwabunmi", "Bunmi"}, {"Adewale", "Wale"}, {"Abdullahi", "Abdi", "Abdullah"},
            {"Aleksandr", "Sasha", "Alexander", "Oleksandr"}, {"Malgorzata", "Gosia", "Margaret"}, {"Agnieszka", "Aga", "Agnes"},
            {"Krzysztof", "Krzys", "Christopher"}, {"Ravinder", "Ravi"}, {"Rajesh", "Raj"}, {"Rajinder", "Raj"},
            {"Mohammed", "Mo", "Mohamed", "Muhammad", "Mohammad"}, {"Marcus", "Marc", "Mark"}, {"Olena", "Elena", "Helen", "Yelena"},
            {"Olha", "Olga"}, {"Serhiy", "Sergei", "Sergey", "Serge"}, {"Dmytro", "Dmitri", "Dmitry"}};
        for (String[] row : table) {
            String root = Person.key(row[0]);
            for (String name : row) {
                ROOTS.computeIfAbsent(Person.key(name), k -> new LinkedHashSet<>()).add(root);
            }
        }
    }

    private Nicknames() {
    }

    /** The full names a (normalised) given name may stand for; the name itself when it has no variants. */
    static Set<String> roots(String name) {
        Set<String> roots = ROOTS.get(name);
        return roots == null ? Set.of(name) : roots;
    }

    static boolean variants(String a, String b) {
        Set<String> ra = roots(a);
        for (String r : roots(b)) {
            if (ra.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
