#!/bin/sh
# Run once by the postgres image when it creates the database (docker-entrypoint-initdb.d). The image's
# POSTGRES_USER owns the schema and is the role Flyway migrates as; the hub connects as hub_app, to which the
# migrations grant its working tables and only INSERT and SELECT on the audit tables (V33).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="$HUB_APP_PASSWORD" <<'SQL'
create role hub_app login password :'password';
SQL
