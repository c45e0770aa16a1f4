-- access: every agreement version the hub has ever loaded (issue 14). The content hash holds an id@version to
-- its text across restarts: a changed document that keeps its version is refused. The fields are what the
-- agreement's wildcard clauses (subject.*, event.*) covered when that version was first loaded: a field
-- catalogued later is not released under it until the agreement is re-versioned and signed again.
create table policy_agreement_version (
    agreement text not null,
    version text not null,
    content_hash text not null,
    file text not null,
    wildcard_fields text[] not null,
    first_loaded_at timestamptz not null default now(),
    primary key (agreement, version)
);
