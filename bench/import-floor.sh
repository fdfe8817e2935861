#!/usr/bin/env bash
# The content-only floor of an import: the same catalog imported with the
# full-text search index taken out (SQLite: the FTS5 table replaced by a
# table that drops its rows; PostgreSQL: the two tsvector columns and their
# GIN indexes dropped; the indexes' names are left on an empty table for the
# import's final clean-up to find), so what is left is reading, checking and writing
# the content. When this alone takes longer than an import's goal, no work
# on the search index can meet it (docs/performance.md, Import). Prints the
# wall time, the importing process's CPU and the whole machine's CPU
# (the PostgreSQL server's share is the difference).
#
#   bash bench/import-floor.sh [--smoke] [--pg URL]      (BENCH_SIZES, default 5000)
source "$(dirname "$0")/lib.sh"
build
need sqlite3 sqlite3
sizes=${BENCH_SIZES:-5000}
[ "$smoke" = 1 ] && sizes=20
one="$BENCH_DIR/floor-seed"
rm -rf "$one"
"$rehearse" pack gen --roles 1 --questions "$(questions)" --seed 2 --out "$one" >/dev/null

machine_cpu() { awk '/^cpu /{ printf "%.1f\n", ($2 + $3 + $4 + $6 + $7 + $8) / 100 }' /proc/stat; }
printf '%-9s %-6s %9s %11s %12s %9s\n' db roles seconds client_cpu machine_cpu rss_mb
# floor_import NAME DSN N CATALOG: time the import, check it imported N roles.
floor_import() {
  local t="$BENCH_DIR/time.txt" out="$BENCH_DIR/import.log" c0 c1
  c0=$(machine_cpu)
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$rehearse" pack import --db "$2" "$4" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  c1=$(machine_cpu)
  grep -q "imported $3 role(s)" "$out" || { echo "unexpected: $(tail -1 "$out")" >&2; exit 1; }
  read -r secs user sys rss <"$t"
  awk -v db="$1" -v n="$3" -v s="$secs" -v u="$user" -v y="$sys" -v c0="$c0" -v c1="$c1" -v rss="$rss" \
    'BEGIN { printf "%-9s %-6s %9s %11.1f %12.1f %9d\n", db, n, s, u + y, c1 - c0, rss / 1024 }'
}
need /usr/bin/time time

for n in $sizes; do
  cat=$(catalog "$n")
  db="$BENCH_DIR/floor-$n.db"
  rm -f "$db" "$db-wal" "$db-shm"
  "$rehearse" pack import --db "$db" "$one" >/dev/null
  sqlite3 "$db" "DROP TRIGGER questions_fts_delete; DROP TRIGGER questions_fts_update; DROP TABLE questions_fts;
    CREATE TABLE questions_fts (text, search_guidance, search_terms, questions_fts);
    CREATE TRIGGER questions_fts_drop BEFORE INSERT ON questions_fts BEGIN SELECT RAISE(IGNORE); END;"
  floor_import sqlite "$db" "$n" "$cat"
  rm -f "$db" "$db-wal" "$db-shm"
  if url=$(pg_schema "floor_$n"); then
    "$rehearse" pack import --db "$url" "$one" >/dev/null
    PGOPTIONS="-c client_min_messages=warning" psql -q "$pg_url" -c "SET search_path = floor_$n; ALTER TABLE questions DROP COLUMN search, DROP COLUMN text_search;
      CREATE TABLE floor_placeholder (v TSVECTOR);
      CREATE INDEX questions_search ON floor_placeholder USING GIN (v);
      CREATE INDEX questions_text_search ON floor_placeholder USING GIN (v)" >/dev/null
    floor_import postgres "$url" "$n" "$cat"
    pg_schema "floor_$n" >/dev/null
  else
    log "no PostgreSQL database (set REHEARSE_TEST_POSTGRES or pass --pg URL); skipped"
  fi
done
