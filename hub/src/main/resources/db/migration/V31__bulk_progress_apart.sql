-- ingest: a bulk run's progress lives apart from its run. The load's one transaction holds a key-share
-- lock on the run's row (every source record it stores references the run), so updating that row beside
-- it chunk after chunk left a chain of row versions its transaction kept alive and every foreign-key
-- check walked: a million-row load slowed to a fraction of its start. feed_run.bulk stays.
create table feed_run_progress (
    run_id uuid primary key references feed_run (id),
    read_so_far int not null,
    stored_so_far int not null,
    quarantined_so_far int not null,
    expected int, -- the records the delivery holds in all, estimated; null when unknown
    updated_at timestamptz not null default now()
);
alter table feed_run drop column progress_read;
alter table feed_run drop column progress_stored;
alter table feed_run drop column progress_quarantined;
alter table feed_run drop column progress_expected;
alter table feed_run drop column progress_at;
