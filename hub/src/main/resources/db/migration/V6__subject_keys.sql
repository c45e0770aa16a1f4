-- identity: the keys that link a person record to a subject for certain (an agency's id for a person, a
-- valid NHS number, a normalised name with date of birth), one row per key, so that linking a batch of
-- arriving records is one primary-key probe per key rather than a search of every earlier record (a
-- repeat victim's id is on hundreds). The first subject to hold a key keeps it.
create table subject_key (
    kind text not null check (kind in ('agency-id', 'nhs-number', 'name-dob')),
    value text not null,
    subject_id uuid not null references subject (id),
    primary key (kind, value)
);

insert into subject_key (kind, value, subject_id)
select k.kind, k.value, k.subject_id from (
    select 'agency-id' as kind, unnest(r.agency_ids) as value, l.subject_id, l.id as link
    from person_record r join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
    union all
    select 'nhs-number', r.nhs_number, l.subject_id, l.id
    from person_record r join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
    where r.nhs_number is not null
    union all
    select 'name-dob', r.family_name_key || '|' || r.given_name_key || '|' || r.date_of_birth, l.subject_id, l.id
    from person_record r join subject_link l on l.person_record_id = r.id and l.status in ('auto', 'confirmed')
    where r.family_name_key is not null and r.given_name_key is not null and r.date_of_birth is not null
) k
order by k.link
on conflict do nothing;

-- the array search this replaces kept a GIN index whose pending list every insert grew and every search read
drop index person_record_agency_ids;
