"""Drives Atelier's assets through /api/v2 with Airflow's own Python client 3.x.

Airflow 3's assets are Atelier's datasets: the client lists them, creates an asset event by
asset_id that starts an asset-scheduled Dag (run_type asset_triggered), reads the run's upstream
asset events, sees an event that completes nothing stay queued and drops it, materializes an
@asset Dag, and runs a task that adds an event through an AssetAlias, which starts the Dag
scheduled on the alias and lists the alias under /assets/aliases. The Dags are the ui tests'
AssetDags and AliasDags. Every step prints what it did; any mismatch
raises and the script exits non-zero. The last line is "airflow 3 assets e2e: N steps passed".

    python airflow3_assets_e2e.py --base http://127.0.0.1:8081
"""

import argparse
import time

import airflow_client.client as airflow
from airflow_client.client.api import asset_api, dag_api, dag_run_api
from airflow_client.client.models.create_asset_events_body import CreateAssetEventsBody
from airflow_client.client.models.dag_patch_body import DAGPatchBody
from airflow_client.client.models.materialize_asset_body import MaterializeAssetBody
from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody
from airflow3_e2e_common import STEPS, step, check, token, expect_error, wait_for

PRODUCER = "test_asset_made"
CONSUMER = "test_asset_consumer"
WAITER = "test_asset_waiter"
ALIAS_PRODUCER = "test_alias_producer"
ALIAS_CONSUMER = "test_alias_consumer"
ALIAS = "test_alias_exports"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True, help="the app's base URL (no /api/v2)")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    args = p.parse_args()

    jwt = token(args.base, args.user, args.password)
    config = airflow.Configuration(host=args.base, access_token=jwt)
    with airflow.ApiClient(config) as client:
        assets = asset_api.AssetApi(client)
        dags = dag_api.DAGApi(client)
        runs = dag_run_api.DagRunApi(client)

        for dag_id in (PRODUCER, CONSUMER, WAITER, ALIAS_PRODUCER, ALIAS_CONSUMER):
            dags.patch_dag(dag_id, DAGPatchBody(is_paused=False), update_mask=["is_paused"])
        step(f"PATCH /dags: {PRODUCER}, {CONSUMER}, {WAITER} and the alias Dags unpaused")

        listed = assets.get_assets(name_pattern="test_asset_", order_by=["name"], limit=100)
        by_name = {a.name: a for a in listed.assets}
        check({PRODUCER, "test_asset_left", "test_asset_right"} <= set(by_name), f"{by_name}")
        made = by_name[PRODUCER]
        check([d.dag_id for d in made.scheduled_dags] == [CONSUMER], f"{made.scheduled_dags}")
        check([t.task_id for t in made.producing_tasks] == [PRODUCER], f"{made.producing_tasks}")
        step(f"GET /assets?name_pattern=test_asset_: {sorted(by_name)}; {PRODUCER} feeds {CONSUMER}")

        one = assets.get_asset(made.id)
        check(one.uri == made.uri and one.group == "asset", f"{one}")
        step(f"GET /assets/{made.id}: {one.name} {one.uri}")

        event = assets.create_asset_event(
            CreateAssetEventsBody(asset_id=made.id, extra={"by": "airflow3_assets_e2e"})
        )
        created = [r for r in event.created_dagruns if r.dag_id == CONSUMER]
        check(len(created) == 1, f"created_dagruns: {event.created_dagruns}")
        run_id = created[0].run_id
        step(f"POST /assets/events {{asset_id: {made.id}}}: event {event.id} started {run_id}")

        run = runs.get_dag_run(CONSUMER, run_id)
        check(run.run_type.value == "asset_triggered", f"run_type {run.run_type}")
        step(f"GET /dagRuns/{run_id}: run_type {run.run_type.value}")

        upstream = runs.get_upstream_asset_events(CONSUMER, run_id)
        check([e.id for e in upstream.asset_events] == [event.id], f"{upstream}")
        check(upstream.asset_events[0].extra.get("by") == "airflow3_assets_e2e", f"{upstream}")
        step(f"GET /dagRuns/{run_id}/upstreamAssetEvents: event {event.id} with its extra")

        listed_events = assets.get_asset_events(asset_id=made.id, order_by=["-timestamp"], limit=5)
        check(listed_events.asset_events[0].id == event.id, f"{listed_events}")
        step(f"GET /assets/events?asset_id={made.id}: {listed_events.total_entries} event(s)")

        left = by_name["test_asset_left"]
        waiting = assets.create_asset_event(CreateAssetEventsBody(asset_id=left.id))
        check(waiting.created_dagruns == [], f"{waiting.created_dagruns}")
        queued = assets.get_dag_asset_queued_events(WAITER)
        check([q.asset_id for q in queued.queued_events] == [left.id], f"{queued}")
        one_queued = assets.get_dag_asset_queued_event(WAITER, left.id)
        check(one_queued.dag_id == WAITER, f"{one_queued}")
        by_asset = assets.get_asset_queued_events(left.id)
        check([q.dag_id for q in by_asset.queued_events] == [WAITER], f"{by_asset}")
        step(f"an event of test_asset_left alone: queued for {WAITER} (3 queuedEvents reads)")

        assets.delete_dag_asset_queued_event(WAITER, left.id)
        expect_error(404, assets.get_dag_asset_queued_event, WAITER, left.id)
        step("DELETE /dags/{dag_id}/assets/{asset_id}/queuedEvents: 204, then 404")

        materialized = assets.materialize_asset(made.id, MaterializeAssetBody(note="e2e"))
        check(materialized.dag_id == PRODUCER, f"{materialized}")
        check(materialized.run_type.value == "asset_materialization", f"{materialized}")
        step(f"POST /assets/{made.id}/materialize: {materialized.dag_run_id} of {PRODUCER}")

        def produced():
            r = runs.get_dag_run(PRODUCER, materialized.dag_run_id)
            return r if r.state.value in ("success", "failed") else None

        done = wait_for("materialized run end", produced, 120)
        check(done.state.value == "success", f"{done}")
        out = assets.get_asset_events(
            source_dag_id=PRODUCER, source_run_id=materialized.dag_run_id
        )
        check(out.total_entries == 1 and out.asset_events[0].extra["rows"] == 7, f"{out}")
        step(f"{materialized.dag_run_id} succeeded; its outlet event {out.asset_events[0].id}")

        alias_run = runs.trigger_dag_run(
            ALIAS_PRODUCER,
            TriggerDAGRunPostBody(
                dag_run_id=f"e2e_alias_{int(time.time() * 1000)}", logical_date=None
            ),
        )

        def exported():
            r = runs.get_dag_run(ALIAS_PRODUCER, alias_run.dag_run_id)
            return r if r.state.value in ("success", "failed") else None

        check(wait_for("alias producer end", exported, 120).state.value == "success", "")
        through = assets.get_asset_events(
            source_dag_id=ALIAS_PRODUCER, source_run_id=alias_run.dag_run_id
        )
        check(through.total_entries == 1, f"{through}")
        added = through.asset_events[0]
        check(added.extra.get("rows") == 3, f"{added}")
        started = [r.dag_id for r in added.created_dagruns]
        check(started == [ALIAS_CONSUMER], f"created_dagruns: {added.created_dagruns}")
        step(f"{ALIAS_PRODUCER} added event {added.id} through {ALIAS}: started {started}")

        aliases = assets.get_asset_aliases(name_pattern="test_alias_", order_by=["name"])
        check([a.name for a in aliases.asset_aliases] == [ALIAS], f"{aliases}")
        alias = aliases.asset_aliases[0]
        check(alias.group == "exports", f"{alias}")
        one_alias = assets.get_asset_alias(alias.id)
        check(one_alias["name"] == ALIAS, f"{one_alias}")
        resolved = assets.get_asset(added.asset_id)
        check([a.name for a in resolved.aliases] == [ALIAS], f"{resolved.aliases}")
        step(f"GET /assets/aliases: {ALIAS} (group exports, id {alias.id}); {added.uri} lists it")

        bad = expect_error(422, assets.get_assets, order_by=["nope"])
        check(bad["detail"][0]["loc"] == ["query", "order_by"], f"{bad}")
        step(f"GET /assets?order_by=nope: 422 '{bad['detail'][0]['msg']}'")
        expect_error(404, assets.get_asset, 987654321)
        step("GET /assets/987654321: 404")

    print(f"airflow 3 assets e2e: {len(STEPS)} steps passed", flush=True)


if __name__ == "__main__":
    main()
