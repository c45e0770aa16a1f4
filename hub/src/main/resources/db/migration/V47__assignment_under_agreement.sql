-- access: a case assignment is made under one purpose and one agreement (whose allocators may make it, to a
-- case manager at one of its receiving agencies), opens only that agreement's assigned-case-manager clauses for
-- that purpose, and can be ended (issue 14). Assignments made before this change named neither: they cannot be
-- attributed after the fact, so they open nothing from now on (fail closed); the allocator assigns again.
alter table case_assignment add column purpose text;
alter table case_assignment add column agreement text;
alter table case_assignment add column agreement_version text;
alter table case_assignment add column assigned_by_agency text;
alter table case_assignment add column ended_by text;
alter table case_assignment add constraint case_assignment_under_agreement
    check ((purpose is null) = (agreement is null) and (agreement is null) = (agreement_version is null));
drop index case_assignment_live;
create unique index case_assignment_live on case_assignment (subject_id, case_manager, purpose, agreement)
    where ended_at is null;
create index case_assignment_of on case_assignment (case_manager, purpose) where ended_at is null;
