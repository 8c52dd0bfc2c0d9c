#!/usr/bin/env bash
# Kubernetes benchmark: trial Job launched -> pod running through KubernetesJobLauncher against the
# same Job created without the facade (with and without Kueue), and 100 queued one-GPU trials
# draining through the 4-GPU ClusterQueue, on the real control plane with kwok's fake nodes.
# usage: ./bench/cluster.sh [--runs N] [--warmup N] [--poll-ms MS] [--latency-run-for D]
#        [--trials N] [--run-for D] [--wait-poll-ms MS] [--sample-ms MS]
#        [--scenarios latency,queue] [--no-write]
# Cluster: the one `./atelier cluster up` left running when it answers, else this starts it.
# Builds bench/cluster (against this checkout's launcher), runs it, prints a table and updates the
# Kubernetes section of bench/RESULTS.md. See bench/README.md, "Kubernetes benchmark".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
export ATELIER_DIR
# Raw data stays with this checkout, even when ATELIER_DIR points at another one's cluster.
OUT_DIR=${BENCH_OUT:-$ROOT/.atelier/bench}
cd "$ROOT"
mkdir -p "$OUT_DIR"
# shellcheck source=../scripts/setup.sh
. "$ROOT/scripts/setup.sh" # MVN, setup_maven, say

bench_args=()
write=1
for a in "$@"; do
  case "$a" in
    --no-write) write=0 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$a") ;;
  esac
done

# The cluster: the running one when `./atelier cluster status` says so, else start it.
if "$ROOT/atelier" cluster status >/dev/null 2>&1; then
  say "using the running cluster ($ATELIER_DIR/cluster)"
else
  say "no cluster answers: starting one with ./atelier cluster up"
  "$ROOT/atelier" cluster up
fi
CL=$ATELIER_DIR/cluster
KUBECTL=("$ATELIER_DIR/bin/cluster/kubectl" --kubeconfig "$CL/admin.kubeconfig")
if ! "$ATELIER_DIR/bin/cluster/kubectl" --kubeconfig "$CL/atelier.kubeconfig" -n atelier \
  auth can-i create jobs.batch >/dev/null 2>&1; then
  say "$CL/atelier.kubeconfig cannot create Jobs (its token lasts 48 h): run ./atelier cluster up again"
  exit 1
fi
components=()
for name in etcd kube-apiserver kube-controller-manager kube-scheduler kwok kueue; do
  components+=(--component "$name=$CL/$name.pid")
done

# BENCH_MVN: a Maven 3.9 that is already installed (otherwise setup.sh fetches one into .atelier/).
if [ -n "${BENCH_MVN:-}" ]; then MVN=$BENCH_MVN; else setup_maven; fi
STAMP=bench/cluster/driver/target/classpath.txt
if [ ! -f "$STAMP" ] || [ -n "$(find workflows/src/main activities/src/main bench/cluster \
  -name target -prune -o -newer "$STAMP" -type f -print -quit)" ]; then
  say "building the Kubernetes benchmark"
  # Spotless is skipped: the benchmark must not reformat the launcher's sources it builds.
  "$MVN" -B -q -ntp -f bench/cluster/pom.xml compile -Dspotless.skip=true >/dev/null
  touch "$STAMP"
fi

# Whatever happens, leave none of the benchmark's Jobs behind (the driver deletes them too).
cleanup() {
  "${KUBECTL[@]}" -n atelier delete jobs -l atelier.dev/bench=k8s --ignore-not-found \
    --cascade=background --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

out=$OUT_DIR/cluster-results.json
events=$OUT_DIR/cluster-events.jsonl
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_start; API server $(grep -m1 server: "$CL/admin.kubeconfig" | awk '{print $2}')"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils=error \
  -cp "bench/cluster/driver/target/classes:$(cat "$STAMP")" dev.atelier.bench.cluster.ClusterBench \
  --kubeconfig "$CL/atelier.kubeconfig" --admin-kubeconfig "$CL/admin.kubeconfig" \
  --out "$out" --events "$events" "${components[@]}" "${bench_args[@]}"
gomod() { awk -v m="$1" '$1 == m && NF >= 2 {print $2; exit}' "$2"; }
command="./bench/cluster.sh${*:+ $*}"
[ "$ATELIER_DIR" = "$ROOT/.atelier" ] || command="ATELIER_DIR=$ATELIER_DIR $command"
report=(--json "$out" --events "$events" --results bench/RESULTS.md --command "$command"
  --load "$load_start" --load-end "$(cut -d' ' -f1-3 /proc/loadavg)"
  --kueue "$(gomod sigs.k8s.io/kueue "$ROOT/cluster/go.mod")"
  --kwok "$(gomod sigs.k8s.io/kwok "$ROOT/cluster/kwok/go.mod")"
  --etcd "$(gomod go.etcd.io/etcd/server/v3 "$ROOT/cluster/go.mod")")
[ "$write" = 1 ] || report+=(--no-write)
python3 bench/cluster_report.py "${report[@]}"
