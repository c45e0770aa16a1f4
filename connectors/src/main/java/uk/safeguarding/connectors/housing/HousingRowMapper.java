package uk.safeguarding.connectors.housing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
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
 * Maps housing rows. There is no national ASB case schema: the columns are the partnership feed's,
 * with the tenancy side following the MHCLG CORE lettings log (UPRN, postcode, GSS code, tenancy type).
 */
final class HousingRowMapper {

    static final List<String> COMPLAINT_COLUMNS = List.of("CaseRef", "ReceivedDate", "Category",
            "ComplainantGivenName", "ComplainantFamilyName", "ComplainantDateOfBirth", "ComplainantTenancyRef",
            "PerpetratorGivenName", "PerpetratorFamilyName", "PerpetratorDateOfBirth", "PerpetratorTenancyRef",
            "UPRN", "AddressLine", "Postcode", "BoroughCode", "ActionTaken", "Status");

    static final List<String> TENANCY_COLUMNS = List.of("TenancyRef", "EventType", "EventDate", "TenantGivenName",
            "TenantFamilyName", "TenantDateOfBirth", "UPRN", "AddressLine", "Postcode", "BoroughCode", "TenancyType",
            "ReasonForMove");

    static final Set<String> CATEGORIES = Set.of("noise", "harassment", "hate", "threats", "property damage");
    static final Set<String> TENANCY_EVENTS = Set.of("start", "end", "transfer", "emergency move");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final String feed;
    private final String agency;

    HousingRowMapper(String feed, String agency) {
        this.feed = feed;
        this.agency = agency;
    }

    SourceRecord complaint(String runId, Map<String, String> row, String raw) {
        String id = text(row, "CaseRef");
        if (id == null) {
            return SourceRecord.unmappable(runId, feed, agency, "unidentified:" + Integer.toHexString(raw.hashCode()), raw,
                    "CaseRef: missing");
        }
        List<String> problems = new ArrayList<>();
        LocalDate received = date(row, "ReceivedDate", problems);
        LocalDate complainantBorn = date(row, "ComplainantDateOfBirth", problems);
        LocalDate perpetratorBorn = date(row, "PerpetratorDateOfBirth", problems);
        String category = text(row, "Category") == null ? null : text(row, "Category").toLowerCase(Locale.ROOT);
        if (category == null || !CATEGORIES.contains(category)) {
            problems.add("Category: must be one of " + CATEGORIES.stream().sorted().toList());
        }
        if (received == null && problems.stream().noneMatch(p -> p.startsWith("ReceivedDate"))) {
            problems.add("ReceivedDate: missing");
        }
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, id, raw, List.of(), List.of(), problems);
        }
        Address place = address(row);
        List<PersonRecord> people = new ArrayList<>();
        List<EventRecord.Party> parties = new ArrayList<>();
        person(id + "/complainant", row, "Complainant", complainantBorn, place, people, parties, Role.COMPLAINANT);
        person(id + "/perpetrator", row, "Perpetrator", perpetratorBorn, null, people, parties, Role.ALLEGED_PERPETRATOR);
        String summary = "ASB complaint (" + category + "). Action taken: " + orNone(text(row, "ActionTaken"))
                + ". Status: " + orNone(text(row, "Status"));
        // hate incidents reveal race, religion, sexuality or disability: special category
        EventRecord event = new EventRecord(id, "asb-complaint", received.atTime(9, 0).atZone(LONDON).toInstant(), category,
                summary, place, "hate".equals(category) ? Sensitivity.SPECIAL_CATEGORY : Sensitivity.ORDINARY, parties);
        return new SourceRecord(runId, feed, agency, id, raw, people, List.of(event), List.of());
    }

    SourceRecord tenancy(String runId, Map<String, String> row, String raw) {
        String ref = text(row, "TenancyRef");
        String type = text(row, "EventType") == null ? null : text(row, "EventType").toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        LocalDate on = date(row, "EventDate", problems);
        LocalDate born = date(row, "TenantDateOfBirth", problems);
        if (ref == null) {
            problems.add("TenancyRef: missing");
        }
        if (type == null || !TENANCY_EVENTS.contains(type)) {
            problems.add("EventType: must be one of " + TENANCY_EVENTS.stream().sorted().toList());
        }
        if (on == null && problems.stream().noneMatch(p -> p.startsWith("EventDate"))) {
            problems.add("EventDate: missing");
        }
        String id = (ref == null ? "unidentified" : ref) + "/" + (type == null ? "unknown" : type.replace(' ', '-'))
                + "/" + (on == null ? text(row, "EventDate") : on);
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, id, raw, List.of(), List.of(), problems);
        }
        Address home = address(row);
        List<PersonRecord> people = new ArrayList<>();
        List<EventRecord.Party> parties = new ArrayList<>();
        person(id + "/tenant", row, "Tenant", born, home, people, parties, Role.OCCUPIER);
        String reason = text(row, "ReasonForMove");
        String summary = "Tenancy " + type + " (" + orNone(text(row, "TenancyType")) + ")"
                + (reason == null ? "" : ". Reason: " + reason);
        EventRecord event = new EventRecord(id, "tenancy-event", on.atTime(9, 0).atZone(LONDON).toInstant(), type, summary,
                home, Sensitivity.ORDINARY, parties);
        return new SourceRecord(runId, feed, agency, id, raw, people, List.of(event), List.of());
    }

    private void person(String localId, Map<String, String> row, String prefix, LocalDate born, Address home,
            List<PersonRecord> people, List<EventRecord.Party> parties, Role role) {
        String given = text(row, prefix + "GivenName");
        String family = text(row, prefix + "FamilyName");
        if (given == null && family == null) {
            return; // an unnamed alleged perpetrator is common: the complaint stands without them
        }
        people.add(new PersonRecord(localId, given, family, born, null, null, List.of(),
                home == null ? List.of() : List.of(home), null, null));
        parties.add(new EventRecord.Party(localId, role));
    }

    private static Address address(Map<String, String> row) {
        String uprn = text(row, "UPRN");
        return new Address(text(row, "AddressLine"), text(row, "Postcode"),
                uprn == null || uprn.matches("0+") ? null : uprn.replaceFirst("^0+(?=\\d)", ""), text(row, "BoroughCode"));
    }

    private static LocalDate date(Map<String, String> row, String column, List<String> problems) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            problems.add(column + ": not a date (DD/MM/YYYY)");
            return null;
        }
    }

    private static String text(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orNone(String value) {
        return value == null ? "none recorded" : value;
    }
}
