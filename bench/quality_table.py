"""Quality for a fixed CPU budget: dcgan, stylegan2 and r3gan on the emoji at 32 and 64 px (issue 16).

usage: python3 bench/quality_table.py --images DIR [--budget 480] [--configs dcgan32,...]
                                      [--work DIR] [--nice 10] [--report-only]
(bench/quality_table.sh sets the images, DJL's cache and the allocator; see bench/README.md,
"Quality for a fixed CPU budget".)

For each config, one at a time, with `threads` 1, seed 42, batch 32 and quality on (`rgb8`, 256
samples):
1. Calibrate: train with quality measured only at the end (never reached), read the process's CPU
   seconds (/proc/<pid>/stat, every thread) against the step in progress.json once a second, and
   stop it (SIGTERM) once `--calibrate-cpu` CPU seconds have passed after the warm-up steps. Gives
   the CPU cost of start-up (JVM, data, the evaluator's real side) and of one step.
2. Train: steps = (budget - start-up) / step cost, less a 3% margin for the five quality
   evaluations, rounded down to a multiple of 5; a grid and a quality evaluation every steps / 5.
   The CPU seconds the run really used (its rusage, every thread, the evaluations and the
   final walk included) are reported beside the budget.
Each run's result lands in WORK/<config>/bench.json as soon as it ends, so an interrupted table
keeps what it has; then the report: bench/RESULTS.md's quality-table section, the final grids
copied to trainers/docs/quality-table/, and the README table printed. Standard library only.
"""

import argparse
import datetime
import json
import os
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dcgan_bench  # noqa: E402  (progress, cpu_and_faults, vm_rss_kib, machine, prioritise, load)

ROOT = dcgan_bench.ROOT
MAIN = dcgan_bench.MAIN
BEGIN, END = "<!-- quality-table:begin -->", "<!-- quality-table:end -->"

COMMON = {"batch_size": 32, "latent_dim": 64, "g_width": 32, "d_width": 32, "ema_decay": 0.999}
# Each family's settings from trainers/README.md: dcgan's defaults (lr 0.0002, beta1 0.5, bce), the
# stylegan2 and r3gan example specs (examples/stylegan2-32-emoji.json, examples/r3gan32-emoji.json).
FAMILY = {
    "dcgan": {"lr": 0.0002},
    "stylegan2": {"w_dim": 64, "mapping_layers": 2, "r1_gamma": 0.01, "r1_interval": 16, "style_mixing": 0.9},
    "r3gan": {"lr": 0.0002, "blocks_per_stage": 1, "group_channels": 16, "loss": "rpgan", "r1_gamma": 0.1},
}
CONFIGS = {  # name: (family, model, image size)
    "dcgan32": ("dcgan", "dcgan32", 32),
    "stylegan2-32": ("stylegan2", "stylegan2", 32),
    "r3gan-32": ("r3gan", "r3gan", 32),
    "dcgan64": ("dcgan", "dcgan64", 64),
    "stylegan2-64": ("stylegan2", "stylegan2", 64),
    "r3gan-64": ("r3gan", "r3gan", 64),
}
EVALUATIONS = 5  # grids and quality evaluations per run (every steps / 5)
SAMPLES = 256


def spec(args, name, out, steps, sample_every):
    family, model, size = CONFIGS[name]
    return {
        "trial_id": f"bench/quality-table/{name}",
        "model": model,
        "dataset": {"path": str(args.images), "image_size": size},
        "hyperparams": {**COMMON, **FAMILY[family], "steps": steps},
        "seed": 42,
        "sample_every": sample_every,
        "threads": 1,
        "augment": {"mirror": True},
        "checkpoint_every": 10**7,  # only the final checkpoint
        "quality": {"samples": SAMPLES},
        "output_dir": str(out),
    }


def java_command(args):
    return ["java", *dcgan_bench.JVM_FLAGS, "-cp", args.java_cp, MAIN]


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def train(args, name, out, steps, sample_every, stop=None):
    """Runs one trainer on a fresh output dir; samples (step, cpu s, rss KiB, time) once a second.
    stop(samples) true: SIGTERM. Returns (exit code, samples, CPU s from rusage, wall s)."""
    shutil.rmtree(out, ignore_errors=True)  # else the trainer would resume from its checkpoint
    out.mkdir(parents=True)
    (out / "spec.json").write_text(json.dumps(spec(args, name, out, steps, sample_every), indent=2))
    samples, cpu0, t0 = [], children_cpu(), time.time()
    with open(out / "trainer.log", "w") as log:
        proc = subprocess.Popen([*java_command(args), str(out / "spec.json")], stdout=log, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            time.sleep(1)
            p = dcgan_bench.progress(out)
            try:
                rss, (cpu, _) = dcgan_bench.vm_rss_kib(proc.pid), dcgan_bench.cpu_and_faults(proc.pid)
            except (OSError, IndexError):
                break
            if rss == 0:
                break
            samples.append((p[0] if p else 0, cpu, rss, time.time()))
            if stop and stop(samples):
                proc.send_signal(signal.SIGTERM)
                break
        code = proc.wait()
    return code, samples, children_cpu() - cpu0, time.time() - t0


def calibrate(args, name):
    """CPU s of start-up and of one step, from a run stopped after --calibrate-cpu s of steps."""
    warm = args.warmup_steps

    def stop(samples):
        after = [s for s in samples if s[0] >= warm]
        return len(after) > 1 and after[-1][1] - after[0][1] >= args.calibrate_cpu and after[-1][0] - after[0][0] >= 3

    out = args.work / name / "calibrate"
    code, samples, cpu, wall = train(args, name, out, 10**7, 10**7, stop)
    after = [s for s in samples if s[0] >= warm]
    if len(after) < 2 or after[-1][0] == after[0][0]:
        raise RuntimeError(f"calibration of {name} ended (exit {code}) before {warm + 3} steps; see {out / 'trainer.log'}")
    first, last = after[0], after[-1]
    per_step = (last[1] - first[1]) / (last[0] - first[0])
    return {
        "cpu_per_step": per_step,
        "startup_cpu": max(0.0, first[1] - per_step * first[0]),
        "steps": last[0],
        "cpu": cpu,
        "wall": wall,
        "exit": code,
    }


def run_config(args, name):
    result = {"config": name, "family": CONFIGS[name][0], "size": CONFIGS[name][2], "budget": args.budget,
              "load_start": dcgan_bench.load()}
    try:
        cal = calibrate(args, name)
        result["calibration"] = cal
        print(f"quality-table: {name}: {cal['cpu_per_step']:.3f} CPU s/step, start-up {cal['startup_cpu']:.1f} CPU s "
              f"(calibration {cal['steps']} steps, {cal['cpu']:.0f} CPU s)", flush=True)
        raw = (args.budget - cal["startup_cpu"]) * (1 - args.margin) / cal["cpu_per_step"]
        every = max(1, int(raw) // EVALUATIONS)
        steps = every * EVALUATIONS
        result.update(steps=steps, sample_every=every, load_train=dcgan_bench.load())
        print(f"quality-table: {name}: training {steps} steps (grid and quality every {every}; load {result['load_train']})",
              flush=True)
        out = args.work / name / "train"
        code, samples, cpu, wall = train(args, name, out, steps, every)
        result.update(exit=code, cpu=cpu, wall=wall, load_end=dcgan_bench.load(),
                      max_rss_mib=max((s[2] for s in samples), default=0) / 1024, out=str(out))
        try:
            result["result"] = json.loads((out / "result.json").read_text())
        except (OSError, ValueError):
            pass
        try:
            lines = (out / "sample_metrics.jsonl").read_text().splitlines()
            result["sample_metrics"] = [json.loads(line) for line in lines if line.strip()]
        except (OSError, ValueError):
            result["sample_metrics"] = []
        print(f"quality-table: {name}: exit {code}, {cpu:.0f} CPU s, {wall:.0f} s wall", flush=True)
    except Exception as e:  # record and go on to the next config
        result["error"] = f"{type(e).__name__}: {e}"
        print(f"quality-table: {name}: FAILED: {result['error']}", flush=True)
    (args.work / name).mkdir(parents=True, exist_ok=True)
    (args.work / name / "bench.json").write_text(json.dumps(result, indent=2))
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--java-cp", required=True, help="trainer jar and its classpath")
    ap.add_argument("--images", type=Path, required=True, help="the emoji folder (64x64 PNGs)")
    ap.add_argument("--budget", type=float, default=480, help="CPU seconds per config (default 480)")
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated, from " + ", ".join(CONFIGS))
    ap.add_argument("--calibrate-cpu", type=float, default=25, help="CPU s of steps the calibration measures")
    ap.add_argument("--warmup-steps", type=int, default=3)
    ap.add_argument("--margin", type=float, default=0.03, help="share of the budget left for the evaluations")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the driver and the trainers (and the autogroup)")
    ap.add_argument("--work", type=Path, default=ROOT / ".atelier" / "quality-table")
    ap.add_argument("--report-only", action="store_true", help="only write the report from WORK")
    ap.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--grids", type=Path, default=ROOT / "trainers" / "docs" / "quality-table")
    args = ap.parse_args()
    names = [n for n in args.configs.split(",") if n]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        sys.exit(f"--configs: {', '.join(unknown)} not among {', '.join(CONFIGS)}")
    if not args.images.is_dir():
        sys.exit(f"--images: '{args.images}' is not a folder")
    command = os.environ.get("BENCH_COMMAND", shlex.join(sys.argv))
    if not args.report_only:
        if args.nice:
            dcgan_bench.prioritise(args.nice)
        started = datetime.datetime.now().astimezone()
        meta = {"command": command, "started": started.isoformat(timespec="minutes"), "machine": dcgan_bench.machine(args),
                "budget": args.budget, "configs": names, "allocator": os.environ.get("LD_PRELOAD") or "glibc",
                "nice": os.getpriority(os.PRIO_PROCESS, 0), "load_start": dcgan_bench.load()}
        args.work.mkdir(parents=True, exist_ok=True)
        (args.work / "meta.json").write_text(json.dumps(meta, indent=2))
        print(f"quality-table: {len(names)} configs, {args.budget:.0f} CPU s each; load {meta['load_start']}", flush=True)
        for name in names:
            run_config(args, name)
        meta["ended"] = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
        meta["load_end"] = dcgan_bench.load()
        (args.work / "meta.json").write_text(json.dumps(meta, indent=2))
    report(args, names)


def report(args, names):
    try:
        import quality_table_report
    except ImportError:
        print("quality-table: no report module yet; rerun with --report-only", flush=True)
        return
    quality_table_report.write(args, names)


if __name__ == "__main__":
    main()
