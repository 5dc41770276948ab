#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL with a test role and database.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start
fi
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='opensips_ts'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE opensips_ts LOGIN PASSWORD 'opensips_ts'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='opensips_ts'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE DATABASE opensips_ts OWNER opensips_ts\""
