#!/usr/bin/env bash
# Sealed-ballot load benchmark: a release build of `civis demo` seeds the city (its
# admin account); then each `civis loadtest sealed-ballots` run (on the same machine)
# sets up a new process with secret ballots through the API, obtains one credential per
# resident and seals their ballots, and times the cookieless submissions through the
# whole path (credential check, seal check, log append, durable commit, receipt),
# reporting ballots/second and latency percentiles.
#   1. SQLite: one `civis serve` on the seeded file.
#   2. PostgreSQL: two `civis serve` processes on one database, the voters split
#      across both (skipped when CIVIS_BENCH_DATABASE_URL is unset and no local
#      PostgreSQL answers at postgres://postgres@127.0.0.1:5432/postgres).
# Each configuration runs once as a warm-up, then RUNS times; the report gives every
# run and the medians. Prints a Markdown report (also written to
# bench-out/sealed-ballots/report.md).
#
#   scripts/bench-sealed-ballots.sh                   # 2,000 voters x 5 ballots, 64 at once, 3 runs
#   VOTERS=500 BALLOTS=4 CONCURRENCY=32 RUNS=5 scripts/bench-sealed-ballots.sh
#   SKIP_POSTGRES=1 scripts/bench-sealed-ballots.sh   # SQLite only
#
# Needs curl, python3 and (for PostgreSQL) psql.
set -euo pipefail

# The load tools sign the seeded admin in with its password to set things up: the servers
# started here let officials and admins use passwords (the passkey policy is not measured).
export CIVIS_AUTH_PASSKEY_REQUIRED_FOR=""
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
VOTERS=${VOTERS:-2000}
BALLOTS=${BALLOTS:-5}
CONCURRENCY=${CONCURRENCY:-64}
PG_ADMIN_URL=${CIVIS_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-sealed-ballots: $tool is required" >&2; exit 1; }
done

OUT=bench-out/sealed-ballots
rm -rf "$OUT"
mkdir -p "$OUT"

echo "== building target/release/civis" >&2
cargo build --release -p civis >&2
BIN=$PWD/target/release/civis

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT

# start LOG ARGS...: starts civis in the background, waits for /readyz, sets BASE.
start() {
  local log=$1; shift
  local port; port=$(free_port)
  "$BIN" "$@" --listen "127.0.0.1:$port" >"$log" 2>&1 &
  PIDS+=($!)
  BASE=http://127.0.0.1:$port
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then return 0; fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "bench-sealed-ballots: civis exited; see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench-sealed-ballots: civis not ready after 120 s; see $log" >&2
  exit 1
}

# load NAME URL...: one warm-up run (creates the official and the voters), then RUNS
# runs, each in a new process.
load() {
  local name=$1; shift
  local urls=()
  for u in "$@"; do urls+=(--url "$u"); done
  echo "== $name: warm-up (creates $VOTERS residents)" >&2
  "$BIN" loadtest sealed-ballots "${urls[@]}" --voters "$VOTERS" --concurrency "$CONCURRENCY" \
    --ballots-per-voter 1 --json >"$OUT/$name-warmup.json"
  for run in $(seq 1 "$RUNS"); do
    echo "== $name: run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$OUT/$name-$run.load"
    "$BIN" loadtest sealed-ballots "${urls[@]}" --voters "$VOTERS" --concurrency "$CONCURRENCY" \
      --ballots-per-voter "$BALLOTS" --seed "$run" --json >"$OUT/$name-$run.json"
    cat "$OUT/$name-$run.json" >&2
  done
}

# --- SQLite: one server ---------------------------------------------------------
DB=$PWD/$OUT/bench.sqlite3
echo "== seeding the demo city into $DB" >&2
start "$OUT/demo-sqlite.log" demo --database-url "sqlite://$DB"
cleanup
start "$OUT/serve-sqlite.log" serve --database-url "sqlite://$DB"
load sqlite "$BASE"
cleanup

# --- PostgreSQL: two servers on one database ------------------------------------
PG=
if [ -z "${SKIP_POSTGRES:-}" ] && command -v psql >/dev/null && psql "$PG_ADMIN_URL" -qc 'SELECT 1' >/dev/null 2>&1; then
  PGDB=civis_bench_sealed_ballots
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null
  psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PGDB" >/dev/null
  PG=${PG_ADMIN_URL%/*}/$PGDB
  echo "== seeding the demo city into PostgreSQL database $PGDB" >&2
  start "$OUT/demo-pg.log" demo --database-url "$PG"
  cleanup
  start "$OUT/serve-pg-a.log" serve --database-url "$PG"; A=$BASE
  start "$OUT/serve-pg-b.log" serve --database-url "$PG"; B=$BASE
  load postgres "$A" "$B"
  cleanup
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null
else
  echo "== PostgreSQL not reachable at $PG_ADMIN_URL: skipped" >&2
fi

python3 - "$OUT" "$RUNS" "$VOTERS" "$BALLOTS" "$CONCURRENCY" <<'PY' | tee "$OUT/report.md"
import json, os, statistics, sys
out, runs, voters, ballots, conc = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Machine: {os.cpu_count()} cores ({cpu}); load generator and servers on the same machine.")
print(f"Load: {voters} voters x {ballots} sealed ballots (seq 1..{ballots} under one credential each), concurrency {conc}; {runs} runs after a warm-up run, each in a new process.\n")
print("| database | servers | run | load avg (1/5/15 min) | ballots | ballots/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in ("sqlite", "postgres"):
    reports = []
    for run in range(1, runs + 1):
        path = f"{out}/{name}-{run}.json"
        if not os.path.exists(path):
            continue
        r = json.load(open(path))
        load = open(f"{out}/{name}-{run}.load").read().strip()
        reports.append(r)
        print(f"| {name} | {r['servers']} | {run} | {load} | {r['total']} | {r['ballots_per_second']:.0f} | {r['p50_ms']:.1f} | {r['p90_ms']:.1f} | {r['p99_ms']:.1f} | {r['p999_ms']:.1f} | {r['max_ms']:.1f} | {r['errors']} |")
    if reports:
        med = lambda k: statistics.median(r[k] for r in reports)
        print(f"| **{name}** | {reports[0]['servers']} | **median** | | {med('total'):.0f} | **{med('ballots_per_second'):.0f}** | **{med('p50_ms'):.1f}** | {med('p90_ms'):.1f} | **{med('p99_ms'):.1f}** | {med('p999_ms'):.1f} | {med('max_ms'):.1f} | {sum(r['errors'] for r in reports)} |")
PY
