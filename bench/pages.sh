#!/usr/bin/env bash
# Serving at scale: starts `rehearse serve` on the SQLite catalog of 5,000
# roles (--smoke: 20 roles) that bench/import.sh left in $BENCH_DIR
# (imported here when missing) and measures
#   - time from start to a 200 from /readyz with the content imported
#     (goal 1 s);
#   - resident memory after browsing the catalog: home, role lists by
#     sector and field with pagination, role, glossary, tips, question
#     pages and searches (goal 200 MB), and the largest page (goal 100 KB);
#   - a question page under wrk -t2 -c50 -d10s next to nginx serving the
#     same bytes as a static file, in the same run (goal: at least half
#     nginx's requests per second, p99 at most 20 ms).
#
#   bash bench/pages.sh [--smoke]
source "$(dirname "$0")/lib.sh"
build
need curl curl
need wrk wrk
need /usr/sbin/nginx nginx
n=5000; dur=10s
[ "$smoke" = 1 ] && { n=20; dur=2s; }
db="$BENCH_DIR/sqlite-$n.db"
[ -f "$db" ] || "$rehearse" pack import --db "$db" "$(catalog "$n")" >/dev/null
port=18080; nport=18081
base="http://127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# serve starts the server (pid in $server) and sets $ready to the seconds
# until /readyz answers 200.
serve() {
  local start; start=$(date +%s.%N)
  "$rehearse" serve --addr "127.0.0.1:$port" --db "$db" >"$BENCH_DIR/serve.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 3000); do
    if curl -fs -o /dev/null "$base/readyz"; then
      ready=$(echo "$(date +%s.%N) - $start" | bc)
      return
    fi
    sleep 0.005
  done
  echo "server did not become ready:" >&2; cat "$BENCH_DIR/serve.log" >&2; exit 1
}
need bc bc
serve # first start: imports the shipped packs next to the catalog
kill "$server"; wait "$server" 2>/dev/null || true
serve
printf 'ready after start (content imported): %.3f s\n' "$ready"

# Browse the catalog.
urls=("/" "/roles" "/search?q=budget" "/search?q=%22root+cause+analysis%22" "/search?q=sched*")
api=$(curl -fs "$base/api/v1/roles?limit=200")
mapfile -t fields < <(curl -fs "$base/" | grep -o 'href="/roles?[^"]*"' | sed 's/href="//;s/"$//;s/&amp;/\&/g' | sort -u)
for f in "${fields[@]:0:12}"; do
  sector="/roles?sector=$(echo "$f" | grep -o 'sector=[^&]*' | cut -d= -f2)"
  urls+=("$f" "$f&offset=50" "$sector" "$sector&offset=100")
done
mapfile -t slugs < <(echo "$api" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4 | awk 'NR % 10 == 1' | awk 'NR <= 20')
for s in "${slugs[@]}"; do
  urls+=("/roles/$s" "/roles/$s/glossary" "/roles/$s/tips" "/search?q=team&role=$s")
  mapfile -t qs < <(curl -fs "$base/api/v1/roles/$s/questions" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | awk 'NR <= 3')
  for q in "${qs[@]}"; do urls+=("/questions/$q"); done
done
largest=0; largest_url=""; fails=0
for u in "${urls[@]}"; do
  size=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$base$u")
  code=${size% *}; size=${size#* }
  [ "$code" = 200 ] || { echo "GET $u = $code" >&2; fails=$((fails + 1)); }
  [ "$size" -gt "$largest" ] && { largest=$size; largest_url=$u; }
done
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status")
hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$server/status")
echo "pages browsed: ${#urls[@]} ($fails failed); largest: $largest bytes ($largest_url)"
echo "resident memory after browsing: $rss MB (peak $hwm MB)"
[ "$fails" = 0 ] || exit 1

# The question page against nginx serving the same bytes.
qid=$(curl -fs "$base/api/v1/roles/${slugs[0]}/questions" | grep -o '"id":"[^"]*"' | awk 'NR == 1' | cut -d'"' -f4)
www="$BENCH_DIR/www"
mkdir -p "$www/questions"
curl -fs "$base/questions/$qid" -o "$www/questions/$qid"
start_nginx "$nport" "$www"
pids+=("$nginx")
curl -fs -o /dev/null "http://127.0.0.1:$nport/questions/$qid" || { echo "nginx did not start" >&2; cat "$BENCH_DIR/nginx-error.log" >&2; exit 1; }
echo "question page /questions/$qid ($(stat -c %s "$www/questions/$qid") bytes), wrk -t2 -c50 -d$dur:"
curl -fs -o /dev/null "$base/questions/$qid" # cached from here on, as every visitor after the first sees it
wrkline "rehearse (page cache)" "$base/questions/$qid" rehearse
wrkline "nginx (static file)" "http://127.0.0.1:$nport/questions/$qid" nginx
echo "ratio rehearse/nginx: $(echo "scale=2; $(cat "$BENCH_DIR/rps-rehearse") / $(cat "$BENCH_DIR/rps-nginx")" | bc)"
