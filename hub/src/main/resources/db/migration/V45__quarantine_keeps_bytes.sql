-- ingest: a quarantined record keeps the bytes the partner sent and the character encoding its text (raw) was
-- decoded from, e.g. a council's Windows-1252 export, so that an audit sees what was sent and a replay decodes
-- the same bytes the same way. Null for records received as text (JSON feeds, UTF-8 by their specifications)
-- and for records quarantined before this migration.
alter table quarantined_record add column raw_bytes bytea;
alter table quarantined_record add column raw_encoding text;
alter table quarantined_record add constraint quarantined_record_bytes_with_encoding
    check ((raw_bytes is null) = (raw_encoding is null));
