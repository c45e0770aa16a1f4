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

-- what was signed stays remembered: the hub's role may add versions, not change or forget them (see V33)
do $$
declare
    app text := '${approle}';
begin
    if app <> '' and app <> current_user then
        execute format('revoke update, delete, truncate on policy_agreement_version from %I', app);
    end if;
end
$$;
