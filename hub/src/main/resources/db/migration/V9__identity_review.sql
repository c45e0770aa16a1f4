-- identity: probabilistic linking on ingest, and analysts' review of the links it is unsure of.

-- The match weights in force: the newest row. Trained by EM on the stored records (at start-up, on a
-- schedule, or by a hub administrator) and kept here so that every hub instance scores alike.
create table match_model (
    id bigint generated always as identity primary key,
    trained_at timestamptz not null default now(),
    trained_by text not null,
    records int not null, -- trained on (the newest, up to the training sample)
    records_held bigint not null, -- person records held then: re-training is due when they have doubled
    lower_threshold double precision not null,
    upper_threshold double precision not null,
    parameters jsonb not null -- m, u, the share of matches, names' shares of records
);

-- Each person record filed under its blocking keys (64-bit hashes of the matcher's keys: date of birth;
-- family name sound, birth year and initial; postcode and initial; NHS number). An arriving record is
-- compared only with the records filed under its own keys. A hash collision only adds a candidate.
-- No foreign key: person records are never deleted, and the check would cost every insert.
create table match_block (
    key bigint not null,
    person_record_id bigint not null,
    primary key (key, person_record_id)
);

-- Records kept before this migration have no blocking keys yet; the hub files them at start-up.
create table match_block_backfill (
    up_to bigint not null
);
insert into match_block_backfill (up_to) select max(id) from person_record having max(id) is not null;

-- A pair the matcher was unsure of (a score between the thresholds): the arriving record was given a
-- subject of its own and the pair waits for an analyst. A pair is proposed once, whatever its outcome,
-- so a rejected pair never comes back (re-training does not re-propose it).
create table link_review (
    id bigint generated always as identity primary key,
    person_record_id bigint not null references person_record (id),
    candidate_record_id bigint not null references person_record (id),
    score double precision not null,
    contributions jsonb not null, -- the waterfall: [{field, level, weight}], prior first
    model_id bigint references match_model (id), -- null: the weights shipped with the hub
    status text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected')),
    proposed_at timestamptz not null default now(),
    decided_by text,
    decided_at timestamptz,
    reason text,
    check (person_record_id <> candidate_record_id)
);
create unique index link_review_pair on link_review (least(person_record_id, candidate_record_id),
    greatest(person_record_id, candidate_record_id));
create index link_review_pending on link_review (id) where status = 'pending';

-- Every identity decision, and every record it moved between subjects: enough to undo any of them.
create table identity_decision (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('confirm-link', 'reject-link', 'split-subject')),
    review_id bigint references link_review (id),
    subject_id uuid references subject (id),
    decided_by text not null,
    decided_at timestamptz not null default now(),
    reason text not null
);

create table link_move (
    decision_id bigint not null references identity_decision (id),
    person_record_id bigint not null references person_record (id),
    from_subject uuid not null references subject (id),
    to_subject uuid not null references subject (id),
    primary key (decision_id, person_record_id)
);
create index link_move_to on link_move (to_subject);

create function identity_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end;
$$;

create trigger identity_decision_append_only before update or delete or truncate on identity_decision
    for each statement execute function identity_history_is_append_only();
create trigger link_move_append_only before update or delete or truncate on link_move
    for each statement execute function identity_history_is_append_only();

-- A link a decision replaced stays, marked superseded, beside the new one.
alter table subject_link drop constraint subject_link_status_check;
alter table subject_link add constraint subject_link_status_check
    check (status in ('auto', 'confirmed', 'rejected', 'pending-review', 'superseded'));
