-- The chain's head in one round trip: the writer sets how long it may wait, takes the chain lock (held to
-- commit) and reads the last entry, instead of three statements per group commit. Security invoker: the
-- hub's role still may only insert into and read the audit tables.
create function audit_chain_head(chain_lock bigint, wait text)
    returns table (sequence bigint, hash text)
    language plpgsql security invoker as $$
begin
    perform set_config('statement_timeout', wait, true);
    perform set_config('lock_timeout', wait, true);
    perform pg_advisory_xact_lock(chain_lock);
    return query select e.sequence, e.hash from audit_entry e order by e.sequence desc limit 1;
end
$$;
