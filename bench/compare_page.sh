#!/usr/bin/env bash
# The compare page at 32 trials x 64 tiles (issue 12), timed by Chromium itself: first render and
# step changes of the page as it is (thumbnails) and of its reference ?full=1 (full-size artifacts,
# the page before thumbnails), in one browser, one after the other. Goals: first render <= 1 s,
# step change <= 150 ms.
# usage: ./bench/compare_page.sh [--loads 4] [--changes 12] [--ui-only] [--port 0] [--no-write]
#        ./bench/compare_page.sh --report-only [--no-write]   # re-summarise the last raw data
# Needs PostgreSQL, Temporal and MLflow: the ones ATELIER_DB_URL, ATELIER_TEMPORAL_TARGET and
# ATELIER_MLFLOW_URI name, else the long-lived dev services (`./atelier services dev`, started
# here if they are not up, and left running). Runs ui's ComparePageBench (a @QuarkusTest: the app
# on --port, 0 = any free one, with Debian's Chromium through Selenium) with `mvn -pl ui -am`
# (--ui-only: `-pl ui`, against the other modules as ./atelier test last installed them), then
# bench/compare_page_report.py writes the "Compare page" section of bench/RESULTS.md.
# Raw data: $ATELIER_DIR/bench/compare/compare.json. See bench/README.md, "Compare page".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, setup_browser, say
# shellcheck source=../scripts/services.sh
. "$ROOT/scripts/services.sh" # services_up

loads=4
changes=12
modules=(-pl ui -am)
port=0
report_only=0
write=1
while [ $# -gt 0 ]; do
  case "$1" in
    --loads) loads=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    --ui-only) modules=(-pl ui); shift ;;
    --port) port=$2; shift 2 ;;
    --report-only) report_only=1; shift ;;
    --no-write) write=0; shift ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for pair in "loads:$loads:2:20" "changes:$changes:1:15" "port:$port:0:65535"; do
  IFS=: read -r name value lo hi <<<"$pair"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || [ "$value" -lt "$lo" ] || [ "$value" -gt "$hi" ]; then
    echo "--$name: '$value' must be a whole number from $lo to $hi" >&2
    exit 2
  fi
done
command_line="./bench/compare_page.sh --loads $loads --changes $changes"
out=$ATELIER_DIR/bench/compare
mkdir -p "$out"
python=python3
[ -x "$VENV/bin/python" ] && python=$VENV/bin/python

if [ "$report_only" = 0 ]; then
  if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
  setup_browser
  if [ -z "${ATELIER_DB_URL:-}" ] || [ -z "${ATELIER_TEMPORAL_TARGET:-}" ] || [ -z "${ATELIER_MLFLOW_URI:-}" ]; then
    setup_tools
    services_up dev
  fi
  export ATELIER_ROOT=$ROOT ATELIER_HOME=${ATELIER_HOME:-$out/home}
  mkdir -p "$ATELIER_HOME"
  say "compare page bench: $loads loads x $changes step changes per way; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f ui/target/bench/compare.json
  # Spotless is skipped: the benchmark must not reformat the sources it builds.
  "$MVN" -B -ntp "${modules[@]}" test -Dtest=ComparePageBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.skip=true -Dquarkus.http.test-port="$port" -Dbench.loads="$loads" \
    -Dbench.changes="$changes" >"$out/maven.log" 2>&1 ||
    { tail -n 60 "$out/maven.log" >&2; echo "compare page bench failed; the whole log: $out/maven.log" >&2; exit 1; }
  cp ui/target/bench/compare.json "$out/compare.json"
fi

[ -f "$out/compare.json" ] || { echo "no $out/compare.json yet: run without --report-only first" >&2; exit 1; }
report=("$out/compare.json" --results bench/RESULTS.md --command "$command_line")
[ "$write" = 1 ] || report+=(--no-write)
"$python" bench/compare_page_report.py "${report[@]}"
