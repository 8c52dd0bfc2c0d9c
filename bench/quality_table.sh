#!/usr/bin/env bash
# Quality for a fixed CPU budget (issue 16): dcgan, stylegan2 and r3gan on the emoji at 32 and
# 64 px, each trained for the same CPU seconds (threads 1, one config at a time, niced), then
# fd_rgb8, kid_rgb8, diversity and the final grid of each.
# usage: ./bench/quality_table.sh [--budget CPU_S] [--configs dcgan32,r3gan-64,...] [--report-only]
#        [--help for the rest]
# Builds the trainer when it is missing or stale, then writes the quality-table part of
# bench/RESULTS.md and the grids under trainers/docs/quality-table/. See bench/README.md,
# "Quality for a fixed CPU budget". ~70 min on the shared 2-core machine at the default 360 CPU s.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
cd "$ROOT"
mkdir -p "$ATELIER_DIR"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, setup_emoji, EMOJI_DIR, say

JAR=trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ ! -f trainers/target/classpath.txt ] ||
  [ -n "$(find trainers/src/main trainers/pom.xml -newer "$JAR" -print -quit)" ]; then
  setup_maven
  say "building the trainer"
  "$MVN" -B -q -ntp -pl trainers package -DskipTests >/dev/null
fi
[ -d "$EMOJI_DIR" ] || setup_emoji

export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
# glibc's allocator for every config: under jemalloc (keeping freed pages) an r3gan trial's memory
# grows with steps (trainers/README.md, "R3GAN", Memory), and one allocator keeps the table fair.
unset LD_PRELOAD MALLOC_CONF
export BENCH_COMMAND="./bench/quality_table.sh${*:+ $*}"
exec python3 bench/quality_table.py \
  --java-cp "$JAR:$(cat trainers/target/classpath.txt)" --images "$EMOJI_DIR" "$@"
