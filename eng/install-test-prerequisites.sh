#!/usr/bin/env bash
# Installs and starts what the test suites need beyond the .NET SDK, on Debian (as root):
#   - Chromium, driven by Microsoft.Playwright in the portal's browser tests (never `playwright install`);
#   - PostgreSQL, for the portal's storage tests (they also run against SQLite, which needs nothing).
# Idempotent: a second run only checks. Prints the PostgreSQL connection string to export.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: missing ${need[*]}; run this script as root (or install them) and retry." >&2
    exit 1
  fi
  echo "installing: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Wait for a concurrent apt/dpkg run instead of failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

# Start the first PostgreSQL cluster (Debian's install leaves it stopped) and make a test role that may create databases.
cluster=$(pg_lsclusters --no-header | awk 'NR==1{print $1" "$2}')
if [ -z "$cluster" ]; then
  echo "error: PostgreSQL is installed but has no cluster; run pg_createcluster and retry." >&2
  exit 1
fi
read -r pgver pgname <<<"$cluster"
pg_ctlcluster "$pgver" "$pgname" start >&2 2>/dev/null || true
port=$(pg_lsclusters --no-header | awk 'NR==1{print $3}')
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='shiftleft_test') THEN CREATE ROLE shiftleft_test LOGIN CREATEDB PASSWORD 'shiftleft_test'; END IF; END\\\$\\\$;\"" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=shiftleft_test;Password=shiftleft_test"
