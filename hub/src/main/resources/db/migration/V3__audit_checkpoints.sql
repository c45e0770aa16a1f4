-- audit: the public keys that have signed checkpoints. Kept for ever, so old checkpoints stay verifiable.
create table audit_signing_key (
    key_id text primary key, -- 'sha256:' and the first 32 hex digits of the SHA-256 of public_key
    algorithm text not null check (algorithm in ('Ed25519', 'EC-P256')),
    public_key text not null, -- base64 X.509 SubjectPublicKeyInfo
    first_used_at timestamptz not null default now()
);

-- audit: signed checkpoints, each sealing the log up to an entry (as CloudTrail digest files do). No
-- foreign key to audit_entry on purpose: a checkpoint must outlive entries that someone deletes.
create table audit_checkpoint (
    sequence bigint primary key,
    entry_hash text not null,
    signed_at timestamptz not null,
    key_id text not null references audit_signing_key (key_id),
    signature text not null -- base64, over the payload in CheckpointSigning.payload
);

create function audit_table_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end;
$$;

create trigger audit_signing_key_append_only
    before update or delete or truncate on audit_signing_key
    for each statement execute function audit_table_is_append_only();

create trigger audit_checkpoint_append_only
    before update or delete or truncate on audit_checkpoint
    for each statement execute function audit_table_is_append_only();

-- accessReport looks entries up by subject
create index audit_entry_subjects on audit_entry using gin (subjects);
create index audit_entry_actor_time on audit_entry (actor, recorded_at);
create index audit_entry_recorded_at on audit_entry (recorded_at);
