// The compare page: every trial's sample grid at the same step, one control for all of them,
// each trial's params and outcome underneath (a pruned trial's reason and step), loss curves overlaid, and Promote per trial.
"use strict";

(function () {
  const q = new URLSearchParams(location.search);
  const dag = q.get("dag") || "emoji_dcgan_sweep";
  const run = q.get("run");
  const $ = (id) => document.getElementById(id);
  const slider = $("step"), now = $("now"), grids = $("grids"), error = $("error");
  const metricKeys = ["loss_g", "loss_d"];
  let trials = [], steps = [], champion = null, runState = null;
  // The registered model Promote writes to: emoji_dcgan for GANs, emoji_srgan4x for srgan4x
  // trials (the server says which, per trial); null until the trials are known.
  let championModel = null;
  let me = null; // the signed-in user: promoting needs lead
  const curveCache = new Map(); // "runId/key" -> points, refetched while the run is live

  if (!run) {
    error.textContent = "Open this page from the sweeps list (it needs ?dag=…&run=…).";
    error.hidden = false;
    return;
  }
  $("title").textContent = `${dag} / ${run}`;
  document.title = `Atelier · ${run}`;

  function sampleUrl(t, step) {
    const name = "step_" + String(step).padStart(7, "0") + ".png";
    return artifactUrl(t, "samples/" + name);
  }

  // The steps the slider walks: every step any trial has, or only those all trials share.
  function computeSteps() {
    const withGrids = trials.filter((t) => t.sample_steps && t.sample_steps.length);
    let set;
    if ($("common").checked && withGrids.length) {
      set = withGrids.map((t) => new Set(t.sample_steps))
        .reduce((a, b) => new Set([...a].filter((s) => b.has(s))));
    } else {
      set = new Set(withGrids.flatMap((t) => t.sample_steps));
    }
    return [...set].sort((a, b) => a - b);
  }

  function nearest(available, step) {
    let best = null;
    for (const s of available) {
      if (best === null || Math.abs(s - step) < Math.abs(best - step) || (Math.abs(s - step) === Math.abs(best - step) && s < best)) best = s;
    }
    return best;
  }

  function currentStep() {
    return steps.length ? steps[Number(slider.value)] : null;
  }

  function setStepIndex(i) {
    if (!steps.length) return;
    slider.value = String(Math.max(0, Math.min(steps.length - 1, i)));
    showStep();
  }

  // Moves every grid to the chosen step (each trial snaps to its nearest grid).
  function showStep() {
    const step = currentStep();
    now.textContent = step === null ? "no grids yet" : `step ${step}  (${Number(slider.value) + 1}/${steps.length})`;
    for (const card of grids.querySelectorAll(".trial")) {
      const t = trials.find((x) => String(x.map_index) === card.dataset.mapIndex && x.task_id === card.dataset.taskId);
      const frame = card.querySelector(".frame-slot");
      const shown = card.querySelector(".shown");
      const at = t && step !== null ? nearest(t.sample_steps || [], step) : null;
      const links = card.querySelector(".links");
      if (links && t) links.replaceChildren(...extraLinks(t, at));
      if (at === null) {
        frame.replaceChildren(Atelier.el("div", { class: "frame" }, t && t.reason ? "no grid: " + (t.status || t.state) : "no grid yet"));
        shown.textContent = "";
        continue;
      }
      const src = sampleUrl(t, at);
      let img = frame.querySelector("img");
      if (!img) {
        // No fixed height: a GAN grid is square, an SR sheet (input | SR | truth per probe) is not.
        img = Atelier.el("img", { width: 256, loading: "lazy", decoding: "async", alt: `trial ${t.map_index} samples` });
        frame.replaceChildren(img);
      }
      if (img.getAttribute("src") !== src) img.setAttribute("src", src);
      img.alt = `trial ${t.map_index} samples at step ${at}`;
      shown.textContent = at === step ? `step ${at}` : `step ${at} (nearest to ${step})`;
    }
    drawCurves(false);
  }

  function paramList(t) {
    const shown = ["model", "lr", "latent_dim", "adversarial_weight", "residual_blocks", "g_width",
      "content_loss", "beta1", "batch_size", "steps", "image_size", "input_size"];
    const dl = Atelier.el("dl");
    for (const k of shown) {
      if (t.params && t.params[k] !== undefined) dl.append(Atelier.el("dt", {}, k), Atelier.el("dd", {}, t.params[k]));
    }
    dl.append(Atelier.el("dt", {}, "reached"), Atelier.el("dd", {}, `${t.last_step ?? "—"} / ${t.steps ?? "?"}`));
    for (const k of ["psnr", "psnr_nearest", "fd_diag_rgb8", ...qualityKeys(t), "loss_g", "loss_d", "images_per_sec"]) {
      if (t.metrics && t.metrics[k] !== undefined) dl.append(Atelier.el("dt", {}, k), Atelier.el("dd", {}, Atelier.num(t.metrics[k])));
    }
    if (t.metrics && t.metrics.mode_collapse === 1) {
      dl.append(Atelier.el("dt", {}, "mode_collapse"),
        Atelier.el("dd", { class: "collapse-warning", title: "sample diversity fell below the threshold x the real data's" }, "⚠ collapsed"));
    }
    return dl;
  }

  // The trainer's quality metrics, named after their feature space (fd_rgb8, kid_inception, ...).
  function qualityKeys(t) {
    return Object.keys(t.metrics || {}).filter((k) =>
      /^(fd|kid|diversity|novelty_nn_distance)_/.test(k) && k !== "fd_diag_rgb8" && !k.startsWith("diversity_real_")).sort();
  }

  function artifactUrl(t, path) {
    return `/api/atelier/runs/${encodeURIComponent(t.mlflow_run_id)}/artifacts/${path}`;
  }

  // Novelty (each probe sample beside its nearest training images) at the shown step, and the
  // final latent walk: written by trials with quality on, which log novelty_nn_distance_*.
  function extraLinks(t, at) {
    const links = [];
    const hasQuality = Object.keys(t.metrics || {}).some((k) => k.startsWith("novelty_nn_distance_"));
    if (hasQuality && at !== null) {
      links.push(Atelier.el("a", { class: "novelty", target: "_blank",
        href: artifactUrl(t, "novelty/step_" + String(at).padStart(7, "0") + ".png") }, `novelty @ ${at}`));
    }
    if (hasQuality && t.status === "SUCCEEDED") {
      links.push(" · ", Atelier.el("a", { class: "walk", target: "_blank", href: artifactUrl(t, "walks/final.gif") }, "latent walk"));
    }
    return links;
  }

  // A trial the sweep stopped on purpose: its reason and the step it stopped at, not a failure.
  function isPruned(t) {
    return t.status === "PRUNED" || (t.state === "success" && /^pruned\b/.test(t.note || ""));
  }

  function prunedLabel(t) {
    const why = t.stop_reason || ((t.note || "").match(/^pruned \(([^)]+)\)/) || [])[1];
    const detail = t.stop_detail || (t.note && t.note !== t.reason ? t.note : t.reason) || "";
    return `pruned${why ? " (" + why + ")" : ""} at step ${t.last_step ?? "?"}${detail ? ": " + detail : ""}`;
  }

  function card(t, i) {
    const isChampion = champion && t.mlflow_run_id && champion.mlflow_run_id === t.mlflow_run_id;
    const pruned = isPruned(t);
    const failed = !pruned && t.status && t.status !== "SUCCEEDED";
    return Atelier.el("article", {
        class: "trial" + (isChampion ? " is-champion" : ""), style: `--c:${Curves.colour(i)}`,
        "data-map-index": t.map_index, "data-task-id": t.task_id },
      Atelier.el("h3", {}, `${t.task_id} #${t.map_index}`, t.state === "queued" ? Atelier.state("queued", t.note)
        : pruned ? Atelier.el("span", { class: "state pruned", title: prunedLabel(t) }, "pruned")
        : Atelier.state(t.status && t.status !== "SUCCEEDED" ? t.status : t.state)),
      Atelier.el("div", { class: "frame-slot" }, Atelier.el("div", { class: "frame" }, "…")),
      Atelier.el("div", { class: "shown" }),
      Atelier.el("div", { class: "links" }),
      paramList(t),
      pruned ? Atelier.el("div", { class: "pruned-reason" }, prunedLabel(t)) : null,
      failed || (!pruned && t.reason && t.state === "failed") ? Atelier.el("div", { class: "reason" }, `${t.status || t.state}: ${t.reason || ""}`) : null,
      t.state === "queued" && t.note ? Atelier.el("div", { class: "queued-reason muted" }, `queued: ${t.note}`) : null,
      t.mlflow_error ? Atelier.el("div", { class: "reason" }, t.mlflow_error) : null,
      Atelier.el("div", { class: "muted", style: "font-size:.8rem" }, t.mlflow_run_id ? `MLflow run ${t.mlflow_run_id}` : "not launched yet"),
      Atelier.el("button", {
        class: "promote", disabled: t.status === "SUCCEEDED" && t.mlflow_run_id && !Atelier.lacks(me, "lead") ? null : "disabled",
        title: Atelier.lacks(me, "lead") || (t.status === "SUCCEEDED" ? "register this trial's checkpoint at the step shown and move the champion alias to it" : "only a finished, successful trial has a checkpoint to promote"),
        onclick: () => promote(t) }, isChampion ? "🏆 champion (promote again)" : "Promote to champion"));
  }

  async function promote(t) {
    try {
      const row = await AtelierPromote.open({ mlflowRunId: t.mlflow_run_id, step: currentStep(), dagId: dag, runId: t.run_id });
      if (!row) return;
      championModel = row.model_name;
      champion = await Atelier.champion($("champion"), championModel);
      render();
      alert(`Promoted: ${row.model_name} version ${row.model_version} is now the champion.`);
    } catch (e) {
      alert(e.message);
    }
  }

  // Moving the slider only moves the marker; fresh points are fetched on refresh while live.
  async function drawCurves(refetch) {
    const live = runState === "queued" || runState === "running";
    const withRuns = trials.map((t, i) => ({ t, i })).filter(({ t }) => t.mlflow_run_id);
    const panels = [];
    // Super-resolution trials also log psnr at every sample step: the curve to judge them by.
    const keys = trials.some((t) => t.metrics && t.metrics.psnr !== undefined) ? [...metricKeys, "psnr"] : metricKeys;
    for (const key of keys) {
      const series = [];
      for (const { t, i } of withRuns) {
        const ck = `${t.mlflow_run_id}/${key}`;
        if (!curveCache.has(ck) || (refetch && live)) {
          try {
            curveCache.set(ck, (await Atelier.get(`/api/atelier/runs/${encodeURIComponent(t.mlflow_run_id)}/metrics/${key}`)).points);
          } catch (_) {
            curveCache.set(ck, []);
          }
        }
        series.push({ label: `#${t.map_index}`, colour: Curves.colour(i), points: curveCache.get(ck) });
      }
      panels.push(Curves.panel(key, series, currentStep()));
    }
    $("curves").replaceChildren(...panels);
    $("legend").replaceChildren(...withRuns.map(({ t, i }) =>
      Atelier.el("span", {}, Atelier.el("i", { style: `background:${Curves.colour(i)}` }),
        `#${t.map_index} lr ${t.params.lr ?? "?"} · ${legendKnob(t)}`)));
  }

  // What a sweep maps besides lr: the latent size for GANs, the adversarial weight for SR.
  function legendKnob(t) {
    if (t.params.latent_dim === undefined && t.params.adversarial_weight !== undefined) return `adv ${t.params.adversarial_weight}`;
    return `z ${t.params.latent_dim ?? "?"}`;
  }

  function render() {
    const wasLast = steps.length && Number(slider.value) === steps.length - 1;
    const before = currentStep();
    steps = computeSteps();
    slider.max = String(Math.max(0, steps.length - 1));
    // Stay on the step the reviewer chose; follow the newest grid if they were at the end.
    let index = steps.length - 1;
    if (before !== null && !wasLast) {
      const keep = nearest(steps, before);
      index = Math.max(0, steps.indexOf(keep));
    }
    slider.value = String(Math.max(0, index));
    grids.replaceChildren(...trials.map(card));
    showStep();
    drawCurves(true);
  }

  async function refresh() {
    try {
      me = await Atelier.me();
      const [dagRun, list] = await Promise.all([
        Atelier.get(`/api/v1/dags/${encodeURIComponent(dag)}/dagRuns/${encodeURIComponent(run)}`),
        Atelier.get(`/api/atelier/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(run)}/trials`),
      ]);
      runState = dagRun.state;
      $("run-state").replaceChildren(Atelier.state(runState), ` ${list.filter((t) => ["success", "failed", "upstream_failed"].includes(t.state)).length}/${list.length} trials done`);
      trials = list;
      if (list.length) {
        $("sweep-link").href = `sweep.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}&task=${encodeURIComponent(list[0].task_id)}`;
        $("sweep-link").hidden = false;
      }
      const model = (list.find((t) => t.registered_model) || {}).registered_model || "emoji_dcgan";
      if (model !== championModel) {
        championModel = model;
        champion = await Atelier.champion($("champion"), model);
      }
      if (list.some((t) => t.params && t.params.model === "srgan4x")) {
        $("hint").textContent = "Each sheet shows the sweep's same held-out probe images as input (enlarged) | super-resolved | truth, so trials compare like for like at a step.";
      }
      error.hidden = true;
      render();
      if (runState === "queued" || runState === "running") setTimeout(refresh, 5000);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      setTimeout(refresh, 10000);
    }
  }

  slider.addEventListener("input", showStep);
  $("prev").addEventListener("click", () => setStepIndex(Number(slider.value) - 1));
  $("next").addEventListener("click", () => setStepIndex(Number(slider.value) + 1));
  $("first").addEventListener("click", () => setStepIndex(0));
  $("last").addEventListener("click", () => setStepIndex(steps.length - 1));
  $("common").addEventListener("change", render);
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "INPUT" && e.target.type !== "range") return;
    if (e.key === "ArrowLeft") setStepIndex(Number(slider.value) - 1);
    if (e.key === "ArrowRight") setStepIndex(Number(slider.value) + 1);
  });

  refresh();
})();
