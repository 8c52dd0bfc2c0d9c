"""Loss curves and final quality of the DJL trainer against the PyTorch references, seed against
seed (issue 16, "Matched against PyTorch"; started by bench/curves.sh; see bench/README.md,
"Training curves against PyTorch").

Per family (stylegan2, r3gan) and seed: the trainer CLI on the emoji for a fixed number of steps
at 32 px with a small config, and the PyTorch reference (bench/curves_torch.py) with the same
config on the very pixels the trainer loads (bench/CurvesData.java dump), the same loss, penalties,
optimiser and weight average. The trainer reports its own loss_*_avg per `--window` steps and its
final fd_rgb8 / kid_rgb8; the reference's final EMA samples are written as PNGs and measured by the
trainer's own QualityEvaluator (bench/CurvesData.java measure). Then, per family and side, the mean
and min-max over seeds of the loss over the last `--last` steps and of the final metrics, and
whether each side's mean lies within the other side's seed-to-seed range. Writes its own marked
section of bench/RESULTS.md and the raw numbers to .atelier/bench/curves.json. Standard library
only; the machine facts are bench/dcgan_bench.py's.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dcgan_bench import JVM_FLAGS, ROOT, WORK, environment, load, machine

BEGIN = "<!-- curves-bench:begin -->"
END = "<!-- curves-bench:end -->"
MAIN = "dev.atelier.trainers.TrainerMain"
# The small configs: widths and latent per family (the families' defaults otherwise).
CONFIGS = {"stylegan2": {"latent": 32, "width": 32}, "r3gan": {"latent": 32, "width": 16}}
OUT = WORK / "curves"


def java_cmd(args, *cmd):
    return ["nice", "-n", str(args.nice), "java", *JVM_FLAGS, f"-Xmx{args.heap}", "-cp", args.java_cp, *cmd]


def java(args, *cmd, **kw):
    return subprocess.run(java_cmd(args, *cmd), check=True, **kw)


def rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def dump_data(args):
    path = OUT / f"data{args.size}.f32"
    out = java(args, str(ROOT / "bench" / "CurvesData.java"), "dump", str(args.images), str(args.size), str(path),
               capture_output=True, text=True).stdout
    return path, json.loads(out.strip().splitlines()[-1])


def djl_run(args, family, seed):
    out = OUT / f"{family}-djl-s{seed}"
    done = out / "result.json"
    finished = done.exists() and json.loads(done.read_text()).get("last_step") == args.steps
    if args.resume and finished and (out / "png.json").exists():
        return read_djl(out)
    shutil.rmtree(out, ignore_errors=True)  # else the trainer would resume from its checkpoint
    out.mkdir(parents=True)
    c = CONFIGS[family]
    spec = {
        "trial_id": f"bench/curves/{family}-s{seed}",
        "model": family,
        "dataset": {"path": str(args.images), "image_size": args.size, "background": "#ffffff"},
        "hyperparams": {"latent_dim": c["latent"], "g_width": c["width"], "d_width": c["width"],
                        "batch_size": args.batch, "steps": args.steps},
        "seed": seed,
        "sample_every": args.window,
        "threads": args.threads,
        "checkpoint_every": 10**6,
        "quality": {"every": args.steps, "samples": args.samples},
        "output_dir": str(out),
    }
    (out / "spec.json").write_text(json.dumps(spec, indent=2))
    t0 = time.time()
    rss = []  # (step, resident MiB), every 2 s: the trainer's memory over the run
    with open(out / "trainer.log", "w") as log:
        proc = subprocess.Popen(java_cmd(args, MAIN, str(out / "spec.json")), stdout=log, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            time.sleep(2)
            r = rss_mib(proc.pid)
            try:
                step = json.loads((out / "progress.json").read_text())["step"]
            except (OSError, ValueError, KeyError):
                step = 0
            if r:
                rss.append((step, r))
    (out / "rss.json").write_text(json.dumps(rss))
    if proc.returncode != 0:
        raise RuntimeError(f"trainer run {out.name} failed (exit {proc.returncode}); see {out / 'trainer.log'}")
    (out / "wall.txt").write_text(f"{time.time() - t0:.1f}\n")
    # The control: the final generator's samples as 8-bit PNGs, measured as the reference's are.
    java(args, str(ROOT / "bench" / "CurvesData.java"), "draw", str(out / "checkpoints" / "final"), str(args.samples),
         str(out / "png"), capture_output=True)
    m = measure(args, out / "png")
    (out / "png.json").write_text(json.dumps(m))
    return read_djl(out)


def read_djl(out):
    lines = [json.loads(x) for x in (out / "sample_metrics.jsonl").read_text().splitlines() if x.strip()]
    final = lines[-1]
    windows = [{"step": x["step"], "loss_g_avg": x["loss_g_avg"], "loss_d_avg": x["loss_d_avg"]} for x in lines]
    rss = json.loads((out / "rss.json").read_text()) if (out / "rss.json").exists() else []
    png = json.loads((out / "png.json").read_text()) if (out / "png.json").exists() else {}
    return {"windows": windows, "fd_rgb8": final["fd_rgb8"], "kid_rgb8": final["kid_rgb8"],
            "wall": float((out / "wall.txt").read_text()) if (out / "wall.txt").exists() else None,
            "rss_mib": rss, "fd_rgb8_png": png.get("fd_rgb8"), "kid_rgb8_png": png.get("kid_rgb8")}


def measure(args, samples):
    out = java(args, str(ROOT / "bench" / "CurvesData.java"), "measure", str(args.images), str(args.size),
               str(samples), str(args.samples), capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def torch_run(args, family, seed, data):
    out = OUT / f"{family}-torch-s{seed}"
    done = out / "metrics.json"
    if args.resume and done.exists():
        return json.loads(done.read_text())
    shutil.rmtree(out, ignore_errors=True)
    c = CONFIGS[family]
    cmd = ["nice", "-n", str(args.nice), args.python, str(ROOT / "bench" / "curves_torch.py"), "--family", family,
           "--data", str(data), "--size", str(args.size), "--seed", str(seed), "--steps", str(args.steps),
           "--batch", str(args.batch), "--latent", str(c["latent"]), "--width", str(c["width"]),
           "--window", str(args.window), "--samples", str(args.samples), "--threads", str(args.threads), "--out", str(out)]
    out.mkdir(parents=True)
    t0 = time.time()
    with open(out / "torch.log", "w") as log:
        subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "OMP_NUM_THREADS": str(args.threads)})
    wall = time.time() - t0
    r = json.loads((out / "result.json").read_text())
    metrics = measure(args, out / "samples.f32")
    png = measure(args, out / "samples")
    res = {"windows": r["windows"], "fd_rgb8": metrics["fd_rgb8"], "kid_rgb8": metrics["kid_rgb8"], "wall": wall,
           "torch": r["torch"], "fd_rgb8_png": png["fd_rgb8"], "kid_rgb8_png": png["kid_rgb8"]}
    done.write_text(json.dumps(res, indent=1))
    return res


def last_mean(run, key, args):
    """The mean of a run's per-window loss means over its last `--last` steps."""
    ws = [w for w in run["windows"] if w["step"] > args.steps - args.last]
    return statistics.fmean(w[key] for w in ws)


def spread(values):
    return {"mean": statistics.fmean(values), "min": min(values), "max": max(values), "values": values}


def summarise(args, results):
    """{family: {quantity: {side: spread}}}"""
    out = {}
    for family, runs in results.items():
        q = {}
        for key, label in (("loss_d_avg", "loss_d"), ("loss_g_avg", "loss_g")):
            q[label] = {side: spread([last_mean(r, key, args) for r in runs[side]]) for side in ("djl", "torch")}
        for key in ("fd_rgb8", "kid_rgb8", "fd_rgb8_png", "kid_rgb8_png"):
            q[key] = {side: spread([r[key] for r in runs[side]]) for side in ("djl", "torch")}
        out[family] = q
    return out


def within(x, s):
    return s["min"] <= x <= s["max"]


def verdict(q):
    """Whether each side's mean lies in the other's seed range, and by how much it misses."""
    a, b = q["djl"], q["torch"]
    ab, ba = within(a["mean"], b), within(b["mean"], a)
    overlap = a["min"] <= b["max"] and b["min"] <= a["max"]
    if ab and ba:
        return "yes, both ways"
    if ab or ba:
        return "DJL mean in PyTorch's range" if ab else "PyTorch mean in DJL's range"
    if overlap:
        return "ranges overlap, neither mean in the other's range"
    gap = b["min"] - a["max"] if a["max"] < b["min"] else a["min"] - b["max"]
    width = max(a["max"] - a["min"], b["max"] - b["min"]) or float("nan")
    return f"**no**: {gap:.3g} apart ({gap / width:.1f}x the wider range)"


def fmt(s, digits):
    return f"{s['mean']:.{digits}f} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def curve_rows(args, results, family, every):
    """Loss means over seeds at every `every` steps (windows ending there), DJL / PyTorch."""
    rows = []
    runs = results[family]
    steps = [w["step"] for w in runs["djl"][0]["windows"]]
    for step in steps:
        if step % every and step != args.steps:
            continue
        cells = []
        for key in ("loss_d_avg", "loss_g_avg"):
            per = {}
            for side in ("djl", "torch"):
                vals = [w[key] for r in runs[side] for w in r["windows"] if w["step"] == step]
                per[side] = spread(vals)
            cells.append(f"{fmt(per['djl'], 3)} / {fmt(per['torch'], 3)}")
        rows.append(f"| {family} | {step} | {cells[0]} | {cells[1]} |")
    return rows


def window_agreement(results):
    """Counts the loss windows whose seed means lie in the other side's range both ways, one way, neither."""
    both, one, misses = 0, 0, []
    for family, runs in results.items():
        for step in [w["step"] for w in runs["djl"][0]["windows"]]:
            for key in ("loss_d_avg", "loss_g_avg"):
                v = {s: spread([w[key] for r in runs[s] for w in r["windows"] if w["step"] == step]) for s in ("djl", "torch")}
                n = within(v["djl"]["mean"], v["torch"]) + within(v["torch"]["mean"], v["djl"])
                if n == 2:
                    both += 1
                elif n == 1:
                    one += 1
                else:
                    misses.append(f"{family} {key[:6]} at step {step}")
    return both, one, misses


def section(args, m, results, summary, command, loads, torch_version):
    when = datetime.datetime.now().astimezone()
    seeds = ", ".join(str(s) for s in args.seeds)
    configs = "; ".join(f"{f}: latent {c['latent']}, g_width = d_width {c['width']}" for f, c in CONFIGS.items() if f in results)
    lines = [
        BEGIN,
        f"## Training curves and quality: stylegan2 and r3gan against PyTorch, seed to seed (issue 16)",
        "",
        f"`{command}` on {when:%Y-%m-%d %H:%M %Z}. Written by bench/curves_bench.py; bench/README.md says what is compared.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, shared (load average {loads[0]} at the start, {loads[1]} at the end). "
        f"Versions: {m['java']}; DJL {m['djl']} (natives {m['djl_natives']} CPU); PyTorch {torch_version} (eager).  ",
        f"Data: {args.images} ({args.count} images) at {args.size} px, as the trainer loads them (on #ffffff, [-1, 1]); "
        f"no mirror, no augmentation. {args.steps} steps, batch {args.batch}, seeds {seeds}; {configs}; the families' "
        f"defaults otherwise. Trainer JVM {' '.join(JVM_FLAGS)} -Xmx{args.heap}. {args.threads} thread per run, {args.jobs} runs at a time (a DJL run beside its PyTorch "
        f"twin), nice {args.nice}{', ' + environment() if environment() else ''}. Losses: the means of the "
        f"per-{args.window}-step means over the last {args.last} steps (loss_d without its penalties, as the trainer "
        f"logs it); fd_rgb8 / kid_rgb8: {args.samples} samples of the final weight average against all real images, "
        f"the trainer's own QualityEvaluator on both sides, on the generators' float outputs clipped to [-1, 1] as the "
        f"trainer measures them; `_png`: the same samples written as clipped 8-bit PNGs and measured from the files "
        f"(the trainer's side drawn from its final checkpoint with the same latents).",
        "",
        "Mean over seeds (min–max):",
        "",
        "| family | quantity | DJL trainer | PyTorch reference | within each other's seed spread? |",
        "|---|---|---|---|---|",
    ]
    for family, q in summary.items():
        for key, digits in (("loss_d", 3), ("loss_g", 3), ("fd_rgb8", 2), ("kid_rgb8", 3), ("fd_rgb8_png", 2), ("kid_rgb8_png", 3)):
            lines.append(f"| {family} | {key} | {fmt(q[key]['djl'], digits)} | {fmt(q[key]['torch'], digits)} | {verdict(q[key])} |")
    lines += [
        "",
        f"The curves: loss_d and loss_g, means over the seeds of each {args.window}-step mean (min–max), DJL / PyTorch:",
        "",
        "| family | step | loss_d DJL / PyTorch | loss_g DJL / PyTorch |",
        "|---|---|---|---|",
    ]
    for family in results:
        lines += curve_rows(args, results, family, args.curve_every)
    both, one, misses = window_agreement(results)
    lines += ["", f"Of the {both + one + len(misses)} per-{args.window}-step windows (per family and loss), {both} have each "
              f"side's mean inside the other's seed range both ways, {one} one way, {len(misses)} neither way"
              + (": " + "; ".join(misses) if misses else "") + "."]
    lines += ["", "Per run (wall seconds include start-up and the final measurement):", "",
              "| family | side | seed | loss_d last | loss_g last | fd_rgb8 | kid_rgb8 | fd / kid png | wall s | trainer RSS MiB: first sample, peak |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for family, runs in results.items():
        for side, label in (("djl", "DJL"), ("torch", "PyTorch")):
            for seed, r in zip(args.seeds, runs[side]):
                wall = f"{r['wall']:.0f}" if r.get("wall") else "?"
                rss = r.get("rss_mib") or []
                mem = f"{rss[0][1]:.0f} (step {rss[0][0]}), {max(x[1] for x in rss):.0f}" if rss else ""
                lines.append(f"| {family} | {label} | {seed} | {last_mean(r, 'loss_d_avg', args):.3f} | "
                             f"{last_mean(r, 'loss_g_avg', args):.3f} | {r['fd_rgb8']:.2f} | {r['kid_rgb8']:.3f} | "
                             f"{r['fd_rgb8_png']:.2f} / {r['kid_rgb8_png']:.3f} | {wall} | {mem} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_results(path, text):
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--java-cp", required=True, help="trainer jar and its classpath")
    ap.add_argument("--python", default=sys.executable, help="an interpreter with PyTorch")
    ap.add_argument("--images", type=Path, required=True, help="the image folder (the emoji)")
    ap.add_argument("--families", default="stylegan2,r3gan")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--size", type=int, default=32, choices=[32, 64])
    ap.add_argument("--window", type=int, default=25, help="steps per loss mean (the trainer's sample_every)")
    ap.add_argument("--last", type=int, default=100, help="steps at the end over which the losses are compared")
    ap.add_argument("--curve-every", type=int, default=50, help="rows of the curve table")
    ap.add_argument("--samples", type=int, default=256, help="quality.samples")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="runs at a time")
    ap.add_argument("--nice", type=int, default=10)
    ap.add_argument("--heap", default="512m", help="the trainer JVM's -Xmx (so resident memory shows native memory)")
    ap.add_argument("--resume", action="store_true", help="reuse finished runs under .atelier/bench/curves")
    ap.add_argument("--report-only", action="store_true", help="only rewrite the section from finished runs")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()
    families = [f for f in args.families.split(",") if f]
    bad = [f for f in families if f not in CONFIGS]
    if bad:
        sys.exit(f"--families: {','.join(bad)} is not one of {', '.join(CONFIGS)}")
    args.seeds = [int(s) for s in args.seeds.split(",") if s]
    if args.steps % args.window or args.last % args.window or args.last > args.steps:
        sys.exit(f"--steps {args.steps} and --last {args.last} must be multiples of --window {args.window}, --last <= --steps")
    if not args.images.is_dir():
        sys.exit(f"--images: {args.images} is not a folder")
    if args.report_only:
        args.resume = True
    OUT.mkdir(parents=True, exist_ok=True)
    command = os.environ.get("BENCH_COMMAND", shlex.join(sys.argv))
    m = machine(args)
    load0 = load()
    print(f"curves: {m['cpu']}, {m['cores']} cores; load {load0}", flush=True)
    data, info = dump_data(args)
    args.count = info["count"]
    tasks = []  # a DJL run and its PyTorch twin side by side; seed by seed, so a cut run has both families
    for seed in args.seeds:
        for family in families:
            tasks.append((family, "djl", seed))
            tasks.append((family, "torch", seed))

    def run(task):
        family, side, seed = task
        if args.report_only:
            r = djl_run(args, family, seed) if side == "djl" else torch_run(args, family, seed, data)
        else:
            print(f"curves: {family} {side} seed {seed} (load {load()})", flush=True)
            r = djl_run(args, family, seed) if side == "djl" else torch_run(args, family, seed, data)
            print(f"curves:   {family} {side} seed {seed}: fd_rgb8 {r['fd_rgb8']:.2f} kid_rgb8 {r['kid_rgb8']:.3f}", flush=True)
        return task, r

    results = {f: {"djl": [], "torch": []} for f in families}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        done = dict(pool.map(run, tasks))
    torch_version = "?"
    for family, side, seed in tasks:
        results[family][side].append(done[(family, side, seed)])
        torch_version = done[(family, side, seed)].get("torch", torch_version)
    summary = summarise(args, results)
    text = section(args, m, results, summary, command, (load0, load()), torch_version)
    print(text)
    write_results(args.out, text)
    (WORK / "curves.json").write_text(json.dumps({"results": results, "summary": summary}, indent=1))


if __name__ == "__main__":
    main()
