#!/usr/bin/env bash
# The dataset watcher's latency (issue 13): last file of a copy landing in a watched folder -> the
# dataset event the watcher emits (where the Dags scheduled on it get their runs), over repeated
# copies, beside a producer that posts the event itself through the API. Goal: <= 10 s after the
# quiet period.
# usage: ./bench/watcher.sh [--rounds 10] [--files 20] [--quiet 2]
# Needs PostgreSQL, Temporal and MLflow: the ones ATELIER_DB_URL, ATELIER_TEMPORAL_TARGET and
# ATELIER_MLFLOW_URI name, else the dev services (`./atelier services dev`, started here if they
# are not up, and left running). Runs ui's DatasetWatcherBench (a @QuarkusTest) against the modules
# as they were last installed (`mvn install` or ./atelier test); prints median and worst.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh"
# shellcheck source=../scripts/services.sh
. "$ROOT/scripts/services.sh"

rounds=10 files=20 quiet=2
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --quiet) quiet=$2; shift 2 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for pair in "rounds:$rounds:1:100" "files:$files:1:1000" "quiet:$quiet:0:60"; do
  IFS=: read -r name value lo hi <<<"$pair"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || [ "$value" -lt "$lo" ] || [ "$value" -gt "$hi" ]; then
    echo "--$name: '$value' must be a whole number from $lo to $hi" >&2
    exit 2
  fi
done
setup_maven
if [ -z "${ATELIER_DB_URL:-}" ] || [ -z "${ATELIER_TEMPORAL_TARGET:-}" ] || [ -z "${ATELIER_MLFLOW_URI:-}" ]; then
  setup_tools
  services_up dev
fi
out=$ATELIER_DIR/bench/watcher
mkdir -p "$out"
export ATELIER_ROOT=$ROOT ATELIER_HOME=${ATELIER_HOME:-$out/home}
mkdir -p "$ATELIER_HOME"
say "watcher bench: $rounds rounds of $files files, quiet period $quiet s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$MVN" -B -ntp -pl ui test -Dtest=DatasetWatcherBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.skip=true -Dquarkus.http.test-port=0 -Dbench.rounds="$rounds" -Dbench.files="$files" \
  -Dbench.quiet="$quiet" >"$out/maven.log" 2>&1 ||
  { tail -n 60 "$out/maven.log" >&2; echo "watcher bench failed; the whole log: $out/maven.log" >&2; exit 1; }
cp ui/target/bench/watcher.json "$out/watcher.json"
python3 - "$out/watcher.json" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
w = [r["watcher_ms"] for r in d["rounds"]]
q = [r["after_quiet_ms"] for r in d["rounds"]]
a = [r["api_ms"] for r in d["rounds"]]
print(f"rounds {len(w)}, {d['files_per_round']} files each, quiet {d['quiet_seconds']} s, load {d['load_average']}")
print(f"watcher: median {statistics.median(w):.0f} ms, worst {max(w)} ms"
      f" (after the quiet period: median {statistics.median(q):.0f} ms, worst {max(q)} ms)")
print(f"API-posted reference: median {statistics.median(a):.0f} ms, worst {max(a)} ms")
PY
