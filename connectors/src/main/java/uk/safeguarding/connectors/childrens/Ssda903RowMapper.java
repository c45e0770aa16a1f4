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

    /** Reason for new episode. */
    static final Map<String, String> RNE = Map.of(
            "S", "started to be looked after",
            "L", "change of legal status only",
            "P", "change of placement and carer(s) only",
            "T", "change of placement but same carer(s) only",
            "U", "change of legal status and placement and carer(s) at the same time",
            "B", "change of legal status and placement but same carer(s) at the same time");

    /** Legal status. */
    static final Map<String, String> LS = Map.ofEntries(
            Map.entry("C1", "interim care order"),
            Map.entry("C2", "full care order"),
            Map.entry("D1", "freeing order granted"),
            Map.entry("E1", "placement order granted"),
            Map.entry("J1", "remanded to local authority or youth detention accommodation"),
            Map.entry("J2", "placed in local authority accommodation under PACE"),
            Map.entry("J3", "sentenced to a youth rehabilitation order with residence or fostering requirement"),
            Map.entry("L1", "under police protection and in local authority accommodation"),
            Map.entry("L2", "emergency protection order"),
            Map.entry("L3", "under a child assessment order and in local authority accommodation"),
            Map.entry("V2", "single period of accommodation under section 20"),
            Map.entry("V3", "accommodated under an agreed series of short-term breaks (episodes recorded)"),
            Map.entry("V4", "accommodated under an agreed series of short-term breaks (agreements recorded)"));

    /** Placement type. */
    static final Map<String, String> PLACE = Map.ofEntries(
            Map.entry("A3", "placed for adoption with consent with current foster carer(s)"),
            Map.entry("A4", "placed for adoption with consent not with current foster carer(s)"),
            Map.entry("A5", "placed for adoption with placement order with current foster carer(s)"),
            Map.entry("A6", "placed for adoption with placement order not with current foster carer(s)"),
            Map.entry("H5", "semi-independent living accommodation"),
            Map.entry("K1", "secure children's home"),
            Map.entry("K2", "children's home"),
            Map.entry("P1", "placed with own parent(s) or other person(s) with parental responsibility"),
            Map.entry("P2", "independent living, e.g. in a flat, lodgings, bedsit or with friends"),
            Map.entry("P3", "residential employment"),
            Map.entry("R1", "residential care home"),
            Map.entry("R2", "NHS or health trust establishment providing medical or nursing care"),
            Map.entry("R3", "family centre or mother and baby unit"),
            Map.entry("R5", "young offender institution or prison"),
            Map.entry("S1", "residential school"),
            Map.entry("T0", "temporary placement"),
            Map.entry("U1", "foster placement with relative or friend, long term"),
            Map.entry("U2", "foster placement with relative or friend who is also an approved adopter (fostering for adoption)"),
            Map.entry("U3", "foster placement with relative or friend, not long term or fostering for adoption"),
            Map.entry("U4", "placement with other foster carer, long term"),
            Map.entry("U5", "placement with other foster carer who is also an approved adopter (fostering for adoption)"),
            Map.entry("U6", "placement with other foster carer, not long term or fostering for adoption"),
            Map.entry("Z1", "other placement"));

    /** Reason episode ceased (blank while the episode is open). */
    static final Map<String, String> REC = Map.ofEntries(
            Map.entry("X1", "episode ceased and a new one began the same day"),
            Map.entry("E11", "adopted (application unopposed)"),
            Map.entry("E12", "adopted (consent dispensed with by the court)"),
            Map.entry("E2", "died"),
            Map.entry("E3", "care taken over by another local authority"),
            Map.entry("E4A", "returned home to parent(s) as part of the care plan"),
            Map.entry("E4B", "returned home to parent(s) not as part of the care plan"),
            Map.entry("E5", "moved into independent living with supportive accommodation"),
            Map.entry("E6", "moved into independent living with no formalised support"),
            Map.entry("E7", "transferred to residential care funded by adult social care"),
            Map.entry("E8", "ceased to be looked after for any other reason"),
            Map.entry("E9", "sentenced to custody"),
            Map.entry("E13", "left care to live with parent(s), relative or other person without parental responsibility"),
            Map.entry("E14", "accommodation on remand ended"),
            Map.entry("E15", "age assessment found the child to be 18 or over"),
            Map.entry("E16", "child moved abroad"),
            Map.entry("E17", "aged 18 or over and stayed with current carers (staying put)"),
            Map.entry("E41", "child arrangements (residence) order granted"),
            Map.entry("E45", "special guardianship order to former foster carer(s) who are relatives or friends"),
            Map.entry("E46", "special guardianship order to former foster carer(s) other than relatives or friends"),
            Map.entry("E47", "special guardianship order to relatives or friends who were not foster carers"),
            Map.entry("E48", "special guardianship order to others who were not foster carers"));

    /** Category of need (N0 and N9 are CIN-only). */
    static final Map<String, String> NEED = Map.of("N1", "abuse or neglect", "N2", "child's disability or illness",
            "N3", "parental disability or illness", "N4", "family in acute stress", "N5", "family dysfunction",
            "N6", "socially unacceptable behaviour", "N7", "low income", "N8", "absent parenting");

    static final Map<String, String> PLACE_PROVIDER = Map.of("PR0", "parent(s) or other person with parental responsibility",
            "PR1", "own local authority", "PR2", "another local authority", "PR3", "other public provision",
            "PR4", "private provision", "PR5", "voluntary or third sector provision");

    static final Map<String, String> REASON_PLACE_CHANGE = Map.ofEntries(
            Map.entry("CARPL", "change to or implementation of the care plan"),
            Map.entry("CLOSE", "resignation or closure of the provision"),
            Map.entry("ALLEG", "allegation (s47)"),
            Map.entry("STAND", "standards of care concern"),
            Map.entry("APPRR", "carer's approval removed"),
            Map.entry("CREQB", "carer requested, because of the child's behaviour"),
            Map.entry("CREQO", "carer requested, other reasons"),
            Map.entry("CHILD", "child requested"),
            Map.entry("LAREQ", "responsible local authority requested"),
            Map.entry("PLACE", "change in the status of the placement only"),
            Map.entry("CUSTOD", "custody arrangement"),
            Map.entry("OTHER", "other"));

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
        String sex = text(row, "SEX");
        if (sex == null || !(sex.equals("1") || sex.equals("2"))) {
            problems.add("SEX: must be 1 (male) or 2 (female)");
        }
        String sourceId = child == null ? unidentified(raw) : "ssda903:child:" + child;
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), problems);
        }
        // ETHNIC is kept as the DfE code it is (for monitoring, never matching); UPN stays in the raw record
        PersonRecord person = new PersonRecord(localId(child), text(row, "FORENAME"), text(row, "SURNAME"), born,
                "1".equals(sex) ? PersonRecord.Sex.MALE : PersonRecord.Sex.FEMALE, null, List.of(agencyId(child)),
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
            problems.add(column + ": not an SSDA903 code");
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
