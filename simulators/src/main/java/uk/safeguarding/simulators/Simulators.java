package uk.safeguarding.simulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated partners of one synthetic London: a population of {@code people} for a seed, and every
 * feed made from it, with volumes that follow from the one size knob. Local mode generates them at
 * start-up; {@link #main} writes them to a folder for the compose stack.
 */
public final class Simulators {

    public static final long SEED = 20261123L;
    /** Local mode's population (property {@code hub.simulator.people}): a borough partnership's demo. */
    public static final int DEMO_PEOPLE = 3000;

    /**
     * Records per 1,000 people. Police dominate, as in London's victim referrals (90% from police): about
     * two police incidents in three records, most with two or more people. Health and care records are
     * fewer and concern the vulnerable; fire incidents mostly name no one.
     */
    public record Volumes(int policeIncidents, int tflReports, int lfbIncidents, int lfbVisits, int housingComplaints,
            int tenancyEvents, int careEvents, int safeguardingEnquiries, int mentalHealthPatients, int childrenInNeed,
            int btpIncidents) {

        Volumes scaled(int people) {
            return new Volumes(s(policeIncidents, people), s(tflReports, people), s(lfbIncidents, people),
                    s(lfbVisits, people), s(housingComplaints, people), s(tenancyEvents, people), s(careEvents, people),
                    s(safeguardingEnquiries, people), s(mentalHealthPatients, people), s(childrenInNeed, people),
                    s(btpIncidents, people));
        }

        private static int s(int perThousand, int people) {
            return Math.max(1, (int) Math.round(perThousand * (double) people / 1000));
        }
    }

    /**
     * (British Transport Police incidents, the last, are a small share of the Met's: only those at the
     * borough's stations. Children looked after are not a volume of their own: every third child of the
     * CIN census, see {@link Ssda903Simulator}.)
     */
    public static final Volumes PER_THOUSAND_PEOPLE = new Volumes(2600, 300, 400, 100, 250, 100, 160, 50, 60, 60, 200);

    private static final Map<String, Simulators> MADE = new ConcurrentHashMap<>();

    private final long seed;
    private final int people;
    private final Volumes volumes;
    private final List<Resident> population;
    private final List<Resident> adults;
    private final List<Resident> children;
    private final List<Resident> vulnerable;
    private final List<Resident> others;
    private final Map<String, SyntheticLondon.Household> households = new LinkedHashMap<>();
    /** Guarded by this: a feed made from another (SSDA903 from the CIN census) makes that one first. */
    private final Map<String, Object> feeds = new java.util.HashMap<>();

    private Simulators(long seed, int people) {
        this.seed = seed;
        this.people = people;
        this.volumes = PER_THOUSAND_PEOPLE.scaled(people);
        List<Resident> everyone = new ArrayList<>(people);
        for (long h = 0; everyone.size() < people; h++) {
            SyntheticLondon.Household household = SyntheticLondon.household(seed, h);
            households.put(household.id(), household);
            household.members().stream().limit(people - everyone.size()).forEach(everyone::add);
        }
        this.population = List.copyOf(everyone);
        this.adults = population.stream().filter(r -> !r.isChild()).toList();
        this.children = population.stream().filter(Resident::isChild).toList();
        // a fifth of adults are repeat victims and vulnerable people, as on a VVASB panel; the rest are
        // the other parties (suspects, witnesses, neighbours)
        List<Resident> shuffled = new ArrayList<>(adults);
        Collections.shuffle(shuffled, new Random(seed + 11));
        this.vulnerable = List.copyOf(shuffled.subList(0, Math.max(1, adults.size() / 5)));
        this.others = List.copyOf(shuffled.subList(Math.max(1, adults.size() / 5), adults.size()));
    }

    /** The simulators for this seed and size (made once per JVM and shared: they are immutable). */
    public static Simulators of(long seed, int people) {
        return MADE.computeIfAbsent(seed + "/" + people, k -> fresh(seed, people));
    }

    /** Made anew, not shared (for tests of determinism). */
    static Simulators fresh(long seed, int people) {
        if (people < 20) {
            throw new IllegalArgumentException("a synthetic London needs at least 20 people");
        }
        return new Simulators(seed, people);
    }

    public long seed() {
        return seed;
    }

    public int people() {
        return people;
    }

    public Volumes volumes() {
        return volumes;
    }

    /** Everyone, household by household. */
    public List<Resident> population() {
        return population;
    }

    /** The household a person lives in (with its address's parent UPRN, for flats). */
    public SyntheticLondon.Household household(Resident r) {
        return households.get(r.householdId());
    }

    public List<Resident> adults() {
        return adults;
    }

    public List<Resident> children() {
        return children;
    }

    /** The repeat victims and vulnerable adults most feeds are about. */
    public List<Resident> vulnerable() {
        return vulnerable;
    }

    /** Adults who are not among the vulnerable: suspects, witnesses, neighbours. */
    public List<Resident> others() {
        return others;
    }

    public PoliceApiSimulator police() {
        return feed("police", () -> new PoliceApiSimulator(this));
    }

    public TflApiSimulator tfl() {
        return feed("tfl", () -> new TflApiSimulator(this));
    }

    public MentalHealthFhirSimulator mentalHealth() {
        return feed("mental-health", () -> new MentalHealthFhirSimulator(this));
    }

    public LfbSimulator lfb() {
        return feed("lfb", () -> new LfbSimulator(this));
    }

    public HousingSimulator housing() {
        return feed("housing", () -> new HousingSimulator(this));
    }

    public AdultSocialCareSimulator adultSocialCare() {
        return feed("asc", () -> new AdultSocialCareSimulator(this));
    }

    public ChildrensSocialCareSimulator childrensSocialCare() {
        return feed("csc", () -> new ChildrensSocialCareSimulator(this));
    }

    /** The children looked after (SSDA903): some of the CIN census's children, under the same ids. */
    public Ssda903Simulator childrenLookedAfter() {
        return feed("ssda903", () -> new Ssda903Simulator(this));
    }

    public BtpApiSimulator btp() {
        return feed("btp", () -> new BtpApiSimulator(this));
    }

    // not computeIfAbsent: making one feed may ask for another, and a map may not be updated from within its own update
    @SuppressWarnings("unchecked")
    private synchronized <T> T feed(String name, Supplier<T> make) {
        Object made = feeds.get(name);
        if (made == null) {
            made = make.get();
            feeds.put(name, made);
        }
        return (T) made;
    }

    /** The truth behind every person record of every feed. */
    public List<RecordedPerson> truth() {
        List<RecordedPerson> all = new ArrayList<>();
        all.addAll(police().truth());
        all.addAll(tfl().truth());
        all.addAll(mentalHealth().truth());
        all.addAll(lfb().truth());
        all.addAll(housing().truth());
        all.addAll(adultSocialCare().truth());
        all.addAll(childrensSocialCare().truth());
        all.addAll(childrenLookedAfter().truth());
        all.addAll(btp().truth());
        return all;
    }

    /**
     * Every partner's files by folder: WireMock stub mappings under {@code <partner>/mappings}, file
     * drops as {@code <partner>/<file>}.
     */
    public Map<String, Map<String, byte[]>> folders() {
        Map<String, Map<String, byte[]>> folders = new LinkedHashMap<>();
        folders.put("police/mappings", SimulatedFiles.utf8(police().stubMappings()));
        folders.put("tfl/mappings", SimulatedFiles.utf8(tfl().stubMappings()));
        folders.put("mental-health/mappings", SimulatedFiles.utf8(mentalHealth().stubMappings()));
        folders.put("btp/mappings", SimulatedFiles.utf8(btp().stubMappings()));
        folders.put("lfb", lfb().files());
        folders.put("housing", housing().files());
        folders.put("asc", adultSocialCare().files());
        // the children's drop takes the CIN census and both SSDA903 files from one folder
        Map<String, byte[]> csc = new LinkedHashMap<>(childrensSocialCare().files());
        csc.putAll(childrenLookedAfter().files());
        folders.put("csc", csc);
        return folders;
    }

    /**
     * Writes every partner's stubs and files under a folder, for the compose stack's WireMock and drop
     * folders: {@code Simulators <outDir> [people] [seed]} (default: data/simulator, the demo size).
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "data/simulator");
        int people = args.length > 1 ? Integer.parseInt(args[1]) : DEMO_PEOPLE;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        int written = 0;
        for (var folder : of(seed, people).folders().entrySet()) {
            Path dir = out.resolve(folder.getKey());
            Files.createDirectories(dir);
            if (folder.getKey().endsWith("mappings")) {
                // a smaller run has fewer pages: no stale page of an earlier run may stay behind
                try (var old = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path stale : old) {
                        Files.delete(stale);
                    }
                }
            }
            for (var file : folder.getValue().entrySet()) {
                Files.write(dir.resolve(file.getKey()), file.getValue());
                written++;
            }
        }
        System.out.println("wrote " + written + " files for " + people + " people to " + out);
    }
}
