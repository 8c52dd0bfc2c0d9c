"""Quality for a fixed CPU budget: dcgan, stylegan2 and r3gan on the emoji at 32 and 64 px (issue 16).

usage: python3 bench/quality_table.py --images DIR [--budget 360] [--configs dcgan32,...]
                                      [--work DIR] [--nice 10] [--report-only]
(bench/quality_table.sh sets the images, DJL's cache and the allocator; see bench/README.md,
"Quality for a fixed CPU budget".)

For each config, one at a time (or two, `--jobs 2`), with `threads` 1, seed 42, batch 32 and quality on (`rgb8`, 256
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
import concurrent.futures
import datetime
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dcgan_bench  # noqa: E402  (progress, cpu_and_faults, vm_rss_kib, machine, load, JVM_FLAGS)

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
        # On the training thread: the evaluator thread's glibc arena kept what each evaluation freed
        # (r3gan-32: +2.2 GB resident per evaluation); the metrics are the same either way.
        "quality": {"samples": SAMPLES, "background": False},
        "output_dir": str(out),
    }


def trainer_commit():
    """The last commit that changed the trainer's code (what the jar was built from, when it is fresh)."""
    cmd = ["git", "-C", str(ROOT), "log", "-1", "--format=%h", "--", "trainers/src/main", "trainers/pom.xml"]
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip() or "?"


def java_command(args):
    return ["java", *dcgan_bench.JVM_FLAGS, "-cp", args.java_cp, MAIN]


def environment():
    """dcgan_bench's list of settings that change the figures, and glibc's mmap threshold."""
    extra = [f"{n}={os.environ[n]}" for n in ["MALLOC_MMAP_THRESHOLD_"] if os.environ.get(n)]
    return ", ".join([e for e in [dcgan_bench.environment()] if e] + extra) or "-"


def train(args, name, out, steps, sample_every, stop=None):
    """Runs one trainer on a fresh output dir; samples (step, cpu s, rss KiB, time) once a second.
    stop(samples) true: SIGTERM. Resident memory above --max-rss-mib: SIGKILL (the machine is
    shared; a stylegan2 run once grew past 11 GB and starved it), said in the returned note.
    Returns (exit code, samples, CPU s from rusage, wall s, note)."""
    shutil.rmtree(out, ignore_errors=True)  # else the trainer would resume from its checkpoint
    out.mkdir(parents=True)
    (out / "spec.json").write_text(json.dumps(spec(args, name, out, steps, sample_every), indent=2))
    samples, t0, note = [], time.time(), None
    with open(out / "trainer.log", "w") as log:
        proc = subprocess.Popen([*java_command(args), str(out / "spec.json")], stdout=log, stderr=subprocess.STDOUT)
        reaped = None  # (status, rusage) once waited for
        while True:
            # wait4, not poll: its rusage is this trainer's own, even with another config's running
            # beside it (--jobs 2), where RUSAGE_CHILDREN would sum both.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                reaped = status, usage
                break
            time.sleep(1)
            p = dcgan_bench.progress(out)
            try:
                rss, (cpu, _) = dcgan_bench.vm_rss_kib(proc.pid), dcgan_bench.cpu_and_faults(proc.pid)
            except (OSError, IndexError):
                break
            if rss == 0:
                break
            samples.append((p[0] if p else 0, cpu, rss, time.time()))
            if rss > args.max_rss_mib * 1024:
                note = f"killed: resident memory {rss / 1024:.0f} MiB above --max-rss-mib {args.max_rss_mib} at step {samples[-1][0]}"
                proc.kill()
                break
            if stop and stop(samples):
                proc.send_signal(signal.SIGTERM)
                break
        # Also when it ended between the wait and reading /proc (the loop's other way out).
        status, usage = reaped or os.wait4(proc.pid, 0)[1:]
        proc.returncode = code = os.waitstatus_to_exitcode(status)
    return code, samples, usage.ru_utime + usage.ru_stime, time.time() - t0, note


def rss_curve(samples, points=20):
    """(step, RSS MiB) at about `points` evenly spaced samples, the last one included."""
    pick = samples[:: max(1, len(samples) // points)] + samples[-1:]
    return [(s[0], round(s[2] / 1024)) for s in pick]


def calibrate(args, name):
    """CPU s of start-up and of one step, from a run stopped after --calibrate-cpu s of steps."""
    warm = args.warmup_steps

    def stop(samples):
        after = [s for s in samples if s[0] >= warm]
        return len(after) > 1 and after[-1][1] - after[0][1] >= args.calibrate_cpu and after[-1][0] - after[0][0] >= 3

    out = args.work / name / "calibrate"
    code, samples, cpu, wall, note = train(args, name, out, 10**7, 10**7, stop)
    if note:
        raise RuntimeError(f"calibration of {name}: {note}")
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
        code, samples, cpu, wall, note = train(args, name, out, steps, every)
        result.update(exit=code, cpu=cpu, wall=wall, load_end=dcgan_bench.load(),
                      max_rss_mib=max((s[2] for s in samples), default=0) / 1024, rss_curve=rss_curve(samples),
                      out=str(out), environment=environment())
        if note:
            result["error"] = note
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
    ap.add_argument("--budget", type=float, default=360, help="CPU seconds per config (default 360)")
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated, from " + ", ".join(CONFIGS))
    ap.add_argument("--calibrate-cpu", type=float, default=20, help="CPU s of steps the calibration measures")
    ap.add_argument("--warmup-steps", type=int, default=3)
    ap.add_argument("--max-rss-mib", type=int, default=6144, help="kill a trainer whose resident memory passes this")
    ap.add_argument("--margin", type=float, default=0.03, help="share of the budget left for the evaluations")
    ap.add_argument("--jobs", type=int, default=1, choices=[1, 2],
                    help="configs trained at a time, each on one thread (2 on a quiet 2-core machine; default 1)")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the driver and the trainers (default 10)")
    ap.add_argument("--work", type=Path, default=ROOT / ".atelier" / "quality-table")
    ap.add_argument("--report-only", action="store_true", help="only write the report from WORK")
    ap.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--grids", type=Path, default=ROOT / "trainers" / "docs" / "quality-table")
    ap.add_argument("--no-readme", dest="readme", action="store_false",
                    help="leave trainers/README.md alone (by default its quality-table part is rewritten)")
    args = ap.parse_args()
    names = [n for n in args.configs.split(",") if n]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        sys.exit(f"--configs: {', '.join(unknown)} not among {', '.join(CONFIGS)}")
    if not args.images.is_dir():
        sys.exit(f"--images: '{args.images}' is not a folder")
    command = os.environ.get("BENCH_COMMAND", shlex.join(sys.argv))
    if not args.report_only:
        # The process only, as `nice -n` does: not the session's autogroup (dcgan_bench.prioritise
        # renices that too). Other sessions' builds each have their own autogroup, and a reniced one
        # got ~15% of a core at load average 6-9, which would stretch the table to hours.
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)
        started = datetime.datetime.now().astimezone()
        meta = {"command": command, "started": started.isoformat(timespec="minutes"), "machine": dcgan_bench.machine(args),
                "budget": args.budget, "configs": names, "allocator": os.environ.get("LD_PRELOAD") or "glibc",
                "nice": os.getpriority(os.PRIO_PROCESS, 0), "load_start": dcgan_bench.load(),
                "commit": trainer_commit()}
        meta["environment"] = environment()
        args.work.mkdir(parents=True, exist_ok=True)
        meta_file = args.work / "meta.json"
        if meta_file.exists():  # a run of some configs only: keep the earlier runs' lines
            earlier = json.loads(meta_file.read_text())
            meta["earlier"] = earlier.pop("earlier", []) + [earlier]
        meta_file.write_text(json.dumps(meta, indent=2))
        print(f"quality-table: {len(names)} configs, {args.budget:.0f} CPU s each; load {meta['load_start']}", flush=True)
        meta["jobs"] = args.jobs
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(lambda name: run_config(args, name), names))
        meta["ended"] = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
        meta["load_end"] = dcgan_bench.load()
        (args.work / "meta.json").write_text(json.dumps(meta, indent=2))
    report(args, names)


def load_results(args, names):
    out = []
    for name in names:
        f = args.work / name / "bench.json"
        out.append(json.loads(f.read_text()) if f.exists() else {"config": name, "error": "not run"})
    return out


def final_metrics(r):
    """The last sample step's metrics (the final evaluation), or {}."""
    rows = r.get("sample_metrics") or []
    return rows[-1] if rows else {}


def fmt(v, spec):
    return "–" if v is None else format(v, spec)


def grid_of(r):
    """The run's final grid, samples/step_NNNNNNN.png of its last step, or None."""
    if "out" not in r or not r.get("steps"):
        return None
    f = Path(r["out"]) / "samples" / f"step_{r['steps']:07d}.png"
    return f if f.exists() else None


def quality_thread(r):
    """Where the run's quality evaluations ran, from its spec."""
    try:
        q = json.loads((Path(r["out"]) / "spec.json").read_text()).get("quality", {})
    except (KeyError, OSError, ValueError):
        return "?"
    return "evaluator thread" if q.get("background", True) else "training thread"


def table_rows(results, link=None):
    rows = []
    for r in results:
        name, m = r["config"], final_metrics(r)
        _, model, size = CONFIGS[name]
        head = f"| {model} | {size}"
        if r.get("error") == "not run":
            rows.append(f"{head} | | | | | not run | | | | |")
            continue
        if "error" in r or r.get("exit") != 0:
            why = r.get("error") or f"exit {r.get('exit')} ({(r.get('result') or {}).get('reason') or 'see trainer.log'})"
            rows.append(f"{head} | | | | | failed: {why} | | | | |")
            continue
        cal = r["calibration"]
        best = min(r["sample_metrics"], key=lambda x: x.get("fd_rgb8", float("inf")))
        grid = f" ([grid]({link(name)}))" if link else ""
        rows.append(
            f"{head}{grid} | {r['steps']:,} | {r['steps'] * COMMON['batch_size']:,} | {r['cpu']:.0f} "
            f"| {cal['cpu_per_step'] * 1000:.0f} | **{fmt(m.get('fd_rgb8'), '.1f')}** | **{fmt(m.get('kid_rgb8'), '.3f')}** "
            f"| {fmt(m.get('diversity_rgb8'), '.2f')} ({fmt(m.get('diversity_real_rgb8'), '.2f')}) "
            f"| {fmt(best.get('fd_rgb8'), '.1f')} at {best['step']:,} | {r['wall'] / 60:.1f} |"
        )
    return rows


TABLE_HEAD = [
    "| model | size | steps | images seen | CPU s used | CPU ms / step | `fd_rgb8` | `kid_rgb8` | `diversity_rgb8` (data) "
    "| lowest `fd_rgb8` (step) | wall min |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]


def results_section(args, names, results, meta):
    m = meta.get("machine", {})
    invocations = [x for x in meta.get("earlier", []) + [meta] if any(c in names for c in x.get("configs", []))]
    loads = [(r["config"], r.get("load_train"), r.get("load_end")) for r in results if r.get("load_train")]
    lines = [
        BEGIN,
        "# Quality for a fixed CPU budget: dcgan, stylegan2 and r3gan on the emoji at 32 and 64 px",
        "",
        "; ".join(f"`{x.get('command', '?')}` ({', '.join(x.get('configs', []))}; {x.get('started', '?')} to "
                  f"{x.get('ended', 'killed')}, load average {x.get('load_start', '?')} at the start)" for x in invocations)
        + ", with `ATELIER_DIR` pointing at a checkout whose `./atelier setup` installed the emoji and DJL's natives; "
        "written by `bench/quality_table.py` (bench/README.md, \"Quality for a fixed CPU budget\", says what is measured).",
        "",
        f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('memory_gib', '?')} GiB, Linux {m.get('kernel', '?')}, "
        "shared with other engineers' builds. "
        f"Versions: {m.get('java', '?')}; DJL {m.get('djl', '?')} (pytorch-jni {m.get('djl_jni', '?')}, "
        f"natives {m.get('djl_natives', '?')} CPU); trainer at commit {meta.get('commit', '?')}. "
        f"Allocator: glibc; per config its settings and where quality ran: "
        f"{'; '.join(r['config'] + ': ' + r.get('environment', 'no MALLOC_ settings').replace('-', 'no MALLOC_ settings') + ', ' + quality_thread(r) for r in results if 'exit' in r)}. "
        f"JVM {' '.join(dcgan_bench.JVM_FLAGS)}; nice {meta.get('nice', '?')}; {meta.get('jobs', 1)} config(s) at a time.",
        "",
        f"Every config: emoji set (`{args.images.name}` folder, 3,786 images), batch {COMMON['batch_size']}, "
        f"latent {COMMON['latent_dim']}, widths {COMMON['g_width']}, EMA {COMMON['ema_decay']}, mirror, seed 42, "
        f"`threads` 1, quality on (`rgb8`, {SAMPLES} samples, every steps / {EVALUATIONS}, the final walk; the same "
        "metrics on either thread), "
        f"no MLflow; budget **{meta.get('budget', args.budget):.0f} CPU s** per config (process CPU, every thread). "
        "dcgan: lr 0.0002, β₁ 0.5, `bce`; stylegan2: lr 0.0025, β (0, 0.99), w 64, 2 mapping layers, "
        "R1 γ 0.01 every 16 steps, mixing 0.9 (grid at ψ 1); r3gan: lr 0.0002, β (0, 0.99), one block per stage, "
        "16 channels per group, `rpgan` with R1 = R2 γ 0.1.",
        "",
        *TABLE_HEAD,
        *table_rows(results),
        "",
        "Steps: (budget − start-up CPU) / CPU per step, from a calibration run of the same spec stopped after "
        f"~{args.calibrate_cpu:.0f} CPU s of steps, less 3% for the evaluations. Metrics: the final step's. "
        "Load average (1, 5, 15 min) at each training run's start and end: "
        + "; ".join(f"{c} {a} → {b}" for c, a, b in loads) + ".",
        "",
        "| config | step | `fd_rgb8` | `kid_rgb8` | `diversity_rgb8` | `mode_collapse` | `novelty_nn_distance_rgb8` "
        "| `loss_d_avg` / `loss_g_avg` | `quality_seconds` |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for s in r.get("sample_metrics") or []:
            lines.append(
                f"| {r['config']} | {s['step']:,} | {fmt(s.get('fd_rgb8'), '.1f')} | {fmt(s.get('kid_rgb8'), '.3f')} "
                f"| {fmt(s.get('diversity_rgb8'), '.2f')} | {fmt(s.get('mode_collapse'), '.0f')} "
                f"| {fmt(s.get('novelty_nn_distance_rgb8'), '.3f')} "
                f"| {fmt(s.get('loss_d_avg'), '.2f')} / {fmt(s.get('loss_g_avg'), '.2f')} | {fmt(s.get('quality_seconds'), '.1f')} |"
            )
    lines += [
        "",
        "Calibration (CPU per step, start-up CPU, the calibration run's own CPU s, not counted above): "
        + "; ".join(
            f"{r['config']} {r['calibration']['cpu_per_step'] * 1000:.0f} ms, {r['calibration']['startup_cpu']:.1f} s, "
            f"{r['calibration']['cpu']:.0f} s" for r in results if "calibration" in r)
        + ". Peak resident memory: "
        + "; ".join(f"{r['config']} {r['max_rss_mib']:.0f} MiB" for r in results if "max_rss_mib" in r)
        + ". Grids: trainers/README.md, \"Quality for a fixed CPU budget\".",
        "",
        "Resident memory (MiB) by step: "
        + "; ".join(f"{r['config']} " + ", ".join(f"{st}: {mb}" for st, mb in r["rss_curve"][::2]) for r in results if r.get("rss_curve"))
        + ".",
        END,
    ]
    return "\n".join(lines) + "\n"


def replace_between(path, text):
    old = path.read_text() if path.exists() else ""
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + text.rstrip("\n") + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new)


def readme_table(results, grids_rel):
    """The table for trainers/README.md: the figures, then the grids, 32 px above 64 px."""
    lines = [*TABLE_HEAD, *table_rows(results, lambda n: f"{grids_rel}/{n}.png"), ""]
    by = {r["config"]: r for r in results}
    lines += ["| | dcgan | stylegan2 | r3gan |", "|---|---|---|---|"]
    for size in (32, 64):
        cells = []
        for family in ("dcgan", "stylegan2", "r3gan"):
            name = next(n for n, c in CONFIGS.items() if c[0] == family and c[2] == size)
            r = by.get(name)
            if r and grid_of(r):
                cells.append(f'<img src="{grids_rel}/{name}.png" width="{256 if size == 32 else 288}" alt="{name} after {r["steps"]} steps">')
            else:
                cells.append("(not run)" if not r or r.get("error") == "not run" else "(failed)")
        lines.append(f"| {size} px | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_report(args, names):
    results = load_results(args, names)
    meta_file = args.work / "meta.json"
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    meta.setdefault("commit", trainer_commit())
    args.grids.mkdir(parents=True, exist_ok=True)
    for r in results:
        g = grid_of(r)
        if g:
            shutil.copyfile(g, args.grids / f"{r['config']}.png")
    replace_between(args.results, results_section(args, names, results, meta))
    readme = ROOT / "trainers" / "README.md"
    rel = os.path.relpath(args.grids, readme.parent)
    if args.readme:
        replace_between(readme, BEGIN + "\n" + readme_table(results, rel) + END + "\n")
    print(readme_table(results, rel))
    print(f"quality-table: wrote {args.results} and {args.grids}" + (f" and {readme}" if args.readme else ""), flush=True)


def report(args, names):
    write_report(args, names)


if __name__ == "__main__":
    main()
