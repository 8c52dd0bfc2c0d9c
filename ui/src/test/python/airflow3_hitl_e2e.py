"""Answers a review through Airflow 3's human-in-the-loop API with Airflow's own Python client 3.x.

The demo sweep ends in a ReviewOperator: the run waits until a lead answers. Here the answer comes
through /api/v2's hitlDetails, as an Airflow 3.1+ user answers a HITLOperator: the script
triggers a tiny sweep, waits for the review's HITL detail to appear, refuses a bad option (422),
approves with the client's update_hitl_detail, and sees the run succeed, the review approved in
Atelier's own review API, and a second answer refused (409). The client parses every answer into
its pydantic models (HITLDetail, HITLDetailResponse, ...), so a wrong shape fails the script. The
last line is "airflow 3 hitl e2e: N steps passed".

    python airflow3_hitl_e2e.py --base http://127.0.0.1:8081 --dataset DIR
"""

import argparse
import json
import time
import urllib.request
import uuid

import airflow_client.client as airflow
from airflow_client.client.api import dag_api, dag_run_api, task_instance_api
from airflow_client.client.models.dag_patch_body import DAGPatchBody
from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody
from airflow_client.client.models.update_hitl_detail_payload import UpdateHITLDetailPayload
from airflow3_e2e_common import STEPS, step, check, token, expect_error, wait_for

DAG_ID = "emoji_dcgan_sweep"
REVIEW = "review"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True, help="the app's base URL (no /api/v2)")
    p.add_argument("--dataset", required=True, help="folder of training images")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    args = p.parse_args()

    jwt = token(args.base, args.user, args.password)
    config = airflow.Configuration(host=args.base, access_token=jwt)
    with airflow.ApiClient(config) as client:
        dags = dag_api.DAGApi(client)
        runs = dag_run_api.DagRunApi(client)
        tis = task_instance_api.TaskInstanceApi(client)

        dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=False), update_mask=["is_paused"])
        run_id = f"client3_hitl_{uuid.uuid4().hex[:8]}"
        conf = {
            "dataset_path": args.dataset,
            "steps": 4,
            "batch_size": 8,
            "sample_every": 4,
            "learning_rates": [0.0002],
            "latent_dims": [8, 16],
            "max_parallel_trials": 2,
        }
        runs.trigger_dag_run(
            DAG_ID, TriggerDAGRunPostBody(dag_run_id=run_id, conf=conf, logical_date=None)
        )
        step(f"POST /dags/{DAG_ID}/dagRuns: {run_id}, a sweep ending in a ReviewOperator")

        leftovers = []

        def pending():
            state = runs.get_dag_run(DAG_ID, run_id).state.value
            check(state not in ("success", "failed"), f"run ended {state} before its review")
            found = tis.get_hitl_details(DAG_ID, "~", task_id=REVIEW, response_received=False)
            ours = None
            for d in found.hitl_details:
                if d.task_instance.dag_run_id == run_id:
                    ours = d
                    continue
                # The Dag runs one run at a time (max_active_runs 1): a review an aborted earlier
                # test left waiting holds ours in the queue, so it is answered here, via HITL too.
                tis.update_hitl_detail(
                    DAG_ID,
                    d.task_instance.dag_run_id,
                    REVIEW,
                    -1,
                    UpdateHITLDetailPayload(
                        chosen_options=["Reject"],
                        params_input={"reason": "left waiting by an aborted earlier test"},
                    ),
                )
                leftovers.append(d.task_instance.dag_run_id)
            # The review opens, then its task defers: it waits without a worker, as in Airflow.
            if ours is not None and ours.task_instance.state.value == "deferred":
                return ours
            return None

        started = time.time()
        detail = wait_for("the review's HITL detail", pending, 300)
        check(detail.options == ["Approve", "Reject"], f"options {detail.options}")
        check(detail.subject == "Promote this sweep's best trial?", f"subject {detail.subject}")
        candidate = detail.params["candidate"]["value"]
        check(candidate in detail.params["candidate"]["schema"]["enum"], f"{detail.params}")
        step(
            f"GET /dagRuns/~/hitlDetails?response_received=false: the review after "
            f"{time.time() - started:.0f} s, {detail.options}, candidate {candidate}"
            + (f" (rejected {len(leftovers)} leftover review(s) first)" if leftovers else "")
        )

        one = tis.get_hitl_detail(DAG_ID, run_id, REVIEW, -1)
        check(one.response_received is False and one.chosen_options is None, f"{one}")
        step("GET /taskInstances/review/-1/hitlDetails: pending, no answer yet")

        bad = expect_error(
            422,
            tis.update_hitl_detail,
            DAG_ID,
            run_id,
            REVIEW,
            -1,
            UpdateHITLDetailPayload(chosen_options=["Maybe"], params_input={"reason": "x"}),
        )
        entry = bad["detail"][0]
        check(entry["loc"] == ["body", "chosen_options", 0] and entry["input"] == "Maybe", bad)
        step(f"PATCH hitlDetails {{chosen_options: [Maybe]}}: 422 '{entry['msg']}'")

        answered = tis.update_hitl_detail(
            DAG_ID,
            run_id,
            REVIEW,
            -1,
            UpdateHITLDetailPayload(
                chosen_options=["Approve"],
                params_input={"reason": "airflow 3 hitl e2e: approve pick_best's pick"},
            ),
        )
        check(answered.chosen_options == ["Approve"], f"{answered}")
        check(answered.responded_by.name == args.user, f"{answered.responded_by}")
        check(answered.params_input["candidate"] == candidate, f"{answered.params_input}")
        step(
            f"PATCH hitlDetails {{chosen_options: [Approve]}}: approved {candidate} at step "
            f"{answered.params_input['step']} by {answered.responded_by.name}"
        )

        def finished():
            r = runs.get_dag_run(DAG_ID, run_id)
            return r if r.state.value in ("success", "failed") else None

        done = wait_for("run end", finished, 120)
        check(done.state.value == "success", f"run ended {done.state}")
        review_ti = tis.get_task_instance(DAG_ID, run_id, REVIEW)
        check(review_ti.state.value == "success", f"review task {review_ti.state}")
        step(f"polled GET /dagRuns/{run_id}: success, the review task succeeded")

        after = tis.get_hitl_detail(DAG_ID, run_id, REVIEW, -1)
        check(after.response_received is True, f"{after}")
        check(after.responded_by_user.name == args.user, f"{after.responded_by_user}")
        check(after.chosen_options == ["Approve"], f"{after.chosen_options}")
        first = tis.get_hitl_detail_try_detail(DAG_ID, run_id, REVIEW, -1, 1)
        check(first.task_instance.try_number == 1, f"{first.task_instance}")
        step("GET hitlDetails and hitlDetails/tries/1: answered Approve by the user")

        req = urllib.request.Request(
            f"{args.base}/api/atelier/reviews?dag_id={DAG_ID}&run_id={run_id}",
            headers={"Authorization": f"Bearer {jwt}"},
        )
        with urllib.request.urlopen(req) as response:
            reviews = json.load(response)
        check(len(reviews) == 1 and reviews[0]["state"] == "approved", f"{reviews}")
        check(reviews[0]["chosen_candidate"] == candidate, f"{reviews}")
        step("GET /api/atelier/reviews: the review room shows it approved, the same candidate")

        conflict = expect_error(
            409,
            tis.update_hitl_detail,
            DAG_ID,
            run_id,
            REVIEW,
            -1,
            UpdateHITLDetailPayload(chosen_options=["Reject"], params_input={"reason": "late"}),
        )
        step(f"PATCH hitlDetails again: 409 '{conflict['detail']}'")

        everywhere = tis.get_hitl_details(
            "~", "~", response_received=True, order_by=["-responded_at"], limit=5
        )
        check(run_id in [d.task_instance.dag_run_id for d in everywhere.hitl_details], everywhere)
        step(
            "GET /dags/~/dagRuns/~/hitlDetails?response_received=true&order_by=-responded_at: "
            f"{everywhere.total_entries} answered, ours among the latest"
        )

    print(f"airflow 3 hitl e2e: {len(STEPS)} steps passed", flush=True)


if __name__ == "__main__":
    main()
