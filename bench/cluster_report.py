#!/usr/bin/env python3
"""Turns the Kubernetes benchmark's raw figures (the driver's JSON and its observer's events) into
tables on the terminal and the Kubernetes section of bench/RESULTS.md (between the cluster-bench
markers; the rest of the file is left as it is). Standard library only. See bench/README.md,
"Kubernetes benchmark"."""

import argparse
import datetime
import json
import math
import os
import re
import statistics
from collections import defaultdict
from pathlib import Path

from engine_report import machine

BEGIN = "<!-- cluster-bench:begin -->"
END = "<!-- cluster-bench:end -->"


def stats(values):
    """Median, p90 (nearest rank), min, max; None for an empty sample."""
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    return {
        "n": len(v),
        "median": statistics.median(v),
        "p90": v[math.ceil(0.9 * len(v)) - 1],
        "min": v[0],
        "max": v[-1],
        "mean": sum(v) / len(v),
    }


def ms(x):
    if x is None:
        return "—"
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:.1f}"


def sec(x):
    return f"{x:,.1f}"


def load_events(path):
    """By job name: the observer's events for its Job, pods and Workload, in arrival order."""
    by_job = defaultdict(list)
    other = []
    for line in Path(path).read_text().splitlines():
        e = json.loads(line)
        if "job" in e:
            by_job[e["job"]].append(e)
        else:
            other.append(e)
    return by_job, other


def first(events, kind, pred=lambda e: True):
    for e in events:
        if e["kind"] == kind and pred(e):
            return e["t"]
    return None


def milestones(events):
    """When the observer first saw each step of one trial (epoch µs), or None."""
    return {
        "job_created": first(events, "job", lambda e: e["action"] == "ADDED"),
        "workload_created": first(events, "workload"),
        "admitted": first(events, "workload", lambda e: "Admitted" in e["conditions"]),
        "unsuspended": first(events, "job", lambda e: not e["suspend"]),
        "pod_created": first(events, "pod", lambda e: e["action"] == "ADDED"),
        "pod_bound": first(events, "pod", lambda e: e["node"]),
        "pod_running": first(events, "pod", lambda e: e["phase"] == "Running"),
        "pod_ended": first(events, "pod", lambda e: e["phase"] in ("Succeeded", "Failed")),
        "job_complete": first(events, "job", lambda e: "Complete" in e["conditions"] or "Failed" in e["conditions"]),
        "workload_finished": first(events, "workload", lambda e: "Finished" in e["conditions"]),
        "annotated": any(e["kind"] == "pod" and e.get("annotated") for e in events),
    }


def since(t, t0):
    return None if t is None or t0 is None else (t - t0) / 1000.0


def count(d):
    return sum(d.values()) if d else 0


VARIANT_TEXT = {
    "atelier-kueue": "**Atelier, Kueue** (`KubernetesJobLauncher.launch`, queue `{queue}`; `state` polled)",
    "fabric8-kueue": "fabric8 `create` of the same Job, Kueue label (pods listed)",
    "atelier-no-kueue": "Atelier, no queue (`launch`; `state` polled)",
    "fabric8-no-kueue": "fabric8 `create` of the same Job, no Kueue (pods listed)",
}
ORDER = ["atelier-kueue", "fabric8-kueue", "atelier-no-kueue", "fabric8-no-kueue"]


def latency_section(data, by_job):
    opts = data["options"]
    trials = [t for t in data["latency"] if not t["warmup"]]
    warm = [t for t in data["latency"] if t["warmup"]]
    per = defaultdict(list)
    for t in trials:
        per[t["variant"]].append(t)
    res = {}
    for v, ts in per.items():
        ms_ = [milestones(by_job.get(t["job"], [])) for t in ts]
        res[v] = {
            "launch": stats([t["launch_ms"] for t in ts]),
            "poll": stats([t.get("running_ms") for t in ts]),
            "watch": stats([since(m["pod_running"], t["t0"]) for t, m in zip(ts, ms_)]),
            "lag": stats([
                None if t.get("running") is None or m["pod_running"] is None else (t["running"] - m["pod_running"]) / 1000.0
                for t, m in zip(ts, ms_)
            ]),
            "polls": stats([t["polls_to_running"] for t in ts]),
            "req_launch": stats([count(t["requests_launch"]) for t in ts]),
            "req_running": stats([count(t["requests_to_running"]) for t in ts]),
            "req_keys_launch": merge([t["requests_launch"] for t in ts]),
            "req_keys_running": merge([t["requests_to_running"] for t in ts]),
            "stages": {k: stats([since(m[k], t["t0"]) for t, m in zip(ts, ms_)]) for k in ms_[0] if k != "annotated"},
            "ended": sorted({t["end_state"] for t in ts}),
            "failed": [t for t in ts if t.get("running") is None],
            "annotated": all(m["annotated"] for m in ms_),
            "n": len(ts),
        }
    out = [
        f"### Trial Job created → pod running: {opts['runs']} rounds, one trial at a time, after {opts['warmup']} warm-up round(s)",
        "",
        f"Each round starts the same one-GPU trial Job four ways, one after another (the order rotates every round); "
        f"every pod runs {opts['latency_run_for']} (kwok). Polls every **{opts['poll_ms']} ms**; the watch column is when the "
        "observer's watch (a separate process) saw the pod `Running`, so it does not depend on the poll interval. "
        "All times from just before the launch / create call, in ms.",
        "",
        "| started by | launch call returned | pod `Running`, watch: median / p90 | **first poll that sees it running: median** / p90 / min / max | poll lag behind the watch, median | polls | API requests: launch + until running |",
        "|---|---|---|---|---|---|---|",
    ]
    for v in ORDER:
        if v not in res:
            continue
        r = res[v]
        p, w = r["poll"], r["watch"]
        name = VARIANT_TEXT[v].format(queue=opts["queue"])
        out.append(
            f"| {name} | {ms(r['launch']['median'])} | {ms(w['median'])} / {ms(w['p90'])} | "
            f"**{ms(p['median'])}** / {ms(p['p90'])} / {ms(p['min'])} / {ms(p['max'])} | {ms(r['lag']['median'])} | "
            f"{r['polls']['median']:.0f} | {r['req_launch']['mean']:.1f} + {r['req_running']['mean']:.1f} |"
        )
    out += ["", "Where the time goes (median ms after the launch call started, as the observer's watches saw each step):", ""]
    stage_names = [
        ("job_created", "Job stored"),
        ("workload_created", "Kueue Workload created"),
        ("admitted", "Workload admitted (quota reserved)"),
        ("unsuspended", "Job unsuspended"),
        ("pod_created", "pod created by the Job controller"),
        ("pod_bound", "pod bound to a GPU node"),
        ("pod_running", "pod `Running` (kwok)"),
    ]
    cols = [v for v in ORDER if v in res]
    out.append("| step | " + " | ".join(cols) + " |")
    out.append("|---|" + "---|" * len(cols))
    for key, label in stage_names:
        cells = []
        for v in cols:
            s = res[v]["stages"].get(key)
            cells.append(ms(s["median"]) if s else "—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("| first poll that sees it running | " + " | ".join(ms(res[v]["poll"]["median"]) for v in cols) + " |")
    # Sentences: what the facade adds, what Kueue costs.
    def med(v, k="watch"):
        return res[v][k]["median"] if v in res and res[v][k] else None

    notes = []
    if all(v in res for v in ORDER):
        notes.append(
            f"Kueue admission costs {ms(med('fabric8-kueue') - med('fabric8-no-kueue'))} ms of median start time on the plain Job "
            f"(watch: {ms(med('fabric8-kueue'))} vs {ms(med('fabric8-no-kueue'))} ms) and "
            f"{ms(med('atelier-kueue') - med('atelier-no-kueue'))} ms through Atelier."
        )
        notes.append(
            f"Atelier's facade adds {ms(med('atelier-kueue') - med('fabric8-kueue'))} ms (Kueue) and "
            f"{ms(med('atelier-no-kueue') - med('fabric8-no-kueue'))} ms (no Kueue) to when the pod runs (watch medians), "
            f"and {ms(med('atelier-kueue', 'poll') - med('fabric8-kueue', 'poll'))} / "
            f"{ms(med('atelier-no-kueue', 'poll') - med('fabric8-no-kueue', 'poll'))} ms to when its poll sees it."
        )
    keys_l = res.get("atelier-kueue", {}).get("req_keys_launch")
    keys_r = res.get("atelier-kueue", {}).get("req_keys_running")
    if keys_l:
        n = res["atelier-kueue"]["n"]
        notes.append(
            "Atelier's requests per queued trial: launch "
            + ", ".join(f"{k} {c / n:.1f}" for k, c in keys_l.items())
            + "; polling until running "
            + ", ".join(f"{k} {c / n:.1f}" for k, c in keys_r.items())
            + "."
        )
    if warm:
        by_variant = defaultdict(list)
        for t in warm:
            by_variant[t["variant"]].append(ms(t.get("running_ms")))
        notes.append(
            "Warm-up rounds (first poll that saw it running), not in the table: "
            + "; ".join(f"{v} {', '.join(by_variant[v])} ms" for v in ORDER if v in by_variant)
            + "."
        )
    if data.get("latency_restarted"):
        notes.append(
            f"**Restarted while this scenario ran (by someone else): {', '.join(data['latency_restarted'])}** — "
            "the slowest trials may include it."
        )
    bad = [t for v in res for t in res[v]["failed"]]
    if bad:
        notes.append(f"**{len(bad)} trial(s) never ran**: " + "; ".join(f"{t['job']}: {t.get('error')}" for t in bad))
    if not all(res[v]["annotated"] for v in res):
        notes.append("**Some pods lacked the kwok annotations**: their run time was kwok's default.")
    ends = sorted({e for v in res for e in res[v]["ended"]})
    notes.append(f"Every trial ended {', '.join(ends)}.")
    out += ["", " ".join(notes)]
    return out, res


def merge(dicts):
    total = defaultdict(int)
    for d in dicts:
        for k, c in d.items():
            total[k] += c
    return dict(sorted(total.items()))


def max_overlap(intervals):
    """Most intervals open at once; an end at the same instant as a start closes first."""
    points = []
    for a, b in intervals:
        if a is None:
            continue
        points.append((a, 1))
        points.append((b if b is not None else float("inf"), -1))
    points.sort(key=lambda p: (p[0], p[1]))
    cur = best = 0
    for _, d in points:
        cur += d
        best = max(best, cur)
    return best


def queue_section(data, by_job, other):
    opts = data["options"]
    q = data["queue"]
    trials = q["trials"]
    n = len(trials)
    quota = data["gpu_quota"]
    gpus = opts["gpus"]
    run_for_s = parse_duration(opts["run_for"])
    slots = quota // gpus
    ideal = math.ceil(n / slots) * run_for_s if slots else float("nan")
    t_first = min(t["t0"] for t in trials)
    t_last = max(t["ended"] for t in trials)
    wall = (t_last - t_first) / 1e6
    ms_ = {t["job"]: milestones(by_job.get(t["job"], [])) for t in trials}
    last_pod_end = max((m["pod_ended"] for m in ms_.values() if m["pod_ended"]), default=None)
    wall_watch = (last_pod_end - t_first) / 1e6 if last_pod_end else None
    ends = defaultdict(int)
    for t in trials:
        ends[t["end_state"]] += 1
    # Most at once: the observer's polls and its watches.
    window = [e for e in other if e["kind"] == "sample" and t_first - 2e6 <= e["t"] <= t_last + 2e6]
    sampled = {k: max((e.get(k) or 0) for e in window) if window else None for k in
               ("unsuspended_unfinished", "active", "pods_running", "workloads_admitted", "cq_admitted", "cq_gpus_in_use")}
    admitted_iv = [(m["admitted"], m["workload_finished"]) for m in ms_.values()]
    running_iv = [(m["pod_running"], m["pod_ended"]) for m in ms_.values()]
    unsusp_iv = [(m["unsuspended"], m["job_complete"]) for m in ms_.values()]
    watch_max = {
        "workloads_admitted": max_overlap(admitted_iv),
        "pods_running": max_overlap(running_iv),
        "jobs_unsuspended": max_overlap(unsusp_iv),
    }
    # The hand-over: admissions in time order; the k-th after the first `slots` takes the slot freed
    # by the (k - slots)-th Workload to finish.
    admits = sorted(m["admitted"] for m in ms_.values() if m["admitted"])
    finishes = sorted(m["workload_finished"] for m in ms_.values() if m["workload_finished"])
    handover = [(admits[i] - finishes[i - slots]) / 1000.0 for i in range(slots, len(admits)) if i - slots < len(finishes)]
    ran = [since(m["pod_ended"], m["pod_running"]) for m in ms_.values()]
    busy = sum(x for x in ran if x) / 1000.0
    seen_end = [(t["ended"] - ms_[t["job"]]["pod_ended"]) / 1000.0 for t in trials if ms_[t["job"]]["pod_ended"]]
    chain = {
        "launch call": stats([(t["launched"] - t["t0"]) / 1000.0 for t in trials]),
        "queued: launch → Workload admitted": stats([since(ms_[t["job"]]["admitted"], t["t0"]) for t in trials]),
        "admitted → pod `Running`": stats([since(m["pod_running"], m["admitted"]) for m in ms_.values()]),
        "pod ran (`Running` → `Succeeded`)": stats(ran),
        "pod `Succeeded` → Job `Complete`": stats([since(m["job_complete"], m["pod_ended"]) for m in ms_.values()]),
        "Job `Complete` → Workload `Finished` (quota released)": stats([since(m["workload_finished"], m["job_complete"]) for m in ms_.values()]),
        "Workload `Finished` → next Workload admitted": stats(handover),
        "pod `Succeeded` → the trial's wait returns SUCCEEDED": stats(seen_end),
    }
    cpu = q["cpu_seconds"]
    req = q["requests_atelier"]
    api = q["requests_apiserver"]
    marks = {e["name"]: e["requests"] for e in other if e["kind"] == "mark"}
    obs = {}
    if "queue-start" in marks and "queue-end" in marks:
        obs = {k: v - marks["queue-start"].get(k, 0) for k, v in marks["queue-end"].items() if v - marks["queue-start"].get(k, 0)}
    polls = stats([t["polls"] for t in trials])
    out = [
        f"### {n} queued trials against the {quota}-GPU ClusterQueue `{data['cluster_queue']}`",
        "",
        f"{n} trials of {gpus} GPU each, launched at once through `KubernetesJobLauncher.launch` (LocalQueue `{opts['queue']}`), "
        f"each pod running {opts['run_for']} (kwok); each trial launched and then waited on by its own thread "
        f"(a fixed pool of {n}) with `awaitCompletion`, polling every **{opts['wait_poll_ms']} ms** (the worker's `POLL_EVERY` is 1000 ms).",
        "",
        "| | |",
        "|---|---|",
        f"| trials ended | {', '.join(f'{c} {s}' for s, c in sorted(ends.items()))} |",
        f"| **wall time, first launch → last trial's wait returned** | **{sec(wall)} s** |",
        f"| … first launch → last pod `Succeeded` (watch) | {sec(wall_watch) if wall_watch else '—'} s |",
        f"| ideal: {n} × {opts['run_for']} / {slots} slots | {sec(ideal)} s |",
        f"| over ideal | {sec(wall - ideal)} s (+{100 * (wall - ideal) / ideal:.0f}%); {1000 * (wall - ideal) / n:,.0f} ms per trial |",
        f"| GPU slots busy (pods `Running`, summed / ({slots} × wall)) | {100 * busy / (slots * wall):.0f}% |",
        f"| **most admitted at once** — polled every {opts['sample_ms']} ms: Jobs unsuspended and unfinished / pods `Running` / Workloads admitted / Kueue's `admittedWorkloads` / GPUs in use (ClusterQueue status) | "
        f"**{sampled['unsuspended_unfinished']}** / {sampled['pods_running']} / {sampled['workloads_admitted']} / {sampled['cq_admitted']} / {sampled['cq_gpus_in_use']} ({len(window)} polls) |",
        f"| … from the watches: Workloads admitted and not finished / pods `Running` / Jobs unsuspended and not complete | "
        f"{watch_max['workloads_admitted']} / {watch_max['pods_running']} / {watch_max['jobs_unsuspended']} |",
        f"| **API requests per trial, Atelier's client** (fabric8 interceptor) | **{count(req) / n:.1f}**: "
        + ", ".join(f"{k} {c / n:.2f}" for k, c in sorted(req.items(), key=lambda kv: -kv[1])) + " |",
        f"| polls per trial (`state` calls), median / max | {polls['median']:.0f} / {polls['max']:.0f} |",
        f"| API requests per trial, whole API server (`apiserver_request_total` diff, every client) | {count(api) / n:.1f}, of which the benchmark's observer {count(obs) / n:.1f}: "
        + ", ".join(f"{k} {c / n:.2f}" for k, c in sorted(api.items(), key=lambda kv: -kv[1])[:8]) + ", … |",
        f"| **worker CPU per trial** (driver JVM's process CPU time / trials) | **{1000 * cpu['jvm'] / n:.0f} ms** ({cpu['jvm']:.2f} s over {cpu['wall']:.1f} s: "
        f"{cpu['jvm'] / cpu['wall']:.2f} cores; the same JVM idle for 3 s before: {q['jvm_idle_cores']:.3f} cores, "
        f"{1000 * q['jvm_idle_cores'] * cpu['wall'] / n:.1f} ms per trial of the window) |",
        "| control plane CPU per trial | " + ", ".join(
            f"{k} {1000 * v / n:.0f} ms" for k, v in cpu.items() if k not in ("wall", "jvm", "machine") and v >= 0
        ) + f"; whole machine {cpu['machine'] / cpu['wall']:.2f} of {os.cpu_count()} cores busy |",
        *([""] + [f"**Restarted during this window (by someone else): {', '.join(q['restarted'])}** — the wall time and "
                   "the maxima below include its restart; compare with a run without one."] if q.get("restarted") else []),
        "",
        "One trial's path through the queue (ms; medians, p90 and max over the trials; from the observer's watches "
        "except the first and last rows):",
        "",
        "| step | median | p90 | max |",
        "|---|---|---|---|",
    ]
    for k, s in chain.items():
        if s:
            out.append(f"| {k} | {ms(s['median'])} | {ms(s['p90'])} | {ms(s['max'])} |")
    res = {"wall": wall, "ideal": ideal, "sampled": sampled, "watch_max": watch_max, "chain": chain,
           "req": count(req) / n, "cpu_ms": 1000 * cpu["jvm"] / n, "slots": slots}
    return out, res


def parse_duration(d):
    m = re.fullmatch(r"([0-9.]+)(ms|s|m)", d)
    if not m:
        raise SystemExit(f"cannot read the duration {d!r}")
    return float(m[1]) * {"ms": 0.001, "s": 1, "m": 60}[m[2]]


def section(data, by_job, other, args, mach):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    v = data["versions"]
    kubelets = sorted(set(v["nodes"].values()))
    out = [
        BEGIN,
        "# Kubernetes benchmark results",
        "",
        f"`{args.command}` on {now}. Written by the benchmark itself (`bench/cluster_report.py`); "
        "bench/README.md, \"Kubernetes benchmark\", says what is measured and how.",
        "",
        f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['memory_gib']} GiB, Linux {mach['kernel']}; "
        f"**load average at start {args.load}** (1, 5, 15 min), at the end {args.load_end}.  ",
        f"Versions: Kubernetes {v['kubernetes_server']} (etcd {args.etcd}, kube-apiserver, kube-controller-manager, kube-scheduler), "
        f"Kueue {args.kueue}, kwok {args.kwok} (nodes: {', '.join(kubelets)}), fabric8 kubernetes-client {v['fabric8_client']}, "
        f"Java {v['java']}.  ",
        f"Cluster: `./atelier cluster up` — {len(v['nodes'])} kwok nodes ({', '.join(sorted(v['nodes']))}), "
        f"ClusterQueue `{data['cluster_queue']}` with {data['gpu_quota']} GPUs; Atelier's client authenticates as the `atelier` "
        "ServiceAccount (RBAC), fixtures and the observer as the cluster admin. Trial Jobs are built by `TrialJobs` with the "
        "deployed settings (work claim, dataset claim, ServiceAccount `atelier-trainer`, 2 CPU / 4Gi requests, 1 GPU limit).",
        "",
    ]
    results = {}
    if data.get("latency"):
        lines, results["latency"] = latency_section(data, by_job)
        out += lines + [""]
    if data.get("queue"):
        lines, results["queue"] = queue_section(data, by_job, other)
        out += lines + [""]
    closed = [e for e in other if e["kind"] == "watch-closed"]
    if closed:
        out += [f"The observer's watches closed {len(closed)} time(s) (fabric8 reconnects them): " + "; ".join(e["watch"] for e in closed), ""]
    out.append(END)
    return "\n".join(out), results


def update(path, text):
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text + "\n"
    path.write_text(new)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", type=Path, required=True)
    ap.add_argument("--events", type=Path, required=True)
    ap.add_argument("--results", type=Path, required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--load", required=True)
    ap.add_argument("--load-end", required=True)
    ap.add_argument("--kueue", default="?")
    ap.add_argument("--kwok", default="?")
    ap.add_argument("--etcd", default="?")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    data = json.loads(args.json.read_text())
    by_job, other = load_events(args.events)
    text, _ = section(data, by_job, other, args, machine())
    print(text.replace(BEGIN + "\n", "").replace("\n" + END, ""))
    if not args.no_write:
        update(args.results, text)
        print(f"cluster-bench: wrote the Kubernetes section of {args.results}")


if __name__ == "__main__":
    main()
