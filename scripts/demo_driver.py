"""Drives the demo through Atelier's public API, as any Airflow client would.

Registers the emoji images as a dataset event, triggers `emoji_gan_search` (a searching sweep:
TPE with ASHA; or, with `--dag emoji_dcgan_sweep`, the fixed grid, or `--dag emoji_srgan_sweep`,
the 4x super-resolution sweep) through POST /api/v1/dags/{dag_id}/dagRuns, and shows progress
(trials running, pruned, finished; the step each running trial has reached; images/s) until the
run ends. Standard library only.
"""

import argparse
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

DAGS = ("emoji_gan_search", "emoji_dcgan_sweep", "emoji_srgan_sweep")


class Api:
    def __init__(self, base, user, password):
        self.base = base.rstrip("/")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=self.headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            sys.exit(f"atelier demo: {method} {path} answered {e.code}: {detail}")


def count_images(path):
    return sum(1 for _, _, files in os.walk(path) for f in files if f.lower().endswith(".png"))


def pruned(t):
    return t.get("state") == "success" and (t.get("note") or "").startswith("pruned")


def progress_line(run, trials, started):
    running = [t for t in trials if t.get("state") in ("running", "queued", "scheduled", None)]
    stopped = sum(1 for t in trials if pruned(t))
    finished = sum(1 for t in trials if t.get("state") == "success" and not pruned(t))
    failed = sum(1 for t in trials if t.get("state") in ("failed", "upstream_failed"))
    parts = [f"{run['state']:<8} trials: {len(running)} running, {stopped} pruned,"
             f" {finished} finished, {failed} failed"]
    speed = 0.0
    for t in running:
        step, steps = t.get("last_step") or 0, t.get("steps") or "?"
        parts.append(f"#{t.get('map_index')} {step}/{steps}")
        if t.get("state") == "running":
            speed += (t.get("metrics") or {}).get("images_per_sec") or 0.0
    parts.append(f"{speed:.0f} images/s")
    parts.append(f"{int(time.time() - started)}s")
    return " | ".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--api", required=True)
    p.add_argument("--dataset", required=True, help="all the emoji (the grid and SR sweeps)")
    p.add_argument("--faces", help="the yellow-face subset the searching sweep trains on")
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin")
    p.add_argument("--conf", default="{}", help="extra dagRun conf as JSON, e.g. '{\"steps\": 100}'")
    p.add_argument("--dag", default=DAGS[0], choices=DAGS,
                   help="the demo sweep to run: a searching GAN sweep (default), a fixed GAN"
                        " grid, or 4x super-resolution")
    args = p.parse_args()
    dag_id = args.dag
    api = Api(args.api, args.user, args.password)

    dataset = args.faces if dag_id == "emoji_gan_search" and args.faces else args.dataset
    images = count_images(dataset)
    api.call("POST", "/api/v1/datasets/events",
             {"dataset_uri": "file://" + os.path.abspath(dataset), "extra": {"images": images}})
    print(f"atelier demo: dataset registered: {images} emoji images at {dataset}")

    conf = {"dataset_path": os.path.abspath(dataset)}
    conf.update(json.loads(args.conf))
    started = time.time()
    run = api.call("POST", f"/api/v1/dags/{dag_id}/dagRuns", {"conf": conf})
    run_id = run["dag_run_id"]
    print(f"atelier demo: triggered {dag_id} run {run_id}")

    tty = sys.stdout.isatty()
    last_print = 0.0
    while True:
        run = api.call("GET", f"/api/v1/dags/{dag_id}/dagRuns/{run_id}")
        trials = api.call("GET", f"/api/atelier/dags/{dag_id}/runs/{run_id}/trials") or []
        if isinstance(trials, dict):
            trials = trials.get("trials", [])
        line = progress_line(run, trials, started)
        if tty:
            print("\r" + line[:200].ljust(200), end="", flush=True)
        elif time.time() - last_print > 15:
            print(line, flush=True)
            last_print = time.time()
        if run["state"] in ("success", "failed"):
            break
        # The demo Dags end with pick_best >> review: once the review waits, the demo's part is done.
        review = waiting_review(api, dag_id, run_id)
        if review:
            break
        time.sleep(2)
    if tty:
        print()
    wall = time.time() - started
    if run["state"] not in ("success", "failed"):
        print(f"atelier demo: run {run_id} is waiting for review after {wall:.0f}s")
    else:
        print(f"atelier demo: run {run_id} ended {run['state']} after {wall:.0f}s")
    for t in trials:
        reason = f" — {t['note']}" if t.get("note") else ""
        print(f"  trial {t.get('map_index')}: {t.get('state')} mlflow run {t.get('mlflow_run_id')}{reason}")
    compare = f"{args.api}/ui/compare.html?dag={dag_id}&run={urllib.request.quote(run_id)}"
    if dag_id == "emoji_gan_search":
        sweep = (f"{args.api}/ui/sweep.html?dag={dag_id}&run={urllib.request.quote(run_id)}"
                 "&task=train")
        print(f"  the sweep (trials, rungs, best so far): {sweep}")
    print(f"  compare the {'sheets' if dag_id == 'emoji_srgan_sweep' else 'grids'}: {compare}")
    review = waiting_review(api, dag_id, run_id)
    if review:
        print(f"  the review waits for a lead ({args.user} can approve or reject):"
              f" {args.api}/ui/review.html?id={review['id']}")
        return 0
    return 0 if run["state"] == "success" else 1


def waiting_review(api, dag_id, run_id):
    """The run's pending review (a ReviewOperator waiting for a lead), or None."""
    q = urllib.parse.urlencode({"dag_id": dag_id, "run_id": run_id, "state": "pending"})
    reviews = api.call("GET", f"/api/atelier/reviews?{q}") or []
    return reviews[0] if isinstance(reviews, list) and reviews else None


if __name__ == "__main__":
    sys.exit(main())
