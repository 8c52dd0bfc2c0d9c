# ./atelier test: the whole suite against real PostgreSQL, Temporal and MLflow, started fresh
# under .atelier/test on their own ports (see services.sh) and stopped afterwards.

run_tests() {
  setup_all
  setup_kustomize
  setup_browser
  "$ROOT/k8s/validate.sh" "$ATELIER_DIR/bin/kustomize" "$VENV/bin/kubernetes-validate"
  services_down test
  rm -rf "$ATELIER_DIR/test"
  trap 'services_down test' EXIT
  services_up test
  export ATELIER_DATASET_EMOJI="$EMOJI_DIR" ATELIER_HOME="$DATA"
  # The ui test that drives the app with Airflow's own Python client runs it with this python.
  export ATELIER_PYTHON="$VENV/bin/python"
  say "services up: db=$ATELIER_DB_URL temporal=$ATELIER_TEMPORAL_TARGET mlflow=$ATELIER_MLFLOW_URI"
  "$MVN" -B -ntp install "$@"
}
