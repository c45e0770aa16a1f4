package uk.safeguarding.connectors.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated Metropolitan Police incidents API: paged JSON in the data.police.uk shape, each incident
 * with its exact time, force reference and POLE persons. It writes WireMock stub mappings, which the hub
 * serves in local mode and the compose stack's WireMock serves from the same files.
 *
 * <p>Run {@code main} to regenerate {@code src/main/resources/simulator/police/mappings}; a test keeps
 * the committed files equal to what the generator makes.
 */
public final class PoliceApiSimulator {

    public static final long SEED = 20261123L;
    public static final int RESIDENTS = 150;
    public static final int INCIDENTS = 400;
    public static final int PAGE_SIZE = 50;
    public static final String RESOURCE_DIR = "simulator/police/mappings";

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

    private PoliceApiSimulator() {
    }

    /** The incidents, oldest first. A fifth of residents are repeat victims, as on a VVASB panel. */
    public static List<ObjectNode> incidents() {
        List<Resident> residents = SyntheticLondon.residents(SEED, RESIDENTS);
        Random random = new Random(SEED + 1);
        List<Resident> repeatVictims = residents.subList(0, RESIDENTS / 5);
        List<ObjectNode> incidents = new ArrayList<>();
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            times.add(START.plusSeconds(random.nextInt(DAYS * 24 * 60 * 60)));
        }
        times.sort(null);
        for (int i = 0; i < INCIDENTS; i++) {
            String[] category = random.nextInt(100) < 45 ? CATEGORIES[0] : SyntheticLondon.pick(random, CATEGORIES);
            boolean asb = category[0].equals("anti-social-behaviour");
            Resident victim = random.nextInt(100) < 60
                    ? SyntheticLondon.pick(random, repeatVictims.toArray(new Resident[0]))
                    : SyntheticLondon.pick(random, residents.toArray(new Resident[0]));
            Resident other = residents.get(RESIDENTS / 5 + random.nextInt(RESIDENTS - RESIDENTS / 5));
            if (other == victim) {
                other = residents.get(RESIDENTS / 5 + (residents.indexOf(victim) + 1 - RESIDENTS / 5) % (RESIDENTS - RESIDENTS / 5));
            }
            LocalDateTime at = times.get(i);
            ObjectNode incident = JSON.createObjectNode();
            incident.put("reference", String.format("MPS-CAD-%05d-%s", 1000 + i,
                    at.format(DateTimeFormatter.ofPattern("ddMMyy"))));
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
            street.put("name", "On or near " + victim.addressLine().replaceFirst("^\\d+ ", ""));
            location.put("postcode", victim.postcode());
            location.put("uprn", String.format("%012d", Long.parseLong(victim.uprn())));
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
            people.add(person(victim, "Victim", at, false));
            if (random.nextInt(3) > 0) {
                people.add(person(other, asb ? "Suspect" : random.nextBoolean() ? "Offender" : "Suspect", at, true));
            }
            if (random.nextInt(5) == 0) {
                Resident witness = SyntheticLondon.pick(random, residents.toArray(new Resident[0]));
                if (witness != victim && witness != other) {
                    people.add(person(witness, "Witness", at, false));
                }
            }
            incidents.add(incident);
        }
        return incidents;
    }

    private static ObjectNode person(Resident r, String role, LocalDateTime at, boolean offender) {
        ObjectNode p = JSON.createObjectNode();
        p.put("person_id", "MPS-N" + r.trueId().substring(1));
        p.put("role", role);
        p.put("given_name", r.givenName());
        p.put("surname", r.familyName());
        p.put("date_of_birth", r.dateOfBirth().toString());
        p.put("age", java.time.Period.between(r.dateOfBirth(), at.toLocalDate()).getYears());
        p.put("gender", r.sex());
        ObjectNode home = p.putObject("home_address");
        home.put("line", r.addressLine());
        home.put("postcode", r.postcode());
        home.put("uprn", String.format("%012d", Long.parseLong(r.uprn())));
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
            int n = Integer.parseInt(r.trueId().substring(1));
            p.put("pnc_id", String.format("%02d/%06d%c", 10 + n % 15, n * 37 % 1_000_000,
                    "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(n % 23)));
        } else {
            p.putNull("pnc_id");
        }
        p.putNull("cro_number");
        return p;
    }

    private static String persistentId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** WireMock stub mappings, one per page, keyed by file name. */
    public static Map<String, String> stubMappings() {
        List<ObjectNode> incidents = incidents();
        int pages = (incidents.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        Map<String, String> files = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("page", page);
            body.put("page_size", PAGE_SIZE);
            body.put("total_pages", pages);
            body.put("total", incidents.size());
            ArrayNode items = body.putArray("incidents");
            incidents.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, incidents.size())).forEach(items::add);

            files.put(String.format("police-incidents-page-%02d.json", page),
                    SimulatedFiles.pageStub("police incidents", "/incidents", page, "application/json", body));
        }
        return files;
    }

    /** Writes the stub mappings into a folder (default: this module's resources). */
    public static void main(String[] args) throws IOException {
        SimulatedFiles.write(args, RESOURCE_DIR, SimulatedFiles.utf8(stubMappings()));
    }
}
