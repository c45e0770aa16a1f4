package uk.safeguarding.connectors.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated Lambeth housing file drop: ASB complaints (complainant and alleged perpetrator) and
 * tenancy events, about the same residents as the police feed. Run {@code main} to regenerate
 * {@code src/main/resources/simulator/housing}.
 */
public final class HousingSimulator {

    public static final String RESOURCE_DIR = "simulator/housing";
    public static final String COMPLAINTS_FILE = "lambeth-housing-asb-complaints-2026-q3.csv";
    public static final String TENANCIES_FILE = "lambeth-housing-tenancy-events-2026-q3.csv";
    public static final int COMPLAINTS = 90;
    public static final int TENANCY_EVENTS = 30;

    private static final String[] COMPLAINT_HEADER = {"CaseRef", "ReceivedDate", "Category", "ComplainantGivenName",
        "ComplainantFamilyName", "ComplainantDateOfBirth", "ComplainantTenancyRef", "PerpetratorGivenName",
        "PerpetratorFamilyName", "PerpetratorDateOfBirth", "PerpetratorTenancyRef", "UPRN", "AddressLine", "Postcode",
        "BoroughCode", "ActionTaken", "Status"};
    private static final String[] TENANCY_HEADER = {"TenancyRef", "EventType", "EventDate", "TenantGivenName",
        "TenantFamilyName", "TenantDateOfBirth", "UPRN", "AddressLine", "Postcode", "BoroughCode", "TenancyType",
        "ReasonForMove"};
    private static final String[] CATEGORIES = {"noise", "harassment", "hate", "threats", "property damage"};
    private static final String[] ACTIONS = {"Warning letter sent to alleged perpetrator", "Acceptable behaviour contract signed",
        "Noise monitoring equipment installed", "Mediation offered", "Referred to the VVASB panel", "Visit by housing officer"};
    private static final String[] STATUSES = {"open", "open", "closed - resolved", "closed - no further action"};
    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private HousingSimulator() {
    }

    public static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(COMPLAINTS_FILE, complaints().getBytes(StandardCharsets.UTF_8));
        files.put(TENANCIES_FILE, tenancies().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static String complaints() {
        List<Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS);
        Random random = new Random(PoliceApiSimulator.SEED + 5);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < COMPLAINTS; i++) {
            Resident victim = residents.get(random.nextInt(100) < 75 ? random.nextInt(30) : random.nextInt(residents.size()));
            Resident other = residents.get(30 + random.nextInt(residents.size() - 30));
            boolean named = random.nextInt(3) > 0;
            LocalDate received = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92));
            rows.add(List.of(String.format("ASB-%05d", 31000 + i), received.format(UK), SyntheticLondon.pick(random, CATEGORIES),
                    victim.givenName(), victim.familyName(), victim.dateOfBirth().format(UK), "T" + victim.uprn().substring(6),
                    named ? other.givenName() : "", named ? other.familyName() : "",
                    named && random.nextBoolean() ? other.dateOfBirth().format(UK) : "", named ? "T" + other.uprn().substring(6) : "",
                    victim.uprn(), victim.addressLine(), victim.postcode(), SyntheticLondon.LAMBETH,
                    SyntheticLondon.pick(random, ACTIONS), SyntheticLondon.pick(random, STATUSES)));
        }
        return SimulatedFiles.csv(COMPLAINT_HEADER, rows);
    }

    static String tenancies() {
        List<Resident> residents = SyntheticLondon.residents(PoliceApiSimulator.SEED, PoliceApiSimulator.RESIDENTS);
        Random random = new Random(PoliceApiSimulator.SEED + 6);
        String[][] events = {{"transfer", "Other problems with neighbours"}, {"emergency move", "Domestic abuse"},
            {"emergency move", "Racial harassment"}, {"start", ""}, {"end", ""}};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < TENANCY_EVENTS; i++) {
            Resident r = residents.get(random.nextInt(100) < 60 ? random.nextInt(30) : random.nextInt(residents.size()));
            String[] event = SyntheticLondon.pick(random, events);
            rows.add(List.of("T" + r.uprn().substring(6), event[0],
                    LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92)).format(UK), r.givenName(), r.familyName(),
                    r.dateOfBirth().format(UK), r.uprn(), r.addressLine(), r.postcode(), SyntheticLondon.LAMBETH,
                    random.nextBoolean() ? "Secure" : "Introductory", event[1]));
        }
        return SimulatedFiles.csv(TENANCY_HEADER, rows);
    }

    public static void main(String[] args) throws IOException {
        SimulatedFiles.write(args, RESOURCE_DIR, files());
    }
}
