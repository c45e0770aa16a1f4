package uk.safeguarding.hub.identity;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.hub.identity.Identities.KnownPerson;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;

/** Finding subjects and reading their live person records, for {@link Identities}. */
@Component
class SubjectSearch {

    private final JdbcClient jdbc;

    SubjectSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> search(SubjectQuery q, Collection<String> agencies, Collection<UUID> onlySubjects, long offset,
            int limit) {
        if (agencies.isEmpty() || (onlySubjects != null && onlySubjects.isEmpty())) {
            return List.of();
        }
        // only the criteria given, so that each search is planned for them (a catch-all "? is null or ..."
        // statement gets one generic plan that scans every subject): matching records by index, then subjects
        StringBuilder where = new StringBuilder("r.agency = any(?::text[])");
        List<Object> params = new ArrayList<>();
        params.add(agencies.toArray(String[]::new));
        String name = IdentityKeys.key(q.name());
        if (name != null) {
            where.append(" and (r.given_name_key like ? or r.family_name_key like ?")
                    .append(name.contains(" ") ? " or (r.given_name_key || ' ' || r.family_name_key) like ?)" : ")");
            params.add(name + "%");
            params.add(name + "%");
            if (name.contains(" ")) {
                params.add(name + "%");
            }
        }
        if (q.dateOfBirth() != null) {
            where.append(" and r.date_of_birth = ?");
            params.add(Date.valueOf(q.dateOfBirth()));
        }
        if (q.nhsNumber() != null) {
            where.append(" and r.nhs_number = ?");
            params.add(q.nhsNumber().replace(" ", ""));
        }
        if (q.postcode() != null) {
            where.append(" and r.postcode = ?");
            params.add(Postcode.Validator.normalise(q.postcode()));
        }
        if (onlySubjects != null) {
            where.append(" and l.subject_id = any(?::uuid[])");
            params.add(onlySubjects.toArray(UUID[]::new));
        }
        params.add(offset);
        params.add(limit);
        return jdbc.sql("""
                select s.id from subject s where s.id in (
                    select l.subject_id from person_record r
                    join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                    where %s)
                order by s.created_at, s.id
                offset ? limit ?""".formatted(where))
                .params(params)
                .query(UUID.class).list();
    }

    Map<UUID, List<KnownPerson>> records(Collection<UUID> subjectIds) {
        Map<UUID, List<KnownPerson>> bySubject = new LinkedHashMap<>();
        subjectIds.forEach(id -> bySubject.put(id, new ArrayList<>()));
        if (subjectIds.isEmpty()) {
            return bySubject;
        }
        jdbc.sql("""
                select r.id, l.subject_id, r.agency, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.source_record_id, r.source_reference
                from subject_link l join person_record r on r.id = l.person_record_id
                where l.subject_id = any(?) and l.status in ('auto', 'confirmed')
                order by r.id desc""")
                .param(subjectIds.toArray(UUID[]::new))
                .query((rs, n) -> new KnownPerson(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11)))
                .list()
                .forEach(person -> bySubject.get(person.subjectId()).add(person));
        return bySubject;
    }

    Map<Long, KnownPerson> personRecords(Collection<Long> recordIds) {
        Map<Long, KnownPerson> byId = new LinkedHashMap<>();
        if (recordIds.isEmpty()) {
            return byId;
        }
        jdbc.sql("""
                select r.id, l.subject_id, r.agency, r.given_name, r.family_name, r.date_of_birth, r.sex, r.nhs_number,
                       r.postcode, r.source_record_id, r.source_reference
                from person_record r join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
                where r.id = any(?::bigint[])""")
                .param(recordIds.toArray(Long[]::new))
                .query((rs, n) -> new KnownPerson(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11)))
                .list()
                .forEach(person -> byId.put(person.id(), person));
        return byId;
    }
}
