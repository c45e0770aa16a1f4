package uk.safeguarding.hub.identity.matching;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;

/** A person record normalised once for comparing: lower-case names, their phonetic codes, digits only. */
record Person(String given, String family, String givenSound, String familySound, Set<String> givenRoots,
        LocalDate born, String sex, String nhs, List<String> agencyIds, String postcode, String uprn, String phone,
        String email) {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    static Person of(PersonRecord p) {
        String given = key(p.givenName());
        String family = key(p.familyName());
        Address home = p.addresses().isEmpty() ? null : p.addresses().get(0);
        String nhs = p.nhsNumber() == null ? null : p.nhsNumber().replace(" ", "");
        String postcode = home == null || home.postcode() == null ? null : Postcode.Validator.normalise(home.postcode());
        String phone = p.phone() == null ? null : p.phone().replaceAll("[^0-9]", "");
        String sex = p.sex() == null || p.sex() == PersonRecord.Sex.UNKNOWN ? null : p.sex().name();
        return new Person(given, family, sound(given), sound(family), given == null ? Set.of() : Nicknames.roots(given),
                p.dateOfBirth(), sex, nhs != null && NhsNumber.Validator.isValid(nhs) ? nhs : null, p.agencyIds(),
                blank(postcode), home == null ? null : blank(home.uprn()), blank(phone),
                p.email() == null ? null : blank(p.email().trim().toLowerCase(Locale.ROOT)));
    }

    /** The same record with given and family names the other way round. */
    Person swapped() {
        return new Person(family, given, familySound, givenSound, family == null ? Set.of() : Nicknames.roots(family), born,
                sex, nhs, agencyIds, postcode, uprn, phone, email);
    }

    /** Everything compared, as one string: records equal in it are the same for matching. */
    String signature() {
        return given + "|" + family + "|" + born + "|" + sex + "|" + nhs + "|" + postcode + "|" + uprn + "|" + phone + "|"
                + email;
    }

    /** Enough to say two records with the same signature are one person (not just a common name). */
    boolean identifying() {
        return given != null && family != null && born != null && (postcode != null || uprn != null || nhs != null);
    }

    /** "SW2 1AB" -> "SW2 1" (sector); "SW2" (district). */
    String sector() {
        return postcode == null || postcode.length() < 5 ? null : postcode.substring(0, postcode.length() - 2);
    }

    String district() {
        int space = postcode == null ? -1 : postcode.indexOf(' ');
        return space < 0 ? null : postcode.substring(0, space);
    }

    /** Lower case, accents and punctuation removed, single spaces: "O'Brien-Smith " -> "obrien smith". */
    static String key(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String key = plain.toLowerCase(Locale.ROOT).replaceAll("['’.]", "").replaceAll("[^a-z0-9]+", " ").trim();
        return key.isEmpty() ? null : key;
    }

    static String sound(String name) {
        if (name == null) {
            return null;
        }
        String code = METAPHONE.doubleMetaphone(name.replace(" ", ""));
        return code == null || code.isEmpty() ? null : code;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
