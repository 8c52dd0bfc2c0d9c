#!/usr/bin/env bash
# Sweep overhead benchmark (issue 11, benchmark 3): the searching sweep's decision cost per report
# in process, beside Optuna's for the same work, and its decision latency end to end on a real
# Temporal dev server, with the sweep workflow's history size; one run, one table.
# usage: ./bench/sweep_overhead.sh [--seeds N] [--sizes 25,50,100,400] [--trials N] [--parallel N]
#                                  [--eval-ms MS] [--no-write]
# Installs optuna into $ATELIER_DIR/venv when it lacks it; builds the workflows module's classes and
# test classes (no install) and runs the *Bench mains from the test classpath; needs the temporal
# binary beside $ATELIER_DIR/venv/bin/python. See bench/README.md, "Sweep overhead benchmark".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, say

seeds=5
sizes=25,50,100,400
trials=30
parallel=3
eval_ms=300
write=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    --eval-ms) eval_ms=$2; shift 2 ;;
    --no-write) write=0; shift ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
command_line="./bench/sweep_overhead.sh${*:+ $*}"

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import optuna' 2>/dev/null; then
  say "installing optuna into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check optuna
fi
temporal=$VENV/bin/temporal
[ -x "$temporal" ] || { echo "no temporal binary at $temporal (./atelier setup installs it)" >&2; exit 1; }

if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
out=$ATELIER_DIR/bench/overhead
mkdir -p "$out"
say "building the workflows module's classes and test classes"
# Spotless is skipped: the benchmark must not reformat the sources it builds.
build=(-B -q -ntp -pl workflows test-compile dependency:build-classpath -Dspotless.skip=true
  -Dmdep.includeScope=test "-Dmdep.outputFile=$out/classpath")
"$MVN" -o "${build[@]}" >/dev/null 2>&1 || "$MVN" "${build[@]}" >/dev/null
cp="workflows/target/test-classes:workflows/target/classes:$(cat "$out/classpath")"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_start; in process: sweeps of $sizes trials x $seeds seeds, each side"
java -cp "$cp" dev.atelier.workflows.temporal.DecisionCostBench "$out/atelier.jsonl" "$seeds" "$sizes"
"$VENV/bin/python" bench/overhead/optuna_overhead.py "$out/optuna.jsonl" "$seeds" "$sizes"
load_e2e=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_e2e; on Temporal: $trials trials, $parallel at once, an evaluation every $eval_ms ms"
java -cp "$cp" dev.atelier.workflows.temporal.SweepLatencyBench "$temporal" "$out/temporal.json" \
  "$trials" "$parallel" "$eval_ms" 2>"$out/temporal.log" ||
  { tail -20 "$out/temporal.log" >&2; echo "the Temporal part failed; its log: $out/temporal.log" >&2; exit 1; }
report=("$out/atelier.jsonl" "$out/optuna.jsonl" "$out/temporal.json" --results bench/RESULTS.md
  --command "$command_line" --load "$load_start" --load-e2e "$load_e2e")
[ "$write" = 1 ] || report+=(--no-write)
"$VENV/bin/python" bench/overhead_report.py "${report[@]}"
