package uk.safeguarding.hub.identity;

import java.sql.Date;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.NhsNumber;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;

/**
 * Deterministic linking: the same agency identifier, then a valid NHS number, then the same normalised
 * name and date of birth; otherwise a new subject. Probabilistic matching with analyst review builds
 * on these rules.
 */
@Service
class DeterministicIdentities implements Identities {

    private static final String RESOLVER = "hub:deterministic-rules";

    private final JdbcClient jdbc;

    DeterministicIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public long register(long sourceRecordId, String agency, PersonRecord p) {
        Address home = p.addresses().isEmpty() ? null : p.addresses().get(0);
        String nhs = p.nhsNumber() == null ? null : p.nhsNumber().replace(" ", "");
        long id = jdbc.sql("""
                insert into person_record (source_record_id, agency, local_id, given_name, family_name, date_of_birth,
                    sex, nhs_number, agency_ids, postcode, uprn, address_line, phone, email,
                    given_name_key, family_name_key, ethnicity)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning id""")
                .params(sourceRecordId, agency, p.localId(), p.givenName(), p.familyName(),
                        p.dateOfBirth() == null ? null : Date.valueOf(p.dateOfBirth()),
                        p.sex() == null ? null : p.sex().name(), nhs, p.agencyIds().toArray(String[]::new),
                        home == null ? null : Postcode.Validator.normalise(home.postcode()),
                        home == null ? null : home.uprn(), home == null ? null : home.line(), p.phone(), p.email(),
                        key(p.givenName()), key(p.familyName()), p.ethnicity())
                .query(Long.class).single();

        Optional<Match> match = byAgencyId(p).or(() -> byNhsNumber(nhs)).or(() -> byNameAndBirth(p));
        UUID subject = match.map(Match::subject).orElseGet(() -> {
            UUID fresh = UUID.randomUUID();
            jdbc.sql("insert into subject (id) values (?)").param(fresh).update();
            return fresh;
        });
        jdbc.sql("""
                insert into subject_link (person_record_id, subject_id, method, score, status, decided_by)
                values (?, ?, ?, 1.0, 'auto', ?)""")
                .params(id, subject, match.map(Match::method).orElse("new-subject"), RESOLVER).update();
        return id;
    }

    private record Match(UUID subject, String method) {
    }

    private Optional<Match> byAgencyId(PersonRecord p) {
        if (p.agencyIds().isEmpty()) {
            return Optional.empty();
        }
        return first("""
                select l.subject_id from person_record r join subject_link l on l.person_record_id = r.id
                where r.agency_ids && ?::text[] and l.status in ('auto', 'confirmed')
                order by l.id limit 1""", p.agencyIds().toArray(String[]::new), "agency-id");
    }

    private Optional<Match> byNhsNumber(String nhs) {
        if (nhs == null || !NhsNumber.Validator.isValid(nhs)) {
            return Optional.empty();
        }
        return first("""
                select l.subject_id from person_record r join subject_link l on l.person_record_id = r.id
                where r.nhs_number = ? and l.status in ('auto', 'confirmed')
                order by l.id limit 1""", nhs, "nhs-number");
    }

    private Optional<Match> byNameAndBirth(PersonRecord p) {
        if (p.dateOfBirth() == null || key(p.givenName()) == null || key(p.familyName()) == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select l.subject_id from person_record r join subject_link l on l.person_record_id = r.id
                where r.family_name_key = ? and r.given_name_key = ? and r.date_of_birth = ?
                  and l.status in ('auto', 'confirmed')
                order by l.id limit 1""")
                .params(key(p.familyName()), key(p.givenName()), Date.valueOf(p.dateOfBirth()))
                .query(UUID.class).optional().map(s -> new Match(s, "name-and-date-of-birth"));
    }

    private Optional<Match> first(String sql, Object param, String method) {
        return jdbc.sql(sql).param(param).query(UUID.class).optional().map(s -> new Match(s, method));
    }

    @Override
    public List<UUID> search(SubjectQuery q, Collection<String> agencies, Collection<UUID> onlySubjects, long offset,
            int limit) {
        if (agencies.isEmpty() || (onlySubjects != null && onlySubjects.isEmpty())) {
            return List.of();
        }
        UUID[] only = onlySubjects == null ? null : onlySubjects.toArray(UUID[]::new);
        String name = key(q.name());
        String nhs = q.nhsNumber() == null ? null : q.nhsNumber().replace(" ", "");
        String postcode = q.postcode() == null ? null : Postcode.Validator.normalise(q.postcode());
        return jdbc.sql("""
                select s.id from subject s
                where exists (
                    select 1 from subject_link l join person_record r on r.id = l.person_record_id
                    where l.subject_id = s.id and l.status in ('auto', 'confirmed')
                      and r.agency = any(?::text[])
                      and (?::text is null or r.given_name_key like ? || '%' or r.family_name_key like ? || '%'
                           or (r.given_name_key || ' ' || r.family_name_key) like ? || '%')
                      and (?::date is null or r.date_of_birth = ?::date)
                      and (?::text is null or r.nhs_number = ?)
                      and (?::text is null or r.postcode = ?))
                  and (?::uuid[] is null or s.id = any(?::uuid[]))
                order by s.created_at, s.id
                offset ? limit ?""")
                .params(agencies.toArray(String[]::new), name, name, name, name,
                        q.dateOfBirth() == null ? null : Date.valueOf(q.dateOfBirth()),
                        q.dateOfBirth() == null ? null : Date.valueOf(q.dateOfBirth()),
                        nhs, nhs, postcode, postcode, only, only, offset, limit)
                .query(UUID.class).list();
    }

    @Override
    public Map<UUID, List<KnownPerson>> records(Collection<UUID> subjectIds) {
        Map<UUID, List<KnownPerson>> bySubject = new LinkedHashMap<>();
        subjectIds.forEach(id -> bySubject.put(id, new ArrayList<>()));
        if (subjectIds.isEmpty()) {
            return bySubject;
        }
        jdbc.sql("""
                select r.id, l.subject_id, r.agency, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.source_record_id
                from subject_link l join person_record r on r.id = l.person_record_id
                where l.subject_id = any(?) and l.status in ('auto', 'confirmed')
                order by r.id desc""")
                .param(subjectIds.toArray(UUID[]::new))
                .query((rs, n) -> new KnownPerson(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getLong(10)))
                .list()
                .forEach(person -> bySubject.get(person.subjectId()).add(person));
        return bySubject;
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
