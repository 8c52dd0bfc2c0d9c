// The Dags page: each Dag's schedule in words, the next scheduled run, the pause switch (Airflow's
// on/off toggle: on = unpaused) and its latest runs as squares linking to their task grids.
"use strict";

(function () {
  const body = document.getElementById("dags");
  const error = document.getElementById("error");

  function runLink(dagId, r) {
    const href = `run.html?dag=${encodeURIComponent(dagId)}&run=${encodeURIComponent(r.dag_run_id)}`;
    const title = `${r.dag_run_id}\n${r.state} · ${r.run_type}\nlogical date ${Atelier.when(r.logical_date)}`;
    return Atelier.el("a", { class: `square state ${r.state}`, href, title, "data-run": r.dag_run_id }, "");
  }

  async function setPaused(dagId, paused, input) {
    input.disabled = true;
    try {
      await Atelier.patch(`/api/v1/dags/${encodeURIComponent(dagId)}?update_mask=is_paused`, { is_paused: paused });
      error.hidden = true;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
    await refresh();
  }

  let me = null;

  async function trigger(dagId, button) {
    button.disabled = true;
    try {
      const run = await Atelier.post(`/api/v1/dags/${encodeURIComponent(dagId)}/dagRuns`, {});
      error.hidden = true;
      button.title = `triggered ${run.dag_run_id}`;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
    await refresh();
  }

  function row(d) {
    const toggle = Atelier.el("input", {
      type: "checkbox", class: "pause-toggle", "aria-label": `${d.dag_id} on (unpaused)`,
      title: d.is_paused ? "paused: click to unpause" : "on: click to pause",
    });
    toggle.checked = !d.is_paused;
    toggle.addEventListener("change", () => setPaused(d.dag_id, !toggle.checked, toggle));
    Atelier.gate(toggle, me, "lead");
    const run = Atelier.el("button", { type: "button", class: "trigger", title: "start a run now (Airflow's trigger)" }, "▶ Trigger");
    run.addEventListener("click", () => trigger(d.dag_id, run));
    Atelier.gate(run, me, "member");
    const runs = d.recent_runs.slice().reverse();
    return Atelier.el("tr", { "data-dag": d.dag_id, class: d.is_paused ? "paused" : "" },
      Atelier.el("td", {}, Atelier.el("label", { class: "switch" }, toggle, Atelier.el("span", { class: "paused-label" }, d.is_paused ? "paused" : "on"))),
      Atelier.el("td", {},
        Atelier.el("b", {}, d.dag_id), " ", run,
        d.description ? Atelier.el("div", { class: "muted small" }, d.description) : null,
        Atelier.el("div", { class: "tags" }, d.tags.map((t) => Atelier.el("span", { class: "tag" }, t)))),
      Atelier.el("td", { class: "schedule" },
        d.timetable_description,
        // The written schedule (cron, preset, interval) beside its description; datasets are named already.
        d.schedule && d.schedule !== "Dataset" && !d.timetable_description.includes(d.schedule)
          ? Atelier.el("div", {}, Atelier.el("code", {}, d.schedule)) : null),
      Atelier.el("td", { class: "next" },
        d.next_dagrun
          ? [Atelier.el("div", {}, Atelier.when(d.next_dagrun)), Atelier.el("div", { class: "muted small" }, `runs after ${Atelier.when(d.next_dagrun_create_after)}`)]
          : Atelier.el("span", { class: "muted" }, "—")),
      Atelier.el("td", { class: "counts" },
        `${d.active_runs}/${d.max_active_runs} active`,
        d.waiting_runs ? Atelier.el("div", { class: "waiting" }, `${d.waiting_runs} waiting`) : null),
      Atelier.el("td", { class: "runs" }, runs.length ? runs.map((r) => runLink(d.dag_id, r)) : Atelier.el("span", { class: "muted" }, "no runs yet")));
  }

  async function refresh() {
    try {
      me = await Atelier.me();
      const dags = await Atelier.get("/api/atelier/dags");
      body.replaceChildren(...(dags.length ? dags.map(row)
        : [Atelier.el("tr", {}, Atelier.el("td", { colspan: 6, class: "muted" }, "No Dags registered."))]));
      return dags;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      return [];
    }
  }

  async function loop() {
    const dags = await refresh();
    const busy = dags.some((d) => d.active_runs || d.waiting_runs);
    setTimeout(loop, busy ? 3000 : 10000);
  }

  loop();
})();
