package uk.safeguarding.hub.identity;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.hub.identity.Identities.Arrival;

/** A batch's arriving person records as columns, for statements that take one array per column, and their insert. */
final class PersonRows {
    final Long[] id;
    final Long[] source;
    final String[] agency;
    final String[] localId;
    final String[] given;
    final String[] family;
    final String[] dob;
    final String[] sex;
    final String[] nhs;
    final String[] agencyIds;
    final String[] postcode;
    final String[] uprn;
    final String[] line;
    final String[] phone;
    final String[] email;
    final String[] givenKey;
    final String[] familyKey;
    final String[] ethnicity;
    final String[] reference;

    private PersonRows(int n) {
        id = new Long[n];
        source = new Long[n];
        agency = new String[n];
        localId = new String[n];
        given = new String[n];
        family = new String[n];
        dob = new String[n];
        sex = new String[n];
        nhs = new String[n];
        agencyIds = new String[n];
        postcode = new String[n];
        uprn = new String[n];
        line = new String[n];
        phone = new String[n];
        email = new String[n];
        givenKey = new String[n];
        familyKey = new String[n];
        ethnicity = new String[n];
        reference = new String[n];
    }

    private void add(int i, long recordId, Arrival arrival) {
        PersonRecord p = arrival.person();
        Address home = p.addresses().isEmpty() ? null : p.addresses().get(0);
        id[i] = recordId;
        source[i] = arrival.sourceRecordId();
        agency[i] = arrival.agency();
        localId[i] = p.localId();
        given[i] = p.givenName();
        family[i] = p.familyName();
        dob[i] = p.dateOfBirth() == null ? null : p.dateOfBirth().toString();
        sex[i] = p.sex() == null ? null : p.sex().name();
        nhs[i] = p.nhsNumber() == null ? null : p.nhsNumber().replace(" ", "");
        agencyIds[i] = String.join("\u001f", p.agencyIds());
        postcode[i] = home == null ? null : Postcode.Validator.normalise(home.postcode());
        uprn[i] = home == null ? null : home.uprn();
        line[i] = home == null ? null : home.line();
        phone[i] = p.phone();
        email[i] = p.email();
        givenKey[i] = IdentityKeys.key(p.givenName());
        familyKey[i] = IdentityKeys.key(p.familyName());
        ethnicity[i] = p.ethnicity();
        reference[i] = arrival.sourceReference();
    }

    /** family|given|date of birth, or null when any is missing. */
    String nameKey(int i) {
        return dob[i] == null || givenKey[i] == null || familyKey[i] == null ? null
                : familyKey[i] + "|" + givenKey[i] + "|" + dob[i];
    }

    /** Inserts the person records, their ids allocated into {@code ids} (no lock taken, no subject yet). */
    static PersonRows keep(JdbcClient jdbc, List<Arrival> people, long[] ids) {
        int n = people.size();
        List<Long> allocated = jdbc.sql("select nextval(pg_get_serial_sequence('person_record', 'id')) from generate_series(1, ?)")
                .param(n).query(Long.class).list();
        PersonRows c = new PersonRows(n);
        for (int i = 0; i < n; i++) {
            ids[i] = allocated.get(i);
            c.add(i, ids[i], people.get(i));
        }
        // agency ids are a list per person: carried as one string each and split in the database
        jdbc.sql("""
                insert into person_record (id, source_record_id, agency, local_id, given_name, family_name, date_of_birth,
                    sex, nhs_number, agency_ids, postcode, uprn, address_line, phone, email,
                    given_name_key, family_name_key, ethnicity, source_reference)
                overriding system value
                select x.id, x.source, x.agency, x.local_id, x.given, x.family, x.dob, x.sex, x.nhs,
                    case when x.agency_ids = '' then '{}'::text[] else string_to_array(x.agency_ids, chr(31)) end,
                    x.postcode, x.uprn, x.line, x.phone, x.email, x.given_key, x.family_key, x.ethnicity, x.reference
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[])
                    as x(id, source, agency, local_id, given, family, dob, sex, nhs, agency_ids, postcode, uprn, line, phone,
                         email, given_key, family_key, ethnicity, reference)""")
                .params(c.id, c.source, c.agency, c.localId, c.given, c.family, c.dob, c.sex, c.nhs, c.agencyIds, c.postcode,
                        c.uprn, c.line, c.phone, c.email, c.givenKey, c.familyKey, c.ethnicity, c.reference)
                .update();
        return c;
    }
}
