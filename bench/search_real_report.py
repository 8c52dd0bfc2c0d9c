"""Summarises bench/search_real.sh: for each seed, the best kid_rgb8 any strategy found, and for each
strategy the trial-steps it needed to come within 5 % of it (the first evaluation, in the order of
its cumulative trial-steps, whose kid_rgb8 is at most 1.05 x that best), its own best, its trials
and how many ASHA stopped. Writes, beside the raw data, evaluations.csv (every evaluation of every
seed and strategy), summary.json and best_so_far.svg (best kid_rgb8 so far against trial-steps),
copies the CSV and the picture into bench/search_real/, and replaces the "Benchmark 2" section of
bench/RESULTS.md (appended when missing). Standard library only.
"""

import argparse
import csv
import json
import math
import os
import platform
import shutil
import statistics
from datetime import datetime, timezone

BEGIN = "<!-- search-real:begin -->"
END = "<!-- search-real:end -->"
WITHIN = 0.05
COLOURS = {"random": "#888888", "tpe": "#1f77b4", "tpe_asha": "#d62728"}
NAMES = {"random": "random search", "tpe": "TPE", "tpe_asha": "TPE + ASHA"}


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def load(out, seeds, strategies):
    data = {}
    for seed in seeds:
        for s in strategies:
            d = os.path.join(out, f"seed{seed}", s)
            evals = [e for e in read_csv(os.path.join(d, "evaluations.csv")) if e["kid_rgb8"]]
            for e in evals:
                e["cumulative_trial_steps"] = int(e["cumulative_trial_steps"])
                e["step"] = int(e["step"])
                e["kid_rgb8"] = float(e["kid_rgb8"])
            evals.sort(key=lambda e: e["cumulative_trial_steps"])
            data[(seed, s)] = {"evals": evals, "trials": read_csv(os.path.join(d, "trials.csv"))}
    return data


def summarise(data, seeds, strategies, budget):
    summary = []
    for seed in seeds:
        kids = [e["kid_rgb8"] for s in strategies for e in data[(seed, s)]["evals"]
                if not math.isnan(e["kid_rgb8"])]
        if not kids:
            continue
        best = min(kids)
        target = best * (1 + WITHIN)
        rows = {}
        for s in strategies:
            evals = data[(seed, s)]["evals"]
            trials = data[(seed, s)]["trials"]
            spent = sum(int(t["steps_trained"]) for t in trials)
            reached = next((e for e in evals if e["kid_rgb8"] <= target), None)
            own = min((e["kid_rgb8"] for e in evals if not math.isnan(e["kid_rgb8"])), default=None)
            best_eval = min(evals, key=lambda e: e["kid_rgb8"]) if evals else None
            third = [e["kid_rgb8"] for e in evals
                     if e["cumulative_trial_steps"] <= budget / 3 and not math.isnan(e["kid_rgb8"])]
            rows[s] = {
                "trials": len(trials),
                "pruned": sum(t["state"] == "PRUNED" for t in trials),
                "failed": sum(t["state"] == "FAILED" for t in trials),
                "trial_steps_spent": spent,
                "finished": spent >= budget,
                "best_kid_rgb8": own,
                "best_kid_rgb8_at_third": min(third) if third else None,
                "best_at": None if best_eval is None else
                {"trial": int(best_eval["trial"]), "step": best_eval["step"]},
                "steps_to_within_5pct": None if reached is None else reached["cumulative_trial_steps"],
                "reached_by": None if reached is None else
                {"trial": int(reached["trial"]), "step": reached["step"]},
            }
        # A second view that is never censored: the trial-steps each strategy needs to match the
        # best random search found with its whole budget (random itself: when it found it).
        if "random" in rows and rows["random"]["best_kid_rgb8"] is not None:
            bar = rows["random"]["best_kid_rgb8"]
            for s in strategies:
                hit = next((e for e in data[(seed, s)]["evals"] if e["kid_rgb8"] <= bar), None)
                rows[s]["steps_to_random_best"] = None if hit is None else hit["cumulative_trial_steps"]
        summary.append({"seed": seed, "best_kid_rgb8": best, "target": target, "strategies": rows})
    return summary


def ratio(row, base):
    a, b = row["steps_to_within_5pct"], base["steps_to_within_5pct"]
    if a is None or b is None:
        return None
    return a / b


def match_text(row, base):
    a = row.get("steps_to_random_best")
    b = base.get("steps_to_random_best") if base else None
    if a is None:
        return "not reached"
    return f"{a}" + (f" ({a / b:.2f})" if b else "")


def ratio_text(row, base, budget):
    """The ratio to random; a bound when random never came within 5 % (it needed > budget)."""
    a, b = row["steps_to_within_5pct"], base["steps_to_within_5pct"]
    if a is not None and b is not None:
        return f"{a / b:.2f}", a / b <= 1 / 3
    if a is not None:
        return f"< {a / budget:.2f} (random: > {budget})", True if a / budget <= 1 / 3 else None
    if b is not None:
        return f"> {budget / b:.2f}", False
    return "— (neither)", None


def svg(data, summary, strategies, budget, path):
    """One panel per seed: the best kid_rgb8 so far (log scale) against the strategy's trial-steps."""
    w, h, pad_l, pad_b, pad_t = 420, 300, 60, 40, 30
    cols = min(3, len(summary))
    rows = (len(summary) + cols - 1) // cols
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w * cols}" height="{h * rows + 10}" '
             'font-family="sans-serif" font-size="11">',
             f'<rect width="{w * cols}" height="{h * rows + 10}" fill="white"/>']
    for i, s_row in enumerate(summary):
        seed = s_row["seed"]
        x0 = (i % cols) * w
        y0 = (i // cols) * h
        parts.append(f'<g transform="translate(0 {y0})">')
        kids = [e["kid_rgb8"] for s in strategies for e in data[(seed, s)]["evals"]
                if e["kid_rgb8"] > 0 and not math.isnan(e["kid_rgb8"])]
        lo, hi = math.log10(min(kids)) - 0.1, math.log10(max(kids)) + 0.1

        def px(steps):
            return x0 + pad_l + (w - pad_l - 20) * steps / budget

        def py(kid):
            return pad_t + (h - pad_t - pad_b) * (hi - math.log10(max(kid, 1e-12))) / (hi - lo)

        parts.append(f'<text x="{x0 + pad_l}" y="16">seed {seed}: best kid_rgb8 so far '
                     'against trial-steps (log scale)</text>')
        parts.append(f'<rect x="{x0 + pad_l}" y="{pad_t}" width="{w - pad_l - 20}" '
                     f'height="{h - pad_t - pad_b}" fill="none" stroke="#ccc"/>')
        for k in range(math.ceil(lo), math.floor(hi) + 1):
            y = py(10 ** k)
            parts.append(f'<line x1="{x0 + pad_l}" x2="{x0 + w - 20}" y1="{y:.1f}" y2="{y:.1f}" '
                         'stroke="#eee"/>')
            parts.append(f'<text x="{x0 + pad_l - 4}" y="{y + 4:.1f}" text-anchor="end">1e{k}</text>')
        for frac in (0, 0.25, 0.5, 0.75, 1):
            x = px(budget * frac)
            parts.append(f'<text x="{x:.1f}" y="{h - pad_b + 14}" text-anchor="middle">'
                         f'{int(budget * frac)}</text>')
        parts.append(f'<text x="{x0 + pad_l + (w - pad_l) / 2}" y="{h - 6}" '
                     'text-anchor="middle">trial-steps</text>')
        ty = py(s_row["target"])
        parts.append(f'<line x1="{x0 + pad_l}" x2="{x0 + w - 20}" y1="{ty:.1f}" y2="{ty:.1f}" '
                     'stroke="#2ca02c" stroke-dasharray="4 3"/>')
        for j, s in enumerate(strategies):
            best, pts = None, []
            for e in data[(seed, s)]["evals"]:
                k = e["kid_rgb8"]
                if math.isnan(k):
                    continue
                if best is None or k < best:
                    if best is not None:
                        pts.append((px(e["cumulative_trial_steps"]), py(best)))
                    best = k
                pts.append((px(e["cumulative_trial_steps"]), py(best)))
            spent = s_row["strategies"][s]["trial_steps_spent"]
            if best is not None:
                pts.append((px(min(spent, budget)), py(best)))
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            # Wide to narrow, so that where strategies share a trial every curve stays visible.
            parts.append(f'<polyline points="{line}" fill="none" stroke="{COLOURS.get(s, "#000")}" '
                         f'stroke-width="{max(1.5, 5 - 1.75 * j)}" stroke-opacity="0.85"/>')
            ly = pad_t + 14 + 14 * j
            parts.append(f'<text x="{x0 + w - 24}" y="{ly}" text-anchor="end" '
                         f'fill="{COLOURS.get(s, "#000")}">{NAMES.get(s, s)}</text>')
        parts.append(f'<text x="{x0 + w - 24}" y="{pad_t + 14 + 14 * len(strategies)}" '
                     'text-anchor="end" fill="#2ca02c">within 5 % of the best</text>')
        parts.append("</g>")
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def fmt(x, digits=4):
    if x is None:
        return "—"
    return f"{x:.{digits}g}"


def section(summary, runs, args, budget):
    lines = [BEGIN, "# Benchmark 2: searching on the real trainer — random search, TPE, TPE with ASHA", ""]
    lines.append(f"`{args.command}` — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
                 f"{platform.machine()}, {os.cpu_count()} cores, shared with other work (every "
                 "trainer under `nice -n 10`); bench/README.md, \"Searching on the real trainer\", "
                 "says what runs and why at this scale.")
    lines.append("")
    for r in runs:
        lines.append(f"- seed {r['seed']}: started {r.get('started', '?')}, "
                     f"{r.get('wall_seconds', '?')} s wall, load average {r.get('load_start', '?')} "
                     f"before, {r.get('load_end', '?')} after")
    lines.append("")
    lines.append(f"Budget per strategy: {budget} trial-steps. Goal: TPE + ASHA needs at most a third "
                 "of random search's trial-steps to come within 5 % of the best `kid_rgb8` any "
                 "strategy found (lower is better).")
    lines.append("")
    lines.append("| seed | strategy | trials (ASHA-stopped) | trial-steps spent | best kid_rgb8 (trial, step) "
                 "| best kid_rgb8 in the first third of the budget | trial-steps to within 5 % | vs random "
                 "| trial-steps to random's best (vs random) |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for s_row in summary:
        base = s_row["strategies"].get("random")
        for s, row in s_row["strategies"].items():
            at = row["best_at"]
            where = "" if at is None else f" ({at['trial']}, {at['step']})"
            r = ratio_text(row, base, budget)[0] if base and s != "random" else "—"
            steps = row["steps_to_within_5pct"]
            steps_txt = f"not within {budget}" if steps is None else str(steps)
            lines.append(f"| {s_row['seed']} | {NAMES.get(s, s)} | {row['trials']} ({row['pruned']}) "
                         f"| {row['trial_steps_spent']}{'' if row['finished'] else ' (unfinished)'} "
                         f"| {fmt(row['best_kid_rgb8'])}{where} | {fmt(row['best_kid_rgb8_at_third'])} "
                         f"| {steps_txt} | {r} | {match_text(row, base)} |")
    lines.append("")
    verdicts = []
    met, missed, open_ = [], [], []
    for s_row in summary:
        rows = s_row["strategies"]
        if "random" in rows and "tpe_asha" in rows:
            text, ok = ratio_text(rows["tpe_asha"], rows["random"], budget)
            (met if ok else missed if ok is False else open_).append(s_row["seed"])
            verdicts.append(f"seed {s_row['seed']}: TPE + ASHA / random = {text}: "
                            + {True: "meets the ≤ 0.33 goal", False: "misses the ≤ 0.33 goal",
                               None: "undecided within this budget"}[ok]
                            + f"; best kid_rgb8 of all {fmt(s_row['best_kid_rgb8'])}, the 5 % line at "
                            f"{fmt(s_row['target'])}")
    lines += [f"- {v}" for v in verdicts]
    if met or missed or open_:
        lines.append("")
        lines.append(f"Goal met on {len(met)} of {len(summary)} seeds ({', '.join(map(str, met)) or 'none'}), "
                     f"missed on {len(missed)} ({', '.join(map(str, missed)) or 'none'}), undecided on "
                     f"{len(open_)} ({', '.join(map(str, open_)) or 'none'}: random never came within 5 % "
                     "and TPE + ASHA's figure is not small enough to bound the ratio, or neither came "
                     "within 5 %). Per seed it is one search each: noisy; read the seeds together.")
    lines.append("")
    lines.append("![best kid_rgb8 so far against trial-steps](search_real/best_so_far.svg)")
    lines.append("")
    lines.append("Every evaluation: [`search_real/evaluations.csv`](search_real/evaluations.csv) "
                 "(strategy, seed, trial, step, cumulative trial-steps, kid_rgb8, fd_rgb8); every "
                 "trial with its parameters and why it stopped: "
                 "[`search_real/trials.csv`](search_real/trials.csv).")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_results(path, text):
    old = open(path).read() if os.path.exists(path) else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + text + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(path, "w") as f:
        f.write(new)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--strategies", default="random,tpe,tpe_asha")
    ap.add_argument("--budget", type=int, required=True)
    ap.add_argument("--results", default="bench/RESULTS.md")
    ap.add_argument("--command", default="./bench/search_real.sh")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    strategies = args.strategies.split(",")
    data = load(args.out, seeds, strategies)
    summary = summarise(data, seeds, strategies, args.budget)
    runs = []
    for seed in seeds:
        p = os.path.join(args.out, f"seed{seed}", "run.json")
        runs.append(json.load(open(p)) if os.path.exists(p) else {"seed": seed, "wall_seconds": "unfinished"})
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    fields = ["strategy", "seed", "trial", "step", "cumulative_trial_steps", "kid_rgb8", "fd_rgb8"]
    all_csv = os.path.join(args.out, "evaluations.csv")
    with open(all_csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for seed in seeds:
            for s in strategies:
                for e in data[(seed, s)]["evals"]:
                    w.writerow(e)
    trials_csv = os.path.join(args.out, "trials.csv")
    with open(trials_csv, "w", newline="") as f:
        header = None
        for seed in seeds:
            for s in strategies:
                rows = data[(seed, s)]["trials"]
                if rows and header is None:
                    header = list(rows[0].keys())
                    w = csv.DictWriter(f, fieldnames=header)
                    w.writeheader()
                for r in rows:
                    w.writerow(r)
    picture = os.path.join(args.out, "best_so_far.svg")
    if summary:
        svg(data, summary, strategies, args.budget, picture)
    for s_row in summary:
        print(f"seed {s_row['seed']}: best kid_rgb8 {fmt(s_row['best_kid_rgb8'])}, "
              f"within 5 % at <= {fmt(s_row['target'])}")
        for s, row in s_row["strategies"].items():
            print(f"  {s:9s} trials {row['trials']:3d} (pruned {row['pruned']:2d}) spent "
                  f"{row['trial_steps_spent']:6d}  best {fmt(row['best_kid_rgb8'])}  "
                  f"to within 5 %: {row['steps_to_within_5pct']}")
    if args.no_write:
        return
    dest = os.path.join(os.path.dirname(os.path.abspath(args.results)), "search_real")
    os.makedirs(dest, exist_ok=True)
    for src in (all_csv, trials_csv, picture):
        if os.path.exists(src):
            shutil.copy(src, dest)
    write_results(args.results, section(summary, runs, args, args.budget))
    print(f"wrote {args.results} (Benchmark 2) and {dest}/")


if __name__ == "__main__":
    main()
