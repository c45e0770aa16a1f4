package uk.safeguarding.connectors.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated adult social care file drop: Client Level Data events and s42 safeguarding enquiries
 * about the same residents, with their NHS numbers. Run {@code main} to regenerate
 * {@code src/main/resources/simulator/asc}.
 */
public final class AdultSocialCareSimulator {

    public static final String RESOURCE_DIR = "simulator/asc";
    public static final String CLD_FILE = "lambeth-asc-client-level-data-2026-q3.csv";
    public static final String ENQUIRIES_FILE = "lambeth-asc-s42-enquiries-2026-q3.csv";
    public static final int CLD_EVENTS = 50;
    public static final int ENQUIRIES = 20;

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

    private AdultSocialCareSimulator() {
    }

    public static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CLD_FILE, cld().getBytes(StandardCharsets.UTF_8));
        files.put(ENQUIRIES_FILE, enquiries().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static Resident someone(Random random, List<Resident> residents) {
        return residents.get(random.nextInt(100) < 70 ? random.nextInt(30) : random.nextInt(residents.size()));
    }

    static String cld() {
        List<Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS);
        Random random = new Random(PoliceApiSimulator.SEED + 7);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < CLD_EVENTS; i++) {
            Resident r = someone(random, residents);
            String[] e = SyntheticLondon.pick(random, EVENTS);
            LocalDate start = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92));
            rows.add(List.of("E09000022", "ASC" + r.trueId().substring(1), r.nhsNumber(), r.givenName(), r.familyName(),
                    r.dateOfBirth(), r.sex(), "Service User", e[3], e[0], String.format("CLD-%06d", 50000 + i), start,
                    e[0].equals("Request") ? start : "", e[2], e[1], "Settled mainstream housing", r.postcode()));
        }
        return SimulatedFiles.csv(CLD_HEADER, rows);
    }

    static String enquiries() {
        List<Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS);
        Random random = new Random(PoliceApiSimulator.SEED + 8);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ENQUIRIES; i++) {
            Resident r = someone(random, residents);
            String[] risk = SyntheticLondon.pick(random, RISKS);
            LocalDate received = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(80));
            String outcome = SyntheticLondon.pick(random, OUTCOMES);
            rows.add(List.of(String.format("S42-%05d", 9000 + i), "ASC" + r.trueId().substring(1), r.nhsNumber(),
                    r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(), r.postcode(), received,
                    received.plusDays(2), risk[0], risk[1], risk[2], outcome,
                    outcome.equals("Enquiry ongoing") ? "" : received.plusDays(20 + random.nextInt(30))));
        }
        return SimulatedFiles.csv(ENQUIRY_HEADER, rows);
    }

    public static void main(String[] args) throws IOException {
        SimulatedFiles.write(args, RESOURCE_DIR, files());
    }
}
