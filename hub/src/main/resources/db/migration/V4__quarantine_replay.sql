-- ingest: what became of a quarantined record (replayed after correction, and as what)
alter table quarantined_record add column resolution text;
alter table quarantined_record add column replay_of bigint references quarantined_record (id);
create index quarantined_record_open on quarantined_record (agency, feed) where resolved_at is null;

-- a run that replays corrected records reads nothing from the partner
alter table feed_run add column kind text not null default 'poll' check (kind in ('poll', 'replay'));
