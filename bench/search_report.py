"""Turns the sampler benchmark's JSON lines (ours and Optuna's) into a table on the terminal and
the search section of bench/RESULTS.md (replaced when there, appended otherwise).

For each function, sampler and budget (25, 50, 100 evaluations): the median and quartiles over the
seeds of the best-so-far regret, ours beside Optuna's, and a two-sided Mann-Whitney U p-value
(normal approximation with tie correction) for "the two samplers' regrets come from the same
distribution"; then the time of one ask in milliseconds.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
from collections import defaultdict
from datetime import datetime, timezone

BEGIN = "<!-- search-bench:begin -->"
END = "<!-- search-bench:end -->"
BUDGETS = (25, 50, 100)


def load(paths):
    runs = defaultdict(list)
    for p in paths:
        with open(p) as f:
            for line in f:
                r = json.loads(line)
                runs[(r["function"], r["sampler"], r["side"])].append(r)
    return runs


def quartiles(xs):
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], statistics.median(xs), q[2]


def mann_whitney_p(a, b):
    values = sorted([(v, 0) for v in a] + [(v, 1) for v in b])
    ranks = [0.0] * len(values)
    ties = 0.0
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1][0] == values[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    n1, n2 = len(a), len(b)
    r1 = sum(r for r, (_, side) in zip(ranks, values) if side == 0)
    u = r1 - n1 * (n1 + 1) / 2
    n = n1 + n2
    var = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if var <= 0:
        return 1.0
    z = (u - n1 * n2 / 2) / math.sqrt(var)
    return math.erfc(abs(z) / math.sqrt(2))


def fmt(x):
    return f"{x:.3g}" if abs(x) >= 1e-3 else f"{x:.1e}"


def cell(xs):
    q1, m, q3 = quartiles(xs)
    return f"{fmt(m)} ({fmt(q1)}–{fmt(q3)})"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    java = next((line for line in java.splitlines() if "Runtime" in line), java.strip())
    import optuna
    import numpy

    return (f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}",
            f"{java.strip()}; Python {platform.python_version()}, optuna {optuna.__version__},"
            f" numpy {numpy.__version__}")


def section(runs, args):
    functions = sorted({k[0] for k in runs}, key=["branin", "hartmann6", "noisy_branin"].index)
    samplers = ["random", "tpe_multivariate", "tpe_univariate"]
    cpu, versions = machine()
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    seeds = len(next(iter(runs.values())))
    out = [BEGIN, "# Sampler benchmark: our random and TPE samplers against Optuna's", ""]
    out.append(f"`{args.command}` on {now}, {seeds} seeds per cell. Written by the benchmark itself"
               " (`bench/search_report.py`); bench/README.md, \"Sampler benchmark\", says what is"
               " measured and how.")
    out.append("")
    out.append(f"Machine: {cpu}; load average at start {args.load}, at the end"
               f" {' '.join(open('/proc/loadavg').read().split()[:3])}.  ")
    out.append(f"Versions: {versions}.")
    out.append("")
    out.append("Regret = best value found so far − the function's minimum (Branin 0.397887,"
               " Hartmann-6 −3.32237; noisy Branin: Branin + N(0, 1) noise, the regret of the trial"
               " with the best *observed* value judged on its noiseless value). Cells: median"
               " (quartiles) over the seeds. p: two-sided Mann-Whitney U, ours against Optuna's,"
               " same sampler and budget; p > 0.05 means no difference the seeds can show."
               " Both sides: TPE with 10 startup trials, 24 candidates, prior weight 1, constant"
               " liar on (no effect here: one trial at a time).")
    out.append("")
    out.append("| function | sampler | evals | Atelier | Optuna | p |")
    out.append("|---|---|---:|---|---|---:|")
    verdicts = []
    for fn in functions:
        for s in samplers:
            ours = runs.get((fn, s, "atelier"))
            theirs = runs.get((fn, s, "optuna"))
            if not ours or not theirs:
                continue
            for n in BUDGETS:
                a = [r["regret"][n - 1] for r in ours if len(r["regret"]) >= n]
                b = [r["regret"][n - 1] for r in theirs if len(r["regret"]) >= n]
                if not a or not b:
                    continue
                p = mann_whitney_p(a, b)
                out.append(f"| {fn} | {s} | {n} | {cell(a)} | {cell(b)} | {p:.2f} |")
                if s.startswith("tpe"):
                    verdicts.append(p)
    out.append("")
    out.append("Time of one ask, milliseconds: median (90th percentile) over the asks after the"
               " startup trials (ask 11 to the last), all functions and seeds; and the median of"
               " the last 10 asks, where the most trials weigh in.")
    out.append("")
    out.append("| sampler | Atelier | Optuna | Atelier, last 10 | Optuna, last 10 |")
    out.append("|---|---|---|---|---|")
    for s in samplers:
        row = [s]
        tail = []
        for side in ("atelier", "optuna"):
            rs = [r for (fn, ss, sd), rr in runs.items() if ss == s and sd == side for r in rr]
            ts = [t for r in rs for t in r["ask_ms"][10:]]
            last = [t for r in rs for t in r["ask_ms"][-10:]]
            if ts:
                p90 = statistics.quantiles(ts, n=10)[-1]
                row.append(f"{statistics.median(ts):.3g} ({p90:.3g})")
                tail.append(f"{statistics.median(last):.3g}")
            else:
                row.append("—")
                tail.append("—")
        out.append("| " + " | ".join(row + tail) + " |")
    out.append("")
    low = sum(1 for p in verdicts if p <= 0.05)
    out.append(f"TPE cells where the seeds tell ours from Optuna's (p ≤ 0.05): {low} of"
               f" {len(verdicts)} (about {0.05 * len(verdicts):.1f} expected by chance alone).")
    out.append(END)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl", nargs="+")
    ap.add_argument("--results", default="bench/RESULTS.md")
    ap.add_argument("--command", default="./bench/search.sh")
    ap.add_argument("--load", default="")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    text = section(load(args.jsonl), args)
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
    print(f"search-bench: wrote the sampler section of {args.results}")


if __name__ == "__main__":
    main()
