#!/usr/bin/env bash
# Import at scale: generates catalogs of 50, 500 and 5,000 roles (100
# questions each; --smoke: 5 and 20 roles of 10 questions) and times, on
# SQLite and on PostgreSQL: the first import, a re-import of unchanged
# packs, and a re-import after one role changed (only that one must be
# imported). Prints one line per measurement; the databases stay in
# $BENCH_DIR for bench/search.sh and bench/pages.sh.
#
#   bash bench/import.sh [--smoke] [--pg URL]
source "$(dirname "$0")/lib.sh"
build
sizes=${BENCH_SIZES:-"50 500 5000"}
[ "$smoke" = 1 ] && sizes="5 20"

printf '%-9s %-6s %-22s %9s %9s\n' db roles step seconds rss_mb
result() { printf '%-9s %-6s %-22s %9s %9s\n' "$1" "$2" "$3" "$4" "$(( $5 / 1024 ))"; }

# import_steps DB-NAME DSN N CATALOG: the three timed imports.
import_steps() {
  local name=$1 dsn=$2 n=$3 cat=$4 t="$BENCH_DIR/time.txt" out="$BENCH_DIR/import.log"
  timed "$t" "$rehearse" pack import --db "$dsn" "$cat" >"$out"
  read -r secs rss <"$t"; result "$name" "$n" "first import" "$secs" "$rss"
  grep -q "imported $n role(s), 0 unchanged" "$out" || { echo "unexpected: $(tail -1 "$out")" >&2; exit 1; }
  timed "$t" "$rehearse" pack import --db "$dsn" "$cat" >"$out"
  read -r secs rss <"$t"; result "$name" "$n" "re-import unchanged" "$secs" "$rss"
  grep -q "imported 0 role(s), $n unchanged" "$out" || { echo "unexpected: $(tail -1 "$out")" >&2; exit 1; }
  local dirs=("$cat"/*/) one; one=${dirs[0]}
  echo "# touched by bench/import.sh" >>"$one/role.yaml"
  timed "$t" "$rehearse" pack import --db "$dsn" "$cat" >"$out"
  sed -i '$d' "$one/role.yaml"
  read -r secs rss <"$t"; result "$name" "$n" "re-import, 1 changed" "$secs" "$rss"
  grep -q "imported 1 role(s), $((n - 1)) unchanged" "$out" || { echo "unexpected: $(tail -1 "$out")" >&2; exit 1; }
}

for n in $sizes; do
  cat=$(catalog "$n")
  db="$BENCH_DIR/sqlite-$n.db"
  rm -f "$db" "$db-wal" "$db-shm"
  import_steps sqlite "$db" "$n" "$cat"
  if url=$(pg_schema "bench_$n"); then
    import_steps postgres "$url" "$n" "$cat"
  else
    log "no PostgreSQL database (set REHEARSE_TEST_POSTGRES or pass --pg URL); skipped"
  fi
done
