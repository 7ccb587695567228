#!/usr/bin/env bash
# Web load benchmark: a release build of `civis serve` on a SQLite database seeded
# by `civis demo`, loaded with wrk over loopback only. Measures requests/second and
# p99 latency of a signed-in page and of an API read at 50 connections, the server's
# memory (RSS) at rest and under load, and the largest page's transferred size.
# Prints a Markdown report (also written to bench-out/web/report.md).
#
#   scripts/bench-web.sh            # 3 runs of 20 s per endpoint
#   RUNS=5 DURATION=30s scripts/bench-web.sh
#
# Needs wrk (Debian: apt-get install -y wrk), curl and python3.
set -euo pipefail

# The crawl signs the seeded admin in with its password: the server started here lets
# officials and admins use passwords (the passkey policy is not measured).
export CIVIS_AUTH_PASSKEY_REQUIRED_FOR=""
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
USERNAME=${BENCH_USER:-resident001}
PASSWORD=${BENCH_PASSWORD:-civis-demo-password}
PAGE=${BENCH_PAGE:-/}
API=${BENCH_API:-/api/v1/me}

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-web: $tool is required (Debian: apt-get install -y $tool)" >&2; exit 1; }
done

OUT=bench-out/web
rm -rf "$OUT"
mkdir -p "$OUT"
DB=$PWD/$OUT/bench.sqlite3

echo "== building target/release/civis" >&2
cargo build --release -p civis >&2
BIN=$PWD/target/release/civis

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE=http://127.0.0.1:$PORT
SERVER_PID=

cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

wait_ready() {
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench-web: server exited; see $1" >&2; cat "$1" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench-web: server not ready after 60 s; see $1" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

echo "== seeding the demo city into $DB" >&2
"$BIN" demo --listen "127.0.0.1:$PORT" --database-url "sqlite://$DB" >"$OUT/demo.log" 2>&1 &
SERVER_PID=$!
wait_ready "$OUT/demo.log"
stop_server

echo "== civis serve on $BASE" >&2
"$BIN" serve --listen "127.0.0.1:$PORT" --database-url "sqlite://$DB" >"$OUT/serve.log" 2>&1 &
SERVER_PID=$!
wait_ready "$OUT/serve.log"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }

# Sign in through the API; keep the session cookie.
JAR=$OUT/cookies.txt
status=$(curl -sS -o "$OUT/sign-in.json" -w '%{http_code}' -c "$JAR" \
  -H 'content-type: application/json' \
  --data "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/sign-in")
[[ $status == 200 ]] || { echo "bench-web: sign-in as $USERNAME answered $status" >&2; cat "$OUT/sign-in.json" >&2; exit 1; }
SESSION=$(awk -F'\t' '$6 == "civis_session" { print $7 }' "$JAR")
[[ -n $SESSION ]] || { echo "bench-web: no civis_session cookie after sign-in" >&2; exit 1; }
COOKIE="civis_session=$SESSION"
for path in "$PAGE" "$API"; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path")
  [[ $status == 200 ]] || { echo "bench-web: GET $path answered $status while signed in" >&2; exit 1; }
done

# Memory at rest: after start, seeding and one sign-in, before any load.
sleep 2
RSS_REST=$(rss_kib)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Converts a wrk latency such as 850.00us, 12.34ms or 1.20s to milliseconds.
to_ms() { awk '{ v = $1; if (v ~ /us$/) printf "%.2f\n", v / 1000; else if (v ~ /ms$/) printf "%.2f\n", v + 0; else if (v ~ /s$/) printf "%.2f\n", v * 1000; else print v }'; }

# One wrk run against $1 (a path); records rps, p99 and peak RSS under load.
run_wrk() {
  local path=$1 name=$2 i=$3 log peak rss sampler
  log=$OUT/wrk-$name-$i.txt
  : >"$OUT/rss-$name-$i.txt"
  (while sleep 0.5; do rss_kib >>"$OUT/rss-$name-$i.txt" || break; done) &
  sampler=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE$path" >"$log"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  if grep -q 'Non-2xx or 3xx responses' "$log"; then
    echo "bench-web: $path answered errors under load:" >&2
    cat "$log" >&2
    exit 1
  fi
  awk '/^Requests\/sec:/ { print $2 }' "$log" >>"$OUT/rps-$name.txt"
  awk '$1 == "99%" { print $2 }' "$log" | to_ms >>"$OUT/p99-$name.txt"
  peak=$(sort -n "$OUT/rss-$name-$i.txt" | tail -n 1)
  echo "$peak" >>"$OUT/rss-$name.txt"
  echo "   run $i: $(tail -n 1 "$OUT/rps-$name.txt") req/s, p99 $(tail -n 1 "$OUT/p99-$name.txt") ms, peak RSS ${peak} KiB" >&2
}

for name in page api; do
  if [[ $name == page ]]; then path=$PAGE; else path=$API; fi
  echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $path ($RUNS runs)" >&2
  for i in $(seq 1 "$RUNS"); do run_wrk "$path" "$name" "$i"; done
done

RSS_AFTER=$(rss_kib)

# Largest page: crawl same-origin links signed out and signed in; transferred bytes with
# Accept-Encoding: gzip (as a browser asks), and the uncompressed size.
MAX_PAGES=${MAX_PAGES:-300}
echo "== page sizes (at most $MAX_PAGES pages per role)" >&2
crawl_sizes() {
  local cookie=$1 label=$2 queue=("/") seen=" / " queued=1 path body size_gz enc size_raw href
  while ((${#queue[@]} > 0)); do
    path=${queue[0]}
    queue=("${queue[@]:1}")
    body=$OUT/page.html
    read -r size_gz enc < <(curl -sS -o /dev/null -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' \
      -w '%{size_download} %header{content-encoding}\n' "$BASE$path")
    size_raw=$(curl -sS -o "$body" -w '%{size_download}' -H "Cookie: $cookie" "$BASE$path")
    grep -qi '<html' "$body" || continue
    printf '%s\t%s\t%s\t%s\t%s\n' "$size_gz" "$size_raw" "${enc:-identity}" "$label" "$path" >>"$OUT/sizes.tsv"
    while read -r href; do
      href=${href//&amp;/&}
      href=${href%%#*}
      [[ -z $href || $href == //* ]] && continue
      [[ $href =~ ^/(api|static|assets)/|^/(healthz|readyz|metrics)$|sign-?out|log-?out|\.[a-z0-9]+$ ]] && continue
      [[ $seen == *" $href "* ]] && continue
      seen+="$href "
      if ((queued < MAX_PAGES)); then queue+=("$href"); queued=$((queued + 1)); fi
    done < <(grep -oE 'href="/[^"]*"' "$body" | sed -E 's/^href="//; s/"$//')
  done
}
crawl_sizes "" signed-out
crawl_sizes "$COOKIE" "$USERNAME"
ADMIN_STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -c "$OUT/admin.txt" -H 'content-type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/sign-in")
if [[ $ADMIN_STATUS == 200 ]]; then
  crawl_sizes "civis_session=$(awk -F'\t' '$6 == "civis_session" { print $7 }' "$OUT/admin.txt")" admin
fi
read -r BIG_GZ BIG_RAW BIG_ENC BIG_WHO BIG_PATH < <(sort -n -r "$OUT/sizes.tsv" | head -n 1)
PAGES_SEEN=$(wc -l <"$OUT/sizes.tsv")

RPS_PAGE=$(median <"$OUT/rps-page.txt")
P99_PAGE=$(median <"$OUT/p99-page.txt")
RPS_API=$(median <"$OUT/rps-api.txt")
P99_API=$(median <"$OUT/p99-api.txt")
RSS_PAGE=$(median <"$OUT/rss-page.txt")
RSS_API=$(median <"$OUT/rss-api.txt")

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
    "server and wrk share the machine. civis $(git rev-parse --short HEAD), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')."
  echo
  echo "Command: \`scripts/bench-web.sh\` (release build; \`civis demo\` seeds SQLite, then \`civis serve\`;" \
    "signed in as \`$USERNAME\`; each load run is \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H 'Cookie: civis_session=…' URL\`;" \
    "median of $RUNS runs)."
  echo
  echo "| measure | median of $RUNS runs |"
  echo "| --- | --- |"
  echo "| signed-in page \`GET $PAGE\`: requests/s | $RPS_PAGE |"
  echo "| signed-in page \`GET $PAGE\`: p99 latency | $P99_PAGE ms |"
  echo "| API read \`GET $API\`: requests/s | $RPS_API |"
  echo "| API read \`GET $API\`: p99 latency | $P99_API ms |"
  echo "| server RSS at rest (after seeding and one sign-in) | $(mib "$RSS_REST") |"
  echo "| server RSS, peak under page load | $(mib "$RSS_PAGE") |"
  echo "| server RSS, peak under API load | $(mib "$RSS_API") |"
  echo "| server RSS after all runs | $(mib "$RSS_AFTER") |"
  echo "| largest page of $PAGES_SEEN crawled (\`$BIG_PATH\`, $BIG_WHO): transferred with \`Accept-Encoding: gzip\` | $BIG_GZ bytes ($BIG_ENC; $BIG_RAW bytes uncompressed) |"
} | tee "$OUT/report.md"
