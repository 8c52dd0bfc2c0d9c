#!/usr/bin/env bash
# Sampler benchmark: our random and TPE samplers against Optuna's on Branin, Hartmann-6 and a noisy
# Branin, side by side in one run: regret after 25/50/100 evaluations over 30 seeds, and the time
# of one ask.
# usage: ./bench/search.sh [--seeds N] [--evals N] [--no-write]
# Installs optuna (from PyPI, with pip) into $ATELIER_DIR/venv when it lacks it; builds the
# workflows module's classes and compiles bench/search/SamplerBench.java against them with javac;
# updates the sampler section of bench/RESULTS.md. See bench/README.md, "Sampler benchmark".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, say

seeds=30
evals=100
write=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --evals) evals=$2; shift 2 ;;
    --no-write) write=0; shift ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
command_line="./bench/search.sh${*:+ $*}"
[ "$seeds" = 30 ] && [ "$evals" = 100 ] || command_line="./bench/search.sh --seeds $seeds --evals $evals"

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import optuna' 2>/dev/null; then
  say "installing optuna into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check optuna
fi

if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
out=$ATELIER_DIR/bench/search
mkdir -p "$out/classes"
say "building the workflows module's classes"
# Spotless is skipped: the benchmark must not reformat the sources it builds.
"$MVN" -B -q -ntp -o -pl workflows compile -Dspotless.skip=true >/dev/null 2>&1 ||
  "$MVN" -B -q -ntp -pl workflows compile -Dspotless.skip=true >/dev/null
javac -d "$out/classes" -cp workflows/target/classes bench/search/SamplerBench.java

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_start; $seeds seeds x $evals evaluations x 3 functions x 3 samplers, each side"
java -cp "$out/classes:workflows/target/classes" SamplerBench "$out/atelier.jsonl" "$seeds" "$evals"
"$VENV/bin/python" bench/search/optuna_bench.py "$out/optuna.jsonl" "$seeds" "$evals"
report=("$out/atelier.jsonl" "$out/optuna.jsonl" --results bench/RESULTS.md
  --command "$command_line" --load "$load_start")
[ "$write" = 1 ] || report+=(--no-write)
"$VENV/bin/python" bench/search_report.py "${report[@]}"
