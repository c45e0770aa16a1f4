-- access: consent, per subject, providing agency and purpose. Append-only history; the latest row is in force.
create table consent (
    id bigint generated always as identity primary key,
    subject_id uuid not null references subject (id),
    agency text not null references agency (code),
    purpose text not null,
    state text not null check (state in ('GRANTED', 'REFUSED', 'WITHDRAWN')),
    evidence text not null,
    recorded_by text not null,
    recorded_by_agency text,
    recorded_at timestamptz not null default now()
);
create index consent_current on consent (subject_id, purpose, agency, id desc);

-- access: exemptions ("break glass"): claimed explicitly, time-limited, reviewed by auditors.
create table exemption (
    id uuid primary key,
    subject_id uuid not null references subject (id),
    purpose text not null,
    basis text not null check (basis in ('SAFEGUARDING', 'CRIME_PREVENTION', 'VITAL_INTERESTS')),
    justification text not null,
    claimed_by text not null,
    claimed_by_agency text,
    claimed_at timestamptz not null default now(),
    expires_at timestamptz not null,
    review_status text not null default 'AWAITING_REVIEW'
        check (review_status in ('AWAITING_REVIEW', 'UPHELD', 'NOT_UPHELD')),
    reviewed_by text,
    reviewed_at timestamptz,
    review_note text
);
create index exemption_open on exemption (subject_id, claimed_by, purpose, expires_at);

-- access: who is the named case manager of a subject's case (the relationship agreements can require).
create table case_assignment (
    id bigint generated always as identity primary key,
    subject_id uuid not null references subject (id),
    case_manager text not null,
    assigned_by text not null,
    assigned_at timestamptz not null default now(),
    ended_at timestamptz
);
create unique index case_assignment_live on case_assignment (subject_id, case_manager) where ended_at is null;
