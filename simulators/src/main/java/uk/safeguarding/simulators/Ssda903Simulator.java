package uk.safeguarding.simulators;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated SSDA903 (children looked after) return for the children's social care file drop: a header
 * file (with the {@code FORENAME} and {@code SURNAME} columns the council's export adds) and an episodes
 * file, dates {@code DD/MM/YYYY}. The children are every third child of the simulated CIN census, under
 * the same {@code CHILD} = {@code LAchildID} and as the council keeps them (the same names and date of
 * birth as in the census), so their records link. Generated in memory: {@link #files()}.
 */
public final class Ssda903Simulator {

    public static final String HEADER_FILE = "lambeth-ssda903-header-2026.csv";
    public static final String EPISODES_FILE = "lambeth-ssda903-episodes-2026.csv";

    static final String[] HEADER = {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "FORENAME", "SURNAME"};
    static final String[] EPISODE = {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"};

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** No date after this, so that every episode is in the past. */
    private static final LocalDate LAST = LocalDate.of(2026, 10, 31);
    private static final String[] FIRST_STATUS = {"V2", "C1", "L2"};
    private static final String[] PLACEMENTS = {"U6", "U3", "U4", "K2", "U1"};
    private static final String[] NEEDS = {"N1", "N4", "N5"};
    private static final String[] MOVES = {"CARPL", "CREQB", "CHILD", "STAND"};
    private static final String[] ENDINGS = {"E4A", "E13", "E45", "E41"};
    private static final String[] OUTWARD = {"SE5", "SE15", "SW17", "CR0", "SE19", "SW11"};
    private static final String LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final String AGENCY = Recording.Agency.CHILDRENS_SOCIAL_CARE.code();

    private final long seed;
    private final List<Resident> lookedAfter = new ArrayList<>();
    private final List<RecordedPerson> truth = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Ssda903Simulator(Simulators london) {
        this.seed = london.seed();
        // every third child of the CIN census is looked after
        List<Resident> inNeed = london.childrensSocialCare().children();
        for (int i = 0; i < inNeed.size(); i += 3) {
            lookedAfter.add(inNeed.get(i));
        }
        Random random = new Random(seed + 13);
        List<List<Object>> header = new ArrayList<>();
        List<List<Object>> episodes = new ArrayList<>();
        for (Resident child : lookedAfter) {
            // one record per child at the council: the same details as its CIN record
            Recording.Recorded rec = Recording.asKeptBy(seed, child, Recording.Agency.CHILDRENS_SOCIAL_CARE);
            String id = childId(child);
            truth.add(new RecordedPerson(AGENCY, "ssda903:child:" + id, "child:" + id, child.trueId(), rec.variations()));
            header.add(List.of(id, child.sex().equals("Male") ? "M" : "F", rec.dateOfBirth().format(DATE),
                    child.ethnicity(), ChildrensSocialCareSimulator.upn(id), rec.givenName(), rec.familyName()));
            episodes.addAll(episodes(id, child, rec, random));
        }
        files.put(HEADER_FILE, SimulatedFiles.csv(HEADER, header).getBytes(StandardCharsets.UTF_8));
        files.put(EPISODES_FILE, SimulatedFiles.csv(EPISODE, episodes).getBytes(StandardCharsets.UTF_8));
    }

    /** The header and episodes files, by name, in UTF-8. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The looked-after children, in the order of the return. */
    public List<Resident> lookedAfter() {
        return lookedAfter;
    }

    /** A child's {@code CHILD}: the council's own id, the CIN census's {@code LAchildID}, never the true id. */
    public String childId(Resident child) {
        return ChildrensSocialCareSimulator.laChildId(seed, child);
    }

    /** The truth behind every person record the return makes: each header row and each episode's child. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /**
     * One to three episodes: the child starts to be looked after, then legal status or placement changes
     * (each change closes the episode with X1 and opens the next the same day); the last is open or ended.
     */
    private List<List<Object>> episodes(String id, Resident child, Recording.Recorded rec, Random random) {
        List<List<Object>> rows = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        LocalDate start = LocalDate.of(2025, 4, 1).plusDays(random.nextInt(200));
        String status = pick(random, FIRST_STATUS);
        String place = pick(random, PLACEMENTS);
        String need = pick(random, NEEDS);
        String rne = "S";
        String move = "";
        for (int e = 0; e < count; e++) {
            boolean last = e == count - 1;
            LocalDate next = start.plusDays(30 + random.nextInt(120));
            String ceased = "";
            String reason = "";
            if (!last) {
                ceased = next.format(DATE);
                reason = "X1";
            } else if (random.nextBoolean() && !next.isAfter(LAST)) {
                ceased = next.format(DATE);
                reason = pick(random, ENDINGS);
            }
            String home = rec.address().postcode();
            String placementPostcode = place.equals("P1") ? home : postcode(random);
            rows.add(List.of(id, start.format(DATE), rne, status, need, place, provider(place), ceased, reason,
                    move, home, placementPostcode, place.equals("K2") ? "SC" + (100000 + random.nextInt(900000)) : "XXXXXXX"));
            // an episode's person is the child with only the home postcode: of the ways the council's
            // record may differ, only an old address shows in it
            truth.add(new RecordedPerson(AGENCY, "ssda903:episode:" + id + "/" + start, "child:" + id, child.trueId(),
                    rec.variations().contains(Recording.Variation.OLD_ADDRESS) ? Set.of(Recording.Variation.OLD_ADDRESS) : Set.of()));
            // what changes for the next episode
            // an emergency protection order lasts days: the next episode always has another legal status
            boolean newStatus = status.equals("L2") || !status.equals("C2") && random.nextBoolean();
            boolean newPlace = !newStatus || random.nextBoolean();
            if (newStatus) {
                status = status.equals("C1") ? "C2" : pick(random, new String[] {"C1", "C2"});
            }
            if (newPlace) {
                String previous = place;
                while (place.equals(previous)) {
                    place = pick(random, PLACEMENTS);
                }
            }
            rne = newStatus && newPlace ? "U" : newStatus ? "L" : "P";
            move = newPlace ? pick(random, MOVES) : "";
            start = next;
        }
        return rows;
    }

    private static String provider(String place) {
        return switch (place.charAt(0)) {
            case 'U' -> "PR1";
            case 'K' -> "PR4";
            case 'P' -> "PR0";
            default -> "PR2";
        };
    }

    private static String postcode(Random random) {
        return pick(random, OUTWARD) + " " + random.nextInt(10) + LETTERS.charAt(random.nextInt(LETTERS.length()))
                + LETTERS.charAt(random.nextInt(LETTERS.length()));
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
