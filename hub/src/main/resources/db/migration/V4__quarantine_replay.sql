-- ingest: what became of a quarantined record (replayed after correction, and as what)
alter table quarantined_record add column resolution text;
alter table quarantined_record add column replay_of bigint references quarantined_record (id);
create index quarantined_record_open on quarantined_record (agency, feed) where resolved_at is null;

-- a run that replays corrected records reads nothing from the partner
alter table feed_run add column kind text not null default 'poll' check (kind in ('poll', 'replay'));

-- a paged feed's run records the last page it finished, so the next run can resume after it
alter table feed_run add column last_page int;
alter table feed_run add column first_page int not null default 1;
