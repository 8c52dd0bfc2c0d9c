"""Drives one real Dag run through Atelier with Airflow's own Python client.

apache-airflow-client (2.x) talks to Airflow's stable REST API v1; here it talks to Atelier's
/api/v1 and must not notice the difference. Every step prints what it did; any mismatch raises,
and the script exits non-zero. The last line is "airflow client e2e: N steps passed".

    python airflow_client_e2e.py --api http://127.0.0.1:8081/api/v1 --dataset DIR
"""

import argparse
import base64
import json
import sys
import time
import urllib.request
import uuid

import airflow_client.client as airflow
from airflow_client.client.api import dag_api, dag_run_api, dataset_api, monitoring_api
from airflow_client.client.api import task_instance_api
from airflow_client.client.exceptions import ApiException, NotFoundException
from airflow_client.client.model.clear_task_instances import ClearTaskInstances
from airflow_client.client.model.create_dataset_event import CreateDatasetEvent
from airflow_client.client.model.dag import DAG
from airflow_client.client.model.dag_run import DAGRun
from airflow_client.client.model.update_dag_run_state import UpdateDagRunState

DAG_ID = "emoji_dcgan_sweep"
STEPS = []


def step(text):
    STEPS.append(text)
    print(f"[{len(STEPS):2}] {text}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def problem(error):
    """Airflow's Error object from a refused call: {type, title, status, detail}."""
    body = json.loads(error.body)
    check(
        {"type", "title", "status", "detail"} <= body.keys(),
        f"error body is not Airflow's Error shape: {body}",
    )
    check(body["status"] == error.status, f"status field {body['status']} != HTTP {error.status}")
    return body


def expect_error(status, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ApiException as e:
        check(e.status == status, f"expected HTTP {status}, got {e.status}: {e.body}")
        return problem(e)
    raise AssertionError(f"expected HTTP {status}, the call succeeded")


def wait_for(what, probe, limit_s):
    deadline = time.time() + limit_s
    while time.time() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"{what}: not reached in {limit_s} s")


def reject_pending_reviews(args, run_id):
    """The Dag ends with pick_best >> review, which waits for a lead. Airflow 2's client has no
    call for that, so this answers like a lead would, through Atelier's review API: reject (the
    run then succeeds without promoting anything)."""
    base = args.api.rsplit("/api/v1", 1)[0] + "/api/atelier"
    token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}
    query = f"dag_id={DAG_ID}&run_id={run_id}&state=pending"
    req = urllib.request.Request(f"{base}/reviews?{query}", headers=headers)
    with urllib.request.urlopen(req) as response:
        pending = json.load(response)
    for review in pending:
        body = json.dumps({"reason": "airflow client e2e: nothing to promote"}).encode()
        req = urllib.request.Request(
            f"{base}/reviews/{review['id']}/reject", data=body, headers=headers, method="POST"
        )
        urllib.request.urlopen(req).close()


def tiny_conf(dataset, steps):
    return {
        "dataset_path": dataset,
        "steps": steps,
        "batch_size": 8,
        "sample_every": steps,
        "learning_rates": [0.0002],
        "latent_dims": [8, 16],
        "max_parallel_trials": 2,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--api", required=True, help="base URL of the API, ending in /api/v1")
    p.add_argument("--dataset", required=True, help="folder of training images")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    args = p.parse_args()

    config = airflow.Configuration(host=args.api, username=args.user, password=args.password)
    with airflow.ApiClient(config) as client:
        dags = dag_api.DAGApi(client)
        runs = dag_run_api.DAGRunApi(client)
        tis = task_instance_api.TaskInstanceApi(client)
        datasets = dataset_api.DatasetApi(client)

        health = monitoring_api.MonitoringApi(client).get_health()
        check(health.metadatabase.status.value == "healthy", f"metadatabase: {health}")
        check(health.scheduler.status.value == "healthy", f"scheduler: {health}")
        step("GET /health: metadatabase and scheduler healthy")

        listed = dags.get_dags(limit=100)
        ids = [d.dag_id for d in listed.dags]
        check(DAG_ID in ids, f"{DAG_ID} not in {ids}")
        check(listed.total_entries >= 1, f"total_entries {listed.total_entries}")
        step(f"GET /dags: {listed.total_entries} Dag(s), {DAG_ID} among them")

        dag = dags.get_dag(DAG_ID)
        check("sweep" in [t.name for t in dag.tags], f"tags {dag.tags}")
        step(f"GET /dags/{DAG_ID}: is_paused={dag.is_paused}, tags={[t.name for t in dag.tags]}")

        try:
            run_id = drive_run(args, dags, runs, tis)
            clear_dry_run(dags, run_id)
            mark_states(runs, run_id)
            clear_and_rerun(dags, runs, tis, run_id)
            dataset_events(datasets)
            errors(dags, runs, tis)
            delete_running_run(args, runs, tis)
        finally:
            dags.patch_dag(DAG_ID, DAG(is_paused=False), update_mask=["is_paused"])

    print(f"airflow client e2e: {len(STEPS)} steps passed", flush=True)


def drive_run(args, dags, runs, tis):
    paused = dags.patch_dag(DAG_ID, DAG(is_paused=True), update_mask=["is_paused"])
    check(paused.is_paused is True, f"is_paused after pausing: {paused.is_paused}")
    step("PATCH /dags/{dag_id}?update_mask=is_paused {is_paused: true}: paused")

    run_id = f"client_e2e_{uuid.uuid4().hex[:8]}"
    conf = tiny_conf(args.dataset, 4)
    run = runs.post_dag_run(DAG_ID, DAGRun(dag_run_id=run_id, conf=conf, note="airflow client"))
    check(run.state.value == "queued", f"new run state {run.state}")
    check(run.conf["latent_dims"] == [8, 16], f"conf echoed: {run.conf}")
    step(f"POST /dags/{DAG_ID}/dagRuns while paused: {run_id} queued, conf echoed")

    time.sleep(3)
    held = runs.get_dag_run(DAG_ID, run_id)
    none_yet = tis.get_task_instances(DAG_ID, run_id)
    check(held.state.value == "queued", f"a paused Dag's run must stay queued: {held.state}")
    check(none_yet.total_entries == 0, f"no task may start while paused: {none_yet}")
    step("3 s later the run is still queued with no task instance: pause is honoured")

    unpaused = dags.patch_dag(DAG_ID, DAG(is_paused=False), update_mask=["is_paused"])
    check(unpaused.is_paused is False, "unpause")
    step("PATCH is_paused=false: unpaused, the waiting run starts")

    started = time.time()

    def finished():
        r = runs.get_dag_run(DAG_ID, run_id)
        if r.state.value in ("success", "failed"):
            return r
        reject_pending_reviews(args, run_id)
        return None

    done = wait_for("run end", finished, 300)
    check(done.state.value == "success", f"run ended {done.state}")
    check(done.start_date is not None and done.end_date is not None, "run dates")
    step(f"polled GET /dagRuns/{run_id}: success after {time.time() - started:.0f} s")

    listed = runs.get_dag_runs(DAG_ID, order_by="-execution_date", limit=5)
    check(listed.dag_runs[0].dag_run_id == run_id, "newest run first with order_by")
    step(f"GET /dagRuns?order_by=-execution_date: {listed.total_entries} run(s), ours first")

    got = tis.get_task_instances(DAG_ID, run_id)
    seen = sorted((t.task_id, t.map_index, t.state.value) for t in got.task_instances)
    expected = [
        ("pick_best", -1, "success"),
        ("prepare_dataset", -1, "success"),
        ("review", -1, "success"),
        ("train", 0, "success"),
        ("train", 1, "success"),
    ]
    check(seen == expected, f"task instances {seen}")
    check(got.total_entries == 5, f"total_entries {got.total_entries}")
    step(f"GET /taskInstances: {seen}")

    prep = tis.get_task_instance(DAG_ID, run_id, "prepare_dataset")
    check(prep.state.value == "success" and prep.duration is not None, f"{prep}")
    step(f"GET /taskInstances/prepare_dataset: success in {prep.duration:.1f} s")

    trial = tis.get_mapped_task_instance(DAG_ID, run_id, "train", 1)
    check(trial.map_index == 1 and trial.rendered_map_index == "1", f"{trial}")
    check(trial.operator == "TrainOperator" and trial.try_number >= 1, f"{trial}")
    step(f"GET /taskInstances/train/1: map_index 1, try {trial.try_number}, {trial.operator}")

    mapped = tis.get_mapped_task_instances(DAG_ID, run_id, "train", order_by="-map_index")
    check([t.map_index for t in mapped.task_instances] == [1, 0], f"{mapped}")
    step("GET /taskInstances/train/listMapped?order_by=-map_index: [1, 0]")

    body = expect_error(404, tis.get_task_instance, DAG_ID, run_id, "train")
    check("mapped" in body["detail"], body)
    step(f"GET /taskInstances/train (mapped, no index): 404 '{body['detail']}'")
    return run_id


def clear_dry_run(dags, run_id):
    would = dags.post_clear_task_instances(
        DAG_ID,
        ClearTaskInstances(
            dry_run=True, dag_run_id=run_id, task_ids=["train"], only_failed=False,
            include_downstream=True,
        ),
    )
    refs = sorted((r.task_id, r.dag_run_id) for r in would.task_instances)
    expected = [("pick_best", run_id), ("review", run_id), ("train", run_id), ("train", run_id)]
    check(refs == expected, f"clear dry run: {refs}")
    step(f"POST /clearTaskInstances dry_run, train + downstream: {len(refs)} references")


def mark_states(runs, run_id):
    failed = runs.update_dag_run_state(DAG_ID, run_id, UpdateDagRunState(state="failed"))
    check(failed.state.value == "failed", f"{failed.state}")
    step("PATCH /dagRuns/{id} {state: failed}: failed")
    ok = runs.update_dag_run_state(DAG_ID, run_id, UpdateDagRunState(state="success"))
    check(ok.state.value == "success", f"{ok.state}")
    step("PATCH /dagRuns/{id} {state: success}: success again")


def clear_and_rerun(dags, runs, tis, run_id):
    cleared = dags.post_clear_task_instances(
        DAG_ID,
        ClearTaskInstances(
            dry_run=False, dag_run_id=run_id, task_ids=["pick_best"], only_failed=False
        ),
    )
    check([r.task_id for r in cleared.task_instances] == ["pick_best"], f"{cleared}")
    step("POST /clearTaskInstances dry_run=false, pick_best: cleared, the run runs again")

    def ended_again():
        r = runs.get_dag_run(DAG_ID, run_id)
        return r if r.state.value in ("success", "failed") else None

    again = wait_for("re-run end", ended_again, 300)
    check(again.state.value == "success", f"re-run ended {again.state}")
    best = tis.get_task_instance(DAG_ID, run_id, "pick_best")
    check(best.state.value == "success", f"pick_best after the re-run: {best.state}")
    step(f"polled the re-run of {run_id} to success; pick_best success again")


def dataset_events(datasets):
    uri = f"file:///data/client-e2e-{uuid.uuid4().hex[:8]}"
    event = datasets.create_dataset_event(CreateDatasetEvent(dataset_uri=uri, extra={"images": 16}))
    check(event.dataset_uri == uri and event.extra["images"] == 16, f"{event}")
    check(event.extra.get("from_rest_api") is True, f"{event.extra}")
    step(f"POST /datasets/events: event {event.timestamp} on dataset {event.dataset_id}")

    found = datasets.get_datasets(uri_pattern=uri.rsplit("/", 1)[1])
    check([d.uri for d in found.datasets] == [uri], f"{found}")
    step(f"GET /datasets?uri_pattern=...: {uri}")

    one = datasets.get_dataset(uri)
    check(one.id == event.dataset_id and one.uri == uri, f"{one}")
    step(f"GET /datasets/{{uri}} (URI percent-encoded by the client): dataset {one.id}")

    body = expect_error(404, datasets.get_dataset, uri + "-missing")
    step(f"GET /datasets/{{unknown uri}}: 404 '{body['title']}'")

    events = datasets.get_dataset_events(dataset_id=event.dataset_id)
    check(events.total_entries == 1 and events.dataset_events[0].dataset_uri == uri, f"{events}")
    step(f"GET /datasets/events?dataset_id={event.dataset_id}: 1 event")


def errors(dags, runs, tis):
    body = expect_error(404, dags.get_dag, "no_such_dag")
    step(f"GET /dags/no_such_dag: 404 '{body['title']}'")

    body = expect_error(404, runs.get_dag_run, DAG_ID, "no_such_run")
    step(f"GET /dagRuns/no_such_run: 404 '{body['detail']}'")

    bad = DAGRun(conf={"batch_size": 0, "model": "stylegan9"})
    body = expect_error(400, runs.post_dag_run, DAG_ID, bad)
    check("params.batch_size" in body["detail"] and "params.model" in body["detail"], body)
    step(f"POST /dagRuns with a bad conf: 400 '{body['detail'][:90]}...'")

    body = expect_error(400, dags.patch_dag, DAG_ID, DAG(is_paused=True), update_mask=["owners"])
    check("is_paused" in body["detail"], body)
    step(f"PATCH /dags with update_mask=owners: 400 '{body['detail'][:70]}...'")

    body = expect_error(400, runs.get_dag_runs, DAG_ID, order_by="colour")
    check("order_by: 'colour'" in body["detail"], body)
    step(f"GET /dagRuns?order_by=colour: 400 '{body['detail'][:60]}...'")


def delete_running_run(args, runs, tis):
    run_id = f"client_e2e_delete_{uuid.uuid4().hex[:8]}"
    runs.post_dag_run(DAG_ID, DAGRun(dag_run_id=run_id, conf=tiny_conf(args.dataset, 100000)))

    def training():
        got = tis.get_task_instances(DAG_ID, run_id, state=["running"])
        return any(t.task_id == "train" for t in got.task_instances)

    wait_for("a trial running", training, 180)
    step(f"triggered {run_id} (100000 steps); its trials are running")

    runs.delete_dag_run(DAG_ID, run_id)
    step(f"DELETE /dagRuns/{run_id}: 204, its workflow cancelled and its trials stopped")
    body = expect_error(404, runs.get_dag_run, DAG_ID, run_id)
    step(f"GET /dagRuns/{run_id} after delete: 404")
    print(f"deleted run: {run_id}", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the JUnit side shows this output when the exit code is not 0
        print(f"airflow client e2e FAILED after {len(STEPS)} steps: {e!r}", flush=True)
        raise
    sys.exit(0)
