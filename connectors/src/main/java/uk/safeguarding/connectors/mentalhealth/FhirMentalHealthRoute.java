package uk.safeguarding.connectors.mentalhealth;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.http.PagedJsonFeed;

/**
 * A mental health trust's FHIR R4 server (UK Core profiles): {@code Patient} searches that include each
 * patient's {@code Encounter}s and {@code Flag}s, a searchset {@code Bundle} per page. The next page is
 * the Bundle's {@code next} link, fetched as given: servers page their own way (HAPI FHIR hands out
 * {@code [base]?_getpages=...} cursors and ignores a {@code page} parameter). Each encounter and flag is one record, carrying its patient; they are
 * parsed with HAPI FHIR. Everything here is special category health data.
 */
public class FhirMentalHealthRoute extends PagedJsonFeed {

    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    static final String LEGAL_STATUS = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus";
    /** Mental Health Act legal status codes (UK Core) the panel recognises by name. */
    private static final Map<String, String> LEGAL = Map.of("01", "informal", "02", "section 2", "03", "section 3",
            "19", "section 135", "20", "section 136");

    /** The displays of HL7 v3 ActCode's encounter codes (value set v3-ActEncounterCode, FHIR R4). */
    private static final Map<String, String> ACT_ENCOUNTER_CODES = Map.of("AMB", "ambulatory", "EMER", "emergency",
            "FLD", "field", "HH", "home health", "IMP", "inpatient encounter", "ACUTE", "inpatient acute",
            "NONAC", "inpatient non-acute", "OBSENC", "observation encounter", "PRENC", "pre-admission", "SS", "short stay");

    private final IParser fhir = FhirContext.forR4Cached().newJsonParser();

    public FhirMentalHealthRoute(MentalHealthFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
    }

    @Override
    protected String path() {
        return "/Patient";
    }

    /** The search; every later page comes from the previous Bundle's next link. */
    @Override
    protected String pageQuery(int page) {
        return "_revinclude=Encounter:subject&_revinclude=Flag:subject&_count=10";
    }

    @Override
    protected String nextPageUri(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && !link.path("url").asText().isBlank()) {
                return link.path("url").asText();
            }
        }
        return null;
    }

    @Override
    protected boolean resumesByPageNumber() {
        return false;
    }

    @Override
    protected String itemsField() {
        return "entry";
    }

    @Override
    protected String totalPagesField() {
        return "total";
    }

    /** A search's total counts patients, not the encounters and flags read from their pages: no estimate. */
    @Override
    protected long expectedItems(JsonNode bundle, int page, int items) {
        return -1;
    }

    @Override
    protected String idField() {
        return "id";
    }

    @Override
    protected boolean hasNextPage(JsonNode bundle, int page) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return true;
            }
        }
        return false;
    }

    /** One item per encounter or flag, each carrying the patient it is about (as {@code patient}). */
    @Override
    protected List<JsonNode> pageItems(JsonNode bundle) {
        if (!"Bundle".equals(bundle.path("resourceType").asText()) || !bundle.path("entry").isArray()) {
            return bundle.path("resourceType").asText().equals("Bundle") && bundle.path("total").asInt(-1) == 0
                    ? List.of() : null;
        }
        Map<String, JsonNode> patients = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if ("Patient".equals(resource.path("resourceType").asText())) {
                patients.put("Patient/" + resource.path("id").asText(), resource);
            }
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText();
            if (type.equals("Encounter") || type.equals("Flag")) {
                ObjectNode item = json.createObjectNode();
                item.put("id", type + "/" + resource.path("id").asText());
                item.set("resource", resource);
                JsonNode patient = patients.get(resource.path("subject").path("reference").asText());
                if (patient != null) {
                    item.set("patient", patient);
                }
                items.add(item);
            }
        }
        return items;
    }

    @Override
    protected SourceRecord map(String runId, JsonNode item, String raw) throws IOException {
        String feed = settings().feed();
        String agency = settings().agency();
        String id = item.path("id").asText();
        if (!item.has("patient")) {
            return SourceRecord.unmappable(runId, feed, agency, id, raw, "subject: the patient is not in the bundle");
        }
        Patient patient;
        try {
            patient = fhir.parseResource(Patient.class, item.get("patient").toString());
        } catch (DataFormatException e) {
            return SourceRecord.unmappable(runId, feed, agency, id, raw, "patient: not a FHIR R4 Patient");
        }
        PersonRecord person = person(patient);
        EventRecord event;
        try {
            event = id.startsWith("Encounter/")
                    ? encounter(id, fhir.parseResource(Encounter.class, item.get("resource").toString()), person)
                    : flag(id, fhir.parseResource(Flag.class, item.get("resource").toString()), person);
        } catch (DataFormatException e) {
            return SourceRecord.unmappable(runId, feed, agency, id, raw, id.substring(0, id.indexOf('/')) + ": not valid FHIR R4");
        }
        if (event.occurredAt() == null) {
            return SourceRecord.unmappable(runId, feed, agency, id, raw, "period.start: missing");
        }
        return new SourceRecord(runId, feed, agency, id, raw, List.of(person), List.of(event), List.of());
    }

    private PersonRecord person(Patient p) {
        String nhs = p.getIdentifier().stream().filter(i -> NHS_NUMBER.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse(null);
        HumanName name = p.getNameFirstRep();
        LocalDate born = p.hasBirthDate() ? p.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate() : null;
        List<uk.safeguarding.connectors.canonical.Address> addresses = new ArrayList<>();
        for (Address a : p.getAddress()) {
            addresses.add(new uk.safeguarding.connectors.canonical.Address(
                    a.getLine().isEmpty() ? null : a.getLine().get(0).getValue(), a.getPostalCode(), null, null));
        }
        return new PersonRecord("Patient/" + p.getIdPart(), name.getGivenAsSingleString().isBlank() ? null
                : name.getGiven().get(0).getValue(), name.getFamily(), born, sex(p.getGender()), nhs,
                List.of(settings().agency() + ":Patient/" + p.getIdPart()), addresses, null, null);
    }

    private static EventRecord encounter(String id, Encounter e, PersonRecord person) {
        Extension legal = e.getExtensionByUrl(LEGAL_STATUS);
        String legalStatus = legal == null ? null : legalStatus(legal);
        String context = legal == null ? null : label(legal.getExtensionByUrl("legalStatusContext"));
        String service = label(e.getServiceType());
        Coding klass = e.getClass_();
        String summary = (service == null ? "Encounter" : service) + " (" + classLabel(klass) + ", "
                + (e.hasStatus() ? e.getStatus().toCode() : "status not given") + ")"
                + (legalStatus == null ? "" : ". Mental Health Act: " + legalStatus
                        + (context == null ? "" : " (" + context.toLowerCase(java.util.Locale.ROOT) + ")"));
        Instant start = e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null;
        return new EventRecord(id, "mental-health-encounter", start, legalStatus == null ? "encounter" : legalStatus,
                summary, null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(person.localId(), Role.PATIENT)));
    }

    /**
     * UK Core {@code Extension-UKCore-LegalStatus} is a complex extension: the status is its
     * {@code legalStatusClassification} sub-extension (beside {@code legalStatusContext}). A flat
     * {@code valueCodeableConcept} on the extension itself, as older feeds wrote it, is still read.
     */
    private static String legalStatus(Extension legal) {
        Extension classification = legal.getExtensionByUrl("legalStatusClassification");
        Extension holder = classification != null ? classification : legal;
        if (!(holder.getValue() instanceof CodeableConcept concept)) {
            return null;
        }
        String code = concept.getCodingFirstRep().getCode();
        if (code != null && LEGAL.containsKey(code)) {
            return LEGAL.get(code);
        }
        String label = label(concept);
        return label == null ? null : code != null && label.equals(code) ? "legal status " + code : label;
    }

    /** A coded element as people read it: its text, else the first coding's display, else its code. */
    static String label(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode()) {
                return coding.getCode();
            }
        }
        return null;
    }

    private static String label(Extension extension) {
        return extension != null && extension.getValue() instanceof CodeableConcept c ? label(c) : null;
    }

    /** Encounter.class is a Coding (v3 ActCode): its display, else the code's name in that code system. */
    private static String classLabel(Coding klass) {
        if (klass.hasDisplay()) {
            return klass.getDisplay();
        }
        if (!klass.hasCode()) {
            return "class not given";
        }
        return ACT_ENCOUNTER_CODES.getOrDefault(klass.getCode(), klass.getCode());
    }

    private static EventRecord flag(String id, Flag f, PersonRecord person) {
        Coding category = f.getCategoryFirstRep().getCodingFirstRep();
        Instant start = f.getPeriod().hasStart() ? f.getPeriod().getStart().toInstant() : null;
        String what = label(f.getCode());
        return new EventRecord(id, "risk-flag", start,
                category.getCode() == null ? "flag" : category.getCode(),
                (what == null ? "Flag" : what) + " (" + (f.hasStatus() ? f.getStatus().toCode() : "status not given") + ")",
                null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(person.localId(), Role.PATIENT)));
    }

    private static PersonRecord.Sex sex(AdministrativeGender gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender) {
            case FEMALE -> PersonRecord.Sex.FEMALE;
            case MALE -> PersonRecord.Sex.MALE;
            case OTHER -> PersonRecord.Sex.OTHER;
            default -> PersonRecord.Sex.UNKNOWN;
        };
    }

    @Override
    public String feedName() {
        return "Mental health trust: patients, encounters and flags (FHIR R4)";
    }

    @Override
    public Transport feedTransport() {
        return Transport.FHIR_REST;
    }
}
