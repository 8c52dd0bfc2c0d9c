#!/usr/bin/env bash
# stylegan2 and r3gan: the DJL trainer CLI vs the PyTorch eager references, side by side.
# usage: ./bench/gan.sh [--seconds 75] [--rounds N] [--families stylegan2,r3gan] [--help for the rest]
# Installs what it needs (Maven and the trainer build via scripts/setup.sh, PyTorch into
# .atelier/bench-venv), then writes its section of bench/RESULTS.md. See bench/README.md.
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
bench_torch         # PYTHON

export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # the trainer's own choice, for both sides
export BENCH_COMMAND="./bench/gan.sh${*:+ $*}"
images=()
[ -d "$EMOJI_DIR" ] && images=(--images "$EMOJI_DIR")
exec "$PYTHON" bench/gan_bench.py \
  --java-cp "$JAR:$(cat trainers/target/classpath.txt)" "${images[@]}" "$@"
