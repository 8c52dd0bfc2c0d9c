#!/usr/bin/env python3
"""Turns the engine benchmark's JSON into a table on the terminal and the engine section of
bench/RESULTS.md (between the engine-bench markers; the rest of the file is left as it is).
Standard library only. See bench/README.md, "Engine benchmark"."""

import argparse
import datetime
import json
import os
import re
import subprocess
from pathlib import Path

BEGIN = "<!-- engine-bench:begin -->"
END = "<!-- engine-bench:end -->"
GOAL_MS = 1000


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "cpu": model[1].strip() if model else "?",
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem[1]) / 2**20, 1) if mem else "?",
        "kernel": os.uname().release,
        "java": next((line.strip() for line in java if "Runtime Environment" in line), java[0] if java else "?"),
    }


def ms(x):
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def latency_md(r):
    rows = [
        ("trigger call returned (run row stored, workflow started, committed)", r["trigger_returned_ms"]),
        ("**first task's function called**", r["first_task_called_ms"]),
        ("first task's `start_date` as recorded in `task_instance`", r["first_task_start_date_ms"]),
        ("run finished (`first >> second`, both recorded)", r["run_finished_ms"]),
    ]
    med = r["first_task_called_ms"]["median"]
    out = [
        f"### Trigger to first task: {r['runs']} runs of `{r['dag_id']}`, one at a time, "
        f"after {len(r['warmup_first_task_ms'])} warm-up runs",
        "",
        "| from the trigger call to | median | p90 | min | max |",
        "|---|---|---|---|---|",
    ]
    for name, s in rows:
        bold = "**" if "function called" in name else ""
        out.append(f"| {name} | {bold}{ms(s['median'])} ms{bold} | {ms(s['p90'])} ms | {ms(s['min'])} ms | {ms(s['max'])} ms |")
    warm = ", ".join(ms(x) for x in r["warmup_first_task_ms"])
    verdict = "met" if med < GOAL_MS else "**not met**"
    out += [
        "",
        f"Goal: median under {GOAL_MS / 1000:.0f} s: {verdict} ({ms(med)} ms). Warm-up runs (fresh JVM): {warm} ms. "
        f"CPU while measuring: {cpu(r['cpu'])}.",
    ]
    return out


def cpu(c):
    t = f", Temporal server {c['temporalCores']:.2f}" if c["temporalCores"] >= 0 else ""
    return f"benchmark JVM (driver + worker) {c['jvmCores']:.2f} cores{t}, whole machine {c['machineCores']:.2f} of {os.cpu_count()}"


def overhead_md(results):
    names = {"fanout": "{n} no-op tasks: `start >> [{m} tasks] >> end`", "mapped": "{n}-way mapped no-op task + reduce", "sleep": "{n}-way mapped task of {s} ms each + reduce"}
    out = [
        "### Engine overhead: Dags run to completion, worker in this process",
        "",
        "| Dag | task instances | max_active_tasks | wall | ideal | overhead per task | overhead | tasks/s | activities per instance: server / local | workflow tasks per instance | history events (executions) | CPU cores: JVM / Temporal / machine |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, r in results:
        h = r["history"]
        n = r["instances"] - (0 if key == "fanout" else 1)
        title = names[key].format(n=n, m=n - 2, s=r.get("sleep_ms"))
        pct = f"{r['overhead_pct']:.1f}%" if r["overhead_pct"] is not None else "— (ideal ≈ 0)"
        ideal = f"{r['ideal_s']:.1f} s" if r["ideal_s"] > 0 else f"≈ 0 ({r['functions_own_s'] * 1000:.0f} ms in the functions)"
        c = r["cpu"]
        tc = f"{c['temporalCores']:.2f}" if c["temporalCores"] >= 0 else "?"
        out.append(
            f"| {title} (`{r['dag_id']}`) | {r['instances']:,} | {r['max_active_tasks']} | {r['wall_s']:.1f} s | {ideal} | "
            f"**{r['overhead_per_task_ms']:.1f} ms** | {pct} | {r['tasks_per_s']:.1f} | {r['activities_per_instance']:.2f} / {r.get('local_activities_per_instance', 0):.2f} | "
            f"{r['workflow_tasks_per_instance']:.2f} | {h['events']:,} ({h['executions']}: {h['childWorkflows']} chunk(s), {h['continuedAsNew']} continue-as-new) | "
            f"{c['jvmCores']:.2f} / {tc} / {c['machineCores']:.2f} |"
        )
    acts = {}
    for key, r in results:
        acts[r["dag_id"]] = ", ".join(f"{k} {v:,}" for k, v in r["history"]["activities"].items())
    out += ["", "Activities scheduled per run (through the server): " + "; ".join(f"`{d}`: {a}" for d, a in acts.items()) + "."]
    local = {r["dag_id"]: r["history"].get("localActivities") for key, r in results}
    if any(local.values()):
        out += [
            "",
            "Local activities per run (run by the worker inside a workflow task): "
            + "; ".join(f"`{d}`: " + ", ".join(f"{k} {v:,}" for k, v in a.items()) for d, a in local.items() if a)
            + ".",
        ]
    out += ["", "When the task functions ran, in seconds after the trigger call (first–last call of a task or group):"]
    for key, r in results:
        calls = "; ".join(
            f"`{t}` {a:.1f} s" if b - a < 0.05 else f"`{t}` {a:.1f}–{b:.1f} s" for t, (a, b) in r["task_calls_s"].items()
        )
        out.append(f"- `{r['dag_id']}`: {calls}, run finished {r['wall_s']:.1f} s")
    return out


def bookkeeping_md(data):
    out = []
    w = data.get("bookkeeping_write_direct_ms")
    if w:
        out.append(
            f"One task-instance write (`PersistenceActivitiesImpl.recordTaskInstance`, the same upsert and pool) "
            f"called directly, without Temporal: median {w['median']:.1f} ms, p90 {w['p90']:.1f} ms ({w['n']} writes)."
        )
    f = data.get("fanout")
    if f and "start" in f["task_calls_s"] and "noop_*" in f["task_calls_s"]:
        gap = f["task_calls_s"]["noop_*"][0] - f["task_calls_s"]["start"][0]
        n = f["instances"] - 2
        if f["history"]["activities"].get("RecordTaskInstance"):
            how = (f"the run records each of them `scheduled`, one activity after the other, before it starts any "
                   f"— {gap * 1000 / n:.0f} ms per write as an activity.")
        else:
            how = "the run records all of them `scheduled` in one batched local activity before it starts any."
        out.append(
            f"In `bench_fanout`, {gap:.1f} s passed between `start` running and the first of its {n} downstream tasks "
            f"running: {how}"
        )
    return out
    return out


def section(data, args, m):
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        "# Engine benchmark results",
        "",
        f"`{args.command}` on {when}. Written by the benchmark itself (`bench/engine_report.py`); "
        "bench/README.md, \"Engine benchmark\", says what is measured and how.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Linux {m['kernel']}; "
        f"**load average at start {args.load}** (1, 5, 15 min), at the end {args.load_end}.  ",
        f"Versions: {m['java']}; Temporal server {data['temporal_server_version']} (`temporal server start-dev`"
        f"{', CLI ' + args.temporal_cli if args.temporal_cli else ''}, SQLite), Temporal Java SDK {data['temporal_sdk_version']}; "
        f"PostgreSQL {data['postgres_version']}.  ",
        f"Services: Temporal {args.temporal} (namespace `{data['namespace']}`), PostgreSQL {args.db} (database "
        f"`{data['database']}`, created afresh and migrated by the app's Flyway scripts); the worker and the task "
        "functions run in the benchmark's JVM with the app's activity implementations and connection pool (Agroal, 20).",
        "",
    ]
    if "latency" in data:
        lines += latency_md(data["latency"]) + [""]
    results = [(k, data[k]) for k in ("fanout", "mapped", "sleep") if k in data]
    if results:
        lines += overhead_md(results) + [""]
    extra = bookkeeping_md(data)
    if extra:
        lines += [" ".join(extra), ""]
    lines.append(END)
    return "\n".join(lines)


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
    ap.add_argument("--results", type=Path, required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--load", required=True)
    ap.add_argument("--load-end", required=True)
    ap.add_argument("--temporal", required=True)
    ap.add_argument("--temporal-cli", default="")
    ap.add_argument("--db", required=True)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    data = json.loads(args.json.read_text())
    text = section(data, args, machine())
    print(text.replace(BEGIN + "\n", "").replace("\n" + END, ""))
    if not args.no_write:
        update(args.results, text)
        print(f"engine-bench: wrote the engine section of {args.results}")


if __name__ == "__main__":
    main()
