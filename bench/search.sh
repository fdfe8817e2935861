#!/usr/bin/env bash
# Search at scale: runs bench/searchbench (a mixed query set sent straight
# to the store, no page cache) over the catalogs of 50, 500 and 5,000
# roles (--smoke: 20 roles) on SQLite and PostgreSQL, importing a catalog
# first when bench/import.sh has not left it in $BENCH_DIR. Goal at 5,000
# roles (500,000 questions): p50 <= 10 ms, p95 <= 50 ms, p99 <= 100 ms.
#
#   bash bench/search.sh [--smoke] [--pg URL]
source "$(dirname "$0")/lib.sh"
build
(cd "$repo" && GOFLAGS=-buildvcs=false go build -o "$BENCH_DIR/searchbench" ./bench/searchbench)
sizes=${BENCH_SIZES:-"50 500 5000"}
per=60
[ "$smoke" = 1 ] && { sizes="20"; per=5; }

for n in $sizes; do
  cat=$(catalog "$n")
  db="$BENCH_DIR/sqlite-$n.db"
  [ -f "$db" ] || "$rehearse" pack import --db "$db" "$cat" >/dev/null
  log "sqlite, $n roles"
  "$BENCH_DIR/searchbench" --db "$db" --roles "$n" --per-kind "$per"
  if [ -n "$pg_url" ]; then
    need psql postgresql-client
    url=$(pg_schema_url "bench_$n")
    if ! PGOPTIONS="-c search_path=bench_$n" psql -tA "$pg_url" -c "SELECT 1 FROM roles LIMIT 1" 2>/dev/null | grep -q 1; then
      url=$(pg_schema "bench_$n")
      "$rehearse" pack import --db "$url" "$cat" >/dev/null
    fi
    log "postgres, $n roles"
    "$BENCH_DIR/searchbench" --db "$url" --roles "$n" --per-kind "$per"
  fi
done
