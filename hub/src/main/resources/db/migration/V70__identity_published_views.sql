-- Identity publishes two read-only views for the set-based reads other modules make in SQL, so that they
-- never name its tables (issue 20): what a view shows is identity's API, how it is kept stays identity's.
-- Both are plain views, inlined by the planner: a query over them plans as it did over the tables.

-- The subject each person record is linked to now (a rejected or superseded link is no link).
create view record_subject as
    select person_record_id, subject_id from subject_link where status in ('auto', 'confirmed');

-- Which identifying and demographic fields each person record carries, not their values: what a feed's
-- data quality counts.
create view person_record_completeness as
    select id as person_record_id, source_record_id,
           nhs_number is not null as nhs_number,
           date_of_birth is not null as date_of_birth,
           given_name is not null as given_name,
           family_name is not null as family_name,
           sex is not null and sex <> 'UNKNOWN' as sex,
           ethnicity is not null as ethnicity,
           postcode is not null as postcode,
           uprn is not null as uprn,
           address_line is not null as address_line,
           phone is not null as phone,
           email is not null as email
    from person_record;

-- Read-only for the hub's role, which got every working grant on them by default (V33)
do $$
declare
    app text := '${approle}';
begin
    if app = '' or app = current_user then
        return;
    end if;
    execute format('revoke insert, update, delete on record_subject, person_record_completeness from %I', app);
end
$$;
