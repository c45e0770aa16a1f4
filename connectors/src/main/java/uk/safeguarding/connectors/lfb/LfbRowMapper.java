package uk.safeguarding.connectors.lfb;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Maps one row of an LFB file: an incident (the London Datastore's 39-column "LFB Incident Records") or
 * a home fire safety visit. Returns an unmappable record, never throws, when a row cannot be read.
 */
final class LfbRowMapper {

    /**
     * The columns of the London Datastore incident records, in order, with the pump time as
     * {@code PumpHoursRoundUp} (hours, rounded up).
     */
    static final List<String> INCIDENT_COLUMNS = List.of("IncidentNumber", "DateOfCall", "CalYear", "TimeOfCall",
            "HourOfCall", "IncidentGroup", "StopCodeDescription", "SpecialServiceType", "PropertyCategory",
            "PropertyType", "AddressQualifier", "Postcode_full", "Postcode_district", "UPRN", "USRN",
            "IncGeo_BoroughCode", "IncGeo_BoroughName", "ProperCase", "IncGeo_WardCode", "IncGeo_WardName",
            "IncGeo_WardNameNew", "Easting_m", "Northing_m", "Easting_rounded", "Northing_rounded", "Latitude",
            "Longitude", "FRS", "IncidentStationGround", "FirstPumpArriving_AttendanceTime",
            "FirstPumpArriving_DeployedFromStation", "SecondPumpArriving_AttendanceTime",
            "SecondPumpArriving_DeployedFromStation", "NumStationsWithPumpsAttending", "NumPumpsAttending", "PumpCount",
            "PumpHoursRoundUp", "Notional Cost (£)", "NumCalls");

    /**
     * The same file as the London Datastore publishes it now ("LFB Incident data", 2009 onwards): the pump
     * time is {@code PumpMinutesRounded} (minutes), every other column as above. The mapper reads neither
     * pump column, so nothing is renamed: the two are different units and are never taken for each other.
     */
    static final List<String> INCIDENT_COLUMNS_PUMP_MINUTES = INCIDENT_COLUMNS.stream()
            .map(c -> c.equals("PumpHoursRoundUp") ? "PumpMinutesRounded" : c).toList();

    /** Home fire safety visits have no public schema: the partnership feed's columns. */
    static final List<String> VISIT_COLUMNS = List.of("VisitReference", "VisitDate", "OccupierGivenName",
            "OccupierFamilyName", "OccupierDateOfBirth", "Gender", "AddressLine", "Postcode", "UPRN", "BoroughCode",
            "Mobility", "Hoarding", "Smoker", "SmokeAlarmsFitted", "Notes");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** "01 Jan 2019"; English month abbreviations (Sep, not the UK locale's Sept), any case. */
    private static final DateTimeFormatter CALL_DATE = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("dd MMM uuuu").toFormatter(Locale.ENGLISH)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    /** Strict: 31/02/1950 is an error, not 28 February. */
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final String feed;
    private final String agency;

    LfbRowMapper(String feed, String agency) {
        this.feed = feed;
        this.agency = agency;
    }

    SourceRecord incident(String runId, Map<String, String> row, String raw) {
        String id = blankToNull(row.get("IncidentNumber"));
        if (id == null) {
            return SourceRecord.unmappable(runId, feed, agency, "unidentified:" + Integer.toHexString(raw.hashCode()), raw,
                    "IncidentNumber: missing");
        }
        Instant at;
        try {
            at = LocalDate.parse(row.get("DateOfCall"), CALL_DATE).atTime(LocalTime.parse(row.get("TimeOfCall")))
                    .atZone(LONDON).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return SourceRecord.unmappable(runId, feed, agency, id, raw,
                    "DateOfCall/TimeOfCall: not a date (01 Jan 2019) and time (00:01:45)");
        }
        String special = blankToNull(row.get("SpecialServiceType"));
        String category = row.get("StopCodeDescription") + (special == null ? "" : ": " + special);
        String summary = row.get("IncidentGroup") + " - " + category + " at " + row.get("PropertyType")
                + "; " + whole(row.get("NumPumpsAttending")) + " pump(s), first in attendance after "
                + whole(row.get("FirstPumpArriving_AttendanceTime")) + " s";
        String postcode = blankToNull(row.get("Postcode_full"));
        Address where = new Address(row.get("PropertyType"), postcode, uprn(row.get("UPRN")),
                blankToNull(row.get("IncGeo_BoroughCode")));
        EventRecord event = new EventRecord(id, "fire-attendance", at, category, summary, where, Sensitivity.ORDINARY,
                List.of());
        return new SourceRecord(runId, feed, agency, id, raw, List.of(), List.of(event), List.of());
    }

    SourceRecord visit(String runId, Map<String, String> row, String raw) {
        String id = blankToNull(row.get("VisitReference"));
        if (id == null) {
            return SourceRecord.unmappable(runId, feed, agency, "unidentified:" + Integer.toHexString(raw.hashCode()), raw,
                    "VisitReference: missing");
        }
        List<String> problems = new ArrayList<>();
        LocalDate visited = date(row.get("VisitDate"), DateTimeFormatter.ISO_LOCAL_DATE, "VisitDate", problems);
        LocalDate born = date(row.get("OccupierDateOfBirth"), UK_DATE, "OccupierDateOfBirth", problems);
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, id, raw, List.of(), List.of(), problems);
        }
        String occupier = id + "/occupier";
        Address home = new Address(blankToNull(row.get("AddressLine")), blankToNull(row.get("Postcode")),
                uprn(row.get("UPRN")), blankToNull(row.get("BoroughCode")));
        PersonRecord person = new PersonRecord(occupier, blankToNull(row.get("OccupierGivenName")),
                blankToNull(row.get("OccupierFamilyName")), born, sex(row.get("Gender")), null,
                List.of(), List.of(home), null, null);
        // mobility, hoarding and smoking are health data: the visit is special category
        String summary = "Home fire safety visit. Mobility: " + row.get("Mobility") + "; hoarding: " + row.get("Hoarding")
                + "; smoker: " + row.get("Smoker") + "; smoke alarms fitted: " + row.get("SmokeAlarmsFitted")
                + (blankToNull(row.get("Notes")) == null ? "" : ". " + row.get("Notes"));
        EventRecord event = new EventRecord(id, "home-fire-safety-visit", visited == null ? null
                : visited.atTime(12, 0).atZone(LONDON).toInstant(), "home fire safety visit", summary, home,
                Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(occupier, Role.OCCUPIER)));
        return new SourceRecord(runId, feed, agency, id, raw, List.of(person), List.of(event), List.of());
    }

    private static LocalDate date(String value, DateTimeFormatter format, String column, List<String> problems) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim(), format);
        } catch (DateTimeParseException e) {
            problems.add(column + ": not a date");
            return null;
        }
    }

    /**
     * LFB writes 0 for "not given"; the published file, written from a numeric column, writes
     * {@code 100021491527.0} and {@code 0.0}. A zero fraction is dropped; anything else is left for the
     * UPRN check to refuse.
     */
    static String uprn(String value) {
        String v = blankToNull(value);
        if (v != null && v.matches("\\d+\\.0+")) {
            v = v.substring(0, v.indexOf('.'));
        }
        return v == null || v.matches("0+") ? null : v.replaceFirst("^0+(?=\\d)", "");
    }

    /** A count the published file writes as a float ({@code 2.0}), as the whole number it is. */
    private static String whole(String value) {
        return value != null && value.matches("\\d+\\.0+") ? value.substring(0, value.indexOf('.')) : value;
    }

    private static PersonRecord.Sex sex(String gender) {
        String g = blankToNull(gender);
        if (g == null) {
            return null;
        }
        return switch (g.toLowerCase(Locale.ROOT)) {
            case "female", "f" -> PersonRecord.Sex.FEMALE;
            case "male", "m" -> PersonRecord.Sex.MALE;
            default -> PersonRecord.Sex.UNKNOWN;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
