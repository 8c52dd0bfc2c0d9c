#!/usr/bin/env bash
# Searching on the real trainer (issue 11, benchmark 2): random search, TPE, and TPE with ASHA, each
# given the same budget of trial-steps over the same search space and seeds, on DCGAN-32 trials of
# the 110 emoji faces; how many trial-steps each needs to come within 5 % of the best kid_rgb8 any
# of them found. Goal: TPE with ASHA needs at most a third of random search's.
# usage: ./bench/search_real.sh [--seeds 0,1] [--steps 400] [--trials 10] [--threads 1]
#                               [--strategies random,tpe,tpe_asha] [--report-only] [--no-write]
# Builds the workflows and trainers modules (package, no install), compiles
# bench/search_real/SearchRealBench.java against the workflows classes with javac, runs the three
# strategies side by side (each one trial at a time, every trainer under nice -n 10), then
# bench/search_real_report.py writes the "Benchmark 2" section of bench/RESULTS.md.
# Raw data: $ATELIER_DIR/bench/search_real/seed<N>/<strategy>/{evaluations,trials}.csv and trial_*/.
# See bench/README.md, "Searching on the real trainer".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, say

seeds=0
steps=400
trials=10
threads=1
strategies=random,tpe,tpe_asha
report_only=0
write=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --strategies) strategies=$2; shift 2 ;;
    --report-only) report_only=1; shift ;;
    --no-write) write=0; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
command_line="./bench/search_real.sh --seeds $seeds --steps $steps --trials $trials --threads $threads"
out=${SEARCH_REAL_OUT:-$ATELIER_DIR/bench/search_real}
dataset=${ATELIER_DATASET_EMOJI_FACES:-$ATELIER_DIR/datasets/emoji-faces}
[ -d "$dataset" ] || { echo "no dataset at $dataset (./atelier setup lays out emoji-faces)" >&2; exit 1; }
python=python3
[ -x "$VENV/bin/python" ] && python=$VENV/bin/python

if [ "$report_only" = 0 ]; then
  if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
  mkdir -p "$out/classes"
  say "building the workflows and trainers modules (package, no install)"
  # Spotless is skipped: the benchmark must not reformat the sources it builds.
  build=(-B -q -ntp -pl workflows,trainers -am package -DskipTests -Dspotless.skip=true)
  "$MVN" -o "${build[@]}" >/dev/null 2>&1 || "$MVN" "${build[@]}" >/dev/null
  cpbuild=(-B -q -ntp -pl workflows dependency:build-classpath "-Dmdep.outputFile=$out/classpath")
  "$MVN" -o "${cpbuild[@]}" >/dev/null 2>&1 || "$MVN" "${cpbuild[@]}" >/dev/null
  cp="workflows/target/classes:$(cat "$out/classpath")"
  javac -d "$out/classes" -cp "$cp" bench/search_real/SearchRealBench.java

  # The trainer exactly as the local launcher runs it (scripts/train.sh): serial GC, the jar and its
  # classpath file, DJL offline, jemalloc keeping freed pages when it is installed.
  trainer="java -XX:+UseSerialGC -cp $ROOT/trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar:$(cat trainers/target/classpath.txt) dev.atelier.trainers.TrainerMain"
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
    if [ -f "$lib" ] && [ "${ATELIER_TRAINER_ALLOCATOR:-}" != glibc ]; then
      trainer="env LD_PRELOAD=$lib MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 $trainer"
      break
    fi
  done
  for seed in ${seeds//,/ }; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    say "seed $seed: $strategies side by side, $trials x $steps trial-steps each; load average $load"
    start=$(date +%s)
    java -cp "$out/classes:$cp" SearchRealBench --out "$out/seed$seed" --trainer "$trainer" \
      --dataset "$dataset" --seed "$seed" --steps "$steps" --trials "$trials" --threads "$threads" \
      --strategies "$strategies"
    echo "{\"seed\": $seed, \"load_start\": \"$load\", \"load_end\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"," \
      "\"wall_seconds\": $(($(date +%s) - start)), \"started\": \"$(date -u -d @"$start" +%FT%TZ)\"}" \
      >"$out/seed$seed/run.json"
  done
fi

report=("$out" --seeds "$seeds" --strategies "$strategies" --budget "$((steps * trials))"
  --results bench/RESULTS.md --command "$command_line")
[ "$write" = 1 ] || report+=(--no-write)
"$python" bench/search_real_report.py "${report[@]}"
