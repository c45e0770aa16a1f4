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
 * patient's {@code Encounter}s and {@code Flag}s, a searchset {@code Bundle} per page, followed while the
 * bundle has a {@code next} link. Each encounter and flag is one record, carrying its patient; they are
 * parsed with HAPI FHIR. Everything here is special category health data.
 */
public class FhirMentalHealthRoute extends PagedJsonFeed {

    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    static final String LEGAL_STATUS = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus";
    /** Mental Health Act legal status codes (UK Core) the panel recognises by name. */
    private static final Map<String, String> LEGAL = Map.of("01", "informal", "02", "section 2", "03", "section 3",
            "19", "section 135", "20", "section 136");

    private final IParser fhir = FhirContext.forR4Cached().newJsonParser();

    public FhirMentalHealthRoute(MentalHealthFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
    }

    @Override
    protected String path() {
        return "/Patient";
    }

    @Override
    protected String pageQuery(int page) {
        return "_revinclude=Encounter:subject&_revinclude=Flag:subject&_count=10&page=" + page;
    }

    @Override
    protected String itemsField() {
        return "entry";
    }

    @Override
    protected String totalPagesField() {
        return "total";
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
        String legalCode = legal != null && legal.getValue() instanceof CodeableConcept c ? c.getCodingFirstRep().getCode() : null;
        String legalStatus = legalCode == null ? null : LEGAL.getOrDefault(legalCode, "legal status " + legalCode);
        String service = e.getServiceType().hasText() ? e.getServiceType().getText()
                : e.getServiceType().getCodingFirstRep().getDisplay();
        String summary = (service == null ? "Encounter" : service) + " (" + e.getClass_().getDisplay() + ", "
                + e.getStatus().toCode() + ")" + (legalStatus == null ? "" : ". Mental Health Act: " + legalStatus);
        Instant start = e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null;
        return new EventRecord(id, "mental-health-encounter", start, legalStatus == null ? "encounter" : legalStatus,
                summary, null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(person.localId(), Role.PATIENT)));
    }

    private static EventRecord flag(String id, Flag f, PersonRecord person) {
        Coding category = f.getCategoryFirstRep().getCodingFirstRep();
        Instant start = f.getPeriod().hasStart() ? f.getPeriod().getStart().toInstant() : null;
        return new EventRecord(id, "risk-flag", start,
                category.getCode() == null ? "flag" : category.getCode(), f.getCode().getText() + " (" + f.getStatus().toCode() + ")",
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
