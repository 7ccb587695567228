#!/usr/bin/env bash
# Plain MES on one Pabulib file, civis against pabutools side by side: each
# round is one pabutools run immediately followed by CIVIS_RUNS civis runs,
# so both see the same machine. Prints one Markdown row per round and the
# medians (wall time and max RSS; the ratio is pabutools / civis).
#
# usage: scripts/bench-pb-side-by-side.sh [FILE] [ROUNDS]
#   FILE          default ../shared/data/pabulib/Poland_Lodz_2022.pb
#   ROUNDS        default 3
# environment:
#   CIVIS_PYTHON  python with pabutools 1.2.3 (scripts/setup-python.sh), required
#   CIVIS_RUNS    civis runs per round (median taken), default 21
#   CIVIS_BIN     a civis binary to measure instead of building target/release/civis
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
FILE="${1:-$root/../shared/data/pabulib/Poland_Lodz_2022.pb}"
ROUNDS="${2:-3}"
CIVIS_RUNS="${CIVIS_RUNS:-21}"
: "${CIVIS_PYTHON:?set CIVIS_PYTHON to a python with pabutools (scripts/setup-python.sh)}"
if [[ -n "${CIVIS_BIN:-}" ]]; then
  civis="$CIVIS_BIN"
else
  cargo build --release -q -p civis
  civis="$root/target/release/civis"
fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# one run: "wall_s max_rss_kb" (wall from the nanosecond clock: /usr/bin/time
# rounds to 10 ms)
measure() {
  local t start end; t="$(mktemp)"
  start="$(date +%s%N)"
  /usr/bin/time -f "%M" -o "$t" "$@" > /dev/null
  end="$(date +%s%N)"
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", (b - a) / 1e9}') $(tail -n 1 "$t")"
  rm -f "$t"
}

echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "- file: $(basename "$FILE"); civis: \`civis pb tally FILE --rule mes --json\` (release); pabutools: \`scripts/bench_pabutools.py FILE mes\`"
echo
echo "| round (load at start) | pabutools wall | pabutools max RSS | civis wall (median of $CIVIS_RUNS) | civis max RSS | wall ratio |"
echo "|---|---:|---:|---:|---:|---:|"
: > bench-rounds.tmp
for r in $(seq "$ROUNDS"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  read -r p_t p_m < <(measure "$CIVIS_PYTHON" scripts/bench_pabutools.py "$FILE" mes)
  : > bench-civis.tmp
  for _ in $(seq "$CIVIS_RUNS"); do measure "$civis" pb tally "$FILE" --rule mes --json >> bench-civis.tmp; done
  c_t="$(cut -d' ' -f1 bench-civis.tmp | median)"
  c_m="$(cut -d' ' -f2 bench-civis.tmp | median)"
  ratio="$(awk -v a="$p_t" -v b="$c_t" 'BEGIN {printf "%.0f", a / b}')"
  echo "$p_t $p_m $c_t $c_m $ratio" >> bench-rounds.tmp
  echo "| round $r ($load) | ${p_t} s | $((p_m / 1024)) MiB | $(awk -v t="$c_t" 'BEGIN {printf "%.1f", t * 1000}') ms | $((${c_m%.*} / 1024)) MiB | ${ratio}× |"
done
med() { cut -d' ' -f"$1" bench-rounds.tmp | median; }
p_t="$(med 1)"; p_m="$(med 2)"; c_t="$(med 3)"; c_m="$(med 4)"
echo "| median | ${p_t} s | $((${p_m%.*} / 1024)) MiB | $(awk -v t="$c_t" 'BEGIN {printf "%.1f", t * 1000}') ms | $((${c_m%.*} / 1024)) MiB | **$(awk -v a="$p_t" -v b="$c_t" 'BEGIN {printf "%.0f", a / b}')×** |"
rm -f bench-rounds.tmp bench-civis.tmp
