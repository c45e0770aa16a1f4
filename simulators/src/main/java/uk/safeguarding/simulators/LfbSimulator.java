package uk.safeguarding.simulators;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated London Fire Brigade file drop: a monthly incident file in the London Datastore's
 * 39-column layout, written in Windows-1252 as spreadsheet exports are (its "Notional Cost (£)" header
 * is the test), and a home fire safety visit file in UTF-8 about the same residents as the other feeds.
 */
public final class LfbSimulator {

    public static final String INCIDENTS_FILE = "lfb-incidents-2026-10.csv";
    public static final String VISITS_FILE = "lfb-home-fire-safety-visits-2026-10.csv";
    // the LFB publishes its CSV files in Windows-1252
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String[] INCIDENT_HEADER = {"IncidentNumber", "DateOfCall", "CalYear", "TimeOfCall",
        "HourOfCall", "IncidentGroup", "StopCodeDescription", "SpecialServiceType", "PropertyCategory", "PropertyType",
        "AddressQualifier", "Postcode_full", "Postcode_district", "UPRN", "USRN", "IncGeo_BoroughCode",
        "IncGeo_BoroughName", "ProperCase", "IncGeo_WardCode", "IncGeo_WardName", "IncGeo_WardNameNew", "Easting_m",
        "Northing_m", "Easting_rounded", "Northing_rounded", "Latitude", "Longitude", "FRS", "IncidentStationGround",
        "FirstPumpArriving_AttendanceTime", "FirstPumpArriving_DeployedFromStation", "SecondPumpArriving_AttendanceTime",
        "SecondPumpArriving_DeployedFromStation", "NumStationsWithPumpsAttending", "NumPumpsAttending", "PumpCount",
        "PumpMinutesRounded", "Notional Cost (£)", "NumCalls"};
    private static final String[] VISIT_HEADER = {"VisitReference", "VisitDate", "OccupierGivenName",
        "OccupierFamilyName", "OccupierDateOfBirth", "Gender", "AddressLine", "Postcode", "UPRN", "BoroughCode",
        "Mobility", "Hoarding", "Smoker", "SmokeAlarmsFitted", "Notes"};
    private static final String[][] KINDS = {
        {"Fire", "Primary Fire", "", "Dwelling", "Purpose Built Flats/Maisonettes - 4 to 9 storeys "},
        {"Fire", "Secondary Fire", "", "Outdoor", "Loose refuse (incl in small bins)"},
        {"False Alarm", "AFA", "", "Dwelling", "Purpose Built Flats/Maisonettes - Up to 3 storeys "},
        {"False Alarm", "False alarm - Good intent", "", "Dwelling", "House - single occupancy "},
        {"Special Service", "Special Service", "Effecting entry/exit", "Dwelling", "Self contained Sheltered Housing"},
        {"Special Service", "Special Service", "Assist other agencies", "Dwelling", "Converted Flat/Maisonettes - 3 or more storeys"}};
    private static final String[] STATIONS = {"Brixton", "Clapham", "Lambeth", "West Norwood", "Kennington"};

    private final String incidents;
    private final String visits;
    private final int incidentCount;
    private final int visitCount;
    private final List<RecordedPerson> truth = new ArrayList<>();

    LfbSimulator(Simulators london) {
        this.incidentCount = london.volumes().lfbIncidents();
        this.visitCount = london.volumes().lfbVisits();
        this.incidents = incidents(london);
        this.visits = visits(london);
    }

    public int incidentCount() {
        return incidentCount;
    }

    public int visitCount() {
        return visitCount;
    }

    /** The truth behind the occupier of every visit (incidents name no one). */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /** The two files, by name, as bytes in their own encodings. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(INCIDENTS_FILE, incidents.getBytes(WINDOWS_1252));
        files.put(VISITS_FILE, visits.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private String incidents(Simulators london) {
        List<Resident> residents = london.adults();
        Random random = new Random(london.seed() + 3);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < incidentCount; i++) {
            LocalDateTime at = LocalDateTime.of(2026, 10, 1, 0, 0).plusSeconds(random.nextInt(31 * 24 * 3600));
            String[] kind = SyntheticLondon.pick(random, KINDS);
            Resident near = residents.get(random.nextInt(residents.size()));
            boolean dwelling = kind[3].equals("Dwelling");
            int first = 180 + random.nextInt(420);
            int pumps = 1 + random.nextInt(3);
            rows.add(List.of(String.format("%06d-%s", 150000 + i, at.format(DateTimeFormatter.ofPattern("ddMMyyyy"))),
                    at.format(DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH)), at.getYear(),
                    at.format(DateTimeFormatter.ofPattern("HH:mm:ss")), at.getHour(), kind[0], kind[1], kind[2],
                    kind[3], kind[4], dwelling ? "Within same building" : "Open land/water - nearest gazetteer location",
                    dwelling ? near.postcode() : "", near.postcode().split(" ")[0], dwelling ? near.uprn() : "0",
                    20400000 + random.nextInt(9999), SyntheticLondon.LAMBETH, "LAMBETH", "Lambeth", "E05014100",
                    "BRIXTON NORTH", "Brixton North", "", "", 531000 + random.nextInt(900), 175000 + random.nextInt(900),
                    "", "", "London", SyntheticLondon.pick(random, STATIONS), first, SyntheticLondon.pick(random, STATIONS),
                    pumps > 1 ? first + 60 + random.nextInt(200) : "", pumps > 1 ? SyntheticLondon.pick(random, STATIONS) : "",
                    pumps, pumps, pumps, 60 * pumps, pumps * 352, 1 + random.nextInt(3)));
        }
        return SimulatedFiles.csv(INCIDENT_HEADER, rows);
    }

    private String visits(Simulators london) {
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> residents = london.adults();
        Random random = new Random(london.seed() + 4);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < visitCount; i++) {
            // visits go to the vulnerable: mostly the residents the police feed shows as repeat victims
            Resident r = random.nextInt(100) < 70 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : residents.get(random.nextInt(residents.size()));
            Recording.Recorded rec = Recording.asRecordedBy(r, Recording.Agency.LFB, random);
            String ref = String.format("HFSV-2026-%06d", 7000 + i);
            LocalDate visited = LocalDate.of(2026, 10, 1).plusDays(random.nextInt(31));
            rows.add(List.of(ref, visited.toString(), rec.givenName(), rec.familyName(),
                    rec.dateOfBirth() == null ? "" : rec.dateOfBirth().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                    r.sex(), rec.address().line(), rec.address().postcode(), rec.address().uprn(), SyntheticLondon.LAMBETH,
                    random.nextBoolean() ? "Uses a walking frame; slow to leave the flat" : "Independent",
                    random.nextInt(4) == 0 ? "Clutter rating 6 - escape route partly blocked" : "None seen",
                    random.nextBoolean() ? "Yes - smokes in bed" : "No", 1 + random.nextInt(3),
                    random.nextInt(3) == 0 ? "Lives alone; referred to adult social care for a care assessment" : ""));
            truth.add(new RecordedPerson(Recording.Agency.LFB.code(), ref, ref + "/occupier", r.trueId(), rec.variations()));
        }
        return SimulatedFiles.csv(VISIT_HEADER, rows);
    }
}
