-- identity: each person record carries the agency's own reference for it, so an analyst can trace a link back
-- to the partner's system: the partner's record reference (incident, case, visit, report, resource) and the
-- person's reference within it (the agency's own person id where the record carries one), or the person's
-- alone when it already names the record. Released only where an agreement shares personRecord.sourceReference.
alter table person_record add column source_reference text;

with person as (
    select p.id, s.source_id,
           coalesce((select substr(a, length(p.agency) + 2) from unnest(p.agency_ids) a
                     where a like p.agency || ':%' limit 1), p.local_id) as own
    from person_record p join source_record s on s.id = p.source_record_id)
update person_record p
set source_reference = case when x.own = x.source_id or x.own like x.source_id || '/%' then x.own
                            else x.source_id || ' / ' || x.own end
from person x
where x.id = p.id;
