// One Dag run as a grid: a row per task, a cell per task instance (mapped tasks expanded by map
// index) with its state, tries and duration, and its note (why it failed, or Kueue's reason while
// its Job is queued) as text and as the state's tooltip; a trial's cell links to its MLflow run,
// and the header to the compare page. Refreshes itself while the run is going.
"use strict";

(function () {
  const q = new URLSearchParams(location.search);
  const dag = q.get("dag"), run = q.get("run");
  const $ = (id) => document.getElementById(id);
  const error = $("error");

  if (!dag || !run) {
    error.textContent = "Open this page from the Dags page (it needs ?dag=…&run=…).";
    error.hidden = false;
    return;
  }
  $("title").textContent = `${dag} / ${run}`;
  document.title = `Atelier · ${run}`;
  const compareHref = `compare.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}`;

  function cell(g, task, c) {
    const label = task.mapped ? `[${c.map_index}]` : "";
    const parts = [
      Atelier.el("div", { class: "cell-head" }, Atelier.el("span", { class: "index" }, label), Atelier.state(c.state, c.note)),
      Atelier.el("div", { class: "tries" }, c.try_number ? `try ${c.try_number}` : "not tried"),
      Atelier.el("div", { class: "duration" }, Atelier.duration(c.duration)),
    ];
    if (c.mlflow_run_id) {
      parts.push(Atelier.el("a", { class: "mlflow", href: `${g.mlflow_ui}/#/runs/${encodeURIComponent(c.mlflow_run_id)}`, target: "_blank", rel: "noopener", title: c.mlflow_run_id }, "MLflow run ↗"));
      parts.push(Atelier.el("a", { class: "compare", href: compareHref }, "compare"));
    }
    // A failure's note is bad news; a queued instance's (Kueue's reason) only says why it waits.
    if (c.note) parts.push(Atelier.el("div", { class: c.state === "queued" ? "note waiting" : "note", title: c.note }, c.note));
    return Atelier.el("div", { class: `cell ${c.state || "none"}`, "data-map-index": c.map_index }, parts);
  }

  function render(g) {
    $("run-state").replaceChildren(Atelier.state(g.state));
    const facts = [
      ["run type", g.run_type],
      ["logical date", Atelier.when(g.logical_date)],
      ["data interval", `${Atelier.when(g.data_interval_start)} → ${Atelier.when(g.data_interval_end)}`],
      ["started", Atelier.when(g.start_date)],
      ["ended", Atelier.when(g.end_date)],
    ];
    $("facts").replaceChildren(...facts.flatMap(([k, v]) => [Atelier.el("dt", {}, k), Atelier.el("dd", {}, v)]));
    $("conf").textContent = JSON.stringify(g.conf, null, 2);
    const trials = g.tasks.some((t) => t.instances.some((c) => c.mlflow_run_id));
    $("compare").hidden = !trials;
    $("compare").href = compareHref;
    $("grid").replaceChildren(
      Atelier.el("thead", {}, Atelier.el("tr", {}, Atelier.el("th", {}, "task"), Atelier.el("th", {}, "instances"))),
      Atelier.el("tbody", {}, g.tasks.map((t) =>
        Atelier.el("tr", { class: "task", "data-task": t.task_id },
          Atelier.el("th", {},
            Atelier.el("div", {}, t.task_id),
            Atelier.el("div", { class: "muted small" }, t.operator || ""),
            t.upstream.length ? Atelier.el("div", { class: "muted small" }, "after " + t.upstream.join(", ")) : null),
          Atelier.el("td", {}, Atelier.el("div", { class: "cells" }, t.instances.map((c) => cell(g, t, c))))))));
  }

  async function refresh() {
    try {
      const g = await Atelier.get(`/api/atelier/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(run)}/grid`);
      error.hidden = true;
      render(g);
      setTimeout(refresh, g.state === "queued" || g.state === "running" ? 3000 : 20000);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      setTimeout(refresh, 10000);
    }
  }

  refresh();
})();
