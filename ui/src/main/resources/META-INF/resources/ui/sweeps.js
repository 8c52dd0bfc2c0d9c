// The sweeps page: every Dag run with its state, start time and trials done/total; refreshes
// itself while any run is still going.
"use strict";

(function () {
  const body = document.getElementById("sweeps");
  const error = document.getElementById("error");

  // Pending reviews by "dag_id/run_id", refreshed with the list: a run waiting for a lead says so.
  let waiting = new Map();

  function row(s) {
    const compare = `compare.html?dag=${encodeURIComponent(s.dag_id)}&run=${encodeURIComponent(s.dag_run_id)}`;
    // Without a task the sweep page opens the run's first mapped train task.
    const sweep = `sweep.html?dag=${encodeURIComponent(s.dag_id)}&run=${encodeURIComponent(s.dag_run_id)}`;
    const pct = s.trial_count ? Math.round((100 * s.done_count) / s.trial_count) : 0;
    return Atelier.el("tr", {},
      Atelier.el("td", {}, s.dag_id),
      Atelier.el("td", {}, Atelier.el("a", { href: compare }, s.dag_run_id)),
      Atelier.el("td", {}, Atelier.state(s.state),
        ...(waiting.get(`${s.dag_id}/${s.dag_run_id}`) || []).map((r) =>
          Atelier.el("a", { class: "review-link", href: `review.html?id=${r.id}` }, " ⏳ waiting for review →"))),
      Atelier.el("td", {}, Atelier.when(s.start_date || s.logical_date)),
      Atelier.el("td", {}, Atelier.when(s.end_date)),
      Atelier.el("td", {},
        Atelier.el("span", { class: "bar", title: `${pct}%` }, Atelier.el("span", { style: `width:${pct}%` })),
        `${s.done_count}/${s.trial_count}`),
      Atelier.el("td", {}, Atelier.el("a", { href: compare }, "compare grids →"), " · ",
        Atelier.el("a", { class: "sweep-link", href: sweep }, "sweep page →")));
  }

  async function refresh() {
    try {
      const sweeps = await Atelier.get("/api/atelier/sweeps");
      const pending = await Atelier.get("/api/atelier/reviews?state=pending").catch(() => []);
      waiting = new Map();
      for (const r of pending) {
        const k = `${r.dag_id}/${r.run_id}`;
        waiting.set(k, [...(waiting.get(k) || []), r]);
      }
      error.hidden = true;
      body.replaceChildren(...(sweeps.length
        ? sweeps.map(row)
        : [Atelier.el("tr", {}, Atelier.el("td", { colspan: 7, class: "muted" },
            "No Dag runs yet. Trigger one: POST /api/v1/dags/emoji_dcgan_sweep/dagRuns"))]));
      const busy = sweeps.some((s) => s.state === "queued" || s.state === "running");
      setTimeout(refresh, busy ? 3000 : 15000);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      setTimeout(refresh, 10000);
    }
  }

  Atelier.champion(document.getElementById("champion"));
  refresh();
})();
