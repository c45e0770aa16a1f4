package uk.safeguarding.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated Metropolitan Police incidents API: paged JSON in the data.police.uk shape, each incident
 * with its exact time, force reference and POLE persons as the force recorded them (see
 * {@link Recording}). It yields WireMock stub mappings, which local mode serves from memory and
 * {@link Simulators#main} writes for the compose stack's WireMock.
 */
public final class PoliceApiSimulator {

    /** The seed every simulated partner shares (also {@link Simulators#SEED}). */
    public static final long SEED = Simulators.SEED;
    /** The hub tests' population size: small, so that start-up stays quick. */
    public static final int RESIDENTS = 150;
    public static final int PAGE_SIZE = 50;

    private static final String[][] CATEGORIES = {
        {"anti-social-behaviour", "Anti-social behaviour"}, {"criminal-damage-arson", "Criminal damage and arson"},
        {"violent-crime", "Violence and sexual offences"}, {"public-order", "Public order"},
        {"burglary", "Burglary"}, {"theft-from-the-person", "Theft from the person"}, {"robbery", "Robbery"},
        {"other-theft", "Other theft"}, {"drugs", "Drugs"}};
    private static final String[] OUTCOMES = {"Investigation complete; no suspect identified", "Under investigation",
        "Local resolution", "Offender given a caution", "Unable to prosecute suspect", "Awaiting court outcome"};
    private static final String[] ASB_CONTEXT = {"Noise and shouting from neighbouring flat late at night",
        "Group gathering in stairwell, intimidating residents", "Verbal abuse from neighbour on landing",
        "Rubbish set alight outside front door", "Repeated knocking on door and running away",
        "Eggs thrown at windows", "Threats shouted through letterbox"};
    private static final LocalDateTime START = LocalDateTime.of(2025, 5, 1, 0, 0);
    private static final int DAYS = 548;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final long seed;
    private final List<ObjectNode> incidents = new ArrayList<>();
    private final List<RecordedPerson> truth = new ArrayList<>();

    /** The incidents, oldest first. Most victims are the repeat victims, as on a VVASB panel. */
    PoliceApiSimulator(Simulators london) {
        this.seed = london.seed();
        int count = london.volumes().policeIncidents();
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> others = london.others();
        List<Resident> adults = london.adults();
        Random random = new Random(seed + 1);
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(START.plusSeconds(random.nextInt(DAYS * 24 * 60 * 60)));
        }
        times.sort(null);
        for (int i = 0; i < count; i++) {
            String[] category = random.nextInt(100) < 45 ? CATEGORIES[0] : SyntheticLondon.pick(random, CATEGORIES);
            boolean asb = category[0].equals("anti-social-behaviour");
            Resident victim = random.nextInt(100) < 60 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size()));
            Resident other = others.get(random.nextInt(others.size()));
            LocalDateTime at = times.get(i);
            String reference = String.format("MPS-CAD-%06d-%s", 10000 + i, at.format(DateTimeFormatter.ofPattern("ddMMyy")));
            ObjectNode incident = JSON.createObjectNode();
            incident.put("reference", reference);
            incident.put("persistent_id", asb ? "" : persistentId(random));
            incident.put("id", 100_000_000L + random.nextInt(900_000_000));
            incident.put("category", category[0]);
            incident.put("month", at.format(DateTimeFormatter.ofPattern("yyyy-MM")));
            incident.put("datetime", at.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            incident.put("location_type", "Force");
            incident.put("location_subtype", "");
            ObjectNode location = incident.putObject("location");
            location.put("latitude", String.format("%.6f", 51.44 + random.nextDouble() * 0.05));
            location.put("longitude", String.format("%.6f", -0.14 + random.nextDouble() * 0.05));
            ObjectNode street = location.putObject("street");
            street.put("id", 1_600_000 + random.nextInt(10_000));
            String line = victim.addressLine();
            street.put("name", "On or near " + line.substring(line.lastIndexOf(", ") + 1).trim().replaceFirst("^\\d+ ", ""));
            location.put("postcode", victim.postcode());
            // in a block of flats, trouble on the landing is recorded against the block, not the flat
            var home = london.household(victim).address();
            boolean communal = home.parentUprn() != null && random.nextInt(3) == 0;
            location.put("uprn", String.format("%012d", Long.parseLong(communal ? home.parentUprn() : home.uprn())));
            incident.put("context", asb ? SyntheticLondon.pick(random, ASB_CONTEXT) : "");
            if (asb || random.nextInt(4) == 0) {
                incident.putNull("outcome_status");
            } else {
                ObjectNode outcome = incident.putObject("outcome_status");
                outcome.put("category", SyntheticLondon.pick(random, OUTCOMES));
                outcome.put("date", at.plusDays(30 + random.nextInt(60)).format(DateTimeFormatter.ofPattern("yyyy-MM")));
            }
            incident.put("borough", SyntheticLondon.LAMBETH);
            ArrayNode people = incident.putArray("people");
            people.add(person(reference, victim, "Victim", at, false));
            boolean named = random.nextInt(3) > 0 && other != victim;
            String otherRole = asb ? "Suspect" : random.nextBoolean() ? "Offender" : "Suspect";
            if (named) {
                people.add(person(reference, other, otherRole, at, true));
            }
            if (random.nextInt(5) == 0) {
                Resident witness = adults.get(random.nextInt(adults.size()));
                if (witness != victim && (!named || witness != other)) {
                    people.add(person(reference, witness, "Witness", at, false));
                }
            }
            incidents.add(incident);
        }
    }

    /** The force's nominal id for a person: its own number, not the true id. */
    public static String personId(long seed, Resident r) {
        return "MPS-N" + Recording.localNumber(seed, Recording.Agency.MET_POLICE, r);
    }

    private ObjectNode person(String reference, Resident r, String role, LocalDateTime at, boolean offender) {
        // the force keeps one nominal record per person: the same details every time
        Recording.Recorded rec = Recording.asKeptBy(seed, r, Recording.Agency.MET_POLICE);
        String personId = personId(seed, r);
        truth.add(new RecordedPerson(Recording.Agency.MET_POLICE.code(), reference, personId, r.trueId(), rec.variations()));
        ObjectNode p = JSON.createObjectNode();
        p.put("person_id", personId);
        p.put("role", role);
        p.put("given_name", rec.givenName());
        p.put("surname", rec.familyName());
        if (rec.dateOfBirth() == null) {
            p.putNull("date_of_birth");
        } else {
            p.put("date_of_birth", rec.dateOfBirth().toString());
        }
        p.put("age", java.time.Period.between(r.dateOfBirth(), at.toLocalDate()).getYears());
        p.put("gender", r.sex());
        ObjectNode home = p.putObject("home_address");
        home.put("line", rec.address().line());
        home.put("postcode", rec.address().postcode());
        home.put("uprn", String.format("%012d", Long.parseLong(rec.address().uprn())));
        if (r.phone() == null) {
            p.putNull("telephone");
        } else {
            p.put("telephone", r.phone());
        }
        if (r.email() == null) {
            p.putNull("email");
        } else {
            p.put("email", r.email());
        }
        if (offender) {
            long n = Recording.localNumber(seed, Recording.Agency.MET_POLICE, r);
            p.put("pnc_id", String.format("%02d/%06d%c", 10 + n % 15, n % 1_000_000, "ABCDEFGHJKLMNPQRTUVWXYZ".charAt((int) (n % 23))));
        } else {
            p.putNull("pnc_id");
        }
        p.putNull("cro_number");
        return p;
    }

    static String persistentId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The incidents, oldest first. */
    public List<ObjectNode> incidents() {
        return incidents;
    }

    /** The truth behind every person of every incident. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /** WireMock stub mappings, one per page, keyed by file name. */
    public Map<String, String> stubMappings() {
        return incidentPages(incidents, PAGE_SIZE, "police incidents", "/incidents");
    }

    /**
     * Incidents in pages of the data.police.uk paging shape, as WireMock stubs keyed by file name
     * ({@code <feed>-page-NNN.json}): shared by the Met and BTP simulators.
     */
    static Map<String, String> incidentPages(List<ObjectNode> incidents, int pageSize, String feed, String urlPath) {
        int pages = (incidents.size() + pageSize - 1) / pageSize;
        Map<String, String> files = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("page", page);
            body.put("page_size", pageSize);
            body.put("total_pages", pages);
            body.put("total", incidents.size());
            ArrayNode items = body.putArray("incidents");
            incidents.subList((page - 1) * pageSize, Math.min(page * pageSize, incidents.size())).forEach(items::add);
            files.put(String.format("%s-page-%03d.json", feed.replace(' ', '-'), page),
                    SimulatedFiles.pageStub(feed, urlPath, page, "application/json", body));
        }
        return files;
    }
}
