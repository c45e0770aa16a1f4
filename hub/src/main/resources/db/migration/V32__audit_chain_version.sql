-- audit: the canonical form each entry was hashed in (AuditHashes). Entries written so far used version 1
-- (newline-joined fields, ambiguous); new ones are hashed in version 2 (tagged, length-prefixed fields with
-- an explicit null), which the column's default records. Verifiers hash each entry in its own version and
-- refuse a version lower than an earlier entry's.
alter table audit_entry add column chain_version smallint not null default 1 check (chain_version in (1, 2));
alter table audit_entry alter column chain_version set default 2;
