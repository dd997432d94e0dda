#!/bin/sh
# As the official image's entrypoint: the first start makes the cluster, the user, its password and database.
set -eu
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
if [ "$(id -u)" = 0 ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown -R postgres:postgres /var/lib/postgresql && chmod 700 "$PGDATA"
  password_file=$(mktemp) && printf '%s' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" > "$password_file"
  chown postgres "$password_file"
  as_postgres initdb -D "$PGDATA" -U "${POSTGRES_USER:-postgres}" --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  database="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}"
  if [ "$database" != postgres ]; then
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -k /var/run/postgresql" -w start >/dev/null
    as_postgres createdb -h /var/run/postgresql -U "${POSTGRES_USER:-postgres}" "$database"
    as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
fi
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" \
    -c listen_addresses='*' -k /var/run/postgresql
fi
exec "$@"
