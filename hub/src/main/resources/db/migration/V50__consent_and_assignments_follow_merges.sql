-- access: consent and case assignments follow a subject's records when two subjects are found to be one
-- person (a confirmed link, a merge by rule), and go back when a split undoes the merge. Each row moved is
-- kept here with the identity decision that moved it, so a split returns exactly what the merge brought.
create table subject_row_move (
    id bigint generated always as identity primary key,
    decision_id bigint not null,
    kind text not null check (kind in ('consent', 'case-assignment')),
    row_id bigint not null,
    from_subject uuid not null references subject (id),
    to_subject uuid not null references subject (id),
    moved_at timestamptz not null default now()
);
create index subject_row_move_back on subject_row_move (to_subject, from_subject);
create trigger subject_row_move_append_only before update or delete or truncate on subject_row_move
    for each statement execute function identity_history_is_append_only();
