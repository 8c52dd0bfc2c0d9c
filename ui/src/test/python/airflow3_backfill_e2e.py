"""Backfills, Dag versions and pools through Atelier's /api/v2 with Airflow's own Python client 3.x.

The companion of airflow3_client_e2e.py (same client, same venv .atelier/venv-airflow3): a token
from POST /auth/token; the Dag versions of test_yearly listed, one read by number and named as the
latest in the Dag's details; a backfill of test_yearly dry-run, created, read, listed, paused,
unpaused and cancelled (its runs that had not started fail, it completes, a second cancel is 409);
a pool created, resized, read, listed and deleted (default_pool cannot be). The client parses every
answer into its pydantic models, so a field of the wrong type or a missing required one fails the
script. The last line is "airflow 3 backfill e2e: N steps passed".

    python airflow3_backfill_e2e.py --base http://127.0.0.1:8081
"""

import argparse
import uuid
from datetime import datetime, timezone

import airflow_client.client as airflow
from airflow_client.client.api import backfill_api, dag_api, dag_run_api, dag_version_api, pool_api
from airflow_client.client.models.backfill_post_body import BackfillPostBody
from airflow_client.client.models.dag_patch_body import DAGPatchBody
from airflow_client.client.models.pool_body import PoolBody
from airflow_client.client.models.pool_patch_body import PoolPatchBody
from airflow_client.client.models.reprocess_behavior import ReprocessBehavior
from airflow3_e2e_common import STEPS, step, check, token, expect_error

DAG_ID = "test_yearly"


def dag_versions(client):
    versions = dag_version_api.DagVersionApi(client)
    listed = versions.get_dag_versions(DAG_ID)
    check(listed.total_entries >= 1, f"no versions of {DAG_ID}: {listed}")
    numbers = [v.version_number for v in listed.dag_versions]
    check(numbers == sorted(numbers), f"versions not in order: {numbers}")
    latest = listed.dag_versions[-1]
    step(f"GET /dags/{DAG_ID}/dagVersions: versions {numbers}, bundle {latest.bundle_name}"
         f" {latest.bundle_version}")
    one = versions.get_dag_version(DAG_ID, latest.version_number)
    check(one.id == latest.id, f"{one} is not {latest}")
    step(f"GET /dagVersions/{latest.version_number}: id {one.id}")
    details = dag_api.DAGApi(client).get_dag_details(DAG_ID)
    check(details.latest_dag_version is not None, f"no latest_dag_version in {details}")
    check(details.latest_dag_version.version_number == latest.version_number,
          f"latest_dag_version {details.latest_dag_version} is not {latest}")
    step(f"GET /dags/{DAG_ID}/details: latest_dag_version {latest.version_number}")
    expect_error(404, versions.get_dag_version, DAG_ID, 999999)
    step("GET /dagVersions/999999: 404")


def backfills(client):
    dags = dag_api.DAGApi(client)
    api = backfill_api.BackfillApi(client)
    # Paused, the Dag starts none of the backfill's runs, so cancelling has runs to fail.
    dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=True), update_mask=["is_paused"])
    body = BackfillPostBody(
        dag_id=DAG_ID,
        from_date=datetime(2020, 6, 1, tzinfo=timezone.utc),
        to_date=datetime(2023, 1, 1, tzinfo=timezone.utc),
        max_active_runs=2,
        reprocess_behavior=ReprocessBehavior.NONE,
        run_backwards=False,
    )
    dry = api.create_backfill_dry_run(body)
    years = [d.logical_date.year for d in dry.backfills]
    check(years == [2021, 2022, 2023], f"dry run: {years}")
    step(f"POST /backfills/dry_run: logical dates of {years}")
    created = api.create_backfill(body)
    check(created.dag_id == DAG_ID and not created.is_paused and created.completed_at is None,
          f"created: {created}")
    check(created.max_active_runs == 2, f"max_active_runs: {created}")
    step(f"POST /backfills: backfill {created.id}, reprocess {created.reprocess_behavior.value}")
    check(api.get_backfill(created.id).id == created.id, "get_backfill")
    listed = api.list_backfills(dag_id=DAG_ID)
    check(created.id in [b.id for b in listed.backfills], f"list: {listed}")
    step(f"GET /backfills?dag_id={DAG_ID}: {listed.total_entries} backfill(s), ours in")
    check(api.pause_backfill(created.id).is_paused, "pause")
    check(not api.unpause_backfill(created.id).is_paused, "unpause")
    step("PUT /backfills/{id}/pause then /unpause")
    cancelled = api.cancel_backfill(created.id)
    check(cancelled.completed_at is not None, f"cancel: {cancelled}")
    step(f"PUT /backfills/{created.id}/cancel: completed at {cancelled.completed_at}")
    runs = dag_run_api.DagRunApi(client).get_dag_runs(
        DAG_ID, logical_date_lte=datetime(2023, 1, 2, tzinfo=timezone.utc))
    ours = [r for r in runs.dag_runs if r.run_type.value == "backfill"]
    check(len(ours) == 3 and all(r.state.value == "failed" for r in ours),
          f"the backfill's runs: {[(r.dag_run_id, r.state) for r in ours]}")
    check(all(r.dag_versions for r in ours), "each run names its Dag version")
    step("GET /dagRuns: the 3 runs that had not started failed, each with its Dag version")
    err = expect_error(409, api.cancel_backfill, created.id)
    step(f"PUT /backfills/{created.id}/cancel again: 409 '{err.get('detail')}'")
    dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=False), update_mask=["is_paused"])


def pools(client):
    api = pool_api.PoolApi(client)
    name = f"e2e_gpu_{uuid.uuid4().hex[:8]}"
    created = api.post_pool(PoolBody(name=name, slots=2, description="two GPUs"))
    check(created.slots == 2 and created.open_slots == 2, f"created: {created}")
    step(f"POST /pools {{name: {name}, slots: 2}}: open_slots {created.open_slots}")
    patched = api.patch_pool(name, PoolPatchBody(slots=4), update_mask=["slots"])
    check(patched.slots == 4 and patched.description == "two GPUs", f"patched: {patched}")
    step(f"PATCH /pools/{name} {{slots: 4}}: slots {patched.slots}")
    check(api.get_pool(name).slots == 4, "get_pool")
    check(name in [p.name for p in api.get_pools(limit=100).pools], "get_pools")
    api.delete_pool(name)
    expect_error(404, api.get_pool, name)
    step(f"DELETE /pools/{name}: 204, then GET 404")
    err = expect_error(400, api.delete_pool, "default_pool")
    step(f"DELETE /pools/default_pool: 400 '{err.get('detail')}'")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True, help="the app's base URL (no /api/v2)")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    args = p.parse_args()

    jwt = token(args.base, args.user, args.password)
    step("POST /auth/token: an access_token")
    config = airflow.Configuration(host=args.base, access_token=jwt)
    with airflow.ApiClient(config) as client:
        dag_versions(client)
        backfills(client)
        pools(client)
    print(f"airflow 3 backfill e2e: {len(STEPS)} steps passed", flush=True)


if __name__ == "__main__":
    main()
