package uk.safeguarding.connectors.police;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Party;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;

/** Maps a police incident to canonical persons and one event; validation happens in the hub. */
public final class PoliceIncidentMapper {

    private static final Map<String, Role> POLE_ROLES = Map.of(
            "victim", Role.VICTIM,
            "offender", Role.OFFENDER,
            "suspect", Role.SUSPECT,
            "witness", Role.WITNESS,
            "vulnerable adult", Role.VULNERABLE_PERSON,
            "vulnerable child", Role.VULNERABLE_PERSON,
            "missing person", Role.MISSING_PERSON,
            "person reporting", Role.PERSON_REPORTING);

    private final String agency;

    public PoliceIncidentMapper(String agency) {
        this.agency = agency;
    }

    /** The partner's stable id: the force reference, else the persistent id (empty for ASB). */
    public static String sourceId(PoliceIncident incident) {
        if (incident.reference() != null && !incident.reference().isBlank()) {
            return incident.reference();
        }
        return incident.persistentId();
    }

    public List<PersonRecord> people(PoliceIncident incident) {
        List<PersonRecord> people = new ArrayList<>();
        for (PoliceIncident.Person p : nullSafe(incident.people())) {
            List<String> ids = new ArrayList<>();
            if (p.personId() != null && !p.personId().isBlank()) {
                ids.add(agency + ":" + p.personId());
            }
            if (p.pncId() != null && !p.pncId().isBlank()) {
                ids.add("PNC:" + p.pncId());
            }
            List<Address> addresses = p.homeAddress() == null ? List.of()
                    : List.of(new Address(p.homeAddress().line(), blankToNull(p.homeAddress().postcode()),
                            uprn(p.homeAddress().uprn()), null));
            people.add(new PersonRecord(p.personId(), p.givenName(), p.surname(), p.dateOfBirth(), sex(p.gender()),
                    null, ids, addresses, blankToNull(p.telephone()), blankToNull(p.email())));
        }
        return people;
    }

    public EventRecord event(PoliceIncident incident) {
        boolean asb = "anti-social-behaviour".equals(incident.category());
        PoliceIncident.Location location = incident.location();
        Address place = location == null ? null : new Address(
                location.street() == null ? null : location.street().name(),
                blankToNull(location.postcode()), uprn(location.uprn()), blankToNull(incident.borough()));
        List<Party> parties = new ArrayList<>();
        for (PoliceIncident.Person p : nullSafe(incident.people())) {
            Role role = p.role() == null ? null : POLE_ROLES.getOrDefault(p.role().toLowerCase(Locale.ROOT), Role.OTHER);
            parties.add(new Party(p.personId(), role));
        }
        return new EventRecord(sourceId(incident), asb ? "asb-incident" : "crime",
                incident.datetime() == null ? null : incident.datetime().toInstant(), incident.category(),
                summary(incident), place, asb ? Sensitivity.ORDINARY : Sensitivity.CRIMINAL_OFFENCE, parties);
    }

    private static String summary(PoliceIncident incident) {
        String what = incident.category() == null ? "Incident"
                : incident.category().substring(0, 1).toUpperCase(Locale.ROOT)
                        + incident.category().substring(1).replace('-', ' ');
        String where = incident.location() != null && incident.location().street() != null
                ? " - " + incident.location().street().name() : "";
        // BTP's incidents are on the rail network: say where on it (a station), which the street name may not
        if ("BTP".equalsIgnoreCase(incident.locationType())) {
            String subtype = blankToNull(incident.locationSubtype());
            where += " (rail network" + (subtype == null ? "" : ", " + subtype.toLowerCase(Locale.ROOT)) + ")";
        }
        String outcome = incident.outcomeStatus() != null && incident.outcomeStatus().category() != null
                ? ". Outcome: " + incident.outcomeStatus().category() : "";
        String context = incident.context() != null && !incident.context().isBlank() ? ". " + incident.context() : "";
        return what + where + outcome + context;
    }

    private static Sex sex(String gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender.trim().toLowerCase(Locale.ROOT)) {
            case "female", "f" -> Sex.FEMALE;
            case "male", "m" -> Sex.MALE;
            case "" -> null;
            case "unknown", "not known", "u" -> Sex.UNKNOWN;
            default -> Sex.OTHER;
        };
    }

    /** POLE writes UPRNs zero padded to 12; the hub keeps them without padding so they compare. */
    static String uprn(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim().replaceFirst("^0+(?=\\d)", "");
        return "0".equals(trimmed) ? null : trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
