-- Least privilege: migrations run as the schema's owner (spring.flyway.user); the hub connects as its own
-- role (spring.datasource.username, placeholder approle), which may read and write its working tables but
-- may only INSERT and SELECT the audit tables. Owning none of them, it cannot disable their append-only
-- triggers, and without UPDATE, DELETE, TRUNCATE or TRIGGER it cannot change or empty them either.
-- Tables later migrations create get the working grants by default: a new audit table must revoke them.
-- When the hub connects as the owner itself (a one-role database) there is nothing to grant.
do $$
declare
    app text := '${approle}';
begin
    if app = '' or app = current_user then
        raise notice 'the hub connects as the schema owner: it is not held to least privilege';
        return;
    end if;
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select on all sequences in schema public to %I', app);
    execute format('revoke update, delete, truncate, references, trigger on audit_entry, audit_checkpoint,'
        ' audit_signing_key from %I', app);
    if to_regclass('flyway_schema_history') is not null then
        execute format('revoke insert, update, delete on flyway_schema_history from %I', app);
    end if;
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', app);
end
$$;
