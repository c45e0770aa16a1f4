-- ingest: a run that loaded a large delivery through the bulk path (COPY into staging, published in one
-- transaction), and the progress of a run while it runs: rows read so far, what they come to (kept only
-- once the run publishes, for a bulk run), the rows expected in all (an estimate; null when unknown), and
-- when progress was last written. Updated in transactions of their own, so they show while the run works.
alter table feed_run add column bulk boolean not null default false;
alter table feed_run add column progress_read int not null default 0;
alter table feed_run add column progress_stored int not null default 0;
alter table feed_run add column progress_quarantined int not null default 0;
alter table feed_run add column progress_expected int;
alter table feed_run add column progress_at timestamptz;
