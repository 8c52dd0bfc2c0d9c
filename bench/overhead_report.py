"""Reads the sweep overhead benchmark's raw data and prints, then writes, the overhead section of
bench/RESULTS.md (replaced when there, appended otherwise).

Inputs: DecisionCostBench's and optuna_overhead.py's JSON lines (one per sweep size and seed, every
report's and ask's time in ms) and SweepLatencyBench's JSON (latencies in ms, the sweep's history).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
from datetime import datetime, timezone

BEGIN = "<!-- overhead-bench:begin -->"
END = "<!-- overhead-bench:end -->"
STARTUP = 10  # TPE's random startup trials: their asks are not the model's


def p90(xs):
    return statistics.quantiles(xs, n=10)[-1] if len(xs) > 1 else xs[0]


def stats(xs, scale=1.0, digits=3):
    xs = [x * scale for x in xs]
    return f"{statistics.median(xs):.{digits}g} ({p90(xs):.{digits}g})"


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    java = next((line for line in java.splitlines() if "Runtime" in line), java.strip())
    import optuna

    return (f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}",
            f"{java.strip()}; Python {platform.python_version()}, optuna {optuna.__version__}")


def in_process(out, atelier, optuna):
    sizes = sorted({r["trials"] for r in atelier})
    out.append("### In process: the cost of one decision, ours against Optuna's")
    out.append("")
    out.append("A simulated sweep of N trials, 3 at a time, each reporting up to 10 evaluations"
               " (steps 100…1,000) in turn; ASHA η=3 from step 100 on both sides, and on ours the"
               " four GAN-aware stop rules at their defaults (they read their metrics and never"
               " fire); TPE multivariate with constant liar, 10 startup trials, 24 candidates."
               " **Report**: ours = what `SearchingSweep.hear` does, on its own `SweepMember`s (the"
               " trial's view, every trial's view, the stop rules, `Pruner.judge`); Optuna's = `trial.report` +"
               " `trial.should_prune` (`SuccessiveHalvingPruner`, in-memory storage). **Ask**: ours"
               " = `sampler.ask(views())`; Optuna's = `study.ask(space)`, over the asks after the"
               " 10 startup trials. Median (90th percentile) over every report / ask of all seeds.")
    out.append("")
    out.append("| N trials | reports (ours / Optuna) | pruned | report, ours µs | report, Optuna µs"
               " | TPE ask, ours ms | TPE ask, Optuna ms |")
    out.append("|---:|---|---|---|---|---|---|")
    for n in sizes:
        a = [r for r in atelier if r["trials"] == n]
        o = [r for r in optuna if r["trials"] == n]
        ar = [t for r in a for t in r["report_ms"]]
        orr = [t for r in o for t in r["report_ms"]]
        aa = [t for r in a for t in r["ask_ms"][STARTUP:]]
        oa = [t for r in o for t in r["ask_ms"][STARTUP:]]
        seeds = len(a)
        out.append(
            f"| {n} | {len(ar) / seeds:.0f} / {len(orr) / seeds:.0f} per sweep"
            f" | {sum(r['pruned'] for r in a) / seeds:.0f} / {sum(r['pruned'] for r in o) / seeds:.0f}"
            f" | {stats(ar, 1000)} | {stats(orr, 1000)} | {stats(aa)} | {stats(oa)} |")
    out.append("")
    out.append("Our report time split, median (90th percentile) µs: every trial's view (a member"
               " rebuilds its own only when it changed) / the four stop rules / the pruner (which"
               " scans every trial only at a report that crosses a rung, about one in three: hence"
               " its p90); and the median over the reports of the last 10 % of the sweep (at least"
               " 30), where it is largest.")
    out.append("")
    out.append("| N trials | views | stop rules | pruner | report, last 10 %, ours µs"
               " | report, last 10 %, Optuna µs |")
    out.append("|---:|---|---|---|---|---|")
    for n in sizes:
        a = [r for r in atelier if r["trials"] == n]
        o = [r for r in optuna if r["trials"] == n]
        med = {k: stats([t for r in a for t in r[k]], 1000)
               for k in ("views_ms", "rules_ms", "pruner_ms")}
        tail = lambda rs: [t for r in rs for t in r["report_ms"][-max(30, len(r["report_ms"]) // 10):]]
        out.append(f"| {n} | {med['views_ms']} | {med['rules_ms']} | {med['pruner_ms']}"
                   f" | {statistics.median(tail(a)) * 1000:.3g}"
                   f" | {statistics.median(tail(o)) * 1000:.3g} |")
    out.append("")


def e2e(out, t, load):
    out.append("### On Temporal: from a report to the trial's stop, from a trial's end to the next"
               " launch")
    out.append("")
    out.append(f"`temporal server start-dev` (in memory) and one worker in the benchmark's JVM;"
               f" {t['trials']} trials, {t['parallel']} at once, each a fake trainer that sends"
               f" `SweepWorkflow.report` every {t['ms_per_evaluation']} ms (10 evaluations for a"
               f" full trial) and ends at once when stopped; the same search as above (TPE, ASHA,"
               f" stop rules). A 9-trial warm-up sweep ran first. Load average before this part:"
               f" {load}. Wall time of the sweep: {t['wall_s']} s; {t['pruned']} trials pruned,"
               f" {t['reports']} reports. Optuna has no server in this loop (its study is in the"
               f" trainer's process): compare it with the in-process figures above.")
    out.append("")
    out.append("| path (wall time, ms) | n | median | p90 | max |")
    out.append("|---|---:|---:|---:|---:|")
    for name, key in (("report sent → the trial's `stopTrial` called (pruned trials)", "prune_ms"),
                      ("trial's `awaitTrial` returns → next trial's `launchTrial` called",
                       "refill_ms")):
        xs = t[key]
        if xs:
            out.append(f"| {name} | {len(xs)} | {statistics.median(xs):.0f} | {p90(xs):.0f}"
                       f" | {max(xs):.0f} |")
    out.append("")
    out.append("Where the time goes, from the server's own event times in the sweep's and the"
               " trials' histories (median / p90 ms per hop):")
    out.append("")
    for title, key in (("prune", "prune_hops_ms"), ("refill", "refill_hops_ms")):
        hops = "; ".join(f"{h} {statistics.median(v):.0f} / {p90(v):.0f}"
                         for h, v in t[key].items() if v)
        out.append(f"- {title}: {hops}.")
    out.append("")
    ev = t["history_events"]
    types = t["event_types"]
    out.append(f"The sweep workflow's history: **{ev} events** ({t['history_bytes'] / 1024:.0f} KiB)"
               f" for {t['reports']} reports and {t['trials']} trials: **{ev / t['reports']:.1f}"
               f" events per report**, all in; the trials' own histories add"
               f" {t['trial_history_events']} events ({t['trial_history_events'] / t['trials']:.0f}"
               f" per trial). By type: "
               + ", ".join(f"{k.lower()} {v}" for k, v in sorted(types.items(), key=lambda kv: -kv[1]))
               + ".")
    per_report = (types.get("WORKFLOW_EXECUTION_SIGNALED", 0)
                  + 3 * types.get("WORKFLOW_TASK_COMPLETED", 0)) / max(1, t["reports"])
    out.append("")
    out.append(f"Each report is one `workflow_execution_signaled` event and, unless it lands in a"
               f" workflow task already under way, one workflow task (scheduled, started,"
               f" completed): signals plus task events come to {per_report:.1f} per report here."
               f" Temporal warns at 10,240 events and terminates a workflow at 51,200 (its default"
               f" history limits); at this rate a sweep that does not continue-as-new reaches the"
               f" warning after about {10240 / (ev / t['reports']):,.0f} reports and the limit"
               f" after about {51200 / (ev / t['reports']):,.0f} (e.g. 100 trials of 10 evaluations,"
               f" 1,000 reports, stay under the warning; 300 trials that each report 30 times"
               f" pass the limit).")
    out.append("")


def section(atelier, optuna, temporal, args):
    cpu, versions = machine()
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [BEGIN, "# Sweep overhead benchmark: the sweep's decision latency per report", ""]
    out.append(f"`{args.command}` on {now}. Written by the benchmark itself"
               " (`bench/overhead_report.py`); bench/README.md, \"Sweep overhead benchmark\", says"
               " what is measured and how.")
    out.append("")
    out.append(f"Machine: {cpu}, shared with other engineers' builds and tests; load average at"
               f" start {args.load}, before the Temporal part {args.load_e2e}, at the end"
               f" {' '.join(open('/proc/loadavg').read().split()[:3])}.  ")
    out.append(f"Versions: {versions}.")
    out.append("")
    in_process(out, atelier, optuna)
    if temporal:
        e2e(out, temporal, args.load_e2e)
    out.append(END)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("atelier")
    ap.add_argument("optuna")
    ap.add_argument("temporal")
    ap.add_argument("--results", default="bench/RESULTS.md")
    ap.add_argument("--command", default="./bench/sweep_overhead.sh")
    ap.add_argument("--load", default="")
    ap.add_argument("--load-e2e", default="")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    read = lambda p: [json.loads(line) for line in open(p) if line.strip()]
    temporal = read(args.temporal)[0] if os.path.exists(args.temporal) else None
    text = section(read(args.atelier), read(args.optuna), temporal, args)
    print(text.replace(BEGIN + "\n", "").replace("\n" + END, ""))
    if args.no_write:
        return
    old = open(args.results).read() if os.path.exists(args.results) else ""
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + text.rstrip("\n") + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(args.results, "w") as f:
        f.write(new)
    print(f"overhead-bench: wrote the overhead section of {args.results}")


if __name__ == "__main__":
    main()
