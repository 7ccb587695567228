#!/usr/bin/env bash
# civis-verify on a large record: `civis pb simulate-record` (release build, through
# the civis-pb example, which is `civis pb` without the server) writes the record of a
# simulated process with VOTERS voters (each casts a ballot; about 10 % vote again, 1 %
# have a paper ballot entered, so the log holds about 1.11 x VOTERS entries), then
# `civis-verify` checks it RUNS times. Prints each run's wall time, the median and the
# load average before each run (the machine may be shared).
#
#   scripts/bench-verify.sh                      # 100,000 voters, 20 projects, 3 runs
#   VOTERS=10000 PROJECTS=50 RUNS=5 scripts/bench-verify.sh
#   KEEP_RECORD=1 scripts/bench-verify.sh        # verify the record of the last run again
set -euo pipefail
cd "$(dirname "$0")/.."

VOTERS=${VOTERS:-100000}
PROJECTS=${PROJECTS:-20}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
OUT=bench-out/verify
RECORD=$OUT/record

echo "== building release binaries" >&2
cargo build --release -p civis-verify --bin civis-verify >&2
cargo build --release -p civis-pb-cli --example civis-pb >&2
SIM=$PWD/target/release/examples/civis-pb
VERIFY=$PWD/target/release/civis-verify

if [ -n "${KEEP_RECORD:-}" ] && [ -f "$RECORD/record.json" ]; then
  echo "== reusing $RECORD" >&2
else
rm -rf "$OUT"
mkdir -p "$OUT"
echo "== simulating $VOTERS voters x $PROJECTS projects (seed $SEED)" >&2
start=$(date +%s.%N)
"$SIM" simulate-record --voters "$VOTERS" --projects "$PROJECTS" --seed "$SEED" --out "$RECORD" | tee "$OUT/simulate.txt" >&2
end=$(date +%s.%N)
echo "simulation: $(echo "$end - $start" | bc) s" >&2
fi
du -sh "$RECORD" >&2

times=()
for run in $(seq 1 "$RUNS"); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  "$VERIFY" "$RECORD" > "$OUT/report-$run.txt"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  echo "run $run: ${t} s (load average before: $load)"
done
cat "$OUT/report-1.txt"
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "civis-verify on $(grep -o '[0-9]* entries in' "$OUT/report-1.txt" | head -1 | cut -d' ' -f1) log entries: median of $RUNS runs ${median} s"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
