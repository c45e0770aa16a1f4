-- casework: the vulnerable-victims panel. A case is opened by a referral, assessed with the risk matrix,
-- and either placed on the panel (high risk) or referred back to a partner agency (low, medium).
create table panel_case (
    id uuid primary key,
    subject_id uuid not null references subject (id),
    borough text not null,
    state text not null check (state in ('REFERRED', 'ON_PANEL', 'REFERRED_BACK', 'RESOLVED', 'CLOSED_RISK_REDUCED')),
    risk_level text check (risk_level in ('LOW', 'MEDIUM', 'HIGH')),
    case_manager text,
    referred_back_to text references agency (code),
    review_due date,
    opened_by text not null,
    opened_at timestamptz not null default now(),
    placed_on_panel_at timestamptz,
    closed_at timestamptz,
    closing_note text
);
create index panel_case_borough on panel_case (borough, opened_at desc);
create index panel_case_manager on panel_case (case_manager) where case_manager is not null;

create table referral (
    id bigint generated always as identity primary key,
    case_id uuid not null references panel_case (id),
    referring_agency text not null references agency (code),
    source text not null check (source in ('POLICE', 'SELF', 'OTHER_AGENCY')),
    reason text not null,
    category text not null,
    evidence_event_ids uuid[] not null default '{}',
    referred_by text not null,
    referred_at timestamptz not null default now()
);
create index referral_case on referral (case_id);

-- every assessment is kept: the history of how the risk was seen
create table risk_assessment (
    id bigint generated always as identity primary key,
    case_id uuid not null references panel_case (id),
    suggested_level text not null,
    suggested_score int not null,
    level text not null check (level in ('LOW', 'MEDIUM', 'HIGH')),
    rationale text,
    contributions json not null,
    assessed_by text not null,
    assessed_at timestamptz not null default now(),
    constraint override_explained check (level = suggested_level or rationale is not null)
);
create index risk_assessment_case on risk_assessment (case_id, id desc);

create table panel_meeting (
    id uuid primary key,
    borough text not null,
    held_on date not null,
    chair text not null,
    unique (borough, held_on)
);

create table panel_decision (
    id bigint generated always as identity primary key,
    meeting_id uuid not null references panel_meeting (id),
    case_id uuid not null references panel_case (id),
    decision text not null,
    next_review_on date,
    decided_by text not null,
    decided_at timestamptz not null default now()
);
create index panel_decision_case on panel_decision (case_id);

create table case_action (
    id uuid primary key,
    case_id uuid not null references panel_case (id),
    description text not null,
    owner_agency text not null references agency (code),
    due_on date not null,
    status text not null default 'OPEN' check (status in ('OPEN', 'DONE', 'CANCELLED')),
    note text,
    created_by text not null,
    created_at timestamptz not null default now(),
    closed_at timestamptz
);
create index case_action_case on case_action (case_id);
create index case_action_open on case_action (due_on) where status = 'OPEN';
