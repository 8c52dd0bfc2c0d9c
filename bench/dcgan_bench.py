"""DCGAN benchmark driver (started by bench/run.sh; see bench/README.md).

1. Speed: DCGAN-64, batch 64, the DJL trainer CLI then the PyTorch eager reference, each for a
   fixed window after warm-up, on the same threads; images/s and their ratio.
2. Memory: the trainer's resident set (VmRSS, sampled every second) over a DCGAN-32 run.
Writes bench/RESULTS.md. Standard library only; torch is used by the reference script.
"""

import argparse
import atexit
import datetime
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".atelier" / "bench"
MAIN = "dev.atelier.trainers.TrainerMain"
JVM_FLAGS = ["-XX:+UseSerialGC"]  # what the platform's local launcher runs the trainer with
TICK = os.sysconf("SC_CLK_TCK")


def write_png(path, size, pixel):
    rows = b"".join(b"\0" + bytes(c for x in range(size) for c in pixel(x, y)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def synthetic_images(folder, count=512, size=64):
    """Coloured discs on tinted backgrounds: only the arithmetic matters for speed."""
    if len(list(folder.glob("*.png"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    for i in range(count):
        bg = [rnd.randrange(256) for _ in range(3)]
        fg = [rnd.randrange(256) for _ in range(3)]
        cx, cy, r2 = rnd.randrange(size), rnd.randrange(size), rnd.randrange(64, 900)
        write_png(folder / f"img{i:04d}.png", size, lambda x, y: fg if (x - cx) ** 2 + (y - cy) ** 2 < r2 else bg)
    return folder


def vm_rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_and_faults(pid):
    """(CPU seconds used, minor page faults) of a process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK, int(fields[7])  # utime + stime, minflt


def busy_seconds():
    """CPU seconds all processes have used so far (/proc/stat, minus idle and iowait)."""
    t = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(t) - t[3] - t[4]) / TICK


def wait_idle(args):
    """With --wait-idle: waits (at most that long) for 5 s in which others use under 0.2 cores."""
    if not args.wait_idle:
        return None
    deadline = time.time() + args.wait_idle
    while True:
        b0 = busy_seconds()
        time.sleep(5)
        others = (busy_seconds() - b0) / 5
        if others < 0.2 or time.time() >= deadline:
            return others


def progress(outdir):
    """(step, trainer's images/s, time the trainer wrote it) from progress.json, or None."""
    try:
        with open(outdir / "progress.json") as f:
            written = os.fstat(f.fileno()).st_mtime
            p = json.load(f)
        return p["step"], p["images_per_sec"], written
    except (OSError, ValueError, KeyError):
        return None


def run_trainer(args, name, model, steps, sample_every, stop, mlflow=None):
    """Runs the trainer CLI on a fresh output dir, sampling progress, RSS and CPU once a second,
    and sends SIGTERM (checkpoint, exit 75) as soon as stop(samples) is true."""
    out = WORK / name
    shutil.rmtree(out, ignore_errors=True)  # else the trainer would resume from its checkpoint
    out.mkdir(parents=True)
    spec = {
        "trial_id": f"bench/{name}",
        "model": model,
        "dataset": {"path": str(args.images)},
        "hyperparams": {"batch_size": args.batch, "steps": steps, "latent_dim": 64, "g_width": 64, "d_width": 64},
        "sample_every": sample_every,
        "threads": args.threads,
        "output_dir": str(out),
    }
    if mlflow:
        spec["mlflow"] = {"tracking_uri": mlflow, "experiment_name": "atelier/bench"}
    (out / "spec.json").write_text(json.dumps(spec, indent=2))
    cmd = ["java", *JVM_FLAGS, "-cp", args.java_cp, MAIN, str(out / "spec.json")]
    samples = []  # (step, trainer images/s, written at, rss KiB, cpu s, polled at, machine busy s, faults)
    with open(out / "trainer.log", "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            time.sleep(1)
            p = progress(out)
            try:
                rss, (cpu, faults) = vm_rss_kib(proc.pid), cpu_and_faults(proc.pid)
            except (OSError, IndexError):
                break  # exited between poll() and the read
            if rss == 0:
                break  # a zombie: the process has exited
            if p:
                samples.append((*p, rss, cpu, time.time(), busy_seconds(), faults))
            if samples and stop(samples):
                proc.send_signal(signal.SIGTERM)
                break
        try:
            code = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
    if code not in (0, 75) or not samples:
        sys.exit(f"trainer run {name} failed (exit {code}); see {out / 'trainer.log'}")
    return samples


def steady_window(args):
    """stop() for a speed run: true once `seconds` have passed since the warm-up ended."""

    def stop(samples):
        started = [s for s in samples if s[0] >= args.warmup_steps]
        return bool(started) and started[-1][2] - started[0][2] >= args.seconds

    return stop


def djl_speed(args, name, mlflow=None):
    samples = run_trainer(args, name, "dcgan64", 10**8, 10**9, steady_window(args), mlflow)
    window = [s for s in samples if s[0] >= args.warmup_steps]
    first, last = window[0], window[-1]
    secs = last[2] - first[2]
    return {
        "images_per_sec": (last[0] - first[0]) * args.batch / secs,
        "reported_median": statistics.median(s[1] for s in window[1:]),
        "steps": last[0] - first[0],
        "seconds": secs,
        "cpu_per_wall": (last[4] - first[4]) / (last[5] - first[5]),
        "others_cores": max(0.0, (last[6] - first[6] - (last[4] - first[4])) / (last[5] - first[5])),
        "page_faults_per_step": (last[7] - first[7]) / (last[0] - first[0]),
    }


def torch_speed(args, upsample="interpolate"):
    cmd = [sys.executable, str(ROOT / "bench" / "dcgan_torch.py"), "--size", "64", "--batch", str(args.batch)]
    cmd += ["--threads", str(args.threads), "--warmup-steps", str(args.warmup_steps), "--seconds", str(args.seconds)]
    cmd += ["--upsample", upsample]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def memory_run(args):
    samples = run_trainer(args, "djl-dcgan32-memory", "dcgan32", args.mem_steps, 100, lambda s: False)
    with open(WORK / "djl-dcgan32-memory" / "rss.csv", "w") as f:
        f.write("step,rss_kib,trainer_images_per_sec\n")
        f.writelines(f"{s[0]},{s[3]},{s[1]}\n" for s in samples)

    def rss_at(step):  # median over the samples of the last 100 steps up to `step`: grids spike it
        near = [s for s in samples if step - 100 < s[0] <= step]
        return step, statistics.median(s[3] for s in near), len(near)

    early, late = rss_at(args.mem_steps // 4), rss_at(args.mem_steps)
    window = [s for s in samples if s[0] >= args.mem_steps // 4]
    rss_svg([(s[0], s[3] / 1024) for s in samples], args.out.parent / "rss.svg")
    return {
        "early": early,
        "late": late,
        "growth_pct": (late[1] - early[1]) * 100 / early[1],
        "max_rss": max(s[3] for s in samples),
        "images_per_sec": (window[-1][0] - window[0][0]) * args.batch / (window[-1][2] - window[0][2]),
    }


def rss_svg(points, path, w=640, h=240, pad=40):
    """RSS (MiB) by step as a small SVG line chart, from 0 MiB up, so growth looks as big as it is."""
    top, last = max(p[1] for p in points) * 1.1, max(p[0] for p in points)
    xy = " ".join(f"{pad + p[0] * (w - 2 * pad) / last:.1f},{h - pad - p[1] * (h - 2 * pad) / top:.1f}" for p in points)
    labels = [(0, 0), (0, top), (last, 0)]
    text = "".join(
        f'<text x="{pad + s * (w - 2 * pad) / last:.0f}" y="{h - pad - v * (h - 2 * pad) / top + (14 if v == 0 else 0):.0f}" '
        f'font-size="11" text-anchor="{"end" if s == 0 and v else "middle"}">{f"{v:.0f} MiB" if v else f"step {s}"}</text>'
        for s, v in labels
    )
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif">'
        f'<rect width="{w}" height="{h}" fill="white"/><text x="{w / 2}" y="18" font-size="13" text-anchor="middle">'
        f"trainer VmRSS by step (DCGAN-32, batch 64, one sample a second)</text>"
        f'<path d="M{pad},{pad} V{h - pad} H{w - pad}" stroke="#888" fill="none"/>'
        f'<polyline points="{xy}" stroke="#1f77b4" fill="none" stroke-width="1.5"/>{text}</svg>\n'
    )


def machine(args):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    jar = lambda pattern: (re.search(pattern, args.java_cp) or [None, "?"])[1]  # noqa: E731
    return {
        "cpu": model[1] if model else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem[1]) / 2**20, 1),
        "kernel": platform.release(),
        "java": java[1] if len(java) > 1 else java[0],
        "djl": jar(r"/api-([\d.]+)\.jar"),
        "djl_natives": jar(r"pytorch-native-cpu-([\d.]+)-"),
        "djl_jni": jar(r"pytorch-jni-([\d.-]+)\.jar"),
        "python": platform.python_version(),
    }


def param_counts(args):
    cmd = ["java", "-cp", args.java_cp, str(ROOT / "bench" / "ParamCount.java"), "dcgan64", "64", "64", "64"]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return dict(re.findall(r"(params_[gd]) (\d+)", out))


def cpu_ms(run):
    """CPU time per image: what the step costs, less sensitive than images/s to others' load."""
    return 1000 * run["cpu_per_wall"] / run["images_per_sec"]


def prioritise(nice):
    """Raises both sides' priority alike. With autogroup scheduling the kernel shares the CPU between
    sessions first, so the session's group is reniced too (and put back when the driver exits)."""
    os.setpriority(os.PRIO_PROCESS, 0, nice)  # inherited by the trainer and the reference
    group = Path("/proc/self/autogroup")
    if group.exists():
        before = group.read_text().split("nice")[-1].strip()
        group.write_text(str(nice))
        atexit.register(group.write_text, before)


def load():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def environment():
    """The settings from the environment that change the figures, as exported to both sides."""
    names = ["OMP_WAIT_POLICY", "BENCH_CP_PREFIX", "LD_PRELOAD", "MALLOC_CONF", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES"]
    return ", ".join(f"{n}={os.environ[n]}" for n in names if os.environ.get(n))


def results_md(args, m, rounds, mem, mlflow, params, command):
    lines = [
        "# DCGAN benchmark results",
        "",
        f"`{command}` on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
        "Written by the benchmark itself; bench/README.md says what is measured and how.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Linux {m['kernel']}.  ",
        f"Versions: {m['java']}; DJL {m['djl']} (pytorch-jni {m['djl_jni']}, natives {m['djl_natives']} CPU); "
        f"PyTorch {rounds[0]['torch']['torch'] if rounds else '-'} (Python {m['python']}, eager).  ",
        f"Settings: batch {args.batch}, latent 64, widths 64, {args.threads} threads on both sides, "
        f"JVM {' '.join(JVM_FLAGS)}, nice {os.getpriority(os.PRIO_PROCESS, 0)}, {environment()}; "
        f"{args.warmup_steps} warm-up steps dropped, then a {args.seconds:.0f} s window; data: {args.images}.",
    ]
    if rounds:
        lines += speed_md(m, rounds, mlflow, params)
    if mem:
        lines += memory_md(args, mem)
    return "\n".join(lines) + "\n"


def speed_md(m, rounds, mlflow, params):
    djl = statistics.median(r["djl"]["images_per_sec"] for r in rounds)
    pt = statistics.median(r["torch"]["images_per_sec"] for r in rounds)
    t0 = rounds[0]["torch"]
    lines = [
        "",
        "## Speed: DCGAN-64 training, images/s (steady state)",
        "",
        "| | DJL trainer | PyTorch eager | DJL / PyTorch |",
        "|---|---|---|---|",
        f"| **images/s** (median of {len(rounds)} round(s)) | **{djl:.1f}** | **{pt:.1f}** | **{djl / pt:.2f}** |",
        f"| trainable parameters G / D | {params.get('params_g', '?')} / {params.get('params_d', '?')} "
        f"| {t0['params_g']} / {t0['params_d']} | |",
    ]
    for i, r in enumerate(rounds, 1):
        d, t = r["djl"], r["torch"]
        lines += [
            f"| round {i}: images/s (steps in window, s) | {d['images_per_sec']:.1f} ({d['steps']}, {d['seconds']:.0f} s) "
            f"| {t['images_per_sec']:.1f} ({t['steps']}, {t['seconds']:.0f} s) | {d['images_per_sec'] / t['images_per_sec']:.2f} |",
            f"| round {i}: trainer's median images/s; median single step | {d['reported_median']:.1f} "
            f"| {t['median_step_images_per_sec']:.1f} | |",
            f"| round {i}: CPU cores used (of {m['cores']}) | {d['cpu_per_wall']:.2f} | {t['cpu_per_wall']:.2f} | |",
            f"| round {i}: CPU ms per image | {cpu_ms(d):.1f} | {cpu_ms(t):.1f} | {cpu_ms(t) / cpu_ms(d):.2f} |",
            f"| round {i}: minor page faults per step | {d['page_faults_per_step']:.0f} "
            f"| {t['page_faults_per_step']:.0f} | |",
            f"| round {i}: other processes' CPU during the window (cores) | {d['others_cores']:.2f} "
            f"| {t['others_cores']:.2f} | |",
            f"| round {i}: load average before (1, 5, 15 min) | {r['load_djl']} | {r['load_torch']} | |",
        ]
        if "torch_djl_ops" in r:
            o = r["torch_djl_ops"]
            lines.append(
                f"| round {i}: PyTorch with DJL's upsample ops (2x repeat_interleave): images/s; CPU ms per image "
                f"| | {o['images_per_sec']:.1f}; {cpu_ms(o):.1f} | |"
            )
    if mlflow:
        lines.append(
            f"| DJL trainer logging to MLflow ({mlflow['uri']}): images/s; CPU ms per image "
            f"| {mlflow['images_per_sec']:.1f}; {cpu_ms(mlflow):.1f} | | {mlflow['images_per_sec'] / djl:.2f} of without |"
        )
    return lines + ["", "In the last column above 1 means DJL is ahead: images/s DJL / PyTorch, CPU ms PyTorch / DJL."]


def memory_md(args, mem):
    e, la = mem["early"], mem["late"]
    return [
        "",
        f"## Memory: trainer RSS over a DCGAN-32 run of {args.mem_steps} steps (batch {args.batch}, grid every 100 steps)",
        "",
        "| steps | VmRSS (median of the per-second samples) | |",
        "|---|---|---|",
        f"| {e[0] - 99}-{e[0]} | {e[1] / 1024:.0f} MiB ({e[2]} samples) | |",
        f"| {la[0] - 99}-{la[0]} | {la[1] / 1024:.0f} MiB ({la[2]} samples) "
        f"| growth **{mem['growth_pct']:+.1f}%** (target: within 5%) |",
        f"| whole run, max | {mem['max_rss'] / 1024:.0f} MiB | |",
        "",
        "![trainer RSS by step](rss.svg)",
        "",
        f"Load average before: {mem['load']}. The same run trained DCGAN-32 at {mem['images_per_sec']:.1f} images/s "
        f"(steps {args.mem_steps // 4}-{args.mem_steps}). Per-second samples: `.atelier/bench/djl-dcgan32-memory/rss.csv`.",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--java-cp", required=True, help="trainer jar and its classpath")
    ap.add_argument("--images", type=Path, help="image folder for the trainer (default: synthetic PNGs)")
    ap.add_argument("--quick", action="store_true", help="20 s windows, 600-step memory run")
    ap.add_argument("--seconds", type=float, help="measured window per side (default 90)")
    ap.add_argument("--warmup-steps", type=int, default=20)
    ap.add_argument("--mem-steps", type=int, help="memory run length (default 2000)")
    ap.add_argument("--rounds", type=int, default=1, help="DJL, PyTorch, DJL, PyTorch, ...")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each run, wait up to this long for the machine to go quiet")
    ap.add_argument("--nice", type=int, default=0,
                    help="scheduling priority of both sides (e.g. -10, as root, on a machine others keep busy)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--mlflow", metavar="URI", help="also time the trainer logging to this MLflow")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--with-djl-ops", action="store_true", help="also PyTorch upsampling as DJL does (profiling)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()
    args.seconds = args.seconds or (20 if args.quick else 90)
    args.mem_steps = args.mem_steps or (600 if args.quick else 2000)
    if args.nice:
        prioritise(args.nice)
    if not (args.images and args.images.is_dir()):
        args.images = synthetic_images(WORK / "images")
    command = os.environ.get("BENCH_COMMAND", shlex.join(sys.argv))
    m = machine(args)
    print(f"bench: {m['cpu']}, {m['cores']} cores; load {load()}", flush=True)
    params = param_counts(args)
    rounds = []
    for i in range(args.rounds):
        wait_idle(args)
        r = {"load_djl": load()}
        print(f"bench: round {i + 1}: DJL trainer, DCGAN-64 (load {r['load_djl']})", flush=True)
        r["djl"] = djl_speed(args, "djl-dcgan64")
        print(f"bench:   {r['djl']['images_per_sec']:.1f} images/s", flush=True)
        wait_idle(args)
        r["load_torch"] = load()
        print(f"bench: round {i + 1}: PyTorch eager, DCGAN-64 (load {r['load_torch']})", flush=True)
        r["torch"] = torch_speed(args)
        print(f"bench:   {r['torch']['images_per_sec']:.1f} images/s", flush=True)
        if args.with_djl_ops:
            wait_idle(args)
            print(f"bench: round {i + 1}: PyTorch eager with DJL's upsample ops", flush=True)
            r["torch_djl_ops"] = torch_speed(args, "repeat")
            print(f"bench:   {r['torch_djl_ops']['images_per_sec']:.1f} images/s", flush=True)
        rounds.append(r)
    mlflow = None
    if args.mlflow:
        print("bench: DJL trainer, DCGAN-64, logging to MLflow", flush=True)
        mlflow = {"uri": args.mlflow, **djl_speed(args, "djl-dcgan64-mlflow", args.mlflow)}
    mem = None
    if not args.skip_memory:
        wait_idle(args)
        lo = load()
        print(f"bench: DJL trainer, DCGAN-32, {args.mem_steps} steps, RSS every second (load {lo})", flush=True)
        mem = {"load": lo, **memory_run(args)}
        print(f"bench:   RSS {mem['early'][1] / 1024:.0f} -> {mem['late'][1] / 1024:.0f} MiB ({mem['growth_pct']:+.1f}%)", flush=True)
    text = results_md(args, m, rounds, mem, mlflow, params, command)
    print(text)
    # The other benchmarks (engine.sh, cluster.sh, search.sh, quality_table.sh, ...) keep their own
    # sections in the same file, each between <!-- NAME:begin --> and <!-- NAME:end -->: carry them over.
    old = args.out.read_text() if args.out.exists() else ""
    for begin in re.finditer(r"<!-- ([\w-]+):begin -->", old):
        end = f"<!-- {begin[1]}:end -->"
        if end in old[begin.start() :]:
            text = text.rstrip("\n") + "\n\n" + old[begin.start() : old.index(end, begin.start()) + len(end)] + "\n"
    args.out.write_text(text)


if __name__ == "__main__":
    main()
