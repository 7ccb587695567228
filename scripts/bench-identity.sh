#!/usr/bin/env bash
# Identity load benchmark: a release build of `civis demo` seeds a fresh database; then,
# on the same machine, `civis loadtest oidc` runs complete OpenID Connect authorization
# code flows (authorize with a signed-in session, token, userinfo),
# `civis loadtest sign-in` runs password sign-ins next to raw Argon2id hashing at the
# server's cost, and `civis loadtest passkey` runs passkey sign-ins (whole WebAuthn
# ceremonies by a software authenticator).
#   1. SQLite: one `civis serve` on the seeded file.
#   2. PostgreSQL: two `civis serve` processes on one database, the residents split
#      across both (skipped when CIVIS_BENCH_DATABASE_URL is unset and no local
#      PostgreSQL answers at postgres://postgres@127.0.0.1:5432/postgres).
# Each configuration gets one warm-up run of each tool (it creates the residents, the
# client service and the consents), then RUNS runs of each; the report gives every run
# with the load average at its start, and the medians. Any error fails the script.
# Prints a Markdown report (also written to bench-out/identity/report.md).
#
#   scripts/bench-identity.sh
#   RESIDENTS=100 FLOWS=2000 CONCURRENCY=16 SIGN_INS=200 RUNS=5 scripts/bench-identity.sh
#   CIVIS_BIN=path/to/civis DATABASES=sqlite scripts/bench-identity.sh   # a given build, SQLite only
#
# Needs curl, python3 and (for PostgreSQL) psql.
set -euo pipefail

# The load tools sign the seeded admin in with its password to set things up: the servers
# started here let officials and admins use passwords (the passkey policy is not measured).
export CIVIS_AUTH_PASSKEY_REQUIRED_FOR=""
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
RESIDENTS=${RESIDENTS:-200}
FLOWS=${FLOWS:-5000}
CONCURRENCY=${CONCURRENCY:-32}
SIGN_INS=${SIGN_INS:-400}
SIGN_IN_CONCURRENCY=${SIGN_IN_CONCURRENCY:-8}
# Sign-ins run in this many slices with raw hashing around each (see `--slices`).
SIGN_IN_SLICES=${SIGN_IN_SLICES:-3}
HASH_SECONDS=${HASH_SECONDS:-10}
PASSKEY_SIGN_INS=${PASSKEY_SIGN_INS:-2000}
PG_ADMIN_URL=${CIVIS_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-identity: $tool is required" >&2; exit 1; }
done

OUT=bench-out/identity
rm -rf "$OUT"
mkdir -p "$OUT"

DATABASES=${DATABASES:-sqlite postgres}
if [[ -n "${CIVIS_BIN:-}" ]]; then
  BIN=$CIVIS_BIN
else
  echo "== building target/release/civis" >&2
  cargo build --release -p civis >&2
  BIN=$PWD/target/release/civis
fi
git rev-parse --short HEAD >"$OUT/commit" 2>/dev/null || echo unknown >"$OUT/commit"

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
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "bench-identity: civis exited; see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench-identity: civis not ready after 120 s; see $log" >&2
  exit 1
}

# load NAME URL...: a warm-up run of each tool, then RUNS runs of each (the servers'
# CPU time is read from the processes in PIDS).
load() {
  local name=$1; shift
  local urls=() pids=()
  for u in "$@"; do urls+=(--url "$u"); done
  for p in "${PIDS[@]}"; do pids+=(--server-pid "$p"); done
  echo "== $name: warm-up (creates $RESIDENTS residents, the client service, the consents)" >&2
  "$BIN" loadtest oidc "${urls[@]}" --residents "$RESIDENTS" --concurrency "$CONCURRENCY" \
    --flows "$((FLOWS / 5 + 1))" --json >"$OUT/$name-oidc-warmup.json"
  "$BIN" loadtest sign-in "${urls[@]}" --residents "$RESIDENTS" --concurrency "$SIGN_IN_CONCURRENCY" \
    --sign-ins "$((SIGN_INS / 5 + 1))" --hash-seconds 1 --json >"$OUT/$name-sign-in-warmup.json"
  for run in $(seq 1 "$RUNS"); do
    echo "== $name: oidc run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$OUT/$name-oidc-$run.load"
    "$BIN" loadtest oidc "${urls[@]}" --residents "$RESIDENTS" --concurrency "$CONCURRENCY" \
      --flows "$FLOWS" --json >"$OUT/$name-oidc-$run.json"
    cat "$OUT/$name-oidc-$run.json" >&2
    echo "== $name: sign-in run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$OUT/$name-sign-in-$run.load"
    "$BIN" loadtest sign-in "${urls[@]}" --residents "$RESIDENTS" --concurrency "$SIGN_IN_CONCURRENCY" \
      --sign-ins "$SIGN_INS" --hash-seconds "$HASH_SECONDS" --slices "$SIGN_IN_SLICES" "${pids[@]}" \
      --json >"$OUT/$name-sign-in-$run.json"
    cat "$OUT/$name-sign-in-$run.json" >&2
    echo "== $name: passkey run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$OUT/$name-passkey-$run.load"
    "$BIN" loadtest passkey "${urls[@]}" --residents "$RESIDENTS" --concurrency "$CONCURRENCY" \
      --sign-ins "$PASSKEY_SIGN_INS" --json >"$OUT/$name-passkey-$run.json"
    cat "$OUT/$name-passkey-$run.json" >&2
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
if [[ " $DATABASES " != *" postgres "* ]]; then
  echo "== PostgreSQL: not asked for (DATABASES=$DATABASES)" >&2
elif command -v psql >/dev/null && psql "$PG_ADMIN_URL" -qc 'SELECT 1' >/dev/null 2>&1; then
  PGDB=civis_bench_identity
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

python3 - "$OUT" "$RUNS" "$RESIDENTS" "$FLOWS" "$CONCURRENCY" "$SIGN_INS" "$SIGN_IN_CONCURRENCY" "$HASH_SECONDS" "$PASSKEY_SIGN_INS" "$SIGN_IN_SLICES" <<'PY' | tee "$OUT/report.md"
import json, os, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
residents, flows, conc, sign_ins, sconc, hash_s, pk_sign_ins, slices = sys.argv[3:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
commit = open(f"{out}/commit").read().strip()
print(f"civis {commit}. Machine: {os.cpu_count()} cores ({cpu}); load generator and servers on the same machine.")
print(f"OpenID Connect: {residents} signed-in residents, {flows} flows per run, concurrency {conc}. "
      f"Sign-in: {sign_ins} sign-ins per run in {slices} slices, concurrency {sconc}, raw Argon2id for {2 * float(hash_s):g} s in all, "
      f"before, between and after the slices. "
      f"Passkey: {pk_sign_ins} sign-ins per run, concurrency {conc}. "
      f"{runs} runs each after a warm-up run.\n")

def runs_of(name, tool):
    got = []
    for run in range(1, runs + 1):
        path = f"{out}/{name}-{tool}-{run}.json"
        if os.path.exists(path):
            got.append((run, json.load(open(path)), open(f"{out}/{name}-{tool}-{run}.load").read().strip()))
    return got

med = lambda xs: statistics.median(xs)
print("| database | servers | run | load avg (1/5/15 min) | flows | flows/s | flow p50 ms | flow p90 ms | flow p99 ms | flow max ms | authorize p99 ms | token p99 ms | userinfo p99 ms | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in ("sqlite", "postgres"):
    rs = runs_of(name, "oidc")
    for run, r, load in rs:
        f = r["flow"]
        print(f"| {name} | {r['servers']} | {run} | {load} | {r['flows']} | {r['flows_per_second']:.0f} | {f['p50_ms']:.1f} | {f['p90_ms']:.1f} | {f['p99_ms']:.1f} | {f['max_ms']:.1f} | {r['authorize']['p99_ms']:.1f} | {r['token']['p99_ms']:.1f} | {r['userinfo']['p99_ms']:.1f} | {r['errors']} |")
    if rs:
        m = lambda get: med([get(r) for _, r, _ in rs])
        print(f"| **{name}** | {rs[0][1]['servers']} | **median** | | {m(lambda r: r['flows']):.0f} | **{m(lambda r: r['flows_per_second']):.0f}** | {m(lambda r: r['flow']['p50_ms']):.1f} | {m(lambda r: r['flow']['p90_ms']):.1f} | **{m(lambda r: r['flow']['p99_ms']):.1f}** | {m(lambda r: r['flow']['max_ms']):.1f} | {m(lambda r: r['authorize']['p99_ms']):.1f} | {m(lambda r: r['token']['p99_ms']):.1f} | {m(lambda r: r['userinfo']['p99_ms']):.1f} | {sum(r['errors'] for _, r, _ in rs)} |")
print()
print("| database | servers | run | load avg (1/5/15 min) | sign-ins | sign-ins/s | p50 ms | p99 ms | raw Argon2id hashes/s (first / last slice) | sign-ins / raw hashes | CPU ms per raw hash | server CPU ms per sign-in | CPU ratio | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in ("sqlite", "postgres"):
    rs = runs_of(name, "sign-in")
    for run, r, load in rs:
        h = r["argon2"]
        print(f"| {name} | {r['servers']} | {run} | {load} | {r['sign_ins']} | {r['sign_ins_per_second']:.1f} | {r['latency']['p50_ms']:.1f} | {r['latency']['p99_ms']:.1f} | {h['hashes_per_second']:.1f} ({h['before_per_second']:.1f} / {h['after_per_second']:.1f}) | {100 * r['ratio']:.1f} % | {h['cpu_ms_per_hash']:.1f} | {r['server_cpu_ms_per_sign_in']:.1f} | {100 * r['cpu_ratio']:.1f} % | {r['errors']} |")
    if rs:
        m = lambda get: med([get(r) for _, r, _ in rs])
        print(f"| **{name}** | {rs[0][1]['servers']} | **median** | | {m(lambda r: r['sign_ins']):.0f} | **{m(lambda r: r['sign_ins_per_second']):.1f}** | {m(lambda r: r['latency']['p50_ms']):.1f} | {m(lambda r: r['latency']['p99_ms']):.1f} | {m(lambda r: r['argon2']['hashes_per_second']):.1f} | **{100 * m(lambda r: r['ratio']):.1f} %** | {m(lambda r: r['argon2']['cpu_ms_per_hash']):.1f} | {m(lambda r: r['server_cpu_ms_per_sign_in']):.1f} | **{100 * m(lambda r: r['cpu_ratio']):.1f} %** | {sum(r['errors'] for _, r, _ in rs)} |")
print()
print("| database | servers | run | load avg (1/5/15 min) | passkey sign-ins | sign-ins/s | p50 ms | p90 ms | p99 ms | max ms | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name in ("sqlite", "postgres"):
    rs = runs_of(name, "passkey")
    for run, r, load in rs:
        l = r["latency"]
        print(f"| {name} | {r['servers']} | {run} | {load} | {r['sign_ins']} | {r['sign_ins_per_second']:.0f} | {l['p50_ms']:.1f} | {l['p90_ms']:.1f} | {l['p99_ms']:.1f} | {l['max_ms']:.1f} | {r['errors']} |")
    if rs:
        m = lambda get: med([get(r) for _, r, _ in rs])
        print(f"| **{name}** | {rs[0][1]['servers']} | **median** | | {m(lambda r: r['sign_ins']):.0f} | **{m(lambda r: r['sign_ins_per_second']):.0f}** | {m(lambda r: r['latency']['p50_ms']):.1f} | {m(lambda r: r['latency']['p90_ms']):.1f} | **{m(lambda r: r['latency']['p99_ms']):.1f}** | {m(lambda r: r['latency']['max_ms']):.1f} | {sum(r['errors'] for _, r, _ in rs)} |")
PY
