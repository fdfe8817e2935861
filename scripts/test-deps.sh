#!/usr/bin/env bash
# Installs and starts what the full test suite needs on a Debian machine:
# PostgreSQL (Debian package, started on 127.0.0.1 with a test role and
# database), Debian's chromium for the browser tests, and axe-core (npm) for
# the accessibility checks. Run as root. Prints the environment variables
# that make those suites required; .ci/run evaluates them.
#
#   eval "$(sudo scripts/test-deps.sh)"
set -euo pipefail
log() { echo "test-deps: $*" >&2; }

cache="${REHEARSE_CACHE:-$(cd "$(dirname "$0")/.." && pwd)/.cache}"
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$cache"

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# PostgreSQL: start the default cluster and create the test role/database.
# (Run from / so that the postgres user can enter the working directory.)
cd /
ver=$(ls /etc/postgresql | sort -n | tail -1)
pg_ctlcluster "$ver" main status >/dev/null 2>&1 || pg_ctlcluster "$ver" main start >&2
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
pg_isready -q -h 127.0.0.1 || { log "PostgreSQL did not start"; exit 1; }
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rehearse') THEN
    CREATE ROLE rehearse LOGIN PASSWORD 'rehearse' CREATEDB;
  END IF;
END $$;
SQL
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'rehearse_test'" | grep -q 1 ||
  runuser -u postgres -- createdb -O rehearse rehearse_test >&2

# axe-core for the accessibility checks, from the npm registry, pinned.
axe="$cache/axe-core-4.14.1/axe.min.js"
if [ ! -f "$axe" ]; then
  log "fetching axe-core 4.14.1"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent axe-core@4.14.1 >/dev/null && tar -xzf axe-core-4.14.1.tgz)
  mkdir -p "$(dirname "$axe")"
  cp "$tmp/package/axe.min.js" "$axe"
  rm -rf "$tmp"
fi

echo "export REHEARSE_TEST_POSTGRES='postgres://rehearse:rehearse@127.0.0.1:5432/rehearse_test?sslmode=disable'"
echo "export REHEARSE_TEST_BROWSER='$(command -v chromium)'"
echo "export REHEARSE_TEST_AXE='$axe'"
