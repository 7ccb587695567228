#!/usr/bin/env bash
# PB outcome-rule benchmark: `civis pb tally` (release) against pabutools 1.2.3
# on two large real Pabulib files, plus synthetic elections up to 10 million
# voters. Prints a Markdown report (also saved under bench-out/).
#
# usage: scripts/bench-pb.sh [RUNS]
#   RUNS            runs per civis measurement (median reported), default 5
# environment:
#   CIVIS_PYTHON    python with pabutools (scripts/setup-python.sh); unset: civis only
#   PABULIB_DIR     default ../shared/data/pabulib
#   PY_RUNS         runs per pabutools measurement, default 3 (add1: 1)
#   PY_CAP          seconds before a pabutools run is stopped, default 900
#   SYNTH_SIZES     voter counts for synthetic runs, default "100000 1000000 10000000"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS="${1:-5}"
PY_RUNS="${PY_RUNS:-3}"
PY_CAP="${PY_CAP:-900}"
PABULIB_DIR="${PABULIB_DIR:-$root/../shared/data/pabulib}"
SYNTH_SIZES="${SYNTH_SIZES-100000 1000000 10000000}"
mkdir -p bench-out
report="bench-out/pb-rules-$(date -u +%Y%m%dT%H%M%SZ).md"

cargo build --release -q -p civis
cargo build --release -q -p civis-pb --example pb_synth
civis="$root/target/release/civis"
synth="$root/target/release/examples/pb_synth"

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure CMD...: prints "wall_s maxrss_kb cpu_s" of one run (stdout of CMD
# discarded; cpu = user + system of the process and its children) and
# returns CMD's exit status (a stopped run still prints its figures).
measure() {
  local t status=0
  t="$(mktemp)"
  /usr/bin/time -f "%e %M %U %S" -o "$t" "$@" > /dev/null || status=$?
  tail -n 1 "$t" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
  rm -f "$t"
  return "$status"
}

opts_for() {
  case "$1" in
    greedy) echo "--rule greedy" ;;
    mes) echo "--rule mes" ;;
    add1) echo "--rule mes --completion add1" ;;
  esac
}

{
  echo "## PB rules benchmark"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB (shared with other work)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- civis: \`civis pb tally FILE OPTS --json\` (release), median of $RUNS runs; time = parse + tally wall clock, cpu = user + system; memory = max RSS (\`/usr/bin/time\`)"
  echo "- pabutools 1.2.3 (gmpy2): \`scripts/bench_pabutools.py FILE RULE\` (parse_pabulib + rule), median of $PY_RUNS runs (add1: 1 run), stopped after ${PY_CAP} s"
  echo
  echo "| file | rule | civis time (cpu) | civis max RSS | pabutools time (cpu) | pabutools max RSS | time ratio | memory ratio |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
} | tee "$report"

for f in Poland_Lodz_2022.pb Poland_Warszawa_2026.pb; do
  file="$PABULIB_DIR/$f"
  [ -f "$file" ] || { echo "missing $file" >&2; continue; }
  for rule in greedy mes add1; do
    # shellcheck disable=SC2046
    for _ in $(seq "$RUNS"); do measure "$civis" pb tally "$file" $(opts_for "$rule") --json; done > bench-out/civis.txt
    c_t="$(cut -d' ' -f1 bench-out/civis.txt | median)"
    c_m="$(cut -d' ' -f2 bench-out/civis.txt | median)"
    c_c="$(cut -d' ' -f3 bench-out/civis.txt | median)"
    p_t="-"; p_m="-"; r_t="-"; r_m="-"
    if [ -n "${CIVIS_PYTHON:-}" ]; then
      n="$PY_RUNS"; [ "$rule" = add1 ] && n=1
      : > bench-out/py.txt
      capped=0
      for _ in $(seq "$n"); do
        if out="$(measure timeout "$PY_CAP" "$CIVIS_PYTHON" scripts/bench_pabutools.py "$file" "$rule")"; then
          echo "$out" >> bench-out/py.txt
        else
          capped=1
          stopped_rss="$(echo "$out" | cut -d' ' -f2)"
          break
        fi
      done
      if [ "$capped" = 1 ]; then
        p_t="> ${PY_CAP} s (stopped)"; r_t="> $(awk -v a="$PY_CAP" -v b="$c_t" 'BEGIN {printf "%.0f", a / b}')×"
        p_m="≥ $((stopped_rss / 1024)) MiB (at stop)"; r_m="≥ $(awk -v a="$stopped_rss" -v b="$c_m" 'BEGIN {printf "%.1f", a / b}')×"
      else
        p_t="$(cut -d' ' -f1 bench-out/py.txt | median)"
        p_m="$(cut -d' ' -f2 bench-out/py.txt | median)"
        p_c="$(cut -d' ' -f3 bench-out/py.txt | median)"
        r_t="$(awk -v a="$p_t" -v b="$c_t" 'BEGIN {printf "%.0f×", a / b}')"
        r_m="$(awk -v a="$p_m" -v b="$c_m" 'BEGIN {printf "%.1f×", a / b}')"
        p_t="${p_t} s (${p_c} s)"; p_m="$((p_m / 1024)) MiB"
      fi
    fi
    echo "| $f | $rule | ${c_t} s (${c_c} s) | $((c_m / 1024)) MiB | $p_t | $p_m | $r_t | $r_m |" | tee -a "$report"
  done
done

{
  echo
  echo "Synthetic elections (\`pb_synth VOTERS 1000 RULE\`: 1,000 projects, 1-9 approvals per voter, Zipf-like popularity, budget = 1/4 of total cost; cost satisfaction; one run each): generation, profile build (merging identical ballots), tally, and max RSS of the whole process."
  echo
  echo "| voters | rule | distinct ballots | approvals | generate | build | tally | process cpu | max RSS | MES runs |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee -a "$report"
for n in $SYNTH_SIZES; do
  for rule in mes add1; do
    t="$(mktemp)"
    json="$(/usr/bin/time -f "%e %M" -o "$t" "$synth" "$n" 1000 "$rule")"
    rss="$(cut -d' ' -f2 "$t")"; rm -f "$t"
    get() { echo "$json" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"; }
    echo "| $n | $rule | $(get groups) | $(get approvals) | $(get generate_ms) ms | $(get build_ms) ms | $(get tally_ms) ms | $(get process_cpu_ms) ms | $((rss / 1024)) MiB | $(get mes_runs) |" | tee -a "$report"
  done
done
echo
echo "report saved to $report"
