package uk.safeguarding.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated mental health trust's FHIR R4 server: {@code Patient?_revinclude=Encounter:subject&
 * _revinclude=Flag:subject} searchset bundles in UK Core shape (NHS number identifier with its
 * verification status, Mental Health Act legal status on encounters, safety flags), about residents the
 * other feeds know, each patient as the trust's records hold them.
 */
public final class MentalHealthFhirSimulator {

    public static final int PAGE_SIZE = 10;
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String[][] SERVICES = {{"Community mental health team", "AMB", "ambulatory", "01"},
        {"Home treatment team", "HH", "home health", "01"}, {"Crisis assessment", "EMER", "emergency", "20"},
        {"Acute inpatient ward", "IMP", "inpatient encounter", "02"}};
    private static final String[] FLAGS = {"Risk to others - do not visit alone", "Risk of self-harm - check in daily",
        "Vulnerable to exploitation by others"};

    /** The server's own address, filled in by WireMock's response templating when a page is served. */
    private static final String BASE = "{{request.baseUrl}}";
    /** The id HAPI FHIR gives a search whose pages it keeps (one search here). */
    private static final String SEARCH_ID = "3f1c0b9e-5a52-4d7c-9d0e-slam-patients";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<List<ObjectNode>> patients = new ArrayList<>();
    private final List<RecordedPerson> truth = new ArrayList<>();

    /** Each patient's resources: the Patient, then their Encounters and Flags. */
    MentalHealthFhirSimulator(Simulators london) {
        Random random = new Random(london.seed() + 9);
        List<Resident> vulnerable = london.vulnerable();
        List<Resident> adults = london.adults();
        java.util.Set<Resident> chosen = new java.util.LinkedHashSet<>();
        int count = Math.min(london.volumes().mentalHealthPatients(), adults.size());
        while (chosen.size() < count) {
            // two in three patients are among the vulnerable people the other agencies know
            chosen.add(random.nextInt(3) < 2 ? vulnerable.get(random.nextInt(vulnerable.size()))
                    : adults.get(random.nextInt(adults.size())));
        }
        for (Resident r : chosen) {
            Recording.Recorded rec = Recording.asKeptBy(london.seed(), r, Recording.Agency.MENTAL_HEALTH);
            String pid = "slam-" + Recording.localNumber(london.seed(), Recording.Agency.MENTAL_HEALTH, r);
            List<ObjectNode> resources = new ArrayList<>();
            ObjectNode patient = JSON.createObjectNode();
            patient.put("resourceType", "Patient");
            patient.put("id", pid);
            ArrayNode identifiers = patient.putArray("identifier");
            if (rec.nhsNumber() != null) {
                ObjectNode identifier = identifiers.addObject();
                identifier.put("system", NHS_NUMBER);
                identifier.put("value", rec.nhsNumber());
                ObjectNode verification = identifier.putArray("extension").addObject();
                verification.put("url", "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus");
                ObjectNode coding = verification.putObject("valueCodeableConcept").putArray("coding").addObject();
                coding.put("system", "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland");
                coding.put("code", "01");
                coding.put("display", "Number present and verified");
            }
            ObjectNode name = patient.putArray("name").addObject();
            name.put("use", "official");
            name.put("family", rec.familyName());
            name.putArray("given").add(rec.givenName());
            patient.put("gender", r.sex().toLowerCase());
            if (rec.dateOfBirth() != null) {
                patient.put("birthDate", rec.dateOfBirth().toString());
            }
            ObjectNode address = patient.putArray("address").addObject();
            address.putArray("line").add(rec.address().line());
            address.put("city", "London");
            address.put("postalCode", rec.address().postcode());
            resources.add(patient);
            int encounters = 1 + random.nextInt(3);
            for (int e = 0; e < encounters; e++) {
                String[] service = SyntheticLondon.pick(random, SERVICES);
                LocalDateTime start = LocalDateTime.of(2025, 6, 1, 9, 0).plusMinutes(random.nextInt(500 * 24 * 60));
                ObjectNode encounter = JSON.createObjectNode();
                encounter.put("resourceType", "Encounter");
                encounter.put("id", pid + "-enc-" + (e + 1));
                // UK Core LegalStatus is a complex extension: context and classification sub-extensions
                ObjectNode legal = encounter.putArray("extension").addObject();
                legal.put("url", "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus");
                ArrayNode parts = legal.putArray("extension");
                ObjectNode context = parts.addObject();
                context.put("url", "legalStatusContext");
                ObjectNode contextCoding = context.putObject("valueCodeableConcept").putArray("coding").addObject();
                contextCoding.put("system", "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusContext");
                contextCoding.put("code", "admission");
                contextCoding.put("display", "Admission");
                ObjectNode classification = parts.addObject();
                classification.put("url", "legalStatusClassification");
                ObjectNode legalCoding = classification.putObject("valueCodeableConcept").putArray("coding").addObject();
                legalCoding.put("system", "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland");
                legalCoding.put("code", service[3]);
                encounter.put("status", "finished");
                ObjectNode klass = encounter.putObject("class");
                klass.put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
                klass.put("code", service[1]);
                if (e != 1) {
                    klass.put("display", service[2]); // optional in FHIR R4: some systems send the code only
                }
                encounter.putObject("serviceType").put("text", service[0]);
                encounter.putObject("subject").put("reference", "Patient/" + pid);
                ObjectNode period = encounter.putObject("period");
                period.put("start", start.atOffset(ZoneOffset.UTC).toString());
                period.put("end", start.plusHours(2).atOffset(ZoneOffset.UTC).toString());
                resources.add(encounter);
                truth.add(new RecordedPerson(Recording.Agency.MENTAL_HEALTH.code(), "Encounter/" + pid + "-enc-" + (e + 1),
                        "Patient/" + pid, r.trueId(), rec.variations()));
            }
            if (random.nextInt(3) == 0) {
                ObjectNode flag = JSON.createObjectNode();
                flag.put("resourceType", "Flag");
                flag.put("id", pid + "-flag-1");
                flag.put("status", "active");
                ObjectNode category = flag.putArray("category").addObject().putArray("coding").addObject();
                category.put("system", "http://terminology.hl7.org/CodeSystem/flag-category");
                category.put("code", "safety");
                flag.putObject("code").put("text", SyntheticLondon.pick(random, FLAGS));
                flag.putObject("subject").put("reference", "Patient/" + pid);
                flag.putObject("period").put("start",
                        LocalDateTime.of(2026, 1, 1, 9, 0).plusDays(random.nextInt(300)).atOffset(ZoneOffset.UTC).toString());
                resources.add(flag);
                truth.add(new RecordedPerson(Recording.Agency.MENTAL_HEALTH.code(), "Flag/" + pid + "-flag-1",
                        "Patient/" + pid, r.trueId(), rec.variations()));
            }
            patients.add(resources);
        }
    }

    /** Each patient's resources: the Patient, then their Encounters and Flags. */
    public List<List<ObjectNode>> patients() {
        return patients;
    }

    /** The truth behind the patient of every encounter and flag (each is one record at the hub). */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /**
     * The search's pages as HAPI FHIR serves them: the search ({@code GET /Patient?...}) answers with the
     * first page, whose {@code next} link is a cursor on the server's base
     * ({@code [base]?_getpages=<search id>&_getpagesoffset=10&_count=10&_bundletype=searchset}); a
     * {@code page} parameter means nothing to it.
     */
    public Map<String, String> stubMappings() {
        int pages = (patients.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        String search = "Patient?_revinclude=Encounter:subject&_revinclude=Flag:subject&_count=" + PAGE_SIZE;
        Map<String, String> files = new LinkedHashMap<>();
        for (int page = 1; page <= pages; page++) {
            ObjectNode bundle = JSON.createObjectNode();
            bundle.put("resourceType", "Bundle");
            bundle.put("id", SEARCH_ID + "-" + page);
            bundle.putObject("meta").put("lastUpdated", "2026-11-30T08:00:00.000+00:00");
            bundle.put("type", "searchset");
            bundle.put("total", patients.size());
            ArrayNode links = bundle.putArray("link");
            links.addObject().put("relation", "self").put("url", page == 1 ? BASE + "/" + search : pageLink(page));
            if (page < pages) {
                links.addObject().put("relation", "next").put("url", pageLink(page + 1));
            }
            if (page > 1) {
                links.addObject().put("relation", "previous").put("url", pageLink(page - 1));
            }
            ArrayNode entries = bundle.putArray("entry");
            for (List<ObjectNode> resources : patients.subList((page - 1) * PAGE_SIZE, Math.min(page * PAGE_SIZE, patients.size()))) {
                for (ObjectNode resource : resources) {
                    ObjectNode entry = entries.addObject();
                    entry.put("fullUrl", BASE + "/" + resource.path("resourceType").asText() + "/" + resource.path("id").asText());
                    entry.set("resource", resource);
                    entry.putObject("search").put("mode",
                            resource.path("resourceType").asText().equals("Patient") ? "match" : "include");
                }
            }
            String stub = page == 1
                    ? SimulatedFiles.templatedStub("mental health FHIR patients: the search", "/Patient", Map.of(),
                            "application/fhir+json", bundle)
                    : SimulatedFiles.templatedStub("mental health FHIR patients page " + page, "/",
                            Map.of("_getpages", SEARCH_ID, "_getpagesoffset", String.valueOf((page - 1) * PAGE_SIZE)),
                            "application/fhir+json", bundle);
            files.put(String.format("mental-health-patients-page-%03d.json", page), stub);
        }
        return files;
    }

    private static String pageLink(int page) {
        return BASE + "/?_getpages=" + SEARCH_ID + "&_getpagesoffset=" + (page - 1) * PAGE_SIZE + "&_count=" + PAGE_SIZE
                + "&_bundletype=searchset";
    }
}
