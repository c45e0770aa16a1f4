package uk.safeguarding.hub.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.hub.identity.Identities.Arrival;

/**
 * The identity keys that link for certain: an agency's id, a valid NHS number, the same normalised name with
 * the date of birth. The subjects already holding a batch's keys are read once the batch holds their locks
 * (so two batches about one new person cannot both find a key free), and each person's keys are saved for
 * the records that come later.
 */
final class IdentityKeys {

    /** The advisory lock class of identity keys (the audit's locks use the one-number form, apart from these). */
    static final int KEY_LOCKS = 7301;
    /** The advisory lock class of all identity and blocking keys at once (a bulk load's, see {@link Identities#lockAllKeys}). */
    static final int ALL_KEYS = 7300;
    static final String AGENCY_ID = "agency-id";
    static final String NHS_NUMBER = "nhs-number";
    static final String NAME_DOB = "name-dob";

    private IdentityKeys() {
    }

    /**
     * A subject a record is linked to, by {@code method}; for an exact key, its {@code kind} and {@code value}.
     */
    record Match(UUID subject, String method, String kind, String value, double score) {
        Match(UUID subject, String method, String kind, String value) {
            this(subject, method, kind, value, 1.0);
        }
    }

    /** The subjects that already hold the batch's keys (agency ids, NHS numbers, names with dates of birth). */
    static Known known(JdbcClient jdbc, List<Arrival> people, PersonRows c, boolean allKeysHeld) {
        Known known = new Known();
        Keys keys = new Keys();
        for (int i = 0; i < people.size(); i++) {
            keys.of(people.get(i).person(), c.nhs[i], c.nameKey(i), null);
        }
        if (!keys.kinds.isEmpty() && !allKeysHeld) {
            // a bulk load holds every key at once (exclusively): a batch first takes that lock shared
            jdbc.sql("select pg_advisory_xact_lock_shared(?, 0)").param(ALL_KEYS).query((rs, n) -> 1).list();
            // Two batches about one new person (two feeds, or two hub instances) must not both find the key free
            // and make two subjects: each batch locks its keys until it commits, in one order so none deadlock,
            // and reads the keys only once it holds them.
            jdbc.sql("""
                    select pg_advisory_xact_lock(?, h) from (
                        select distinct hashtext(kind || '|' || value) as h from unnest(?::text[], ?::text[]) as x(kind, value)
                        order by 1) locks""")
                    .params(KEY_LOCKS, keys.kinds.toArray(String[]::new), keys.values.toArray(String[]::new))
                    .query((rs, n) -> 1).list();
        }
        if (!keys.kinds.isEmpty()) {
            jdbc.sql("""
                    select k.kind, k.value, s.subject_id
                    from (select distinct * from unnest(?::text[], ?::text[])) k(kind, value)
                    join subject_key s on s.kind = k.kind and s.value = k.value""")
                    .params(keys.kinds.toArray(String[]::new), keys.values.toArray(String[]::new))
                    .query(rs -> {
                        known.byKind(rs.getString(1)).put(rs.getString(2), rs.getObject(3, UUID.class));
                    });
        }
        return known;
    }

    /** Saves each person's keys, for the records that come later; a key another subject holds stays with it. */
    static void save(JdbcClient jdbc, List<Arrival> people, PersonRows c, UUID[] subjects) {
        Keys held = new Keys();
        for (int i = 0; i < people.size(); i++) {
            held.of(people.get(i).person(), c.nhs[i], c.nameKey(i), subjects[i]);
        }
        jdbc.sql("""
                insert into subject_key (kind, value, subject_id)
                select * from unnest(?::text[], ?::text[], ?::uuid[]) k(kind, value, subject)
                order by k.kind, k.value -- one order for every writer: concurrent batches do not deadlock
                on conflict do nothing""")
                .params(held.kinds.toArray(String[]::new), held.values.toArray(String[]::new),
                        held.subjects.toArray(String[]::new))
                .update();
    }

    /** Keys as two columns (kind, value), with the subject each is to be given when saved. */
    static final class Keys {
        final List<String> kinds = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();

        void of(PersonRecord p, String nhs, String nameKey, UUID subject) {
            p.agencyIds().forEach(id -> add(AGENCY_ID, id, subject));
            if (nhs != null && NhsNumber.Validator.isValid(nhs)) {
                add(NHS_NUMBER, nhs, subject);
            }
            if (nameKey != null) {
                add(NAME_DOB, nameKey, subject);
            }
        }

        private void add(String kind, String value, UUID subject) {
            kinds.add(kind);
            values.add(value);
            subjects.add(subject == null ? null : subject.toString());
        }
    }

    /** Subjects by the keys that link deterministically, tried in the rules' order. */
    static final class Known {
        final Map<String, UUID> byAgencyId = new HashMap<>();
        final Map<String, UUID> byNhsNumber = new HashMap<>();
        final Map<String, UUID> byName = new HashMap<>();

        Map<String, UUID> byKind(String kind) {
            return switch (kind) {
                case AGENCY_ID -> byAgencyId;
                case NHS_NUMBER -> byNhsNumber;
                default -> byName;
            };
        }

        /** Every subject one of the record's keys leads to, in the rules' order, each with its key. */
        List<Match> all(PersonRecord p, String nhs, String nameKey) {
            List<Match> found = new ArrayList<>();
            for (String id : p.agencyIds()) {
                UUID subject = byAgencyId.get(id);
                if (subject != null) {
                    found.add(new Match(subject, "agency-id", AGENCY_ID, id));
                }
            }
            if (nhs != null && NhsNumber.Validator.isValid(nhs) && byNhsNumber.containsKey(nhs)) {
                found.add(new Match(byNhsNumber.get(nhs), "nhs-number", NHS_NUMBER, nhs));
            }
            if (nameKey != null && byName.containsKey(nameKey)) {
                found.add(new Match(byName.get(nameKey), "name-and-date-of-birth", NAME_DOB, nameKey));
            }
            return found;
        }

        /** The subjects the stored keys lead to. */
        Set<UUID> subjects() {
            Set<UUID> all = new HashSet<>(byAgencyId.values());
            all.addAll(byNhsNumber.values());
            all.addAll(byName.values());
            return all;
        }

        void remember(PersonRecord p, String nhs, String nameKey, UUID subject) {
            p.agencyIds().forEach(id -> byAgencyId.putIfAbsent(id, subject));
            if (nhs != null && NhsNumber.Validator.isValid(nhs)) {
                byNhsNumber.putIfAbsent(nhs, subject);
            }
            if (nameKey != null) {
                byName.putIfAbsent(nameKey, subject);
            }
        }
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
}
