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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated Transport for London safeguarding reports API: {@code $type}-tagged JSON in the Unified
 * API's conventions, about the same residents as the police feed (repeat victims are often vulnerable on
 * the network too). Run {@code main} to regenerate {@code src/main/resources/simulator/tfl/mappings}.
 */
public final class TflApiSimulator {

    public static final int REPORTS = 120;
    public static final int PAGE_SIZE = 50;
    public static final String RESOURCE_DIR = "simulator/tfl/mappings";
    static final String REPORT_TYPE = "Tfl.Api.Presentation.Entities.SafeguardingReport, Tfl.Api.Presentation.Entities";
    static final String PERSON_TYPE = "Tfl.Api.Presentation.Entities.SafeguardingPerson, Tfl.Api.Presentation.Entities";

    private static final String[][] STATIONS = {
        {"940GZZLUBXN", "Brixton Underground Station", "victoria"},
        {"940GZZLUSKW", "Stockwell Underground Station", "northern"},
        {"940GZZLUVXL", "Vauxhall Underground Station", "victoria"},
        {"940GZZLUKNG", "Kennington Underground Station", "northern"},
        {"940GZZLUCPC", "Clapham Common Underground Station", "northern"},
        {"940GZZLUOVL", "Oval Underground Station", "northern"}};
    private static final String[][] CATEGORIES = {
        {"welfare concern", "Found distressed and disorientated on the platform; staff stayed with them until help came"},
        {"self-harm risk", "Seen standing close to the platform edge and said they wanted to end it; BTP attended"},
        {"missing person found", "Recognised from a missing person circulation; waited with staff for police"},
        {"harassment", "Reported being followed through the station and verbally abused by a group"},
        {"assault", "Pushed and struck by another passenger at the ticket hall; CCTV retained"}};
    private static final LocalDateTime START = LocalDateTime.of(2025, 5, 1, 0, 0);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TflApiSimulator() {
    }

    public static List<ObjectNode> reports() {
        List<Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS);
        Random random = new Random(PoliceApiSimulator.SEED + 2);
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            times.add(START.plusSeconds(random.nextInt(548 * 24 * 3600)));
        }
        times.sort(null);
        List<ObjectNode> reports = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            // most reports concern the residents the police feed shows as repeat victims
            Resident r = random.nextInt(100) < 70 ? residents.get(random.nextInt(PoliceApiSimulator.RESIDENTS / 5))
                    : residents.get(random.nextInt(PoliceApiSimulator.RESIDENTS));
            String[] station = SyntheticLondon.pick(random, STATIONS);
            String[] category = SyntheticLondon.pick(random, CATEGORIES);
            ObjectNode report = JSON.createObjectNode();
            report.put("$type", REPORT_TYPE);
            report.put("id", String.format("TFL-SR-%06d", 4000 + i));
            report.put("stationNaptanId", station[0]);
            report.put("stationName", station[1]);
            report.put("line", station[2]);
            report.put("reportedAt", times.get(i).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            report.put("modified", "0001-01-01T00:00:00");
            report.put("category", category[0]);
            report.put("narrative", category[1]);
            report.put("borough", SyntheticLondon.LAMBETH);
            ObjectNode person = report.putObject("person");
            person.put("$type", PERSON_TYPE);
            person.put("givenName", r.givenName());
            person.put("familyName", r.familyName());
            // staff often only estimate an age: then the date of birth is "not set"
            boolean knownBirth = random.nextInt(10) < 8;
            person.put("dateOfBirth", knownBirth ? r.dateOfBirth() + "T00:00:00" : "0001-01-01T00:00:00");
            person.put("approximateAge", java.time.Period.between(r.dateOfBirth(), times.get(i).toLocalDate()).getYears());
            person.put("gender", r.sex());
            person.put("description", "Wearing a dark coat; carrying a bag");
            reports.add(report);
        }
        return reports;
    }

    /** WireMock stub mappings, one per page, keyed by file name. */
    public static Map<String, String> stubMappings() {
        List<ObjectNode> reports = reports();
        int pages = (reports.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        Map<String, String> files = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("$type", "Tfl.Api.Presentation.Entities.SafeguardingReportPage, Tfl.Api.Presentation.Entities");
            body.put("page", page);
            body.put("pageSize", PAGE_SIZE);
            body.put("totalPages", pages);
            ArrayNode items = body.putArray("reports");
            reports.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, reports.size())).forEach(items::add);
            files.put(String.format("tfl-safeguarding-reports-page-%02d.json", page),
                    SimulatedFiles.pageStub("tfl safeguarding reports", "/safeguarding/reports", page, "application/json", body));
        }
        return files;
    }

    public static void main(String[] args) throws IOException {
        SimulatedFiles.write(args, RESOURCE_DIR, SimulatedFiles.utf8(stubMappings()));
    }
}
