// The sweep page: one searching (or fixed) sweep as pictures. Trials as points (the objective
// against each hyperparameter, and parallel coordinates), the rung ladder (where each trial
// stopped and why), the best objective against the training it cost, and the best trials' grids
// side by side; a lead's controls while the sweep runs. Everything comes from one endpoint.
"use strict";

(function () {
  const q = new URLSearchParams(location.search);
  const dag = q.get("dag"), run = q.get("run");
  let task = q.get("task");
  const $ = (id) => document.getElementById(id);
  const error = $("error");
  const NS = "http://www.w3.org/2000/svg";
  const STATES = ["complete", "pruned", "failed", "running", "pending"];
  const COLOURS = { complete: "#12805c", pruned: "#e9a23b", failed: "#c0362c", running: "#1d5fd1", pending: "#98a2b3" };
  let sweep = null;

  if (!dag || !run) {
    error.textContent = "Open this page from the sweeps list or a run's grid (it needs ?dag=…&run=…&task=…).";
    error.hidden = false;
    return;
  }

  function api() {
    return `/api/atelier/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(run)}/sweeps/${encodeURIComponent(task)}`;
  }

  // Without ?task=, the sweep is the run's first mapped TrainOperator task.
  async function findTask() {
    if (task) return;
    const g = await Atelier.get(`/api/atelier/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(run)}/grid`);
    const t = g.tasks.find((x) => x.mapped && /Train/.test(x.operator || "")) || g.tasks.find((x) => x.mapped);
    task = t ? t.task_id : "train";
  }

  function svg(w, h) {
    const s = document.createElementNS(NS, "svg");
    s.setAttribute("width", w);
    s.setAttribute("height", h);
    s.setAttribute("viewBox", `0 0 ${w} ${h}`);
    return s;
  }

  function add(parent, tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  }

  function tip(e, text) {
    add(e, "title", {}, text);
    return e;
  }

  // A value's position in [0, 1] on an axis: log or linear for numbers, the choice's slot for
  // categories. Null when the trial has no value for it (a conditional parameter).
  function scaler(axis, values) {
    if (axis.kind === "categorical" || values.some((v) => !Number.isFinite(Number(v)))) {
      const cats = [...(axis.choices || [])];
      for (const v of values) if (!cats.includes(String(v))) cats.push(String(v));
      return { cats, at: (v) => (v === undefined || v === null ? null : (cats.indexOf(String(v)) + 0.5) / cats.length),
        ticks: cats.map((c, i) => [(i + 0.5) / cats.length, c]) };
    }
    const nums = values.map(Number);
    let lo = Math.min(...nums, axis.low ?? Infinity), hi = Math.max(...nums, axis.high ?? -Infinity);
    const log = axis.log && lo > 0;
    const f = log ? Math.log10 : (x) => x;
    if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    const a = f(lo), b = f(hi) === a ? a + 1 : f(hi);
    return { log, at: (v) => (v === undefined || v === null || v === "" ? null : (f(Number(v)) - a) / (b - a)),
      ticks: [[0, Atelier.num(lo)], [1, Atelier.num(hi)]] };
  }

  function objectiveScale(trials) {
    const vals = trials.map((t) => t.objective).filter((v) => Number.isFinite(v));
    let lo = Math.min(...vals), hi = Math.max(...vals);
    if (!vals.length) { lo = 0; hi = 1; }
    if (lo === hi) { lo -= 1; hi += 1; }
    // Better is up, whichever the direction.
    const max = sweep.objective && sweep.objective.direction === "max";
    return { at: (v) => (max ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)), lo, hi, max };
  }

  function describe(t) {
    const stop = t.stop_reason ? ` (${t.state}: ${t.stop_reason})` : ` (${t.state})`;
    const obj = sweep.objective ? `${sweep.objective.metric} ${Atelier.num(t.objective)}` : "";
    return `#${t.map_index} ${obj}${stop} · ` + sweep.axes.map((a) => `${a.name}=${t.params[a.name] ?? "—"}`).join(" ");
  }

  function scatter(axis, trials, ys) {
    const W = 280, H = 220, L = 46, R = 10, T = 22, B = 36;
    const s = svg(W, H);
    const shown = trials.filter((t) => Number.isFinite(t.objective) && t.params[axis.name] !== undefined);
    const xs = scaler(axis, shown.map((t) => t.params[axis.name]));
    const px = (u) => L + u * (W - L - R), py = (u) => T + (1 - u) * (H - T - B);
    add(s, "line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#ccd" });
    add(s, "line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#ccd" });
    for (const [u, label] of xs.ticks) {
      // End ticks lean inwards so they are never cut off by the panel's edge.
      const anchor = xs.cats ? "middle" : u <= 0 ? "start" : u >= 1 ? "end" : "middle";
      add(s, "text", { x: px(u), y: H - B + 13, "text-anchor": anchor, "font-size": 10, fill: "#667085" }, label);
    }
    if (sweep.objective) {
      add(s, "text", { x: 4, y: 12, "font-size": 10, fill: "#667085" }, `${sweep.objective.metric} (better ↑)`);
    }
    add(s, "text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "font-size": 11, fill: "#1d1f23" },
      axis.name + (xs.log ? " (log)" : ""));
    for (const v of [ys.lo, ys.hi]) {
      add(s, "text", { x: L - 4, y: py(ys.at(v)) + 4, "text-anchor": "end", "font-size": 10, fill: "#667085" }, Atelier.num(v));
    }
    for (const t of shown) {
      const best = t.map_index === sweep.best_trial;
      tip(add(s, "circle", { class: `pt ${t.state}${best ? " best" : ""}`, "data-map-index": t.map_index,
        cx: px(xs.at(t.params[axis.name])).toFixed(1), cy: py(ys.at(t.objective)).toFixed(1), r: best ? 5.5 : 4,
        fill: COLOURS[t.state] || "#999", "fill-opacity": 0.85, stroke: best ? "#1d1f23" : "#fff", "stroke-width": best ? 2 : 1 }), describe(t));
    }
    if (!shown.length) add(s, "text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#667085" }, "no objective yet");
    return Atelier.el("div", { class: "curve scatter", "data-param": axis.name }, s);
  }

  function parcoords(trials, ys) {
    const dims = sweep.axes.map((a) => ({ name: a.name + (a.log ? " (log)" : ""),
      scale: scaler(a, trials.map((t) => t.params[a.name]).filter((v) => v !== undefined)), key: a.name }));
    const objName = sweep.objective ? `${sweep.objective.metric} (better ↑)` : "objective";
    const W = Math.max(560, 120 * (dims.length + 1)), H = 260, T = 28, B = 24, L = 50, R = 50;
    const s = svg(W, H);
    const step = (W - L - R) / Math.max(1, dims.length);
    const px = (i) => L + i * step, py = (u) => T + (1 - u) * (H - T - B);
    const all = [...dims.map((d, i) => ({ ...d, i })), { name: objName, i: dims.length, objective: true }];
    for (const d of all) {
      add(s, "line", { x1: px(d.i), y1: T, x2: px(d.i), y2: H - B, stroke: "#c9ced6" });
      add(s, "text", { x: px(d.i), y: 14, "text-anchor": "middle", "font-size": 11, fill: "#1d1f23" }, d.name);
      const ticks = d.objective ? [[ys.at(ys.lo), Atelier.num(ys.lo)], [ys.at(ys.hi), Atelier.num(ys.hi)]] : d.scale.ticks;
      for (const [u, label] of ticks) {
        add(s, "text", { x: px(d.i) + 4, y: py(u) + 3, "font-size": 9, fill: "#667085" }, label);
      }
    }
    // Worst first, so the best trials are drawn on top.
    const order = [...trials].sort((a, b) => (a.map_index === sweep.best_trial) - (b.map_index === sweep.best_trial)
      || STATES.indexOf(b.state) - STATES.indexOf(a.state));
    for (const t of order) {
      const pts = [];
      dims.forEach((d, i) => {
        const u = d.scale.at(t.params[d.key]);
        if (u !== null && Number.isFinite(u)) pts.push(`${px(i).toFixed(1)},${py(u).toFixed(1)}`);
      });
      if (Number.isFinite(t.objective)) pts.push(`${px(dims.length).toFixed(1)},${py(ys.at(t.objective)).toFixed(1)}`);
      if (pts.length < 2) continue;
      const best = t.map_index === sweep.best_trial;
      tip(add(s, "polyline", { class: `line ${t.state}`, "data-map-index": t.map_index, points: pts.join(" "), fill: "none",
        stroke: COLOURS[t.state] || "#999", "stroke-width": best ? 3 : 1.4, "stroke-opacity": best ? 1 : 0.7 }), describe(t));
    }
    return Atelier.el("div", { class: "curve parcoords" }, s);
  }

  // One row per trial, grouped by why it stopped; bars end where the trial got to and the rungs
  // are the dashed marks every bar is judged at.
  function ladder(trials) {
    const max = sweep.max_steps || Math.max(1, ...trials.map((t) => t.last_step || 0));
    const groups = new Map();
    for (const t of trials) {
      const why = t.stop_reason || (t.state === "complete" ? "completed" : t.state);
      if (!groups.has(why)) groups.set(why, []);
      groups.get(why).push(t);
    }
    const order = [...groups.keys()].sort((a, b) => (a === "completed") - (b === "completed") || a.localeCompare(b));
    const rungMarks = () => (sweep.rungs || []).map((r) =>
      Atelier.el("i", { class: "rung", style: `left:${(100 * r) / max}%`, title: `rung at step ${r}` }));
    const scale = Atelier.el("div", { class: "rung-row scale" },
      Atelier.el("span", { class: "who" }, ""),
      Atelier.el("span", { class: "track bare" }, rungMarks(),
        (sweep.rungs || []).map((r) => Atelier.el("b", { class: "rung-label", style: `left:${(100 * r) / max}%` }, r)),
        Atelier.el("b", { class: "rung-label end", style: "left:100%" }, max)),
      Atelier.el("span", { class: "why muted" }, sweep.rungs && sweep.rungs.length ? "rungs (steps)" : "no rungs: trials are not halved"));
    return [scale, ...order.map((why) => Atelier.el("div", { class: "ladder-group", "data-reason": why },
      Atelier.el("h4", {}, `${why} (${groups.get(why).length})`),
      groups.get(why).sort((a, b) => (b.last_step || 0) - (a.last_step || 0) || a.map_index - b.map_index).map((t) =>
        Atelier.el("div", { class: `rung-row ${t.state}`, "data-map-index": t.map_index, title: describe(t) },
          Atelier.el("span", { class: "who" }, `#${t.map_index}`),
          Atelier.el("span", { class: "track" }, rungMarks(),
            Atelier.el("span", { class: "reach", style: `width:${Math.min(100, (100 * (t.last_step || 0)) / max)}%;background:${COLOURS[t.state]}` })),
          Atelier.el("span", { class: "why" },
            `step ${t.last_step ?? "—"}`,
            t.objective !== null && t.objective !== undefined && sweep.objective ? ` · ${sweep.objective.metric} ${Atelier.num(t.objective)}` : "",
            t.stop_detail ? ` · ${t.stop_detail}` : "",
            t.pbt_parent !== null && t.pbt_parent !== undefined ? ` · from #${t.pbt_parent} @ ${t.pbt_parent_step}` : "")))))];
  }

  function bestCurve() {
    const pts = sweep.best_so_far || [];
    // A step line: the best holds until a report beats it.
    const stepped = [];
    for (const p of pts) {
      if (stepped.length) stepped.push({ step: p.trial_steps, value: stepped[stepped.length - 1].value });
      stepped.push({ step: p.trial_steps, value: p.value });
    }
    const name = sweep.objective ? `best ${sweep.objective.metric} so far (x: trial-steps)` : "no objective";
    const panel = Curves.panel(name, [{ label: "best so far", colour: COLOURS.complete, points: stepped }], null);
    const last = pts[pts.length - 1];
    return [panel, Atelier.el("p", { class: "muted" }, last
      ? `best ${Atelier.num(last.value)} (trial #${last.map_index}) after ${last.trial_steps} trial-steps`
      : "no evaluation reported yet")];
  }

  function artifactUrl(runId, path) {
    return `/api/atelier/runs/${encodeURIComponent(runId)}/artifacts/${path}`;
  }

  function topGrids() {
    const top = sweep.top_grids;
    if (!top || top.step === null || !top.trials.length) {
      $("top-title").textContent = "The best trials' grids";
      return [Atelier.el("p", { class: "muted" }, "no sample grids yet")];
    }
    $("top-title").textContent = `The best ${top.trials.length} trials' grids at step ${top.step}`;
    const name = "samples/step_" + String(top.step).padStart(7, "0") + ".png";
    return top.trials.map((t, i) => Atelier.el("figure", { class: "top-grid", "data-map-index": t.map_index },
      Atelier.el("img", { src: artifactUrl(t.mlflow_run_id, name), width: 256, alt: `trial ${t.map_index} at step ${top.step}` }),
      Atelier.el("figcaption", {}, `${i + 1}. #${t.map_index} · ${sweep.objective.metric} ${Atelier.num(t.objective)} · ${t.state}`)));
  }

  function summary() {
    const o = sweep.objective;
    const facts = [
      ["search", sweep.searching ? (sweep.algorithm || "?") : "fixed grid (no search)"],
      ["objective", o ? `${o.metric}, ${o.direction === "max" ? "larger" : "smaller"} is better, ${o.use_best ? "best" : "last"} value counts`
        + (sweep.objective_assumed ? " (assumed: the sweep declares none)" : "") : "—"],
      ["trials", `${sweep.trials.length}${sweep.max_trials ? " of " + sweep.max_trials : ""}, at most ${sweep.max_parallel_trials ?? "?"} at once`],
      ["trial-steps", `${sweep.trial_steps_spent ?? "—"}${sweep.max_trial_steps ? " of " + sweep.max_trial_steps : ""}`],
      ["best", sweep.best_trial !== null && sweep.best_trial !== undefined ? `#${sweep.best_trial}: ${Atelier.num(sweep.best_value)}` : "—"],
    ];
    if (sweep.stopping) facts.push(["stopping", "yes: no new trial starts"]);
    $("summary").replaceChildren(...facts.flatMap(([k, v]) => [Atelier.el("dt", {}, k), Atelier.el("dd", {}, v)]));
  }

  function trialTable() {
    const keys = sweep.axes.map((a) => a.name);
    return [
      Atelier.el("thead", {}, Atelier.el("tr", {}, Atelier.el("th", {}, "#"), Atelier.el("th", {}, "state"),
        keys.map((k) => Atelier.el("th", {}, k)), Atelier.el("th", {}, sweep.objective ? sweep.objective.metric : "objective"),
        Atelier.el("th", {}, "step"), Atelier.el("th", {}, "why it stopped"))),
      Atelier.el("tbody", {}, sweep.trials.map((t) => Atelier.el("tr", { "data-map-index": t.map_index },
        Atelier.el("td", {}, `#${t.map_index}`),
        Atelier.el("td", {}, Atelier.el("span", { class: `state ${t.state}`, title: t.stop_detail || null }, t.state)),
        keys.map((k) => Atelier.el("td", {}, t.params[k] ?? "—")),
        Atelier.el("td", {}, Atelier.num(t.objective)),
        Atelier.el("td", {}, t.last_step ?? "—"),
        Atelier.el("td", {}, t.stop_reason ? `${t.stop_reason}${t.stop_detail ? ": " + t.stop_detail : ""}` : "")))),
    ];
  }

  function controls() {
    const role = Atelier.lacks(me, "lead");
    const why = role || (sweep.controllable ? null : (sweep.stopping ? "the sweep is stopping" : (sweep.live_note || "the sweep is not running")));
    for (const id of ["parallel", "set-parallel", "add-count", "add-trials", "stop-sweep"]) {
      $(id).disabled = !!why;
      $(id).title = why || "";
    }
    if (document.activeElement !== $("parallel")) $("parallel").value = sweep.max_parallel_trials ?? "";
  }

  let me = null;

  async function control(action, done) {
    $("control-msg").className = "muted";
    $("control-msg").textContent = "…";
    try {
      const r = await action();
      $("control-msg").textContent = done(r);
      await refresh(false);
    } catch (e) {
      $("control-msg").className = "error";
      $("control-msg").textContent = e.message;
    }
  }

  function render() {
    $("run-state").replaceChildren(Atelier.state(sweep.run_state), sweep.live ? " live" : "");
    $("live-note").hidden = !sweep.live_note;
    $("live-note").textContent = sweep.live_note || "";
    if (sweep.mlflow_error) {
      error.textContent = sweep.mlflow_error;
      error.hidden = false;
    }
    summary();
    controls();
    $("legend").replaceChildren(...STATES.map((s) => Atelier.el("span", { class: "count", "data-state": s },
      Atelier.el("i", { style: `background:${COLOURS[s]}` }), `${s} ${sweep.counts[s] || 0}`)));
    const ys = objectiveScale(sweep.trials);
    $("scatters").replaceChildren(...(sweep.axes.length
      ? sweep.axes.map((a) => scatter(a, sweep.trials, ys))
      : [Atelier.el("p", { class: "muted" }, "no hyperparameter varies between the trials")]));
    $("parcoords").replaceChildren(parcoords(sweep.trials, ys));
    $("ladder").replaceChildren(...ladder(sweep.trials));
    $("best").replaceChildren(...bestCurve());
    $("top").replaceChildren(...topGrids());
    $("trials").replaceChildren(...trialTable());
  }

  async function refresh(again = true) {
    try {
      await findTask();
      $("title").textContent = `${dag} / ${run} / ${task}`;
      document.title = `Atelier · sweep ${run}`;
      $("grid-link").href = `run.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}`;
      $("compare-link").href = `compare.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}`;
      me = await Atelier.me();
      sweep = await Atelier.get(api());
      error.hidden = true;
      render();
      if (again) setTimeout(refresh, sweep.run_state === "queued" || sweep.run_state === "running" ? 5000 : 30000);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      if (again) setTimeout(refresh, 10000);
    }
  }

  $("set-parallel").addEventListener("click", () => control(
    () => Atelier.patch(api(), { max_parallel_trials: Number($("parallel").value) }),
    (r) => `now at most ${r.max_parallel_trials} trials at once`));
  $("add-trials").addEventListener("click", () => control(
    () => Atelier.post(api() + "/trials", { count: Number($("add-count").value) }),
    (r) => `the sweep may now run ${r.max_trials} trials`));
  $("stop-sweep").addEventListener("click", () => {
    if (!confirm("Stop this sweep? No new trial starts, running trials stop, and its best trial stands.")) return;
    control(() => Atelier.post(api() + "/stop", {}), () => "stopping: running trials are told to stop");
  });

  refresh();
})();
