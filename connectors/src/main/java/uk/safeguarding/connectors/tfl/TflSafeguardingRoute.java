package uk.safeguarding.connectors.tfl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.http.PagedJsonFeed;

/** Transport for London's network safeguarding reports: {@code $type}-tagged JSON, one person per report. */
public class TflSafeguardingRoute extends PagedJsonFeed {

    static final String REPORT_TYPE = "Tfl.Api.Presentation.Entities.SafeguardingReport, Tfl.Api.Presentation.Entities";
    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");
    /** The Unified API writes this for a time that is not set. */
    private static final String NOT_SET = "0001-01-01T00:00:00";
    /** Reports that touch health are special category data. */
    private static final Set<String> HEALTH = Set.of("welfare concern", "self-harm risk", "missing person found");

    public TflSafeguardingRoute(TflFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
    }

    @Override
    protected String path() {
        return "/safeguarding/reports";
    }

    @Override
    protected String itemsField() {
        return "reports";
    }

    @Override
    protected String totalPagesField() {
        return "totalPages";
    }

    @Override
    protected String idField() {
        return "id";
    }

    @Override
    protected SourceRecord map(String runId, JsonNode item, String raw) throws IOException {
        SafeguardingReport report = json.treeToValue(item, SafeguardingReport.class);
        String feed = settings().feed();
        String agency = settings().agency();
        if (!REPORT_TYPE.equals(report.type())) {
            return SourceRecord.unmappable(runId, feed, agency, fallbackId(item, raw), raw,
                    "$type: not a safeguarding report");
        }
        if (report.id() == null || report.id().isBlank()) {
            return SourceRecord.unmappable(runId, feed, agency, fallbackId(item, raw), raw, "id: missing");
        }
        Instant at = instant(report.reportedAt());
        if (at == null) {
            return SourceRecord.unmappable(runId, feed, agency, report.id(), raw,
                    "reportedAt: missing, not set (0001-01-01) or not an ISO-8601 time");
        }
        String category = report.category() == null ? null : report.category().trim().toLowerCase(Locale.ROOT);
        List<PersonRecord> people = List.of();
        List<EventRecord.Party> parties = List.of();
        SafeguardingReport.Person p = report.person();
        if (p != null) {
            String localId = report.id() + "/person";
            LocalDate dob = date(p.dateOfBirth());
            if (dob == null && p.dateOfBirth() != null && !p.dateOfBirth().isBlank() && !p.dateOfBirth().startsWith(NOT_SET)) {
                return SourceRecord.unmappable(runId, feed, agency, report.id(), raw, "person.dateOfBirth: not a date");
            }
            people = List.of(new PersonRecord(localId, p.givenName(), p.familyName(), dob, sex(p.gender()), null,
                    List.of(), List.of(), null, null));
            Role role = category != null && (category.equals("harassment") || category.equals("assault"))
                    ? Role.VICTIM : Role.VULNERABLE_PERSON;
            parties = List.of(new EventRecord.Party(localId, role));
        }
        String where = report.stationName() == null ? null
                : report.stationName() + (report.line() == null ? "" : " (" + report.line() + " line)");
        EventRecord event = new EventRecord(report.id(), "network-safeguarding-report", at, category, report.narrative(),
                new Address(where, null, null, report.borough()),
                HEALTH.contains(category) ? Sensitivity.SPECIAL_CATEGORY : Sensitivity.ORDINARY, parties);
        return new SourceRecord(runId, feed, agency, report.id(), raw, people, List.of(event), List.of());
    }

    /**
     * An ISO-8601 time as the Unified API writes them: with {@code Z} or any offset ({@code +01:00},
     * {@code -01:00}), up to 7 fractional digits, or with no zone at all, which is London's local time.
     */
    static Instant instant(String value) {
        if (value == null || value.isBlank() || value.startsWith(NOT_SET)) {
            return null;
        }
        try {
            java.time.temporal.TemporalAccessor t = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parseBest(value.trim(),
                    java.time.OffsetDateTime::from, java.time.LocalDateTime::from);
            return t instanceof java.time.OffsetDateTime at ? at.toInstant()
                    : ((java.time.LocalDateTime) t).atZone(LONDON).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank() || value.startsWith(NOT_SET)) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static PersonRecord.Sex sex(String gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender.toLowerCase(Locale.ROOT)) {
            case "female" -> PersonRecord.Sex.FEMALE;
            case "male" -> PersonRecord.Sex.MALE;
            default -> PersonRecord.Sex.UNKNOWN;
        };
    }

    @Override
    public String feedName() {
        return "Transport for London: network safeguarding reports";
    }
}
