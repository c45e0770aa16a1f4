package uk.safeguarding.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated British Transport Police incidents API: the data.police.uk shape the Met's feed uses, with
 * {@code location_type} {@code BTP} and {@code location_subtype} {@code STATION}, for incidents at rail and
 * Underground stations in Lambeth, involving residents of the same synthetic London as the other partners,
 * each as the officer recorded them (see {@link Recording}) under BTP's own person number. Generated in
 * memory as WireMock stub mappings ({@link #stubMappings()}), answering under {@link #URL_PREFIX} so that
 * one WireMock can serve BTP next to the Met: the feed's URL is the WireMock base URL plus that prefix.
 */
public final class BtpApiSimulator {

    public static final int PAGE_SIZE = 25;
    /** The feed reads {@code {url}/incidents}: with {@code url = <wiremock>/btp}, these stubs answer. */
    public static final String URL_PREFIX = "/btp";

    /** Stations: name, postcode (made up, in the valid shape), latitude, longitude. */
    private static final String[][] STATIONS = {
        {"Brixton", "SW2 1RJ", "51.4627", "-0.1145"},
        {"Stockwell", "SW9 9AE", "51.4723", "-0.1229"},
        {"Vauxhall", "SW8 1SS", "51.4861", "-0.1253"},
        {"Clapham North", "SW4 6DH", "51.4649", "-0.1299"},
        {"Oval", "SE11 5SA", "51.4819", "-0.1126"},
        {"Loughborough Junction", "SW9 7AA", "51.4662", "-0.1021"},
        {"Herne Hill", "SE24 0JW", "51.4534", "-0.1022"},
        {"West Norwood", "SE27 9AD", "51.4316", "-0.1038"},
        {"Streatham", "SW16 6HR", "51.4258", "-0.1315"}};
    private static final String[] CATEGORIES = {"theft-from-the-person", "violent-crime", "public-order",
        "anti-social-behaviour", "robbery", "other-theft", "bicycle-theft", "drugs"};
    private static final String[] OUTCOMES = {"Investigation complete; no suspect identified", "Under investigation",
        "Offender given a caution", "Awaiting court outcome"};
    private static final String[] ASB_CONTEXT = {"Group causing a disturbance on the platform",
        "Passenger abusive to station staff at the ticket barrier", "Fare evasion and abuse towards revenue staff"};
    private static final LocalDateTime START = LocalDateTime.of(2025, 5, 1, 0, 0);
    private static final ObjectMapper JSON = SimulatedFiles.JSON;
    private static final Recording.Agency BTP = Recording.Agency.BTP;

    private final long seed;
    private final List<ObjectNode> incidents = new ArrayList<>();
    private final List<RecordedPerson> truth = new ArrayList<>();

    /** The incidents, oldest first: a victim (often one of the repeat victims) and sometimes a suspect. */
    BtpApiSimulator(Simulators london) {
        this.seed = london.seed();
        int count = london.volumes().btpIncidents();
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> others = london.others();
        List<Resident> adults = london.adults();
        Random random = new Random(seed + 12);
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(START.plusSeconds(random.nextInt(540 * 24 * 3600)));
        }
        times.sort(null);
        for (int i = 0; i < count; i++) {
            LocalDateTime at = times.get(i);
            String category = pick(random, CATEGORIES);
            boolean asb = category.equals("anti-social-behaviour");
            int stationIndex = random.nextInt(STATIONS.length);
            String[] station = STATIONS[stationIndex];
            Resident victim = random.nextInt(100) < 40 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size()));
            String reference = String.format("BTP-%s-%05d", at.format(DateTimeFormatter.ofPattern("yyMMdd")), 500 + i);
            ObjectNode incident = JSON.createObjectNode();
            incident.put("reference", reference);
            incident.put("persistent_id", asb ? "" : PoliceApiSimulator.persistentId(random));
            incident.put("id", 100_000_000L + random.nextInt(900_000_000));
            incident.put("category", category);
            incident.put("month", at.format(DateTimeFormatter.ofPattern("yyyy-MM")));
            incident.put("datetime", at.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            incident.put("location_type", "BTP");
            incident.put("location_subtype", "STATION");
            ObjectNode location = incident.putObject("location");
            location.put("latitude", station[2]);
            location.put("longitude", station[3]);
            ObjectNode street = location.putObject("street");
            street.put("id", 2_100_000 + stationIndex);
            street.put("name", "On or near " + station[0] + " Station");
            location.put("postcode", station[1]);
            location.put("uprn", "");
            incident.put("context", asb ? pick(random, ASB_CONTEXT) : "");
            if (asb || random.nextInt(3) == 0) {
                incident.putNull("outcome_status");
            } else {
                ObjectNode outcome = incident.putObject("outcome_status");
                outcome.put("category", pick(random, OUTCOMES));
                outcome.put("date", at.plusDays(30).format(DateTimeFormatter.ofPattern("yyyy-MM")));
            }
            incident.put("borough", SyntheticLondon.LAMBETH);
            ArrayNode people = incident.putArray("people");
            people.add(person(reference, victim, asb ? "Person Reporting" : "Victim", at, random));
            if (random.nextInt(3) == 0) {
                Resident suspect = others.get(random.nextInt(others.size()));
                if (suspect != victim) {
                    people.add(person(reference, suspect, "Suspect", at, random));
                }
            }
            incidents.add(incident);
        }
    }

    /** BTP's person number, in the police's scheme: its own number, not the Met's and not the true id. */
    public static String personId(long seed, Resident r) {
        return "BTP-N" + Recording.localNumber(seed, BTP, r);
    }

    private ObjectNode person(String reference, Resident r, String role, LocalDateTime at, Random random) {
        // details taken on the spot at each incident, not from a nominal record kept between them
        Recording.Recorded rec = Recording.asRecordedBy(r, BTP, random);
        String personId = personId(seed, r);
        truth.add(new RecordedPerson(BTP.code(), reference, personId, r.trueId(), rec.variations()));
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
        p.put("age", Period.between(r.dateOfBirth(), at.toLocalDate()).getYears());
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
        p.putNull("email");
        p.putNull("pnc_id");
        p.putNull("cro_number");
        return p;
    }

    /** The incidents, oldest first. */
    public List<ObjectNode> incidents() {
        return incidents;
    }

    /** The truth behind every person of every incident. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /** WireMock stub mappings (JSON), one per page, keyed by file name: {@code GET /btp/incidents?page=N}. */
    public Map<String, String> stubMappings() {
        return PoliceApiSimulator.incidentPages(incidents, PAGE_SIZE, "btp incidents", URL_PREFIX + "/incidents");
    }


    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
