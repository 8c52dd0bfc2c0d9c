"""Drives one real Dag run through Atelier's /api/v2 with Airflow's own Python client 3.x.

apache-airflow-client (3.x) talks to Airflow 3's REST API v2 with a JWT from POST /auth/token;
here it talks to Atelier and must not notice the difference. It shares the `airflow_client`
package name with the 2.x client, so it lives in its own venv (.atelier/venv-airflow3). Every
step prints what it did; any mismatch raises, and the script exits non-zero. The last line is
"airflow 3 client e2e: N steps passed".

    python airflow3_client_e2e.py --base http://127.0.0.1:8081 --dataset DIR
"""

import argparse
import json
import time
import urllib.request
import uuid

import airflow_client.client as airflow
from airflow_client.client.api import dag_api, dag_run_api, monitor_api, task_instance_api
from airflow_client.client.api import version_api, x_com_api
from airflow_client.client.models.dag_runs_batch_body import DAGRunsBatchBody
from airflow_client.client.models.dag_patch_body import DAGPatchBody
from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody
from airflow3_e2e_common import STEPS, step, check, post_json, token, expect_error, wait_for

DAG_ID = "emoji_dcgan_sweep"


def reject_pending_reviews(base, jwt, run_id):
    """The Dag ends with a review that waits for a lead; answer it through Atelier's review API
    (Airflow 3's hitlDetails are not served yet): reject, so the run succeeds promoting nothing."""
    headers = {"Authorization": f"Bearer {jwt}", "Content-Type": "application/json"}
    query = f"dag_id={DAG_ID}&run_id={run_id}&state=pending"
    req = urllib.request.Request(f"{base}/api/atelier/reviews?{query}", headers=headers)
    with urllib.request.urlopen(req) as response:
        pending = json.load(response)
    for review in pending:
        post_json(
            f"{base}/api/atelier/reviews/{review['id']}/reject",
            {"reason": "airflow 3 client e2e: nothing to promote"},
            headers,
        )


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True, help="the app's base URL (no /api/v2)")
    p.add_argument("--dataset", required=True, help="folder of training images")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    args = p.parse_args()

    jwt = token(args.base, args.user, args.password)
    step("POST /auth/token {username, password}: 201 with an access_token")

    config = airflow.Configuration(host=args.base, access_token=jwt)
    with airflow.ApiClient(config) as client:
        dags = dag_api.DAGApi(client)
        runs = dag_run_api.DagRunApi(client)
        tis = task_instance_api.TaskInstanceApi(client)
        xcoms = x_com_api.XComApi(client)

        version = version_api.VersionApi(client).get_version()
        check(version.version, f"version: {version}")
        step(f"GET /api/v2/version: {version.version}")

        health = monitor_api.MonitorApi(client).get_health()
        check(health.metadatabase.status == "healthy", f"metadatabase: {health}")
        check(health.scheduler.status == "healthy", f"scheduler: {health}")
        step("GET /api/v2/monitor/health: metadatabase and scheduler healthy")

        listed = dags.get_dags(limit=100)
        ids = [d.dag_id for d in listed.dags]
        check(DAG_ID in ids, f"{DAG_ID} not in {ids}")
        step(f"GET /api/v2/dags: {listed.total_entries} Dag(s), {DAG_ID} among them")

        unpaused = dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=False), update_mask=["is_paused"])
        check(unpaused.is_paused is False, f"is_paused {unpaused.is_paused}")
        step("PATCH /api/v2/dags/{dag_id} {is_paused: false}: unpaused")

        run_id = f"client3_e2e_{uuid.uuid4().hex[:8]}"
        conf = {
            "dataset_path": args.dataset,
            "steps": 4,
            "batch_size": 8,
            "sample_every": 4,
            "learning_rates": [0.0002],
            "latent_dims": [8, 16],
            "max_parallel_trials": 2,
        }
        run = runs.trigger_dag_run(
            DAG_ID, TriggerDAGRunPostBody(dag_run_id=run_id, conf=conf, logical_date=None)
        )
        check(run.dag_run_id == run_id and run.conf["latent_dims"] == [8, 16], f"{run}")
        check(run.logical_date is None and run.data_interval_start is None, f"{run}")
        check(run.run_after is not None and run.run_type.value == "manual", f"{run}")
        step(f"POST /dagRuns {{conf, logical_date: null}}: {run_id} {run.state.value}, "
             f"no logical date, run_after {run.run_after.isoformat()}")

        def finished():
            r = runs.get_dag_run(DAG_ID, run_id)
            if r.state.value in ("success", "failed"):
                return r
            reject_pending_reviews(args.base, jwt, run_id)
            return None

        started = time.time()
        done = wait_for("run end", finished, 300)
        check(done.state.value == "success", f"run ended {done.state}")
        check(done.duration is not None and done.duration >= 0, f"duration {done.duration}")
        step(f"polled GET /dagRuns/{run_id}: success after {time.time() - started:.0f} s")

        everywhere = runs.get_dag_runs(
            "~", order_by=["run_after"], run_after_gte=run.run_after, limit=100)
        check(everywhere.dag_runs[0].dag_run_id == run_id, f"{everywhere}")
        step(f"GET /dags/~/dagRuns?order_by=run_after&run_after_gte=ours: ours first of "
             f"{everywhere.total_entries}")

        batch = runs.get_list_dag_runs_batch(
            "~", DAGRunsBatchBody(dag_ids=[DAG_ID], states=["success"], order_by="-run_after",
                                  run_after_gte=run.run_after, page_limit=10))
        check(run_id in [r.dag_run_id for r in batch.dag_runs], f"{batch}")
        step(f"POST /dags/~/dagRuns/list {{dag_ids, states, run_after_gte}}: "
             f"{batch.total_entries} run(s), ours in")

        got = tis.get_task_instances(DAG_ID, run_id)
        seen = sorted((t.task_id, t.map_index, t.state.value) for t in got.task_instances)
        check(("train", 0, "success") in seen and ("train", 1, "success") in seen, f"{seen}")
        step(f"GET /taskInstances: {seen}")

        trial = tis.get_mapped_task_instance(DAG_ID, run_id, "train", 1)
        check(trial.map_index == 1 and trial.rendered_map_index == "1", f"{trial}")
        step(f"GET /taskInstances/train/1: map_index 1, try {trial.try_number}, {trial.operator}")

        mapped = tis.get_mapped_task_instances(DAG_ID, run_id, "train", order_by=["-map_index"])
        check([t.map_index for t in mapped.task_instances] == [1, 0], f"{mapped}")
        step("GET /taskInstances/train/listMapped?order_by=-map_index: [1, 0]")

        tries = tis.get_mapped_task_instance_tries(DAG_ID, run_id, "train", 0)
        check(tries.total_entries == 1, f"{tries}")
        step(f"GET /taskInstances/train/0/tries: try {tries.task_instances[0].try_number}")

        body = expect_error(404, tis.get_task_instance, DAG_ID, run_id, "train")
        check("mapped" in body["detail"], body)
        step(f"GET /taskInstances/train (mapped, no index): 404 '{body['detail']}'")

        entries = xcoms.get_xcom_entries(DAG_ID, run_id, "train", map_index=0)
        keys = [e.key for e in entries.xcom_entries]
        check("return_value" in keys, f"train[0]'s XComs: {keys}")
        value = xcoms.get_xcom_entry(DAG_ID, "train", run_id, "return_value", map_index=0)
        check(value.actual_instance.value is not None, f"{value}")
        step(f"GET /xcomEntries of train[0]: {keys}; return_value read")

        bad = expect_error(422, runs.get_dag_runs, DAG_ID, state=["finished"])
        entry = bad["detail"][0]
        check(entry["loc"] == ["query", "state"] and entry["input"] == "finished", bad)
        step(f"GET /dagRuns?state=finished: 422 '{entry['msg']}'")

        expect_error(404, runs.get_dag_run, DAG_ID, "no_such_run")
        step("GET /dagRuns/no_such_run: 404")

    print(f"airflow 3 client e2e: {len(STEPS)} steps passed", flush=True)


if __name__ == "__main__":
    main()
