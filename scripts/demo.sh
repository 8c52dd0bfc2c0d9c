# ./atelier demo: every real component on this machine, the emoji DCGAN sweep through the
# Airflow-style REST API, progress while it trains, then the URLs; serves until Ctrl-C.

APP_JAR="$ROOT/ui/target/quarkus-app/quarkus-run.jar"
APP_URL=http://127.0.0.1:8080

build_if_stale() {
  local newer=""
  if [ -f "$APP_JAR" ] && [ -f "$ROOT/trainers/target/classpath.txt" ]; then
    # -print -quit, not "| head -n 1": under pipefail head closing the pipe kills find with
    # SIGPIPE (141) whenever two files are newer, and set -e then ended the demo silently.
    newer=$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src -newer "$APP_JAR" -type f -print -quit 2>/dev/null)
    [ -z "$newer" ] && return 0
  fi
  say "building (Maven, tests skipped; ./atelier test runs them)"
  "$MVN" -B -q -ntp install -DskipTests >"$DATA/logs/build.log" 2>&1 ||
    { tail -n 40 "$DATA/logs/build.log" >&2; say "build failed; full log: $DATA/logs/build.log"; return 1; }
}

start_app() {
  if curl -sf "$APP_URL/q/health/ready" >/dev/null 2>&1; then return 0; fi
  say "starting the Atelier app (Quarkus, hosts the Temporal worker) on :8080"
  # Runs may train on the emoji and on anything under .atelier/datasets/ (the class folders), unless
  # the caller set its own roots. emoji_dcgan_retrain watches .atelier/datasets/emoji-retrain: images
  # copied there start it (README, "The retrain loop").
  mkdir -p "$ATELIER_DIR/datasets/emoji-retrain"
  ATELIER_RETRAIN_WATCH="${ATELIER_RETRAIN_WATCH:-$ATELIER_DIR/datasets/emoji-retrain}" \
    ATELIER_DEMO=true ATELIER_ROOT="$ROOT" ATELIER_DATASET_EMOJI="$EMOJI_DIR" \
    ATELIER_DATASET_EMOJI_FACES="$EMOJI_FACES_DIR" \
    ATELIER_DATA_ROOTS="${ATELIER_DATA_ROOTS:-$EMOJI_DIR,$ATELIER_DIR/datasets}" nohup java -jar "$APP_JAR" \
    >"$DATA/logs/app.log" 2>&1 &
  echo $! >"$DATA/app.pid"
  wait_for "the Atelier app" 120 curl -sf "$APP_URL/q/health/ready"
}

stop_demo() {
  say "stopping"
  [ -f "$DATA/app.pid" ] && kill "$(cat "$DATA/app.pid")" 2>/dev/null
  rm -f "$DATA/app.pid"
  services_down demo
  exit 0
}

run_demo() {
  setup_all
  profile_ports demo
  mkdir -p "$DATA/logs"
  services_up demo
  export ATELIER_HOME="$DATA"
  build_if_stale
  start_app
  trap stop_demo INT TERM
  "$VENV/bin/python" "$ROOT/scripts/demo_driver.py" --api "$APP_URL" --dataset "$EMOJI_DIR" \
    --faces "$EMOJI_FACES_DIR" "$@" \
    || say "the sweep did not succeed; the UI shows each trial's reason"
  cat <<URLS

  Atelier UI   $APP_URL/ui/            (user admin, password admin — the demo's seeded user)
  MLflow UI    $ATELIER_MLFLOW_URI
  Temporal UI  http://127.0.0.1:$TEMPORAL_UI_PORT   (frontend $ATELIER_TEMPORAL_TARGET)
  Logs         $DATA/logs/

Serving until Ctrl-C (./atelier down stops everything from another terminal).
URLS
  while kill -0 "$(cat "$DATA/app.pid" 2>/dev/null || echo 0)" 2>/dev/null; do sleep 2; done
  say "the app stopped; see $DATA/logs/app.log"
  services_down demo
}
