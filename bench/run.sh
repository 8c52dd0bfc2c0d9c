#!/usr/bin/env bash
# DCGAN benchmark: the DJL trainer CLI vs PyTorch eager, and the trainer's memory over a long run.
# usage: ./bench/run.sh [--quick] [--rounds N] [--mlflow URI] [--help for the rest]
# Installs what it needs (Maven and the trainer build via scripts/setup.sh, PyTorch into
# .atelier/bench-venv), then writes bench/RESULTS.md. See bench/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
cd "$ROOT"
mkdir -p "$ATELIER_DIR"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, EMOJI_DIR, say

# shellcheck source=bench_setup.sh
. "$ROOT/bench/bench_setup.sh"
bench_build_trainer # JAR
bench_torch         # PYTHON: the venv's, or BENCH_PYTHON (an interpreter that has torch)

export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
# Both sides get the same OpenMP wait policy; the trainer would pick PASSIVE itself.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
export BENCH_COMMAND="./bench/run.sh${*:+ $*}"
images=()
[ -d "$EMOJI_DIR" ] && images=(--images "$EMOJI_DIR")
# BENCH_CP_PREFIX: classes to put ahead of the trainer's jar, to measure a change before it lands.
exec "$PYTHON" bench/dcgan_bench.py \
  --java-cp "${BENCH_CP_PREFIX:+$BENCH_CP_PREFIX:}$JAR:$(cat trainers/target/classpath.txt)" \
  "${images[@]}" "$@"
