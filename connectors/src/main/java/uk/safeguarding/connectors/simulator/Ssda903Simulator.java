package uk.safeguarding.connectors.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated SSDA903 (children looked after) return for the children's social care file drop: a header
 * file (with the {@code FORENAME} and {@code SURNAME} columns the council's export adds) and an episodes
 * file, dates {@code DD/MM/YYYY}. The children are some of those in the simulated CIN census (same seed,
 * same {@code CHILD} = {@code LAchildID}), so their records link. Generated in memory: {@link #files()}.
 */
public final class Ssda903Simulator {

    public static final String HEADER_FILE = "lambeth-ssda903-header-2026.csv";
    public static final String EPISODES_FILE = "lambeth-ssda903-episodes-2026.csv";
    /** The seed and the number of children every children's simulator uses (the CIN census has 12). */
    static final long SEED = 20261123L;
    static final int CHILDREN = 12;
    /** Every third child of the CIN census is looked after. */
    public static final int LOOKED_AFTER = (CHILDREN + 2) / 3;

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
    private static final String[] ETHNICITIES = {"WBRI", "BAFR", "BCRB", "MWBC", "AOTH"};
    private static final String[] OUTWARD = {"SE5", "SE15", "SW17", "CR0", "SE19", "SW11"};
    private static final String LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private Ssda903Simulator() {
    }

    /** The header and episodes files, by name, in UTF-8. */
    public static Map<String, byte[]> files() {
        List<Resident> lookedAfter = lookedAfter();
        Random random = new Random(SEED + 11);
        List<List<Object>> header = new ArrayList<>();
        List<List<Object>> episodes = new ArrayList<>();
        for (Resident child : lookedAfter) {
            header.add(List.of(child.trueId(), child.sex().equals("Male") ? "1" : "2", child.dateOfBirth().format(DATE),
                    pick(random, ETHNICITIES), upn(header.size() + 1), child.givenName(), child.familyName()));
            episodes.addAll(episodes(child, random));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(HEADER_FILE, csv(HEADER, header).getBytes(StandardCharsets.UTF_8));
        files.put(EPISODES_FILE, csv(EPISODE, episodes).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The looked-after children: every third child of the CIN census. */
    public static List<Resident> lookedAfter() {
        List<Resident> children = SyntheticLondon.children(SEED, CHILDREN);
        List<Resident> lookedAfter = new ArrayList<>();
        for (int i = 0; i < children.size(); i += 3) {
            lookedAfter.add(children.get(i));
        }
        return lookedAfter;
    }

    /**
     * One to three episodes: the child starts to be looked after, then legal status or placement changes
     * (each change closes the episode with X1 and opens the next the same day); the last is open or ended.
     */
    private static List<List<Object>> episodes(Resident child, Random random) {
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
            String placementPostcode = place.equals("P1") ? child.postcode() : postcode(random);
            rows.add(List.of(child.trueId(), start.format(DATE), rne, status, need, place, provider(place), ceased, reason,
                    move, child.postcode(), placementPostcode, place.equals("K2") ? "SC" + (100000 + random.nextInt(900000)) : "XXXXXXX"));
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

    /** A unique pupil number: 13 characters, this council's number (208) after a check letter. */
    private static String upn(int n) {
        return "A208" + String.format("%09d", n);
    }

    private static String postcode(Random random) {
        return pick(random, OUTWARD) + " " + random.nextInt(10) + LETTERS.charAt(random.nextInt(LETTERS.length()))
                + LETTERS.charAt(random.nextInt(LETTERS.length()));
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String csv(String[] header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
