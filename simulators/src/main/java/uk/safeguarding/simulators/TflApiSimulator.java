package uk.safeguarding.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated Transport for London safeguarding reports API: {@code $type}-tagged JSON in the Unified
 * API's conventions, about the same residents as the police feed (repeat victims are often vulnerable on
 * the network too), each person as the member of staff wrote them down.
 */
public final class TflApiSimulator {

    public static final int PAGE_SIZE = 50;
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

    private final List<ObjectNode> reports = new ArrayList<>();
    private final List<RecordedPerson> truth = new ArrayList<>();

    TflApiSimulator(Simulators london) {
        int count = london.volumes().tflReports();
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> adults = london.adults();
        Random random = new Random(london.seed() + 2);
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(START.plusSeconds(random.nextInt(548 * 24 * 3600)));
        }
        times.sort(null);
        for (int i = 0; i < count; i++) {
            // most reports concern the residents the police feed shows as repeat victims
            Resident r = random.nextInt(100) < 70 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size()));
            // a report is written afresh each time: no record is kept of the person between reports
            Recording.Recorded rec = Recording.asRecordedBy(r, Recording.Agency.TFL, random);
            String[] station = SyntheticLondon.pick(random, STATIONS);
            String[] category = SyntheticLondon.pick(random, CATEGORIES);
            String id = String.format("TFL-SR-%06d", 40000 + i);
            ObjectNode report = JSON.createObjectNode();
            report.put("$type", REPORT_TYPE);
            report.put("id", id);
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
            person.put("givenName", rec.givenName());
            person.put("familyName", rec.familyName());
            // staff often only estimate an age: then the date of birth is "not set"
            person.put("dateOfBirth", rec.dateOfBirth() != null ? rec.dateOfBirth() + "T00:00:00" : "0001-01-01T00:00:00");
            person.put("approximateAge", java.time.Period.between(r.dateOfBirth(), times.get(i).toLocalDate()).getYears());
            person.put("gender", r.sex());
            person.put("description", "Wearing a dark coat; carrying a bag");
            reports.add(report);
            truth.add(new RecordedPerson(Recording.Agency.TFL.code(), id, id + "/person", r.trueId(), rec.variations()));
        }
    }

    public List<ObjectNode> reports() {
        return reports;
    }

    /** The truth behind the person of every report. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /** WireMock stub mappings, one per page, keyed by file name. */
    public Map<String, String> stubMappings() {
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
            files.put(String.format("tfl-safeguarding-reports-page-%03d.json", page),
                    SimulatedFiles.pageStub("tfl safeguarding reports", "/safeguarding/reports", page, "application/json", body));
        }
        return files;
    }
}
