# ./atelier backfill DAG_ID --start ISO --end ISO [--conf JSON]: Airflow's backfill, through the
# running app's API (POST /api/atelier/dags/{dag_id}/backfills). One run per data interval of the
# Dag's schedule whose logical date lies in [start, end]; they start as max_active_runs allows.
# ATELIER_URL (default http://127.0.0.1:8080), ATELIER_USER and ATELIER_PASSWORD (admin/admin, the
# demo's) say which app and who asks.

backfill_usage() {
  echo "usage: ./atelier backfill DAG_ID --start 2026-01-01T00:00:00Z --end 2026-01-31T00:00:00Z [--conf '{\"k\": 1}']" >&2
}

run_backfill() {
  local dag="" start="" end="" conf="{}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --start) start=${2:-}; shift 2 || { backfill_usage; return 2; } ;;
      --end) end=${2:-}; shift 2 || { backfill_usage; return 2; } ;;
      --conf) conf=${2:-}; shift 2 || { backfill_usage; return 2; } ;;
      -h | --help) backfill_usage; return 0 ;;
      -*) say "backfill: unknown option '$1'"; backfill_usage; return 2 ;;
      *)
        if [ -n "$dag" ]; then say "backfill: one DAG_ID, got '$dag' and '$1'"; backfill_usage; return 2; fi
        dag=$1; shift ;;
    esac
  done
  if [ -z "$dag" ] || [ -z "$start" ] || [ -z "$end" ]; then
    say "backfill: DAG_ID, --start and --end are required"
    backfill_usage
    return 2
  fi
  local body out code
  body=$(python3 -c 'import json, sys; print(json.dumps({"from_date": sys.argv[1], "to_date": sys.argv[2], "dag_run_conf": json.loads(sys.argv[3])}))' \
    "$start" "$end" "$conf" 2>/dev/null) || { say "backfill: --conf '$conf' is not a JSON object"; return 2; }
  out=$(mktemp)
  code=$(curl -sS -o "$out" -w '%{http_code}' -u "${ATELIER_USER:-admin}:${ATELIER_PASSWORD:-admin}" \
    -H 'Content-Type: application/json' -X POST --data "$body" \
    "${ATELIER_URL:-http://127.0.0.1:8080}/api/atelier/dags/$dag/backfills") || { rm -f "$out"; say "backfill: the app at ${ATELIER_URL:-http://127.0.0.1:8080} did not answer; is it running (./atelier demo)?"; return 1; }
  python3 - "$out" "$code" <<'PY'
import json, sys
try:
    body = json.load(open(sys.argv[1]))
except ValueError:
    print(f"atelier: backfill: the app answered {sys.argv[2]} without JSON", file=sys.stderr)
    sys.exit(1)
if sys.argv[2] != "200":
    print(f"atelier: backfill refused ({sys.argv[2]}): {body.get('detail', body)}", file=sys.stderr)
    sys.exit(1)
print(f"backfill of {body['dag_id']}: {body['total_entries']} run(s) created")
for run in body["dag_runs"]:
    print(f"  {run['dag_run_id']}  {run['data_interval_start']} .. {run['data_interval_end']}  {run['state']}")
for run_id in body["existing_dag_run_ids"]:
    print(f"  {run_id}  (already there: left alone)")
PY
  local rc=$?
  rm -f "$out"
  return $rc
}
