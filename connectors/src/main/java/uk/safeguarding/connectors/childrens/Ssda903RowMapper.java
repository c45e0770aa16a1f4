package uk.safeguarding.connectors.childrens;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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
 * Maps the rows of a DfE SSDA903 (children looked after) return: the header file (one row per child)
 * and the episodes file (one row per period of care with one legal status and one placement). Codes are
 * those of the DfE's SSDA903 guide; an unknown code, a date that is not {@code DD/MM/YYYY} or a missing
 * {@code CHILD} sends the row to quarantine with every reason. Never throws for bad content.
 *
 * <p>{@code CHILD} is the council's own child id, the same as the CIN census's {@code LAchildID}: both
 * map it to the agency id {@code <agency>:child:<CHILD>}, so a child's CIN and looked-after records link
 * deterministically.
 */
final class Ssda903RowMapper {

    /**
     * The header file. Like the CIN census, SSDA903 carries no names: our council's export adds
     * {@code FORENAME} and {@code SURNAME}, read when present but not required to recognise the file.
     */
    static final List<String> HEADER_COLUMNS = List.of("CHILD", "SEX", "DOB", "ETHNIC", "UPN");

    static final List<String> EPISODE_COLUMNS = List.of("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
            "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN");

    static final String EPISODE_KIND = "looked-after-episode";

    /** The code lists of the DfE's SSDA903 guide, read from {@code ssda903-codes.csv} (see {@link Ssda903Codes}). */
    static final Map<String, String> SEX = Ssda903Codes.list("SEX");
    static final Map<String, String> RNE = Ssda903Codes.list("RNE");
    static final Map<String, String> LS = Ssda903Codes.list("LS");
    static final Map<String, String> PLACE = Ssda903Codes.list("PLACE");
    static final Map<String, String> REC = Ssda903Codes.list("REC");
    /** Category of need (N0 and N9 are CIN-only). */
    static final Map<String, String> NEED = Ssda903Codes.list("CIN");
    static final Map<String, String> PLACE_PROVIDER = Ssda903Codes.list("PLACE_PROVIDER");
    static final Map<String, String> REASON_PLACE_CHANGE = Ssda903Codes.list("REASON_PLACE_CHANGE");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Strict: 31/02/2020 is an error, not 28 February. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final String feed;
    private final String agency;

    Ssda903RowMapper(String feed, String agency) {
        this.feed = feed;
        this.agency = agency;
    }

    /** A header row: the child as a person, with the names our council's export adds. */
    SourceRecord header(String runId, Map<String, String> row, String raw) {
        String child = text(row, "CHILD");
        List<String> problems = new ArrayList<>();
        if (child == null) {
            problems.add("CHILD: missing");
        }
        LocalDate born = date(row, "DOB", problems);
        if (born == null && text(row, "DOB") == null) {
            problems.add("DOB: missing");
        }
        // 1/2 up to 2023-24; M/F/U from 2024-25
        String sex = code(row, "SEX", SEX, true, problems);
        String sourceId = child == null ? unidentified(raw) : "ssda903:child:" + child;
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), problems);
        }
        // ETHNIC is kept as the DfE code it is (for monitoring, never matching); UPN stays in the raw record
        PersonRecord person = new PersonRecord(localId(child), text(row, "FORENAME"), text(row, "SURNAME"), born,
                sex(sex), null, List.of(agencyId(child)),
                List.of(), null, null, text(row, "ETHNIC"));
        return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(person), List.of(), List.of());
    }

    /**
     * An episode row: one event with the child as its subject party.
     *
     * <p>An episode whose child is not in a header file is kept, not quarantined: header and episodes
     * arrive as separate files (in either order, or in different returns), so a row cannot know what the
     * other file holds. The episode carries its own person for the child, with no name but the agency id
     * {@code <agency>:child:<CHILD>}, and identity resolution links it to the child's header and CIN
     * records by that id whenever they arrive; holding it back would hide a child's looked-after status
     * from the partnership over the order in which two files were sent.
     */
    SourceRecord episode(String runId, Map<String, String> row, String raw) {
        String child = text(row, "CHILD");
        List<String> problems = new ArrayList<>();
        if (child == null) {
            problems.add("CHILD: missing");
        }
        LocalDate started = date(row, "DECOM", problems);
        if (started == null && text(row, "DECOM") == null) {
            problems.add("DECOM: missing");
        }
        LocalDate ceased = date(row, "DEC", problems);
        String rne = code(row, "RNE", RNE, true, problems);
        String ls = code(row, "LS", LS, true, problems);
        String place = code(row, "PLACE", PLACE, true, problems);
        String need = code(row, "CIN", NEED, true, problems);
        String rec = code(row, "REC", REC, false, problems);
        code(row, "PLACE_PROVIDER", PLACE_PROVIDER, false, problems);
        String move = code(row, "REASON_PLACE_CHANGE", REASON_PLACE_CHANGE, false, problems);
        if ((ceased == null) != (rec == null) && problems.stream().noneMatch(p -> p.startsWith("DEC:") || p.startsWith("REC:"))) {
            problems.add("DEC/REC: an episode that has ceased needs both the date and the reason, an open one neither");
        }
        if (started != null && ceased != null && ceased.isBefore(started)) {
            problems.add("DEC: before DECOM");
        }
        String sourceId = child == null || started == null ? unidentified(raw) : "ssda903:episode:" + child + "/" + started;
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), problems);
        }
        // The home postcode (where the child lived before) goes on the child. The placement's postcode and
        // URN stay in the raw record only: where a looked-after child lives now is withheld from partners
        // as a matter of course, since disclosing it can put the child at risk.
        PersonRecord person = new PersonRecord(localId(child), null, null, null, null, null, List.of(agencyId(child)),
                text(row, "HOME_POST") == null ? List.of() : List.of(new Address(null, text(row, "HOME_POST"), null, null)),
                null, null);
        String summary = "Looked after: " + RNE.get(rne) + ". Legal status " + ls + " (" + LS.get(ls) + "); placement "
                + place + " (" + PLACE.get(place) + ")"
                + (move == null ? "" : ", moved because: " + REASON_PLACE_CHANGE.get(move))
                + "; category of need " + need + " (" + NEED.get(need) + "). "
                + (ceased == null ? "Open." : "Ceased " + ceased + ": " + REC.get(rec) + ".");
        EventRecord event = new EventRecord(child + "/looked-after/" + started, EPISODE_KIND, at(started), LS.get(ls),
                summary, null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(localId(child), Role.CHILD)));
        return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(person), List.of(event), List.of());
    }

    private static PersonRecord.Sex sex(String code) {
        return switch (SEX.get(code)) {
            case "male" -> PersonRecord.Sex.MALE;
            case "female" -> PersonRecord.Sex.FEMALE;
            default -> PersonRecord.Sex.UNKNOWN;
        };
    }

    /** The same local id and agency id as the CIN census reader gives the child. */
    private static String localId(String child) {
        return "child:" + child;
    }

    private String agencyId(String child) {
        return agency + ":" + localId(child);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(9, 0).atZone(LONDON).toInstant();
    }

    private static String unidentified(String raw) {
        return "unidentified:" + Integer.toHexString(raw.hashCode());
    }

    /** The code in a column, or null; an unknown (or a missing required) code is a problem. */
    private static String code(Map<String, String> row, String column, Map<String, String> codes, boolean required,
            List<String> problems) {
        String value = text(row, column);
        if (value == null) {
            if (required) {
                problems.add(column + ": missing");
            }
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!codes.containsKey(upper)) {
            // a short list is named in full: the partner sees at once what is accepted
            problems.add(column + ": not an SSDA903 code" + (codes.size() <= 6 ? " (" + String.join(", ", codes.keySet()) + ")" : ""));
            return null;
        }
        return upper;
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
}
