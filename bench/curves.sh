#!/usr/bin/env bash
# stylegan2 and r3gan: loss curves and final fd_rgb8 / kid_rgb8 of the DJL trainer against the
# PyTorch references, K seeds each, on the emoji at 32 px (issue 16, "Matched against PyTorch").
# usage: ./bench/curves.sh [--seeds 1,2,3] [--steps 400] [--families stylegan2,r3gan] [--resume]
#        [--help for the rest]
# Installs what it needs (Maven and the trainer build via scripts/setup.sh, PyTorch into
# .atelier/bench-venv), then writes its section of bench/RESULTS.md. See bench/README.md.
# CURVES_IMAGES picks the image folder (default: the 110 emoji faces when present, else all emoji).
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

images=${CURVES_IMAGES:-}
if [ -z "$images" ]; then
  images=$EMOJI_DIR
  [ -d "$EMOJI_FACES_DIR" ] && images=$EMOJI_FACES_DIR
fi
[ -d "$images" ] || { echo "curves.sh: no image folder ($images); set CURVES_IMAGES" >&2; exit 2; }
export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # the trainer's own choice, for both sides
export BENCH_COMMAND="./bench/curves.sh${*:+ $*}"
exec "$PYTHON" bench/curves_bench.py --java-cp "$JAR:$(cat trainers/target/classpath.txt)" \
  --python "$PYTHON" --images "$images" "$@"
