#!/usr/bin/env bash
# Fault bench (issue 14): MLflow down mid-trial. Runs trainers' MlflowOutageTest with a longer
# outage: a private MLflow server (SQLite store, --serve-artifacts, a free port) is SIGKILLed at
# step 10 of a 40-step trial and restarted on the same port and store after --outage seconds (plus
# the few seconds a start takes); the trial trains on meanwhile and waits for its uploads at its
# end. Prints: fault, outage duration, metric points lost, artifacts lost, and recovered after
# (from the restarted server answering /health to the trainer's drain finishing: the run's
# end_time), then the same as a row for the "Faults" table of bench/RESULTS.md.
# usage: ./bench/mlflow_outage.sh [--outage 60]
# Needs only Atelier's venv (its mlflow) and Maven, not the dev services. Extra Maven flags go in
# MAVEN_ARGS (e.g. MAVEN_ARGS=-o for an offline build); the Maven log goes to ATELIER_BENCH_OUT
# (default .atelier/bench/mlflow-outage).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
VENV=$ATELIER_DIR/venv
cd "$ROOT"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh"

outage=60
while [ $# -gt 0 ]; do
  case "$1" in
    --outage) outage=$2; shift 2 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$outage" =~ ^[0-9]+$ ]] || [ "$outage" -lt 1 ] || [ "$outage" -gt 600 ]; then
  echo "--outage: '$outage' must be a whole number of seconds from 1 to 600" >&2
  exit 2
fi
setup_maven
[ -x "$VENV/bin/mlflow" ] || setup_python
out=${ATELIER_BENCH_OUT:-$ATELIER_DIR/bench/mlflow-outage}
mkdir -p "$out"
export ATELIER_DIR ATELIER_PYTHON="$VENV/bin/python" ATELIER_OUTAGE_SECONDS=$outage
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl} DJL_OFFLINE=true OPT_OUT_TRACKING=true
say "MLflow outage bench: ${outage} s outage; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$MVN" -B -ntp -pl trainers test -Dtest=MlflowOutageTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.skip=true >"$out/maven.log" 2>&1 ||
  { tail -n 60 "$out/maven.log" >&2; echo "outage bench failed; the whole log: $out/maven.log" >&2; exit 1; }
row=$(grep -m1 '^FAULT-ROW ' "$out/maven.log" | sed 's/^FAULT-ROW //')
[ -n "$row" ] || { echo "no FAULT-ROW line in $out/maven.log" >&2; exit 1; }
python3 - "$row" <<'PY'
import sys
fields = dict(part.strip().split("=", 1) for part in sys.argv[1].split(" | "))
print(f"fault:           {fields['fault']}")
print(f"outage:          {fields['outage_s']} s")
print(f"points lost:     {fields['points_lost']}")
print(f"artifacts lost:  {fields['artifacts_lost']}")
print(f"recovered after: {fields['recovered_after_s']} s")
print(f"| {fields['fault']} | {fields['outage_s']} s | {fields['points_lost']} | "
      f"{fields['artifacts_lost']} | {fields['recovered_after_s']} s |")
PY
