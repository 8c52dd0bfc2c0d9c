// One Dag run as a grid: a row per task, a cell per task instance (mapped tasks expanded by map
// index) with its state, tries and duration, and its note (why it failed, or Kueue's reason while
// its Job is queued) as text and as the state's tooltip; a pruned trial hatched, with the sweep's
// reason; a trial's cell links to its MLflow run, the header to the compare page, and a mapped
// task to its sweep page; the Dag version the run was created under. Refreshes itself while the
// run is going.
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

  // A trial the sweep stopped on purpose succeeded (its checkpoint stands), with a note that says
  // why: "pruned (rung): fd_rgb8 9.8 at step 200 is not in the top 1/3 ...".
  function pruneReason(c) {
    if (c.state !== "success" || !c.note || !/^pruned\b/.test(c.note)) return null;
    return (c.note.match(/^pruned \(([^)]+)\)/) || [null, ""])[1];
  }

  function sweepHref(taskId) {
    return `sweep.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}&task=${encodeURIComponent(taskId)}`;
  }

  function cell(g, task, c) {
    const label = task.mapped ? `[${c.map_index}]` : "";
    const pruned = pruneReason(c);
    const pill = pruned === null
      ? Atelier.state(c.state, c.note)
      : Atelier.el("span", { class: "state pruned", title: c.note }, pruned ? `pruned: ${pruned}` : "pruned");
    const parts = [
      Atelier.el("div", { class: "cell-head" }, Atelier.el("span", { class: "index" }, label), pill),
      Atelier.el("div", { class: "tries" }, c.try_number ? `try ${c.try_number}` : "not tried"),
      Atelier.el("div", { class: "duration" }, Atelier.duration(c.duration)),
    ];
    if (c.mlflow_run_id) {
      parts.push(Atelier.el("a", { class: "mlflow", href: `${g.mlflow_ui}/#/runs/${encodeURIComponent(c.mlflow_run_id)}`, target: "_blank", rel: "noopener", title: c.mlflow_run_id }, "MLflow run ↗"));
      parts.push(Atelier.el("a", { class: "compare", href: compareHref }, "compare"));
    }
    // A failure's note is bad news; a queued instance's (Kueue's reason) only says why it waits.
    if (c.note) parts.push(Atelier.el("div", { class: pruned !== null ? "note pruned" : c.state === "queued" ? "note waiting" : "note", title: c.note }, c.note));
    return Atelier.el("div", { class: `cell ${c.state || "none"}${pruned !== null ? " pruned" : ""}`, "data-map-index": c.map_index }, parts);
  }

  // A review task waiting for a lead: say so beside the run's state, with the review page's link.
  async function reviewLinks() {
    const q = new URLSearchParams({ dag_id: dag, run_id: run, state: "pending" });
    const pending = await Atelier.get(`/api/atelier/reviews?${q}`).catch(() => []);
    return pending.map((r) => Atelier.el("a", { class: "review-link", href: `review.html?id=${r.id}` },
      ` ⏳ waiting for review (${r.task_id}) →`));
  }

  function render(g) {
    $("run-state").replaceChildren(Atelier.state(g.state));
    reviewLinks().then((links) => $("run-state").append(...links));
    const facts = [
      ["run type", g.run_type],
      ["logical date", Atelier.when(g.logical_date)],
      ["data interval", `${Atelier.when(g.data_interval_start)} → ${Atelier.when(g.data_interval_end)}`],
      ["started", Atelier.when(g.start_date)],
      ["ended", Atelier.when(g.end_date)],
    ];
    // The Dag's definition the run was created under: a changed Dag gets the next number.
    if (g.dag_version) {
      const v = g.dag_version;
      facts.push(["Dag version", Atelier.el("span", { id: "dag-version", title: `sha256 ${v.digest}, build ${v.bundle_version}` },
        `Dag version ${v.version_number} · ${v.digest.slice(0, 12)}`)]);
    }
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
            t.upstream.length ? Atelier.el("div", { class: "muted small" }, "after " + t.upstream.join(", ")) : null,
            t.mapped && t.instances.some((c) => c.mlflow_run_id) ? Atelier.el("a", { class: "sweep-link small", href: sweepHref(t.task_id) }, "sweep page →") : null),
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
