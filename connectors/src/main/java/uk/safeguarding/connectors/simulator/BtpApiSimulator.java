package uk.safeguarding.connectors.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.Period;
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
 * The simulated British Transport Police incidents API: the data.police.uk shape the Met's feed uses, with
 * {@code location_type} {@code BTP} and {@code location_subtype} {@code STATION}, for incidents at rail and
 * Underground stations in Lambeth, involving the same residents as the other simulated partners. Generated
 * in memory as WireMock stub mappings ({@link #stubMappings()}), answering under {@link #URL_PREFIX} so that
 * one WireMock can serve BTP next to the Met: the feed's URL is the WireMock base URL plus that prefix.
 */
public final class BtpApiSimulator {

    /** The seed and the population every simulator shares. */
    static final long SEED = 20261123L;
    static final int RESIDENTS = 150;
    public static final int INCIDENTS = 60;
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
    private static final String LAMBETH = "E09000022";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BtpApiSimulator() {
    }

    /** The incidents, oldest first. */
    public static List<ObjectNode> incidents() {
        List<Resident> residents = SyntheticLondon.residents(SEED, RESIDENTS);
        Random random = new Random(SEED + 12);
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            times.add(START.plusSeconds(random.nextInt(540 * 24 * 3600)));
        }
        times.sort(null);
        List<ObjectNode> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            LocalDateTime at = times.get(i);
            String category = pick(random, CATEGORIES);
            boolean asb = category.equals("anti-social-behaviour");
            int stationIndex = random.nextInt(STATIONS.length);
            String[] station = STATIONS[stationIndex];
            Resident victim = residents.get(random.nextInt(RESIDENTS));
            ObjectNode incident = JSON.createObjectNode();
            incident.put("reference", String.format("BTP-%s-%05d", at.format(DateTimeFormatter.ofPattern("yyMMdd")), 500 + i));
            incident.put("persistent_id", asb ? "" : persistentId(random));
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
            incident.put("borough", LAMBETH);
            ArrayNode people = incident.putArray("people");
            people.add(person(victim, asb ? "Person Reporting" : "Victim", at));
            if (random.nextInt(3) == 0) {
                Resident suspect = residents.get(random.nextInt(RESIDENTS));
                if (suspect != victim) {
                    people.add(person(suspect, "Suspect", at));
                }
            }
            incidents.add(incident);
        }
        return incidents;
    }

    private static ObjectNode person(Resident r, String role, LocalDateTime at) {
        ObjectNode p = JSON.createObjectNode();
        p.put("person_id", "BTP-N" + r.trueId().substring(1));
        p.put("role", role);
        p.put("given_name", r.givenName());
        p.put("surname", r.familyName());
        p.put("date_of_birth", r.dateOfBirth().toString());
        p.put("age", Period.between(r.dateOfBirth(), at.toLocalDate()).getYears());
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
        p.putNull("email");
        p.putNull("pnc_id");
        p.putNull("cro_number");
        return p;
    }

    /** WireMock stub mappings (JSON), one per page, keyed by file name. */
    public static Map<String, String> stubMappings() {
        List<ObjectNode> incidents = incidents();
        int pages = (incidents.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        Map<String, String> stubs = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("page", page);
            body.put("page_size", PAGE_SIZE);
            body.put("total_pages", pages);
            body.put("total", incidents.size());
            ArrayNode items = body.putArray("incidents");
            incidents.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, incidents.size())).forEach(items::add);
            stubs.put(String.format("btp-incidents-page-%02d.json", page), stub(page, body));
        }
        return stubs;
    }

    /** A stub answering {@code GET /btp/incidents?page=N} with the page. */
    private static String stub(int page, ObjectNode body) {
        ObjectNode stub = JSON.createObjectNode();
        stub.put("name", "btp incidents page " + page);
        ObjectNode request = stub.putObject("request");
        request.put("method", "GET");
        request.put("urlPath", URL_PREFIX + "/incidents");
        request.putObject("queryParameters").putObject("page").put("equalTo", String.valueOf(page));
        ObjectNode response = stub.putObject("response");
        response.put("status", 200);
        response.putObject("headers").put("Content-Type", "application/json");
        response.set("jsonBody", body);
        try {
            return JSON.writeValueAsString(stub) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String persistentId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
