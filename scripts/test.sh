# ./atelier test: the whole suite against real PostgreSQL, Temporal, MLflow, an S3 server (s3.sh)
# and a real Kubernetes control plane with kwok nodes and Kueue, started fresh under .atelier/test
# and .atelier/test-cluster on their own ports (see services.sh, cluster.sh) and stopped afterwards.

# shellcheck source=scripts/cluster.sh
. "$ROOT/scripts/cluster.sh"

run_tests() {
  setup_all
  setup_kustomize
  setup_browser
  "$ROOT/k8s/validate.sh" "$ATELIER_DIR/bin/kustomize" "$VENV/bin/kubernetes-validate"
  services_down test
  cluster_down test
  rm -rf "$ATELIER_DIR/test" "$ATELIER_DIR/test-cluster"
  trap 'services_down test; cluster_down test' EXIT
  services_up test
  cluster_up test
  # The Kubernetes tests act as Atelier's ServiceAccount (its RBAC from k8s/ decides what they may
  # do); their fixtures (a competing workload, a node's fate) use the cluster admin's.
  export ATELIER_TEST_KUBECONFIG="$CL_DIR/atelier.kubeconfig" \
    ATELIER_TEST_ADMIN_KUBECONFIG="$CL_DIR/admin.kubeconfig" ATELIER_TEST_KUBECTL="$CLUSTER_BIN/kubectl"
  export ATELIER_DATASET_EMOJI="$EMOJI_DIR" ATELIER_HOME="$DATA"
  # The ui test that drives the app with Airflow's own Python client runs it with this python.
  export ATELIER_PYTHON="$VENV/bin/python"
  # Airflow3ClientEndToEndTest: the 3.x client, in its own venv (scripts/setup.sh).
  export ATELIER_PYTHON_AIRFLOW3="$ATELIER_DIR/venv-airflow3/bin/python"
  say "services up: db=$ATELIER_DB_URL temporal=$ATELIER_TEMPORAL_TARGET mlflow=$ATELIER_MLFLOW_URI s3=$ATELIER_S3_ENDPOINT kubernetes=https://127.0.0.1:$API_PORT"
  "$MVN" -B -ntp install "$@"
}
