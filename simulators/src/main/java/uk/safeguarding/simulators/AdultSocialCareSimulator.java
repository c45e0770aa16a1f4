package uk.safeguarding.simulators;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated adult social care file drop: Client Level Data events and s42 safeguarding enquiries
 * about the same residents, with their NHS numbers where the council holds them, each person as the
 * council's care record keeps them.
 */
public final class AdultSocialCareSimulator {

    public static final String CLD_FILE = "lambeth-asc-client-level-data-2026-q3.csv";
    public static final String ENQUIRIES_FILE = "lambeth-asc-s42-enquiries-2026-q3.csv";

    private static final String[] CLD_HEADER = {"LA_Code", "Person_ID", "NHS_Number", "First_Name", "Last_Name",
        "Der_DOB", "Gender", "Client_Type", "Primary_Support_Reason", "Event_Type", "Event_Reference",
        "Event_Start_Date", "Event_End_Date", "Event_Outcome", "Service_Type", "Accommodation_Status", "Postcode"};
    private static final String[] ENQUIRY_HEADER = {"Enquiry_ID", "Person_ID", "NHS_Number", "First_Name", "Last_Name",
        "Der_DOB", "Gender", "Postcode", "concern_received_date", "s42_enquiry_start_date", "type_of_risk",
        "location_of_risk", "source_of_risk", "outcome", "concluded_date"};
    private static final String[][] EVENTS = {
        {"Request", "", "Further assessment", "Physical Support: Personal Care Support"},
        {"Assessment", "Long Term Support: Community", "Long term support", "Mental Health Support"},
        {"Service", "Long Term Support: Community", "Service continued", "Physical Support: Access and Mobility Only"},
        {"Review", "Short Term Support: ST-Max", "No change", "Social Support: Support for Isolation/Other"}};
    private static final String[][] RISKS = {{"Psychological;Financial or Material", "Own home", "Known to individual"},
        {"Self-neglect", "Own home", "Individual"}, {"Physical", "In the community", "Unknown to individual"},
        {"Psychological", "Own home", "Known to individual"}, {"Neglect;Self-neglect", "Own home", "Individual"}};
    private static final String[] OUTCOMES = {"Risk reduced", "Risk remains", "Risk removed", "Enquiry ongoing"};

    private final long seed;
    private final int eventCount;
    private final int enquiryCount;
    private final List<RecordedPerson> truth = new ArrayList<>();
    private final String cld;
    private final String enquiries;

    AdultSocialCareSimulator(Simulators london) {
        this.seed = london.seed();
        this.eventCount = london.volumes().careEvents();
        this.enquiryCount = london.volumes().safeguardingEnquiries();
        this.cld = cld(london);
        this.enquiries = enquiries(london);
    }

    public int eventCount() {
        return eventCount;
    }

    public int enquiryCount() {
        return enquiryCount;
    }

    /** The truth behind the person of every event and enquiry. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CLD_FILE, cld.getBytes(StandardCharsets.UTF_8));
        files.put(ENQUIRIES_FILE, enquiries.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Care and safeguarding reach mostly the vulnerable, and older people. */
    private static Resident someone(Random random, Simulators london) {
        if (random.nextInt(100) < 70) {
            return london.vulnerable().get(random.nextInt(london.vulnerable().size()));
        }
        Resident r = london.adults().get(random.nextInt(london.adults().size()));
        return r.age() < 60 && random.nextBoolean() ? london.adults().get(random.nextInt(london.adults().size())) : r;
    }

    private String personId(Resident r) {
        return "ASC" + Recording.localNumber(seed, Recording.Agency.ADULT_SOCIAL_CARE, r);
    }

    private String cld(Simulators london) {
        Random random = new Random(seed + 7);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            Resident r = someone(random, london);
            Recording.Recorded rec = Recording.asKeptBy(seed, r, Recording.Agency.ADULT_SOCIAL_CARE);
            String[] e = SyntheticLondon.pick(random, EVENTS);
            LocalDate start = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92));
            String ref = String.format("CLD-%07d", 500000 + i);
            rows.add(List.of("E09000022", personId(r), orEmpty(rec.nhsNumber()), rec.givenName(), rec.familyName(),
                    orEmpty(rec.dateOfBirth()), r.sex(), "Service User", e[3], e[0], ref, start,
                    e[0].equals("Request") ? start : "", e[2], e[1], "Settled mainstream housing", rec.address().postcode()));
            truth.add(new RecordedPerson(Recording.Agency.ADULT_SOCIAL_CARE.code(), ref, "person", r.trueId(), rec.variations()));
        }
        return SimulatedFiles.csv(CLD_HEADER, rows);
    }

    private String enquiries(Simulators london) {
        Random random = new Random(seed + 8);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < enquiryCount; i++) {
            Resident r = someone(random, london);
            Recording.Recorded rec = Recording.asKeptBy(seed, r, Recording.Agency.ADULT_SOCIAL_CARE);
            String[] risk = SyntheticLondon.pick(random, RISKS);
            LocalDate received = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(80));
            String outcome = SyntheticLondon.pick(random, OUTCOMES);
            String ref = String.format("S42-%06d", 90000 + i);
            rows.add(List.of(ref, personId(r), orEmpty(rec.nhsNumber()), rec.givenName(), rec.familyName(),
                    orEmpty(rec.dateOfBirth()), r.sex(), rec.address().postcode(), received,
                    received.plusDays(2), risk[0], risk[1], risk[2], outcome,
                    outcome.equals("Enquiry ongoing") ? "" : received.plusDays(20 + random.nextInt(30))));
            truth.add(new RecordedPerson(Recording.Agency.ADULT_SOCIAL_CARE.code(), ref, "person", r.trueId(), rec.variations()));
        }
        return SimulatedFiles.csv(ENQUIRY_HEADER, rows);
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }
}
