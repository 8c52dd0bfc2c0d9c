"""stylegan2 and r3gan training speed: the DJL trainer CLI against the PyTorch eager references
(bench/stylegan2_torch.py, bench/r3gan_torch.py), side by side in one run (started by
bench/gan.sh; see bench/README.md, "stylegan2 and r3gan against PyTorch").

Per family and round: the trainer on the image folder at 64 px (batch 32, latent and widths 64,
the family's defaults otherwise), then the reference with the same configuration and threads,
each for a window after warm-up; images/s, CPU ms per image and their ratios. Writes its own
marked section of bench/RESULTS.md. Standard library only; the trainer side, the machine facts
and the timing helpers are bench/dcgan_bench.py's.
"""

import argparse
import datetime
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
from pathlib import Path

from dcgan_bench import (
    JVM_FLAGS,
    ROOT,
    WORK,
    cpu_ms,
    djl_speed,
    environment,
    load,
    machine,
    prioritise,
    synthetic_images,
    wait_idle,
)

BEGIN = "<!-- gan-bench:begin -->"
END = "<!-- gan-bench:end -->"
FAMILIES = ("stylegan2", "r3gan")
WIDTH = 64  # latent_dim, g_width and d_width of both sides (the trainer's defaults)


def torch_speed(args, family, *extra):
    cmd = [sys.executable, str(ROOT / "bench" / f"{family}_torch.py"), "--size", str(args.size), *extra]
    cmd += ["--batch", str(args.batch), "--latent", str(WIDTH), "--width", str(WIDTH), "--threads", str(args.threads)]
    cmd += ["--warmup-steps", str(args.warmup_steps), "--seconds", str(args.seconds)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def param_counts(args, family):
    cmd = ["java", "-cp", args.java_cp, str(ROOT / "bench" / "ParamCount.java"), family, *[str(WIDTH)] * 3, str(args.size)]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return dict(re.findall(r"(params_[gd]) (\d+)", out))


def section(args, m, results, command):
    when = datetime.datetime.now().astimezone()
    torch_version = next(iter(results.values()))[0]["torch"]["torch"]
    lines = [
        BEGIN,
        f"## Speed: stylegan2 and r3gan at {args.size} px against PyTorch eager (issue 16)",
        "",
        f"`{command}` on {when:%Y-%m-%d %H:%M %Z}. Written by bench/gan_bench.py; bench/README.md says what is measured.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores. Versions: {m['java']}; DJL {m['djl']} (natives {m['djl_natives']} CPU); "
        f"PyTorch {torch_version} (eager).  ",
        f"Settings: batch {args.batch}, latent, w_dim, g_width and d_width {WIDTH}, {args.threads} threads on both sides, "
        f"JVM {' '.join(JVM_FLAGS)}, nice {os.getpriority(os.PRIO_PROCESS, 0)}, {environment()}; {args.warmup_steps} warm-up "
        f"steps dropped, then a {args.seconds:.0f} s window per side; trainer data: {args.images}.",
        "",
        "| family | images/s DJL / PyTorch (median of rounds) | DJL / PyTorch | CPU ms per image DJL / PyTorch | "
        "PyTorch / DJL CPU ms | params G / D (DJL; PyTorch) |",
        "|---|---|---|---|---|---|",
    ]
    for family, rounds in results.items():
        djl = statistics.median(r["djl"]["images_per_sec"] for r in rounds)
        pt = statistics.median(r["torch"]["images_per_sec"] for r in rounds)
        cd = statistics.median(cpu_ms(r["djl"]) for r in rounds)
        ct = statistics.median(cpu_ms(r["torch"]) for r in rounds)
        p, t0 = args.params[family], rounds[0]["torch"]
        lines.append(
            f"| {family} | {djl:.2f} / {pt:.2f} | **{djl / pt:.2f}** | {cd:.0f} / {ct:.0f} | **{ct / cd:.2f}** "
            f"| {p.get('params_g', '?')} / {p.get('params_d', '?')}; {t0['params_g']} / {t0['params_d']} |"
        )
    lines += [
        "",
        "| family, round | side | images/s (steps, s) | median single step, images/s | cores used | CPU ms / image "
        "| others' CPU (cores) | page faults / step | load average before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for family, rounds in results.items():
        for i, r in enumerate(rounds, 1):
            for side, label, single in (("djl", "DJL trainer", "reported_median"), ("torch", "PyTorch eager", "median_step_images_per_sec")):
                x = r[side]
                lines.append(
                    f"| {family}, {i} | {label} | {x['images_per_sec']:.2f} ({x['steps']}, {x['seconds']:.0f} s) "
                    f"| {x[single]:.2f} | {x['cpu_per_wall']:.2f} | {cpu_ms(x):.0f} | {x['others_cores']:.2f} "
                    f"| {x['page_faults_per_step']:.0f} | {r['load_' + side]} |"
                )
            if "torch_djl_passes" in r:
                x = r["torch_djl_passes"]
                lines.append(
                    f"| {family}, {i} | PyTorch eager, R1 and R2 on D passes of their own (as the trainer) "
                    f"| {x['images_per_sec']:.2f} ({x['steps']}, {x['seconds']:.0f} s) | {x['median_step_images_per_sec']:.2f} "
                    f"| {x['cpu_per_wall']:.2f} | {cpu_ms(x):.0f} | {x['others_cores']:.2f} | {x['page_faults_per_step']:.0f} | |"
                )
    lines += [
        "",
        "DJL's \"median single step\" column is the trainer's own 20-step sliding `images_per_sec`. "
        "In the ratio columns above 1 means DJL is ahead.",
        END,
    ]
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
    ap.add_argument("--images", type=Path, help="image folder for the trainer (default: synthetic 64x64 PNGs)")
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated, of " + ", ".join(FAMILIES))
    ap.add_argument("--size", type=int, default=64, choices=[32, 64])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=75, help="measured window per side")
    ap.add_argument("--warmup-steps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=1, help="DJL, PyTorch, DJL, PyTorch, ... per family")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each run, wait up to this long for the machine to go quiet")
    ap.add_argument("--nice", type=int, default=0, help="scheduling priority of both sides (root for < 0)")
    ap.add_argument("--with-djl-passes", action="store_true",
                    help="also r3gan's reference with R1 and R2 on D passes of their own, as the trainer runs them")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()
    families = [f for f in args.families.split(",") if f]
    bad = [f for f in families if f not in FAMILIES]
    if bad:
        sys.exit(f"--families: {','.join(bad)} is not one of {', '.join(FAMILIES)}")
    if args.nice:
        prioritise(args.nice)
    if not (args.images and args.images.is_dir()):
        args.images = synthetic_images(WORK / "images")
    command = os.environ.get("BENCH_COMMAND", shlex.join(sys.argv))
    m = machine(args)
    print(f"gan-bench: {m['cpu']}, {m['cores']} cores; load {load()}", flush=True)
    args.params = {f: param_counts(args, f) for f in families}
    results = {}
    for family in families:
        rounds = []
        for i in range(args.rounds):
            wait_idle(args)
            r = {"load_djl": load()}
            print(f"gan-bench: {family} round {i + 1}: DJL trainer (load {r['load_djl']})", flush=True)
            r["djl"] = djl_speed(args, f"djl-{family}{args.size}", model=family, image_size=args.size)
            print(f"gan-bench:   {r['djl']['images_per_sec']:.2f} images/s, {cpu_ms(r['djl']):.0f} CPU ms/image", flush=True)
            wait_idle(args)
            r["load_torch"] = load()
            print(f"gan-bench: {family} round {i + 1}: PyTorch eager (load {r['load_torch']})", flush=True)
            r["torch"] = torch_speed(args, family)
            print(f"gan-bench:   {r['torch']['images_per_sec']:.2f} images/s, {cpu_ms(r['torch']):.0f} CPU ms/image", flush=True)
            if args.with_djl_passes and family == "r3gan":
                wait_idle(args)
                print(f"gan-bench: {family} round {i + 1}: PyTorch eager, R1 and R2 on passes of their own", flush=True)
                r["torch_djl_passes"] = torch_speed(args, family, "--separate-penalty-passes")
                x = r["torch_djl_passes"]
                print(f"gan-bench:   {x['images_per_sec']:.2f} images/s, {cpu_ms(x):.0f} CPU ms/image", flush=True)
            rounds.append(r)
        results[family] = rounds
    text = section(args, m, results, command)
    print(text)
    write_results(args.out, text)
    (WORK / "gan-bench.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
