#!/usr/bin/env bash
# Start the machine's PostgreSQL cluster for the test suite and print a DATABASE_URL for it.
# Installs PostgreSQL from Debian's packages when it is missing. Idempotent.
set -euo pipefail
log() { echo "postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "not installed; installing Debian's postgresql package"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 \
    || { log "could not install PostgreSQL: run 'apt-get install postgresql' as root, then retry"; exit 1; }
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
status=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}')
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
if [ "$status" != "online" ]; then
  log "starting cluster $version/main on port $port"
  pg_ctlcluster "$version" main start >&2 \
    || { log "PostgreSQL did not start; see /var/log/postgresql/postgresql-$version-main.log"; exit 1; }
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -p $port" && break
  sleep 0.5
done
su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='coworking'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE coworking LOGIN CREATEDB PASSWORD 'coworking'\"" >&2
su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='coworking'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O coworking coworking" >&2
echo "postgres://coworking:coworking@127.0.0.1:$port/coworking"
