# Shared helpers of the bench/ scripts (sourced, not run).
#
# Every script takes --smoke (a tiny catalog, a few seconds per step, for
# CI) and --pg URL (a PostgreSQL database the scripts may create schemas
# in; default $REHEARSE_TEST_POSTGRES; without one, PostgreSQL steps are
# skipped). Catalogs, databases and results go to $BENCH_DIR (default
# /tmp/rehearse-bench); generated catalogs are reused between runs.
# BENCH_SIZES overrides the catalog sizes of import.sh and search.sh
# (default "50 500 5000").
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rehearse-bench}
smoke=0
pg_url=${REHEARSE_TEST_POSTGRES:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --pg) pg_url=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (use --smoke, --pg URL)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$BENCH_DIR"
log() { echo "== $*" >&2; }

# need CMD PACKAGE: install the Debian package that provides CMD when CMD
# is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "$2" >&2
}

# build compiles the rehearse binary into $BENCH_DIR/rehearse.
build() {
  need go golang
  (cd "$repo" && GOFLAGS=-buildvcs=false go build -o "$BENCH_DIR/rehearse" ./cmd/rehearse)
  rehearse="$BENCH_DIR/rehearse"
}

# catalog N: generate (once) a catalog of N roles; prints its folder.
# The smoke catalog has 10 questions per role, the others 100.
questions() { if [ "$smoke" = 1 ]; then echo 10; else echo 100; fi; }
catalog() {
  local dir="$BENCH_DIR/catalog-$1x$(questions)"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    "$rehearse" pack gen --roles "$1" --questions "$(questions)" --seed 1 --out "$dir" >/dev/null
    touch "$dir/.done"
  fi
  echo "$dir"
}

# pg_schema NAME: (re)create a schema in the PostgreSQL database and print
# a URL that uses it. Returns 1 when there is no PostgreSQL database.
pg_schema() {
  [ -n "$pg_url" ] || return 1
  need psql postgresql-client
  PGOPTIONS="-c client_min_messages=warning" psql -q "$pg_url" -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" >/dev/null || return 1
  case "$pg_url" in
    *\?*) echo "$pg_url&search_path=$1" ;;
    *) echo "$pg_url?search_path=$1" ;;
  esac
}

# pg_schema_url NAME: the URL of an existing schema (no changes).
pg_schema_url() {
  case "$pg_url" in
    *\?*) echo "$pg_url&search_path=$1" ;;
    *) echo "$pg_url?search_path=$1" ;;
  esac
}

# timed OUT CMD...: run CMD, write "seconds max_rss_kb" to OUT.
timed() {
  need /usr/bin/time time
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$out" "$@"
}

# machine: one line describing this machine, for the results.
machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(go version | awk '{print $3}')"
}

# start_nginx PORT ROOT: nginx serving the files under ROOT as static files
# (pid in $nginx), the reference the pages and the feedback endpoint are
# measured against.
start_nginx() {
  cat >"$BENCH_DIR/nginx.conf" <<CONF
worker_processes auto;
pid $BENCH_DIR/nginx.pid;
error_log $BENCH_DIR/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$1;
    root $2;
    default_type text/html;
  }
}
CONF
  /usr/sbin/nginx -c "$BENCH_DIR/nginx.conf" -p "$BENCH_DIR" &
  nginx=$!
  sleep 0.5
}

# wrkline NAME URL KEY [WRK-ARGS...]: requests/s and latency percentiles of
# wrk -t2 -c50 for $dur; the requests/s are kept in $BENCH_DIR/rps-KEY.
wrkline() {
  local name=$1 url=$2 key=$3; shift 3
  local out; out=$(wrk -t2 -c50 -d"$dur" --latency "$@" "$url")
  if echo "$out" | grep -q "Non-2xx"; then echo "$out" >&2; echo "some requests failed" >&2; exit 1; fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  printf '%-28s %10s req/s  p50 %8s  p99 %8s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" >"$BENCH_DIR/rps-$key"
}
