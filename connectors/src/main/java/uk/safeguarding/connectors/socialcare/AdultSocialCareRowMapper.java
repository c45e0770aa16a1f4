package uk.safeguarding.connectors.socialcare;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Maps adult social care rows: Client Level Data events (person-level, event-based), in the partnership's
 * layout or with NHS England's CLD column names, and Care Act
 * s42 safeguarding enquiries, which have no public per-enquiry schema (person fields plus the dates,
 * types, location and source of risk, and the outcome). Everything here is health and care data:
 * special category.
 */
final class AdultSocialCareRowMapper {

    static final List<String> CLD_COLUMNS = List.of("LA_Code", "Person_ID", "NHS_Number", "First_Name", "Last_Name",
            "Der_DOB", "Gender", "Client_Type", "Primary_Support_Reason", "Event_Type", "Event_Reference",
            "Event_Start_Date", "Event_End_Date", "Event_Outcome", "Service_Type", "Accommodation_Status", "Postcode");

    /**
     * The same events under NHS England's Client Level Data names ({@code LA_Person_Unique_Identifier},
     * {@code Der_Birth_Year}, {@code Der_Birth_Month}, ...): no names, no postcode, no event reference and
     * a birth year and month rather than a date. {@code LA_Person_Unique_Identifier} is read as
     * {@code Person_ID}; the other columns are read under their own names.
     */
    static final List<String> NHSE_CLD_COLUMNS = List.of("LA_Code", "LA_Person_Unique_Identifier", "NHS_Number",
            "Der_Birth_Year", "Der_Birth_Month", "Gender", "Client_Type", "Primary_Support_Reason", "Event_Type",
            "Event_Start_Date", "Event_End_Date", "Event_Outcome", "Service_Type", "Accommodation_Status");
    static final Map<String, String> NHSE_CLD_RENAMES = Map.of("LA_Person_Unique_Identifier", "Person_ID");

    static final List<String> ENQUIRY_COLUMNS = List.of("Enquiry_ID", "Person_ID", "NHS_Number", "First_Name",
            "Last_Name", "Der_DOB", "Gender", "Postcode", "concern_received_date", "s42_enquiry_start_date",
            "type_of_risk", "location_of_risk", "source_of_risk", "outcome", "concluded_date");

    static final Set<String> EVENT_TYPES = Set.of("request", "assessment", "service", "review");
    static final Set<String> RISKS = Set.of("physical", "domestic", "sexual", "psychological", "financial or material",
            "modern slavery", "discriminatory", "organisational", "neglect", "self-neglect");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final String feed;
    private final String agency;

    AdultSocialCareRowMapper(String feed, String agency) {
        this.feed = feed;
        this.agency = agency;
    }

    SourceRecord clientEvent(String runId, Map<String, String> row, String raw) {
        List<String> problems = new ArrayList<>();
        LocalDate born = date(row, "Der_DOB", problems);
        birthYearAndMonth(row, problems);
        LocalDate start = date(row, "Event_Start_Date", problems);
        String type = lower(text(row, "Event_Type"));
        String id = eventId(row);
        if (id == null) {
            problems.add(row.containsKey("Event_Reference") ? "Event_Reference: missing"
                    : "Person_ID, Event_Type and Event_Start_Date: needed to identify an event without Event_Reference");
        }
        if (type == null || !EVENT_TYPES.contains(type)) {
            problems.add("Event_Type: must be one of Request, Assessment, Service, Review");
        }
        if (start == null && problems.stream().noneMatch(p -> p.startsWith("Event_Start_Date"))) {
            problems.add("Event_Start_Date: missing");
        }
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, id == null ? "unidentified:" + Integer.toHexString(raw.hashCode()) : id,
                    raw, List.of(), List.of(), problems);
        }
        PersonRecord person = person(row, born);
        String summary = text(row, "Event_Type") + ": " + orNone(text(row, "Service_Type")) + ". Primary support reason: "
                + orNone(text(row, "Primary_Support_Reason")) + ". Outcome: " + orNone(text(row, "Event_Outcome"))
                + ". Accommodation: " + orNone(text(row, "Accommodation_Status"));
        EventRecord event = new EventRecord(id, "care-" + type, start.atTime(9, 0).atZone(LONDON).toInstant(),
                text(row, "Client_Type"), summary, new Address(null, text(row, "Postcode"), null, null),
                Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(person.localId(), Role.SERVICE_USER)));
        return new SourceRecord(runId, feed, agency, id, raw, List.of(person), List.of(event), List.of());
    }

    /**
     * The event's id: its {@code Event_Reference}; NHS England's CLD names carry none, so there it is the
     * person, the event type, its start and the service ({@code <person>/<type>/<start>[/<service>]}).
     */
    private static String eventId(Map<String, String> row) {
        if (row.containsKey("Event_Reference")) {
            return text(row, "Event_Reference");
        }
        String person = text(row, "Person_ID");
        String type = text(row, "Event_Type");
        String start = text(row, "Event_Start_Date");
        if (person == null || type == null || start == null) {
            return null;
        }
        String service = text(row, "Service_Type");
        return person + "/" + type + "/" + start + (service == null ? "" : "/" + service);
    }

    /** NHS England's CLD gives a birth year and month only: checked, not a date of birth. */
    private static void birthYearAndMonth(Map<String, String> row, List<String> problems) {
        String year = text(row, "Der_Birth_Year");
        String month = text(row, "Der_Birth_Month");
        if (year != null && !year.matches("(19|20)\\d\\d")) {
            problems.add("Der_Birth_Year: not a year");
        }
        if (month != null && !month.matches("0?[1-9]|1[0-2]")) {
            problems.add("Der_Birth_Month: not a month (1-12)");
        }
    }

    SourceRecord enquiry(String runId, Map<String, String> row, String raw) {
        String id = text(row, "Enquiry_ID");
        List<String> problems = new ArrayList<>();
        LocalDate born = date(row, "Der_DOB", problems);
        LocalDate received = date(row, "concern_received_date", problems);
        date(row, "s42_enquiry_start_date", problems);
        date(row, "concluded_date", problems);
        List<String> risks = text(row, "type_of_risk") == null ? List.of()
                : Arrays.stream(text(row, "type_of_risk").split(";")).map(String::trim).map(AdultSocialCareRowMapper::lower)
                        .filter(r -> !r.isEmpty()).toList();
        for (String risk : risks) {
            if (!RISKS.contains(risk)) {
                problems.add("type_of_risk: '" + risk + "' is not a Care Act type of risk");
            }
        }
        if (id == null) {
            problems.add("Enquiry_ID: missing");
        }
        if (received == null && problems.stream().noneMatch(p -> p.startsWith("concern_received_date"))) {
            problems.add("concern_received_date: missing");
        }
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, id == null ? "unidentified:" + Integer.toHexString(raw.hashCode()) : id,
                    raw, List.of(), List.of(), problems);
        }
        PersonRecord person = person(row, born);
        String summary = "Safeguarding concern (s42): " + String.join(", ", risks) + ". Location of risk: "
                + orNone(text(row, "location_of_risk")) + ". Source of risk: " + orNone(text(row, "source_of_risk"))
                + ". Outcome: " + orNone(text(row, "outcome"));
        EventRecord event = new EventRecord(id, "safeguarding-enquiry", received.atTime(9, 0).atZone(LONDON).toInstant(),
                risks.isEmpty() ? null : risks.get(0), summary, new Address(null, text(row, "Postcode"), null, null),
                Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(person.localId(), Role.VULNERABLE_PERSON)));
        return new SourceRecord(runId, feed, agency, id, raw, List.of(person), List.of(event), List.of());
    }

    private PersonRecord person(Map<String, String> row, LocalDate born) {
        String personId = text(row, "Person_ID");
        String nhs = text(row, "NHS_Number");
        return new PersonRecord("person", text(row, "First_Name"), text(row, "Last_Name"), born, sex(text(row, "Gender")),
                nhs, personId == null ? List.of() : List.of(agency + ":" + personId),
                List.of(new Address(null, text(row, "Postcode"), null, null)), null, null);
    }

    private static LocalDate date(Map<String, String> row, String column, List<String> problems) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(column + ": not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static PersonRecord.Sex sex(String gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender.toLowerCase(Locale.ROOT)) {
            case "female", "f" -> PersonRecord.Sex.FEMALE;
            case "male", "m" -> PersonRecord.Sex.MALE;
            default -> PersonRecord.Sex.UNKNOWN;
        };
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String text(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orNone(String value) {
        return value == null ? "not recorded" : value;
    }
}
