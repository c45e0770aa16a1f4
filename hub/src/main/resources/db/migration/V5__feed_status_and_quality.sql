-- ingest: which hub instance ran a feed run (several instances share one database)
alter table feed_run add column instance text;

-- identity: the agency's ethnicity code, for data quality and equality monitoring (never for matching)
alter table person_record add column ethnicity text;

-- ingest: a feed's latest runs and its quarantine are read per feed
create index feed_run_feed on feed_run (feed, started_at desc);
create index quarantined_record_feed on quarantined_record (feed, id desc);
