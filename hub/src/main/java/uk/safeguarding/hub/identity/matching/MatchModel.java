package uk.safeguarding.hub.identity.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Contribution;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Thresholds;

/**
 * Trained match weights on their own, for linking records one at a time against candidates held
 * elsewhere (the hub keeps them in PostgreSQL, so that every instance sees the same records): the
 * blocking keys of a record, a pair's score with its waterfall, and whether two records clearly differ.
 * Its {@link Parameters} are plain numbers, to be saved and loaded so that instances score alike.
 */
public final class MatchModel {

    /** Bumped when comparisons or their levels change: parameters of another layout cannot be read. */
    public static final int LAYOUT = 1;

    private final Model model;
    private final Thresholds thresholds;

    private MatchModel(Model model, Thresholds thresholds) {
        this.model = model;
        this.thresholds = thresholds;
    }

    /**
     * What a trained model is: the share of matches among candidate pairs ({@code lambda}), m and u for
     * each comparison's levels (in {@link #comparisons()} order), names' shares of records, thresholds.
     */
    public record Parameters(int layout, double lambda, double[][] m, double[][] u, Map<String, Double> givenFrequency,
            Map<String, Double> familyFrequency, double lower, double upper) {
    }

    /** A record normalised once for comparing (names, phonetic codes, digits). */
    public static final class Prepared {
        private final Person person;

        private Prepared(Person person) {
            this.person = person;
        }

        /** Equal signatures score alike against anything: a repeat victim's many records are scored once. */
        public String signature() {
            return person.signature();
        }
    }

    /** A pair's match weight in bits (prior included) and each field's part in it. */
    public record Scored(double score, List<Contribution> contributions) {
    }

    /** Trains by expectation maximisation over the blocked pairs of {@code records} (no labels). */
    public static MatchModel train(List<PersonRecord> records, Thresholds thresholds) {
        return new MatchModel(Linker.train(records, thresholds).model(), thresholds);
    }

    public static MatchModel of(Parameters p) {
        if (p.layout() != LAYOUT || p.m().length != Model.C.length || p.u().length != Model.C.length) {
            throw new IllegalArgumentException("match parameters of layout " + p.layout() + ", expected " + LAYOUT);
        }
        Model model = new Model();
        for (Comparison c : Model.C) {
            if (p.m()[c.ordinal()].length != c.levelCount() || p.u()[c.ordinal()].length != c.levelCount()) {
                throw new IllegalArgumentException("match parameters: wrong number of levels for " + c);
            }
            model.m[c.ordinal()] = p.m()[c.ordinal()].clone();
            model.u[c.ordinal()] = p.u()[c.ordinal()].clone();
        }
        model.lambda = p.lambda();
        model.frequencies(true).putAll(p.givenFrequency());
        model.frequencies(false).putAll(p.familyFrequency());
        return new MatchModel(model, new Thresholds(p.lower(), p.upper()));
    }

    public Parameters parameters() {
        double[][] m = new double[Model.C.length][];
        double[][] u = new double[Model.C.length][];
        for (Comparison c : Model.C) {
            m[c.ordinal()] = model.m[c.ordinal()].clone();
            u[c.ordinal()] = model.u[c.ordinal()].clone();
        }
        return new Parameters(LAYOUT, model.lambda, m, u, new HashMap<>(model.frequencies(true)),
                new HashMap<>(model.frequencies(false)), thresholds.lower(), thresholds.upper());
    }

    /** The comparisons' names, in the order of {@link Parameters#m()}. */
    public static List<String> comparisons() {
        return java.util.Arrays.stream(Model.C).map(Enum::name).toList();
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public static Prepared prepare(PersonRecord record) {
        return new Prepared(Person.of(record));
    }

    /** The blocking keys under which the record is filed and its candidates are found. */
    public static List<String> blockingKeys(Prepared record) {
        return Blocking.keys(record.person);
    }

    /** A block holding more records than this is skipped: the key says too little to be worth comparing. */
    public static int maxBlock() {
        return Blocking.MAX_BLOCK;
    }

    /** Scores {@code candidate} for {@code arriving} (whose names' frequencies weigh an exact agreement). */
    public Scored score(Prepared arriving, Prepared candidate) {
        Person a = arriving.person;
        Person b = candidate.person;
        List<Contribution> out = new ArrayList<>(Model.C.length + 1);
        double prior = model.prior();
        out.add(new Contribution("prior", "share of candidate pairs that match", prior));
        double score = prior;
        for (Comparison c : Model.C) {
            int l = c.level(a, b);
            if (l == Comparison.NULL) {
                out.add(new Contribution(c.name(), "missing", 0));
            } else {
                double w = model.weight(c, l, a);
                score += w;
                out.add(new Contribution(c.name(), c.levels[l], w));
            }
        }
        return new Scored(score, out);
    }

    /**
     * Whether two groups of records, each held as one person, clearly hold different people: different on
     * a discriminating field (valid NHS number, date of birth, sex; given names compared group to group),
     * or both fully named and dated and weighing against one person on names, date and sex (a cluster
     * holding such a pair would be a chaining error). See {@code Compatibility.apart}.
     */
    public boolean clearlyApart(List<Prepared> x, List<Prepared> y) {
        return Compatibility.apart(persons(x), persons(y), model);
    }

    /**
     * Whether an arriving record may join a subject holding {@code held} on name, sex and address alone:
     * not when either side lacks a date of birth or given name throughout, unless they share a mobile
     * number or e-mail address (a father and son of one name at one address share the rest).
     */
    public static boolean onePerson(Prepared arriving, List<Prepared> held) {
        return Compatibility.onePerson(List.of(arriving.person), persons(held));
    }

    private static List<Person> persons(List<Prepared> records) {
        return records.stream().map(r -> r.person).toList();
    }

    /** Different on a discriminating field (NHS number, date of birth, given name, sex), whatever the score. */
    public static boolean conflict(Prepared x, Prepared y) {
        return Compatibility.conflict(x.person, y.person);
    }

    /** Whether the record has a date of birth and a given name, which tell relatives apart. */
    public static boolean discriminating(Prepared record) {
        return Compatibility.discriminating(record.person);
    }
}
