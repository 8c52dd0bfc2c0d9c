#!/usr/bin/env bash
# Engine benchmark: trigger-to-first-task latency and the engine's overhead per task, on the
# Temporal dev server and PostgreSQL with the worker in the benchmark's JVM.
# usage: ./bench/engine.sh [--runs N] [--warmup N] [--scenarios latency,fanout,mapped,sleep]
#        [--fanout-tasks N] [--map-size N] [--sleep-map-size N] [--sleep-ms MS] [--no-write]
# Services: ATELIER_TEMPORAL_TARGET / ATELIER_DB_URL when set; else the dev profile's
# (`./atelier services dev`, ports 56233 / 56432) when they answer; else it starts those itself.
# Builds bench/engine (against this checkout's engine), runs it, prints a table and updates the
# engine section of bench/RESULTS.md. See bench/README.md, "Engine benchmark".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
mkdir -p "$ATELIER_DIR/bench"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, setup_tools, say
# shellcheck source=../scripts/services.sh
. "$ROOT/scripts/services.sh" # profile_ports, port_open, start_postgres, start_temporal

bench_args=()
write=1
for a in "$@"; do
  case "$a" in
    --no-write) write=0 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$a") ;;
  esac
done

# Services: the variables win; then the long-lived dev services; else start the dev profile's.
profile_ports dev
if [ -z "${ATELIER_TEMPORAL_TARGET:-}" ] && port_open "$TEMPORAL_PORT"; then
  export ATELIER_TEMPORAL_TARGET=127.0.0.1:$TEMPORAL_PORT
fi
if [ -z "${ATELIER_DB_URL:-}" ] && port_open "$PG_PORT"; then
  export ATELIER_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/atelier
fi
if [ -z "${ATELIER_TEMPORAL_TARGET:-}" ] || [ -z "${ATELIER_DB_URL:-}" ]; then
  say "starting the dev services (PostgreSQL, Temporal) under $ATELIER_DIR/dev"
  setup_tools
  start_postgres
  start_temporal
fi
export ATELIER_DB_USER=${ATELIER_DB_USER:-postgres} ATELIER_DB_PASSWORD=${ATELIER_DB_PASSWORD:-postgres}

# BENCH_MVN: a Maven 3.9 that is already installed (otherwise setup.sh fetches one into .atelier/).
if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
STAMP=bench/engine/driver/target/classpath.txt
if [ ! -f "$STAMP" ] || [ -n "$(find workflows/src/main activities/src/main migrations/src bench/engine \
  -name target -prune -o -newer "$STAMP" -type f -print -quit)" ]; then
  say "building the engine benchmark"
  # Spotless is skipped: the benchmark must not reformat the engine's sources it builds.
  "$MVN" -B -q -ntp -f bench/engine/pom.xml compile -Dspotless.skip=true >/dev/null
  touch "$STAMP"
fi

# The Temporal server's pid, for its CPU time (0 when it runs elsewhere).
port=${ATELIER_TEMPORAL_TARGET##*:}
tpid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
tcli=""
if [ -n "$tpid" ] && [ -x "/proc/$tpid/exe" ]; then
  tcli=$("/proc/$tpid/exe" --version 2>/dev/null | head -n 1 || true)
fi

out=$ATELIER_DIR/bench/engine-results.json
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_start; Temporal $ATELIER_TEMPORAL_TARGET, PostgreSQL ${ATELIER_DB_URL%/*}"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/engine/driver/target/classes:$(cat "$STAMP")" dev.atelier.bench.engine.EngineBench \
  --temporal "$ATELIER_TEMPORAL_TARGET" --db-url "$ATELIER_DB_URL" \
  --db-user "$ATELIER_DB_USER" --db-password "$ATELIER_DB_PASSWORD" \
  --temporal-pid "${tpid:-0}" --out "$out" "${bench_args[@]}"
report=(--json "$out" --results bench/RESULTS.md --command "./bench/engine.sh${*:+ $*}"
  --load "$load_start" --load-end "$(cut -d' ' -f1-3 /proc/loadavg)"
  --temporal "$ATELIER_TEMPORAL_TARGET" --temporal-cli "$tcli" --db "${ATELIER_DB_URL%/*}")
[ "$write" = 1 ] || report+=(--no-write)
python3 bench/engine_report.py "${report[@]}"
