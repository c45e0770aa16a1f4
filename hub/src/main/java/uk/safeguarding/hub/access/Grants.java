package uk.safeguarding.hub.access;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.safeguarding.hub.access.Withheld.Reason;

/**
 * Which roles may read personal data for which purposes, and which classes of data each purpose has a
 * lawful basis for. Deny by default: a role or purpose not named here discloses nothing.
 *
 * <p>These are the first rules, held in code; the information sharing agreements in {@code policies/}
 * are to replace them field by field.
 */
final class Grants {

    private static final Map<String, Set<Purpose>> PURPOSES_BY_ROLE = new LinkedHashMap<>();

    static {
        PURPOSES_BY_ROLE.put("panel-analyst", EnumSet.of(Purpose.VVASB_PANEL, Purpose.MARAC, Purpose.MASH_TRIAGE));
        PURPOSES_BY_ROLE.put("panel-chair", EnumSet.of(Purpose.VVASB_PANEL, Purpose.MARAC, Purpose.MASH_TRIAGE));
        PURPOSES_BY_ROLE.put("case-manager", EnumSet.of(Purpose.VVASB_PANEL, Purpose.YOUTH_JUSTICE));
    }

    /** Criminal offence data needs a DPA 2018 Schedule 1 condition the purpose can rely on. */
    private static final Set<Purpose> CRIMINAL_OFFENCE_BASIS =
            EnumSet.of(Purpose.VVASB_PANEL, Purpose.MARAC, Purpose.YOUTH_JUSTICE);

    private Grants() {
    }

    /** Refuses outright a caller with no role that reads personal data, or a purpose none of their roles has. */
    static void check(Caller caller, Purpose purpose) {
        boolean readsPersonalData = caller.roles().stream().anyMatch(PURPOSES_BY_ROLE::containsKey);
        if (!readsPersonalData) {
            throw new DisclosureRefused("Your roles " + caller.roles() + " do not read personal data.");
        }
        boolean granted = caller.roles().stream()
                .anyMatch(role -> PURPOSES_BY_ROLE.getOrDefault(role, Set.of()).contains(purpose));
        if (!granted) {
            throw new DisclosureRefused("No agreement grants the purpose " + purpose + " to your roles " + caller.roles() + ".");
        }
    }

    /** Why the detail of an event of this sensitivity is withheld under this purpose, if it is. */
    static Optional<Withheld> detail(String field, String sensitivity, Purpose purpose) {
        if ("CRIMINAL_OFFENCE".equals(sensitivity) && !CRIMINAL_OFFENCE_BASIS.contains(purpose)) {
            return Optional.of(new Withheld(field, Reason.LAWFUL_BASIS,
                    "Criminal offence data is not shared for " + purpose + ": no DPA 2018 Schedule 1 condition applies.",
                    null, null));
        }
        return Optional.empty();
    }
}
