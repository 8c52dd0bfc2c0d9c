# Starts and stops Atelier's real components on this machine: PostgreSQL, the Temporal dev
# server, the MLflow tracking server and an S3-compatible server (s3.sh). Sourced by ./atelier;
# every function is idempotent.
#
# A "profile" keeps the demo's and the tests' services apart (own ports, own data):
#   demo: PostgreSQL 5432, Temporal 7233 (UI 8233), MLflow 5000, S3 7070, data under .atelier/demo
#   test: PostgreSQL 55432, Temporal 57233 (UI 58233), MLflow 55000, S3 57070, data under
#         .atelier/test
#   dev:  PostgreSQL 56432, Temporal 56233 (UI 56234), MLflow 56000, S3 56070, data under
#         .atelier/dev — long-lived services to run single tests against (`./atelier services
#         dev`), which `./atelier test` never stops or wipes
# Point at existing services instead by exporting ATELIER_DB_URL, ATELIER_TEMPORAL_TARGET,
# ATELIER_MLFLOW_URI or ATELIER_S3_ENDPOINT before running ./atelier; a service whose variable is
# set is not started.

# shellcheck source=scripts/s3.sh
. "$ROOT/scripts/s3.sh"

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

profile_ports() { # profile -> sets PG_PORT TEMPORAL_PORT TEMPORAL_UI_PORT MLFLOW_PORT S3_PORT DATA
  case "$1" in
    demo) PG_PORT=5432 TEMPORAL_PORT=7233 TEMPORAL_UI_PORT=8233 MLFLOW_PORT=5000 S3_PORT=7070 ;;
    test) PG_PORT=55432 TEMPORAL_PORT=57233 TEMPORAL_UI_PORT=58233 MLFLOW_PORT=55000 S3_PORT=57070 ;;
    dev) PG_PORT=56432 TEMPORAL_PORT=56233 TEMPORAL_UI_PORT=56234 MLFLOW_PORT=56000 S3_PORT=56070 ;;
    *) echo "unknown profile '$1' (expected demo, test or dev)" >&2; return 2 ;;
  esac
  DATA="$ATELIER_DIR/$1"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when our own service (pid file in $DATA) is running; fails loudly when a stranger holds
# the port, rather than silently testing against someone else's data.
already_ours() { # name port
  port_open "$2" || return 1
  local pid
  pid=$(cat "$DATA/$1.pid" 2>/dev/null || echo 0)
  if kill -0 "$pid" 2>/dev/null; then return 0; fi
  echo "atelier: port $2 for $1 is taken by a process this profile did not start" >&2
  exit 1
}

wait_for() { # description, seconds, command...
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 2))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "atelier: $what did not come up within ${secs}s; see $DATA/logs/" >&2
  return 1
}

start_postgres() {
  if [ -n "${ATELIER_DB_URL:-}" ]; then return 0; fi
  local pgdata="$DATA/pgdata"
  mkdir -p "$DATA/logs" "$DATA/pgsock"
  chown postgres "$DATA" "$DATA/logs" "$DATA/pgsock"
  chmod 755 "$ATELIER_DIR" "$DATA"
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    mkdir -p "$pgdata" && chown postgres "$pgdata"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >"$DATA/logs/initdb.log" 2>&1
  fi
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pgdata" -l "$DATA/logs/postgres.log" -w \
      -o "-p $PG_PORT -k $DATA/pgsock -c listen_addresses=127.0.0.1" start >/dev/null ||
      { echo "atelier: PostgreSQL did not start (port $PG_PORT taken?); see $DATA/logs/postgres.log" >&2; return 1; }
  fi
  wait_for PostgreSQL 30 "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" || return 1
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='atelier'" | grep -q 1 ||
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database atelier" >/dev/null
  export ATELIER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/atelier"
  export ATELIER_DB_USER=postgres ATELIER_DB_PASSWORD=postgres
  STARTED_PG=1
}

start_temporal() {
  if [ -n "${ATELIER_TEMPORAL_TARGET:-}" ]; then return 0; fi
  mkdir -p "$DATA/logs"
  if ! already_ours temporal "$TEMPORAL_PORT"; then
    setsid nohup "$VENV/bin/temporal" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
      --ui-port "$TEMPORAL_UI_PORT" --db-filename "$DATA/temporal.db" --log-level warn \
      >"$DATA/logs/temporal.log" 2>&1 &
    echo $! >"$DATA/temporal.pid"
  fi
  wait_for Temporal 60 "$VENV/bin/temporal" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" || return 1
  export ATELIER_TEMPORAL_TARGET="127.0.0.1:$TEMPORAL_PORT"
}

start_mlflow() {
  if [ -n "${ATELIER_MLFLOW_URI:-}" ]; then return 0; fi
  mkdir -p "$DATA/logs" "$DATA/mlartifacts"
  if ! already_ours mlflow "$MLFLOW_PORT"; then
    setsid nohup "$VENV/bin/mlflow" server --host 127.0.0.1 --port "$MLFLOW_PORT" --workers 2 \
      --backend-store-uri "sqlite:///$DATA/mlflow.db" --serve-artifacts \
      --artifacts-destination "$DATA/mlartifacts" >"$DATA/logs/mlflow.log" 2>&1 &
    echo $! >"$DATA/mlflow.pid"
  fi
  wait_for MLflow 120 curl -sf "http://127.0.0.1:$MLFLOW_PORT/health" || return 1
  export ATELIER_MLFLOW_URI="http://127.0.0.1:$MLFLOW_PORT"
}

services_up() { # profile
  profile_ports "$1" || return 2
  start_postgres && start_temporal && start_mlflow && start_s3
}

services_down() { # profile
  profile_ports "$1" || return 2
  local f pid
  # Each service was started with setsid, so its pid is its process group: stopping the group
  # also stops the workers MLflow forks.
  for f in "$DATA"/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -TERM -- "-$pid" 2>/dev/null; then
      for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  if [ -f "$DATA/pgdata/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pgdata" -m fast stop >/dev/null 2>&1 || true
  fi
}
