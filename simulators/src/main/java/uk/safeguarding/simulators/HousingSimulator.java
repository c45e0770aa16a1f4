package uk.safeguarding.simulators;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated Lambeth housing file drop: ASB complaints (complainant and alleged perpetrator) and
 * tenancy events, about the same residents as the police feed, each person as the housing officer
 * wrote them down.
 */
public final class HousingSimulator {

    public static final String COMPLAINTS_FILE = "lambeth-housing-asb-complaints-2026-q3.csv";
    public static final String TENANCIES_FILE = "lambeth-housing-tenancy-events-2026-q3.csv";
    /** Complaints name people second hand: an alleged perpetrator's date of birth is often not known. */
    static final double PERPETRATOR_BIRTH_KNOWN = 0.7;

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

    private final List<RecordedPerson> truth = new ArrayList<>();
    private final String complaints;
    private final String tenancies;
    private final int complaintCount;
    private final int tenancyEventCount;

    HousingSimulator(Simulators london) {
        this.complaintCount = london.volumes().housingComplaints();
        this.tenancyEventCount = london.volumes().tenancyEvents();
        this.complaints = complaints(london);
        this.tenancies = tenancies(london);
    }

    public int complaintCount() {
        return complaintCount;
    }

    public int tenancyEventCount() {
        return tenancyEventCount;
    }

    /** The truth behind every complainant, alleged perpetrator and tenant. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(COMPLAINTS_FILE, complaints.getBytes(StandardCharsets.UTF_8));
        files.put(TENANCIES_FILE, tenancies.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The council's reference for the tenancy at an address. */
    private static String tenancyRef(String uprn) {
        return "T" + uprn.substring(6);
    }

    private String complaints(Simulators london) {
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> others = london.others();
        List<Resident> adults = london.adults();
        Random random = new Random(london.seed() + 5);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < complaintCount; i++) {
            Resident victim = random.nextInt(100) < 75 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size()));
            Resident other = others.get(random.nextInt(others.size()));
            boolean named = random.nextInt(3) > 0 && other != victim;
            String ref = String.format("ASB-%06d", 310000 + i);
            Recording.Recorded complainant = Recording.asRecordedBy(victim, Recording.Agency.HOUSING, random);
            Recording.Recorded perpetrator = Recording.asRecordedBy(other, Recording.Agency.HOUSING, random);
            boolean perpetratorBirthKnown = random.nextDouble() < PERPETRATOR_BIRTH_KNOWN;
            LocalDate received = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92));
            var place = complainant.address();
            rows.add(List.of(ref, received.format(UK), SyntheticLondon.pick(random, CATEGORIES),
                    complainant.givenName(), complainant.familyName(), ukDate(complainant.dateOfBirth()), tenancyRef(place.uprn()),
                    named ? perpetrator.givenName() : "", named ? perpetrator.familyName() : "",
                    named && perpetratorBirthKnown ? ukDate(perpetrator.dateOfBirth()) : "",
                    named ? tenancyRef(perpetrator.address().uprn()) : "",
                    place.uprn(), place.line(), place.postcode(), SyntheticLondon.LAMBETH,
                    SyntheticLondon.pick(random, ACTIONS), SyntheticLondon.pick(random, STATUSES)));
            truth.add(new RecordedPerson(Recording.Agency.HOUSING.code(), ref, ref + "/complainant", victim.trueId(),
                    complainant.variations()));
            if (named) {
                var variations = java.util.EnumSet.noneOf(Recording.Variation.class);
                variations.addAll(perpetrator.variations());
                if (!perpetratorBirthKnown) {
                    variations.remove(Recording.Variation.DATE_OF_BIRTH_SWAPPED);
                    variations.add(Recording.Variation.DATE_OF_BIRTH_MISSING);
                }
                truth.add(new RecordedPerson(Recording.Agency.HOUSING.code(), ref, ref + "/perpetrator", other.trueId(),
                        java.util.Set.copyOf(variations)));
            }
        }
        return SimulatedFiles.csv(COMPLAINT_HEADER, rows);
    }

    private String tenancies(Simulators london) {
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> adults = london.adults();
        Random random = new Random(london.seed() + 6);
        String[][] events = {{"transfer", "Other problems with neighbours"}, {"emergency move", "Domestic abuse"},
            {"emergency move", "Racial harassment"}, {"start", ""}, {"end", ""}};
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < tenancyEventCount; i++) {
            Resident r = random.nextInt(100) < 60 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size()));
            Recording.Recorded tenant = Recording.asRecordedBy(r, Recording.Agency.HOUSING, random);
            String[] event = SyntheticLondon.pick(random, events);
            String ref = tenancyRef(tenant.address().uprn());
            LocalDate on;
            String id;
            do { // the hub knows a tenancy event by tenancy, type and date: no two alike
                on = LocalDate.of(2026, 7, 1).plusDays(random.nextInt(92));
                id = ref + "/" + event[0].replace(' ', '-') + "/" + on;
            } while (!ids.add(id));
            rows.add(List.of(ref, event[0], on.format(UK), tenant.givenName(), tenant.familyName(),
                    ukDate(tenant.dateOfBirth()), tenant.address().uprn(), tenant.address().line(),
                    tenant.address().postcode(), SyntheticLondon.LAMBETH,
                    random.nextBoolean() ? "Secure" : "Introductory", event[1]));
            truth.add(new RecordedPerson(Recording.Agency.HOUSING.code(), id, id + "/tenant", r.trueId(), tenant.variations()));
        }
        return SimulatedFiles.csv(TENANCY_HEADER, rows);
    }

    private static String ukDate(LocalDate date) {
        return date == null ? "" : date.format(UK);
    }
}
