// A retrain's evidence on the review page: the champion measured on the challenger's data (same
// probe latents, same metrics), the values side by side with which side is better written out,
// and the champion-vs-challenger sheet. Without a champion yet it says the challenger stands alone.
"use strict";

window.AtelierReviewEvaluation = (function () {
  const artifact = (runId, path) =>
    `/api/atelier/runs/${encodeURIComponent(runId)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;

  function row(metric, direction, champion, challenger, better) {
    const verdict = better === true ? "challenger better" : better === false ? "champion better or equal" : "not comparable";
    return Atelier.el("tr", { "data-metric": metric },
      Atelier.el("th", { scope: "row" }, `${metric} (${direction === "min" ? "lower is better" : "higher is better"})`),
      Atelier.el("td", {}, champion === undefined || champion === null ? "—" : Atelier.num(champion)),
      Atelier.el("td", {}, challenger === undefined || challenger === null ? "—" : Atelier.num(challenger)),
      Atelier.el("td", { class: better === true ? "better" : "" }, verdict));
  }

  function render(section, ev, review) {
    if (!ev) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    const data = ev.dataset || {};
    const dataText = `the new data: ${data.image_count ?? "?"} images` +
      (data.fingerprint ? `, digest ${String(data.fingerprint).slice(0, 12)}` : "");
    const parts = [Atelier.el("h2", {}, "Champion against challenger on ", dataText)];
    const challenger = ev.challenger || {};
    if (!ev.champion) {
      parts.push(Atelier.el("p", { class: "muted", id: "no-champion" },
        `${ev.model} has no champion yet: approving makes the challenger (run ${String(challenger.mlflow_run_id).slice(0, 8)}) the first.`));
    } else {
      const champion = ev.champion;
      const rows = (ev.metrics || []).map((spec) => {
        const [metric, direction] = spec.split(":");
        return row(metric, direction, (champion.values || {})[metric], (challenger.values || {})[metric], (ev.better || {})[metric]);
      });
      parts.push(Atelier.el("table", { class: "evaluation" },
        Atelier.el("thead", {}, Atelier.el("tr", {},
          Atelier.el("th", {}, "metric"),
          Atelier.el("th", {}, `🏆 champion v${champion.version} (step ${champion.step}, re-measured)`),
          Atelier.el("th", {}, `challenger (step ${challenger.step})`),
          Atelier.el("th", {}, "verdict"))),
        Atelier.el("tbody", {}, rows)));
      parts.push(Atelier.el("p", { class: "muted" },
        `The champion's checkpoint was run on this data with the sweep's probe latents (MLflow run ${String(champion.evaluation_run_id).slice(0, 8)}).`));
      if (ev.sheet) {
        parts.push(Atelier.el("img", { class: "sheet", src: artifact(ev.sheet.mlflow_run_id, ev.sheet.path),
          alt: "champion (left) and challenger (right) probe grids" }));
      }
    }
    if (review.responded_by === "auto_promote policy") {
      parts.push(Atelier.el("p", { class: "answer" }, "Approved by the Dag's auto_promote policy: ", review.reason));
    }
    section.replaceChildren(...parts);
  }

  return { render };
})();
