"""Step time with quality metrics off, measured on the evaluator thread (the default), and measured
on the training thread (the former path), side by side in one run.

usage: python3 bench/quality_async.py [--rounds 2] [--steps 400] [--width 32] [--batch 32]
                                      [--threads 1] [--every 100] [--dataset DIR] [--out DIR]

Each round runs the three variants one after another (off, background, sync) with the same spec
(seed, data, steps) but for `quality`, so a change in the machine's load shows up in every variant
of a round. The trainer is started exactly as `./atelier train` starts it (its jar and classpath,
jemalloc, DJL's cache under .atelier/djl). A run's step time is read from its progress.json
(rewritten about once a second): ms/step = seconds between the first write at or past step
`--warmup` and the write of the last step, over the steps between; the last step's write comes
after the final checkpoint, so the final quality evaluation and latent walk count. Prints one
Markdown table row per run and the medians per variant.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATELIER_DIR = os.environ.get("ATELIER_DIR", os.path.join(ROOT, ".atelier"))


def java_command():
    target = os.path.join(ROOT, "trainers", "target")
    with open(os.path.join(target, "classpath.txt")) as f:
        cp = f.read().strip()
    jar = os.path.join(target, "atelier-trainers-0.1.0-SNAPSHOT.jar")
    return ["java", "-XX:+UseSerialGC", "-cp", jar + ":" + cp, "dev.atelier.trainers.TrainerMain"]


def environment():
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    env.setdefault("DJL_CACHE_DIR", os.path.join(ATELIER_DIR, "djl"))
    jemalloc = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
    if os.path.exists(jemalloc):
        env["LD_PRELOAD"] = jemalloc
        env["MALLOC_CONF"] = "dirty_decay_ms:-1,muzzy_decay_ms:-1"
    return env


def spec(args, out, quality):
    return {
        "trial_id": "bench/quality_async",
        "model": "dcgan32",
        "dataset": {"path": args.dataset, "image_size": 32},
        "hyperparams": {"steps": args.steps, "batch_size": args.batch, "g_width": args.width,
                        "d_width": args.width, "lr": 0.0002, "ema_decay": 0.999},
        "seed": 42,
        "threads": args.threads,
        "sample_every": args.every,
        "checkpoint_every": 100000,
        "quality": quality,
        "output_dir": out,
    }


VARIANTS = {
    "off": {"enabled": False},
    "background": {"every": None, "background": True},
    "sync": {"every": None, "background": False},
}


def run(args, variant, work):
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, variant)
    quality = {k: (args.every if v is None else v) for k, v in VARIANTS[variant].items()}
    path = os.path.join(work, variant + ".json")
    with open(path, "w") as f:
        json.dump(spec(args, out, quality), f)
    progress = os.path.join(out, "progress.json")
    load = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(os.path.join(work, variant + ".log"), "w") as log:
        p = subprocess.Popen(java_command() + [path], stdout=log, stderr=subprocess.STDOUT,
                             env=environment())
        seen, t_warm, step_warm, t_last = None, None, None, None
        while p.poll() is None:
            try:
                m = os.stat(progress).st_mtime_ns
                if m != seen:
                    seen = m
                    with open(progress) as f:
                        step = json.load(f)["step"]
                    now = time.monotonic()
                    if t_warm is None and step >= args.warmup:
                        t_warm, step_warm = now, step
                    if step >= args.steps:
                        t_last = now
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.02)
    wall = time.monotonic() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0 or t_warm is None or t_last is None:
        raise SystemExit(f"{variant}: exit {p.returncode}; see {work}/{variant}.log")
    q = 0.0
    metrics = os.path.join(out, "sample_metrics.jsonl")
    if os.path.exists(metrics):
        with open(metrics) as f:
            q = sum(json.loads(line).get("quality_seconds", 0.0) for line in f)
    ms = 1000 * (t_last - t_warm) / (args.steps - step_warm)
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    return {"variant": variant, "ms_per_step": ms, "images_per_sec": 1000 * args.batch / ms,
            "wall": wall, "cpu": cpu, "quality_seconds": q, "load": load}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--every", type=int, default=100)
    p.add_argument("--dataset", default=os.path.join(
        ATELIER_DIR, "npm/node_modules/emoji-datasource-google/img/google/64"))
    p.add_argument("--out", default=None, help="work folder (default: a new temporary one)")
    args = p.parse_args()
    work = args.out or tempfile.mkdtemp(prefix="quality_async.")
    os.makedirs(work, exist_ok=True)
    print(f"dcgan32, {args.steps} steps, batch {args.batch}, widths {args.width}, "
          f"threads {args.threads}, quality every {args.every}, data {args.dataset}; work {work}")
    print("| round | quality | ms/step | images/s | quality_seconds (sum) | wall s | CPU s | load |")
    print("|---|---|---|---|---|---|---|---|")
    rows = []
    for r in range(args.rounds):
        for v in VARIANTS:
            row = run(args, v, os.path.join(work, f"round{r + 1}"))
            rows.append(row)
            print(f"| {r + 1} | {v} | {row['ms_per_step']:.1f} | {row['images_per_sec']:.1f} | "
                  f"{row['quality_seconds']:.1f} | {row['wall']:.1f} | {row['cpu']:.1f} | "
                  f"{row['load']:.1f} |", flush=True)
    for v in VARIANTS:
        ms = statistics.median(r["ms_per_step"] for r in rows if r["variant"] == v)
        print(f"median {v}: {ms:.1f} ms/step, {1000 * args.batch / ms:.1f} images/s")


if __name__ == "__main__":
    main()
