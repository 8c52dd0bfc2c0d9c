"""Summarises bench/compare_page.sh: the compare page's first render and step change at 32 trials x
64 tiles, as Chromium timed them (window.compareTimings), for the page as it is (thumbnails, other
steps decoded in the background) and its reference ?full=1 (full-size artifacts fetched and decoded
when shown, the page before thumbnails). Prints the summary and replaces the "Compare page" section
of bench/RESULTS.md (appended when missing). Standard library only.
"""

import argparse
import json
import math
import os
import platform
import statistics

BEGIN = "<!-- compare-page:begin -->"
END = "<!-- compare-page:end -->"
GOAL_FIRST_MS = 1000
GOAL_STEP_MS = 150
NAMES = {"thumbnails": "page as it is: thumbnails", "full": "reference `?full=1`: full-size artifacts"}


def p90(xs):
    """Nearest rank: the smallest value with at least 90 % of the values at or below it."""
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def ms(x):
    return f"{x:,.0f}"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def summarise(data):
    out = {}
    for mode in ("thumbnails", "full"):
        loads = [l for l in data["loads"] if l["mode"] == mode]
        if not loads:
            continue
        cold, warm = loads[0], loads[1:]
        warm_first = [l["timings"]["firstRender"] for l in warm]
        warm_steps = [x for l in warm for x in l["timings"]["stepChanges"]]
        out[mode] = {
            "loads": len(loads),
            "grid_bytes": loads[-1].get("grid_bytes"),
            "first_cold": cold["timings"]["firstRender"],
            "steps_cold": cold["timings"]["stepChanges"],
            "prefetch_cold": cold["timings"].get("prefetched"),
            "first_warm": warm_first,
            "steps_warm": warm_steps,
            "load_averages": [l["load_average"] for l in loads],
            "phases_warm": [l["phases"] for l in warm if l.get("phases")],
            "phases_cold": cold.get("phases"),
            "curves_warm": [l["timings"]["curves"] for l in warm if l["timings"].get("curves")],
            "prefetch_warm": [l["timings"]["prefetched"] for l in warm if l["timings"].get("prefetched")],
        }
    return out


def phase_row(label, ph, firsts):
    med = lambda xs: ms(statistics.median(xs)) if xs else "—"
    api_end = [max(e[2] for e in p["api"]) for p in ph if p["api"]]
    calls = {}
    for p in ph:
        for path, start, end in p["api"]:
            calls.setdefault(path, []).append(end - start)
    slowest = sorted(calls.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    return (f"| {label} | {med([p['domContentLoaded'] for p in ph])} | {med(api_end)} | "
            f"{med([p['gridsStart'] for p in ph if p['gridsStart'] is not None])} | "
            f"{med([p['gridsEnd'] for p in ph if p['gridsEnd'] is not None])} | {med(firsts)} | "
            + "; ".join(f"`{path}` {med(d)}" for path, d in slowest) + " |")


def report(data, s, command):
    t, f = s.get("thumbnails"), s.get("full")
    lines = [BEGIN, "# Compare page: 32 trials × 64 tiles in Chromium", ""]
    lines.append(
        f"`{command}` — {data['started'][:16].replace('T', ' ')} UTC. Written by the benchmark itself "
        "(`bench/compare_page_report.py`); bench/README.md, \"Compare page\", says what is measured and how.")
    lines.append("")
    lines.append(
        f"Machine: {cpu_model()}, {data['cores']} cores, shared with other work; load average "
        f"{data['load_before']} before the fixture, {data['load_after']} at the end (each page load's "
        "own is listed below). The app (Quarkus, test profile), PostgreSQL, Temporal, MLflow and the "
        f"browser ({data['browser']}, headless, 1400×1000, device pixel ratio 1) all on this machine.  ")
    lines.append(
        f"Fixture: for each way its own {data['trials']} MLflow trial runs of one Dag run, {data['steps']} grids "
        f"each ({data['grid_px']}×{data['grid_px']} PNG, 8×8 tiles of 64 px, {data['full_png_bytes_mean'] / 1024:.0f} KiB "
        f"on average), all uploaded four at a time in {data['fixture_seconds']:.0f} s and deleted at the end; "
        "their registered model has no champion, so the page shows exactly the 32. The Dag's trial "
        f"list (the picker, read on every load) held {data.get('picker_trials', '?')} trials.")
    lines.append("")
    lines.append(
        f"Goals: first render ≤ {GOAL_FIRST_MS:,} ms, step change ≤ {GOAL_STEP_MS} ms. "
        "**Warm** = page loads 2 and later of each way (the browser's HTTP cache and the app's "
        "caches hold its grids); **cold** = the first load of each way (neither has seen its trials "
        "yet: the first look at a sweep). First render = navigation start to every grid decoded; "
        "step change = the slider's key press to every new grid decoded (`window.compareTimings`, "
        "`performance.now()` in the page). Step changes are timed once the page has settled: first "
        "render, for thumbnails the background decoding of every other step, and the curves.")
    lines.append("")
    lines.append("| way | grid bytes | first render cold, ms | first render warm, median (p90), ms | "
                 "step change warm, median (p90), ms | n warm steps | step change cold load, median (p90), ms |")
    lines.append("|---|---:|---:|---|---|---:|---|")
    for mode, r in (("thumbnails", t), ("full", f)):
        if not r:
            continue
        fw = (f"{ms(statistics.median(r['first_warm']))} ({ms(p90(r['first_warm']))})"
              if r["first_warm"] else "—")
        sw = (f"{ms(statistics.median(r['steps_warm']))} ({ms(p90(r['steps_warm']))})"
              if r["steps_warm"] else "—")
        sc = f"{ms(statistics.median(r['steps_cold']))} ({ms(p90(r['steps_cold']))})"
        lines.append(f"| {NAMES[mode]} | {r['grid_bytes']:,} | {ms(r['first_cold'])} | {fw} | {sw} | "
                     f"{len(r['steps_warm'])} | {sc} |")
    lines.append("")
    if t:
        verdicts = []
        if t["first_warm"]:
            m = statistics.median(t["first_warm"])
            verdicts.append(f"first render warm {ms(m)} ms: goal {'met' if m <= GOAL_FIRST_MS else '**not met**'}"
                            f" (p90 {ms(p90(t['first_warm']))})")
        verdicts.append(f"first render cold {ms(t['first_cold'])} ms: "
                        f"{'within' if t['first_cold'] <= GOAL_FIRST_MS else '**over**'} the goal")
        if t["steps_warm"]:
            m = statistics.median(t["steps_warm"])
            verdicts.append(f"step change {ms(m)} ms median, p90 {ms(p90(t['steps_warm']))}: goal "
                            f"{'met' if p90(t['steps_warm']) <= GOAL_STEP_MS else 'met at the median only' if m <= GOAL_STEP_MS else '**not met**'}")
        if t.get("prefetch_cold"):
            warm = (f", {statistics.median(t['prefetch_warm']) / 1000:.1f} s warm (median)"
                    if t["prefetch_warm"] else "")
            verdicts.append(f"background decoding of all {data['trials'] * data['steps']} thumbnails "
                            f"done {t['prefetch_cold'] / 1000:.1f} s after navigation on the cold load{warm}")
        if t["curves_warm"]:
            verdicts.append(f"the 32 trials' curves drawn {statistics.median(t['curves_warm']) / 1000:.1f} s "
                            "after navigation (warm, median)")
        lines.append("Thumbnails: " + "; ".join(verdicts) + ".")
        lines.append("")
        if f and t["steps_warm"] and f["steps_warm"]:
            ratio = lambda a, b: f"{statistics.median(a) / statistics.median(b):.1f}×"
            lines.append(
                "Against the reference in the same run (reference ÷ thumbnails, medians): warm step change "
                f"{ratio(f['steps_warm'], t['steps_warm'])}, warm first render "
                f"{ratio(f['first_warm'], t['first_warm'])}, bytes per grid "
                f"{f['grid_bytes'] / t['grid_bytes']:.1f}× (a ratio below 1× means the reference was faster).")
            lines.append("")
    phase_rows = []
    for mode, r in (("thumbnails", t), ("full", f)):
        if not r:
            continue
        for which, ph, firsts in (("warm", r["phases_warm"], r["first_warm"]),
                                  ("cold", [r["phases_cold"]] if r["phases_cold"] else [], [r["first_cold"]])):
            if not ph:
                continue
            phase_rows.append(phase_row(f"{NAMES[mode]}, {which}", ph, firsts))
    if phase_rows:
        lines.append("Where a first render's time goes, in ms after navigation start, from the browser's "
                     "navigation and resource timings (warm: medians over the warm loads; grids: first "
                     "request to last response, then decoding and layout until the first render; the page's "
                     "calls run one after another, `/auth/me` is the header's, alongside):")
        lines.append("")
        lines.append("| way | DOMContentLoaded | last API answer | grids requested | grids received | "
                     "first render | slowest API calls, ms each |")
        lines.append("|---|---:|---:|---:|---:|---:|---|")
        lines.extend(phase_rows)
        lines.append("")
    lines.append("Every page load, in order (load average before it; first render; step changes, ms):")
    lines.append("")
    for l in data["loads"]:
        steps = ", ".join(ms(x) for x in l["timings"]["stepChanges"])
        lines.append(f"- {l['mode']} load {l['load'] + 1}: load average {l['load_average']}; "
                     f"first render {ms(l['timings']['firstRender'])}; steps {steps}")
    lines.append("")
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
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", help="the compare.json ComparePageBench wrote")
    ap.add_argument("--results", default="bench/RESULTS.md")
    ap.add_argument("--command", default="./bench/compare_page.sh")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    data = json.load(open(args.json))
    text = report(data, summarise(data), args.command)
    print(text)
    if not args.no_write:
        write_results(args.results, text)


if __name__ == "__main__":
    main()
