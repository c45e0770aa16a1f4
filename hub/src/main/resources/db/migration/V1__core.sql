-- Reference data: the partner agencies and their feeds.
create table agency (
    code text primary key,
    name text not null,
    kind text not null check (kind in ('police', 'housing', 'adult-social-care', 'children-social-care',
        'mental-health', 'fire', 'transport', 'community-safety'))
);

insert into agency (code, name, kind) values
    ('met-police', 'Metropolitan Police Service', 'police'),
    ('btp', 'British Transport Police', 'police'),
    ('lambeth-housing', 'Lambeth Council Housing', 'housing'),
    ('clarion-housing', 'Clarion Housing Group (registered social landlord)', 'housing'),
    ('lambeth-asc', 'Lambeth Adult Social Care', 'adult-social-care'),
    ('lambeth-csc', 'Lambeth Children''s Social Care', 'children-social-care'),
    ('rbkc-csc', 'Kensington and Chelsea Children''s Social Care', 'children-social-care'),
    ('lbhf-csc', 'Hammersmith and Fulham Children''s Social Care', 'children-social-care'),
    ('wcc-csc', 'Westminster Children''s Social Care', 'children-social-care'),
    ('slam', 'South London and Maudsley NHS Foundation Trust', 'mental-health'),
    ('lfb', 'London Fire Brigade', 'fire'),
    ('tfl', 'Transport for London', 'transport'),
    ('lambeth-csp', 'Lambeth Community Safety Partnership', 'community-safety');

-- ingest: every run of a feed, and what it received.
create table feed_run (
    id uuid primary key,
    feed text not null,
    agency text references agency (code),
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    status text not null default 'running' check (status in ('running', 'completed', 'failed')),
    failure text,
    received int not null default 0,
    stored int not null default 0,
    duplicates int not null default 0,
    quarantined int not null default 0,
    -- nothing received is lost: every record ends in exactly one outcome
    constraint feed_run_reconciles check (received = stored + duplicates + quarantined)
);

-- ingest: every record kept, raw and by content hash; a changed record is a new version.
create table source_record (
    id bigint generated always as identity primary key,
    feed text not null,
    agency text not null references agency (code),
    source_id text not null,
    version int not null,
    content_hash text not null,
    raw text not null,
    received_at timestamptz not null default now(),
    run_id uuid references feed_run (id),
    unique (agency, source_id, content_hash),
    unique (agency, source_id, version)
);

-- ingest: records that failed validation, with every reason, to be corrected and replayed.
create table quarantined_record (
    id bigint generated always as identity primary key,
    feed text not null,
    agency text not null,
    source_id text not null,
    raw text not null,
    reasons text[] not null,
    received_at timestamptz not null default now(),
    run_id uuid references feed_run (id),
    resolved_at timestamptz
);

-- identity: resolved people, and each agency's view of a person linked to one of them.
create table subject (
    id uuid primary key,
    created_at timestamptz not null default now()
);

create table person_record (
    id bigint generated always as identity primary key,
    source_record_id bigint not null references source_record (id),
    agency text not null references agency (code),
    local_id text not null,
    given_name text,
    family_name text,
    date_of_birth date,
    sex text,
    nhs_number text,
    agency_ids text[] not null default '{}',
    postcode text,
    uprn text,
    address_line text,
    phone text,
    email text,
    -- normalised forms used for matching and search
    given_name_key text,
    family_name_key text
);
create index person_record_nhs on person_record (nhs_number) where nhs_number is not null;
create index person_record_agency_ids on person_record using gin (agency_ids);
create index person_record_name_dob on person_record (family_name_key, given_name_key, date_of_birth);
create index person_record_postcode on person_record (postcode);

create table subject_link (
    id bigint generated always as identity primary key,
    person_record_id bigint not null references person_record (id),
    subject_id uuid not null references subject (id),
    method text not null,
    score double precision not null,
    status text not null check (status in ('auto', 'confirmed', 'rejected', 'pending-review')),
    decided_by text not null,
    decided_at timestamptz not null default now()
);
-- one live link per person record; rejected links stay as history
create unique index subject_link_live on subject_link (person_record_id) where status in ('auto', 'confirmed');
create index subject_link_subject on subject_link (subject_id) where status in ('auto', 'confirmed');

-- ingest: what happened, and who was involved in which role.
create table event (
    id uuid primary key,
    source_record_id bigint not null references source_record (id),
    agency text not null references agency (code),
    local_id text not null,
    kind text not null,
    occurred_at timestamptz not null,
    category text,
    summary text,
    location_line text,
    postcode text,
    uprn text,
    borough text,
    current boolean not null default true,
    sensitivity text not null check (sensitivity in ('ORDINARY', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'))
);

create table event_party (
    event_id uuid not null references event (id),
    person_record_id bigint not null references person_record (id),
    role text not null,
    primary key (event_id, person_record_id, role)
);
create index event_party_person on event_party (person_record_id);

-- audit: append-only, hash-chained record of every disclosure and decision.
create table audit_entry (
    sequence bigint primary key,
    recorded_at timestamptz not null,
    actor text not null,
    actor_agency text,
    actor_roles text[] not null,
    purpose text,
    operation text not null,
    subjects uuid[] not null default '{}',
    detail json not null, -- json, not jsonb: kept byte for byte as hashed
    previous_hash text not null,
    hash text not null unique
);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op;
end;
$$;

create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
