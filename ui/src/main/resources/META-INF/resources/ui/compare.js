// The compare page: any trials of any runs of a Dag (picked from a filtered list), the champion
// pinned first, every grid at one step as a cached thumbnail, swipe / flicker / difference between
// two trials, one zoom and pan for all grids, one probe latent across trials and steps, and every
// trial's curves from one request. The URL keeps the selection (?dag=…&trials=id,id&step=…).
// ?full=1 is the benchmark's reference (bench/README.md, "Compare page"): every grid as its
// full-size artifact and nothing decoded in the background, the way the page worked before
// thumbnails, so both ways are timed in one browser by the same code.
"use strict";

(function () {
  const q = new URLSearchParams(location.search);
  const dag = q.get("dag") || "emoji_dcgan_sweep";
  const run = q.get("run");
  const full = q.get("full") === "1";
  const $ = (id) => document.getElementById(id);
  const slider = $("step"), now = $("now"), grids = $("grids"), error = $("error");
  const SIDE = 8; // SampleGrid.SIDE: 8 x 8 tiles
  const width = Math.min(1024, Math.round(256 * (window.devicePixelRatio || 1)));
  const timings = (window.compareTimings = { mode: full ? "full" : "thumbnails", firstRender: null, stepChanges: [] });

  let all = [];          // the picker's list: every trial of the Dag
  let selected = (q.get("trials") || "").split(",").filter(Boolean);
  let shown = [];        // the detailed trials on screen, champion first
  let champion = null;
  let me = null;         // the signed-in user (GET /api/atelier/me): Promote needs a lead
  let steps = [];
  let mode = q.get("mode") || "grid";
  let pairA = null, pairB = null, flipped = false;
  let view = { s: 1, ox: 0, oy: 0 }; // zoom and offset as fractions of a frame's width
  let tile = null;       // {index, runId}
  let curveData = [], curveKeys = [];
  const curveOpts = { smoothing: 0, log: false, marker: null };
  const decoded = new Map(); // thumbnail URL -> decoded Image, so a step change is a swap

  $("title").textContent = dag;
  document.title = `Atelier · compare ${dag}`;

  const label = (t) => `${t.dag_run_id || "?"} #${t.map_index ?? "?"}`;
  const short = (t) => `#${t.map_index ?? "?"} ${(t.dag_run_id || "").slice(0, 24)}`;
  const artifact = (t, path) => `/api/atelier/runs/${encodeURIComponent(t.mlflow_run_id)}/artifacts/${path}`;
  const pad = (s) => String(s).padStart(7, "0");
  const thumb = (t, step, w = width) => full ? artifact(t, `samples/step_${pad(step)}.png`)
    : `/api/atelier/compare/runs/${encodeURIComponent(t.mlflow_run_id)}/grids/${step}?width=${w}`;
  const isChampion = (t) => champion && champion.mlflow_run_id === t.mlflow_run_id;
  const statusOf = (t) => t.stop_reason ? `pruned (${t.stop_reason})` : (t.status || t.run_status || "?");

  function fail(e) {
    error.textContent = e.message || String(e);
    error.hidden = false;
  }

  function saveUrl() {
    const p = new URLSearchParams({ dag });
    if (selected.length) p.set("trials", selected.join(","));
    else if (run) p.set("run", run);
    const step = currentStep();
    if (step !== null) p.set("step", step);
    if (mode !== "grid") p.set("mode", mode);
    if (full) p.set("full", "1");
    history.replaceState(null, "", "?" + p.toString());
  }

  // ---- the picker --------------------------------------------------------------------------
  function field(t, name) {
    if (name === "run") return t.dag_run_id;
    if (name === "status") return statusOf(t);
    if (name === "index") return t.map_index;
    if (t.params && t.params[name] !== undefined) return t.params[name];
    if (t.metrics && t.metrics[name] !== undefined) return t.metrics[name];
    return undefined;
  }

  function matches(t, text) {
    for (const term of text.trim().split(/\s+/).filter(Boolean)) {
      const m = term.match(/^([\w.\/-]+)(<=|>=|!=|=|<|>|~)(.*)$/);
      if (!m) continue;
      const [, name, op, want] = m;
      const have = field(t, name);
      if (have === undefined || have === null) return false;
      const a = Number(have), b = Number(want), numeric = Number.isFinite(a) && Number.isFinite(b) && want !== "";
      const ok = op === "~" ? String(have).includes(want)
        : op === "=" ? (numeric ? a === b : String(have) === want)
        : op === "!=" ? (numeric ? a !== b : String(have) !== want)
        : !numeric ? false
        : op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
      if (!ok) return false;
    }
    return true;
  }

  function pickerColumns() {
    const params = ["model", "lr", "lr_g", "latent_dim", "g_width", "d_width", "loss", "beta1", "adversarial_weight"]
      .filter((k) => new Set(all.map((t) => t.params && t.params[k]).filter((v) => v !== undefined)).size > 0);
    const metrics = ["fd_rgb8", "kid_rgb8", "fd_diag_rgb8", "psnr", "loss_g"]
      .filter((k) => all.some((t) => t.metrics && t.metrics[k] !== undefined));
    return { params, metrics };
  }

  function renderPicker() {
    const { params, metrics } = pickerColumns();
    const text = $("filter").value;
    const rows = all.filter((t) => matches(t, text));
    $("filter-count").textContent = `${rows.length} of ${all.length} trials shown, ${selected.length} selected`;
    $("picked").textContent = `(${selected.length} selected of ${all.length})`;
    $("picker-table").tHead.replaceChildren(Atelier.el("tr", {},
      Atelier.el("th", {}, "compare"), Atelier.el("th", {}, "Dag run"), Atelier.el("th", {}, "#"),
      Atelier.el("th", {}, "status"), ...params.map((k) => Atelier.el("th", {}, k)),
      ...metrics.map((k) => Atelier.el("th", {}, k)), Atelier.el("th", {}, "step")));
    $("picker-table").tBodies[0].replaceChildren(...rows.map((t) => Atelier.el("tr", { "data-run-id": t.mlflow_run_id },
      Atelier.el("td", {}, Atelier.el("input", {
        type: "checkbox", class: "pick", "aria-label": `compare ${label(t)}`,
        checked: selected.includes(t.mlflow_run_id) ? "checked" : null,
        onchange: (e) => toggle(t.mlflow_run_id, e.target.checked) })),
      Atelier.el("td", {}, t.dag_run_id || "—"), Atelier.el("td", {}, t.map_index ?? "—"),
      Atelier.el("td", {}, statusOf(t)),
      ...params.map((k) => Atelier.el("td", {}, t.params[k] ?? "—")),
      ...metrics.map((k) => Atelier.el("td", {}, Atelier.num(t.metrics[k]))),
      Atelier.el("td", {}, t.last_step ?? "—"))));
  }

  let reloadTimer = null;
  function toggle(id, on) {
    selected = selected.filter((x) => x !== id);
    if (on) selected.push(id);
    renderPicker();
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(loadSelection, 250);
  }

  // ---- steps -------------------------------------------------------------------------------
  function computeSteps() {
    const withGrids = shown.filter((t) => t.sample_steps && t.sample_steps.length);
    let set;
    if ($("common").checked && withGrids.length) {
      set = withGrids.map((t) => new Set(t.sample_steps)).reduce((a, b) => new Set([...a].filter((s) => b.has(s))));
    } else {
      set = new Set(withGrids.flatMap((t) => t.sample_steps));
    }
    return [...set].sort((a, b) => a - b);
  }

  function nearest(available, step) {
    let best = null;
    for (const s of available) {
      if (best === null || Math.abs(s - step) < Math.abs(best - step)) best = s;
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

  function image(url, alt) {
    let img = decoded.get(url);
    if (!img) {
      img = new Image();
      img.decoding = "async";
      img.src = url;
      decoded.set(url, img);
    }
    img.alt = alt;
    img.draggable = false;
    return img;
  }

  const settled = (img) => img.decode().catch(() => null);

  // Moves every grid to the chosen step (each trial snaps to its nearest grid); resolves once
  // every new image is decoded, which is when the reviewer sees the change.
  async function showStep() {
    const started = performance.now();
    const step = currentStep();
    now.textContent = step === null ? "no grids yet" : `step ${step} (${Number(slider.value) + 1}/${steps.length})`;
    const waits = [];
    for (const card of grids.querySelectorAll(".trial")) {
      const t = shown.find((x) => x.mlflow_run_id === card.dataset.runId);
      const at = t && step !== null ? nearest(t.sample_steps || [], step) : null;
      const zoomer = card.querySelector(".zoomer");
      const note = card.querySelector(".shown");
      if (at === null) {
        zoomer.replaceChildren(Atelier.el("div", { class: "empty" }, "no grid yet"));
        note.textContent = "";
        continue;
      }
      const img = image(thumb(t, at), `${label(t)} samples at step ${at}`);
      if (zoomer.firstChild !== img) zoomer.replaceChildren(img);
      waits.push(settled(img));
      note.textContent = at === step ? `step ${at}` : `step ${at} (nearest to ${step})`;
      card.dataset.step = at;
      const novelty = card.querySelector("img.novelty");
      if (novelty) novelty.src = noveltyUrl(t, at) || "";
    }
    renderPair();
    if (tile) renderTile();
    curveOpts.marker = step;
    for (const c of $("curves").children) if (c.plot) c.plot.redraw(false);
    saveUrl();
    await Promise.all(waits);
    const ms = performance.now() - started;
    if (timings.firstRender !== null) {
      timings.stepChanges.push(ms);
      performance.measure("compare:step-change", { start: started, end: started + ms });
    }
    return ms;
  }

  // ---- cards -------------------------------------------------------------------------------
  function noveltyUrl(t, step) {
    const path = `novelty/step_${pad(step)}.png`;
    return (t.artifacts || []).includes(path) ? artifact(t, path) : null;
  }

  function extras(t) {
    const files = t.artifacts || [];
    const walk = files.find((f) => f === "walks/final.gif") || files.find((f) => f === "walks/final.png");
    const hasNovelty = files.some((f) => f.startsWith("novelty/"));
    if (!walk && !hasNovelty) return null;
    const box = Atelier.el("details", { class: "extras" },
      Atelier.el("summary", {}, [hasNovelty ? "novelty" : null, walk ? "latent walk" : null].filter(Boolean).join(" · ")));
    box.addEventListener("toggle", () => {
      if (!box.open || box.dataset.loaded) return;
      box.dataset.loaded = "1";
      const at = Number(box.closest(".trial").dataset.step);
      const n = noveltyUrl(t, at);
      if (n) box.append(Atelier.el("figure", {}, Atelier.el("img", { class: "novelty", src: n, alt: `${label(t)} novelty: each probe sample beside its nearest training images` }),
        Atelier.el("figcaption", {}, "novelty at the shown step")));
      if (walk) box.append(Atelier.el("figure", {}, Atelier.el("img", { class: "walk", src: artifact(t, walk), alt: `${label(t)} latent walk` }),
        Atelier.el("figcaption", {}, "latent walk (final)")));
    });
    return box;
  }

  function paramList(t, varying) {
    const dl = Atelier.el("dl");
    // The model always: a card must say what it is even when every trial on screen shares it.
    for (const k of varying.includes("model") ? varying : ["model", ...varying]) {
      if (t.params && t.params[k] !== undefined) dl.append(Atelier.el("dt", {}, k), Atelier.el("dd", {}, t.params[k]));
    }
    dl.append(Atelier.el("dt", {}, "reached"), Atelier.el("dd", {}, `${t.last_step ?? "—"} / ${t.params.steps ?? "?"}`));
    for (const k of ["psnr", "fd_rgb8", "kid_rgb8", "fd_diag_rgb8", "loss_g", "loss_d"]) {
      if (t.metrics && t.metrics[k] !== undefined) dl.append(Atelier.el("dt", {}, k), Atelier.el("dd", {}, Atelier.num(t.metrics[k])));
    }
    if (t.metrics && t.metrics.mode_collapse === 1) {
      dl.append(Atelier.el("dt", {}, "mode_collapse"), Atelier.el("dd", { class: "collapse-warning" }, "⚠ collapsed"));
    }
    return dl;
  }

  function varyingParams() {
    const keys = new Set(shown.flatMap((t) => Object.keys(t.params || {})));
    const skip = new Set(["dataset_path", "device", "seed", "quality_extractor_path", "class_names"]);
    return [...keys].filter((k) => !skip.has(k) && new Set(shown.map((t) => t.params[k])).size > 1).slice(0, 10);
  }

  function card(t, i, varying) {
    const champ = isChampion(t);
    const promote = Atelier.el("button", {
      type: "button", class: "promote", "aria-label": `Promote ${label(t)} at the shown step…`,
      disabled: window.AtelierPromote && t.status === "SUCCEEDED" ? null : "disabled",
      title: window.AtelierPromote ? "register this trial's checkpoint at the shown step and move the champion alias" : "the promote dialog is not loaded",
      onclick: () => promoteTrial(t) }, "Promote…");
    // The server refuses a promotion below lead; the button says so before the click.
    Atelier.gate(promote, me, "lead");
    return Atelier.el("article", {
        class: "trial" + (champ ? " is-champion" : ""), style: `--c:${Curves.colour(i)}`,
        "data-run-id": t.mlflow_run_id, "data-map-index": t.map_index },
      Atelier.el("h3", {}, Atelier.el("span", {}, Atelier.el("i", { class: "swatch", style: `background:${Curves.colour(i)}`, "aria-hidden": "true" }), short(t)),
        Atelier.el("span", { class: "state" }, statusOf(t))),
      champ ? Atelier.el("div", { class: "champion-badge" }, `🏆 champion ${champion.model_name} v${champion.version} (pinned first)`) : null,
      Atelier.el("div", { class: "frame", tabindex: "0", "aria-label": `${label(t)} grid; click a tile to follow its probe latent` },
        Atelier.el("div", { class: "zoomer" }, Atelier.el("div", { class: "empty" }, "…"))),
      Atelier.el("div", { class: "shown" }),
      Atelier.el("div", { class: "pair-pick" },
        Atelier.el("button", { type: "button", class: "as-a", "aria-pressed": String(pairA === t.mlflow_run_id), onclick: () => setPair("a", t) }, "Set as A"),
        Atelier.el("button", { type: "button", class: "as-b", "aria-pressed": String(pairB === t.mlflow_run_id), onclick: () => setPair("b", t) }, "Set as B")),
      paramList(t, varying),
      // A trial the sweep stopped on purpose says why and at which step; a failure says its reason.
      t.stop_reason ? Atelier.el("div", { class: "pruned-reason" }, `${statusOf(t)} at step ${t.last_step ?? "?"}${t.stop_detail ? ": " + t.stop_detail : ""}`)
        : t.reason && t.status !== "SUCCEEDED" ? Atelier.el("div", { class: "reason" }, `${statusOf(t)}: ${t.reason}`) : null,
      extras(t),
      t.trained_on ? Atelier.el("div", { class: "muted trained-on", style: "font-size:.8rem" }, `trained on ${t.trained_on}`) : null,
      Atelier.el("div", { class: "muted", style: "font-size:.8rem" }, `MLflow run ${t.mlflow_run_id.slice(0, 12)}`),
      promote);
  }

  async function promoteTrial(t) {
    try {
      await window.AtelierPromote.open({ mlflowRunId: t.mlflow_run_id, step: Number(document.querySelector(`.trial[data-run-id="${t.mlflow_run_id}"]`).dataset.step) || currentStep(), dagId: dag, runId: t.dag_run_id });
      await loadChampion();
      render();
    } catch (e) {
      if (e) fail(e);
    }
  }

  // ---- like for like -----------------------------------------------------------------------
  function likeForLike() {
    const notes = [];
    const fields = [["probe_seed", "probe seed"], ["probe_count", "probe count"], ["image_size", "resolution"],
      ["dataset_path", "dataset"], ["dataset_size", "dataset size"]];
    for (const [k, name] of fields) {
      const groups = new Map();
      for (const t of shown) {
        const v = (t.probe || {})[k] ?? (t.params || {})[k] ?? "not recorded";
        if (!groups.has(v)) groups.set(v, []);
        groups.get(v).push(short(t));
      }
      if (groups.size > 1) notes.push(`${name} differs: ` + [...groups].map(([v, ts]) => `${v} (${ts.join(", ")})`).join(" vs "));
    }
    const latent = new Set(shown.map((t) => t.params.latent_dim));
    const old = shown.filter((t) => !t.params.probe_scheme);
    if (latent.size > 1 && old.length) {
      notes.push(`latent sizes differ and ${old.map(short).join(", ")} drew probe latents the old way (row by row), so their vectors are not the others'`);
    }
    // A super-resolution trial's sheet is not a grid of samples: say what its columns are.
    const hint = $("hint");
    hint.dataset.gan = hint.dataset.gan || hint.textContent;
    hint.textContent = shown.length && shown.every((t) => (t.params || {}).model === "srgan4x")
      ? "Each sheet shows the sweep's same held-out probe images as input (enlarged) | super-resolved | truth, so trials compare like for like at a step."
      : hint.dataset.gan;
    $("mismatch").hidden = !notes.length;
    $("mismatch").replaceChildren(...(notes.length ? [Atelier.el("strong", {}, "⚠ Not like for like: "), notes.join("; ") + "."] : []));
  }

  // ---- zoom and pan, the same for every frame ----------------------------------------------
  function applyView() {
    const clampO = (o) => Math.min(0, Math.max(1 - view.s, o));
    view.ox = clampO(view.ox);
    view.oy = clampO(view.oy);
    for (const z of document.querySelectorAll(".zoomer")) {
      const w = z.parentElement.clientWidth || 256;
      const h = z.parentElement.clientHeight || w;
      z.style.transform = `translate(${view.ox * w}px, ${view.oy * h}px) scale(${view.s})`;
    }
    $("zoom-level").textContent = `${Math.round(view.s * 100)} %`;
  }

  function zoomAt(factor, cx, cy) {
    const s = Math.max(1, Math.min(16, view.s * factor));
    const px = (cx - view.ox) / view.s, py = (cy - view.oy) / view.s;
    view = { s, ox: cx - px * s, oy: cy - py * s };
    applyView();
  }

  function framePoint(frame, e) {
    const r = frame.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height];
  }

  let drag = null;
  document.addEventListener("wheel", (e) => {
    const frame = e.target.closest && e.target.closest(".frame");
    if (!frame) return;
    e.preventDefault();
    const [cx, cy] = framePoint(frame, e);
    zoomAt(e.deltaY < 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  document.addEventListener("pointerdown", (e) => {
    const frame = e.target.closest && e.target.closest(".frame");
    if (!frame || e.button !== 0) return;
    drag = { frame, x: e.clientX, y: e.clientY, ox: view.ox, oy: view.oy, moved: false };
  });
  document.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = drag.frame.getBoundingClientRect();
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    view.ox = drag.ox + dx / r.width;
    view.oy = drag.oy + dy / r.height;
    applyView();
  });
  document.addEventListener("pointerup", (e) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.moved) return;
    const trialCard = d.frame.closest(".trial");
    if (!trialCard) return;
    const [cx, cy] = framePoint(d.frame, e);
    const px = (cx - view.ox) / view.s, py = (cy - view.oy) / view.s;
    if (px < 0 || px >= 1 || py < 0 || py >= 1) return;
    tile = { index: Math.floor(py * SIDE) * SIDE + Math.floor(px * SIDE), runId: trialCard.dataset.runId };
    renderTile();
  });
  $("zoom-in").addEventListener("click", () => zoomAt(1.5, 0.5, 0.5));
  $("zoom-out").addEventListener("click", () => zoomAt(1 / 1.5, 0.5, 0.5));
  $("zoom-reset").addEventListener("click", () => { view = { s: 1, ox: 0, oy: 0 }; applyView(); });

  // ---- one probe latent across trials and steps --------------------------------------------
  function tileEl(url, index, caption) {
    const col = index % SIDE, row = Math.floor(index / SIDE);
    return Atelier.el("figure", { class: "tile" },
      Atelier.el("div", { class: "tile-img", role: "img", "aria-label": caption,
        style: `background-image:url("${url}");background-position:${(col / (SIDE - 1)) * 100}% ${(row / (SIDE - 1)) * 100}%` }),
      Atelier.el("figcaption", {}, caption));
  }

  function renderTile() {
    const section = $("tile");
    const t = shown.find((x) => x.mlflow_run_id === tile.runId) || shown[0];
    if (!t) return;
    const step = currentStep();
    section.hidden = false;
    $("tile-title").textContent = `Probe latent ${tile.index} (row ${Math.floor(tile.index / SIDE) + 1}, column ${tile.index % SIDE + 1})`;
    $("tile-trials").replaceChildren(...shown.filter((x) => (x.sample_steps || []).length).map((x) => {
      const at = nearest(x.sample_steps, step);
      return tileEl(thumb(x, at), tile.index, `${short(x)} @ ${at}`);
    }));
    $("tile-steps-title").textContent = `${label(t)} across its steps`;
    $("tile-steps").replaceChildren(...(t.sample_steps || []).map((s) => tileEl(thumb(t, s), tile.index, `step ${s}`)));
  }
  $("tile-close").addEventListener("click", () => { tile = null; $("tile").hidden = true; });

  // ---- A and B: swipe, flicker, difference -------------------------------------------------
  function setPair(which, t) {
    if (which === "a") pairA = t.mlflow_run_id; else pairB = t.mlflow_run_id;
    for (const c of grids.querySelectorAll(".trial")) {
      c.querySelector(".as-a").setAttribute("aria-pressed", String(c.dataset.runId === pairA));
      c.querySelector(".as-b").setAttribute("aria-pressed", String(c.dataset.runId === pairB));
    }
    renderPair();
  }

  function setMode(m) {
    mode = m;
    for (const b of document.querySelectorAll("button.mode")) b.setAttribute("aria-pressed", String(b.dataset.mode === m));
    grids.classList.toggle("dimmed", m !== "grid");
    renderPair();
    saveUrl();
  }

  function pairImages() {
    const a = shown.find((t) => t.mlflow_run_id === pairA), b = shown.find((t) => t.mlflow_run_id === pairB);
    const step = currentStep();
    if (!a || !b || step === null) return null;
    const atA = nearest(a.sample_steps || [], step), atB = nearest(b.sample_steps || [], step);
    if (atA === null || atB === null) return null;
    return { a, b, atA, atB, urlA: thumb(a, atA, 512), urlB: thumb(b, atB, 512) };
  }

  let flickerTimer = null;
  function renderPair() {
    const section = $("pair");
    clearInterval(flickerTimer);
    if (mode === "grid") { section.hidden = true; return; }
    section.hidden = false;
    section.dataset.mode = mode;
    const p = pairImages();
    const frame = $("pair-frame"), controls = $("pair-controls");
    if (!p) {
      $("pair-label").textContent = "Choose two trials with “Set as A” and “Set as B” on their cards.";
      controls.replaceChildren();
      frame.replaceChildren();
      return;
    }
    const imgA = Atelier.el("img", { class: "a", src: p.urlA, alt: `A: ${label(p.a)} at step ${p.atA}`, draggable: "false" });
    const imgB = Atelier.el("img", { class: "b", src: p.urlB, alt: `B: ${label(p.b)} at step ${p.atB}`, draggable: "false" });
    const zoomer = Atelier.el("div", { class: "zoomer" });
    frame.replaceChildren(zoomer);
    if (mode === "swipe") {
      $("pair-label").textContent = `Swipe: left of the line A = ${label(p.a)} (step ${p.atA}), right of it B = ${label(p.b)} (step ${p.atB}).`;
      const wipe = Atelier.el("input", { id: "swipe", type: "range", min: 0, max: 100, value: 50, "aria-label": "swipe position: percent of the width showing A" });
      const line = Atelier.el("div", { class: "wipe-line" });
      const set = () => { imgB.style.clipPath = `inset(0 0 0 ${wipe.value}%)`; line.style.left = `${wipe.value}%`; };
      wipe.addEventListener("input", set);
      controls.replaceChildren(Atelier.el("label", {}, "A ", wipe, " B"));
      zoomer.append(imgA, imgB);
      frame.append(line);
      set();
    } else if (mode === "flicker") {
      const show = () => {
        imgA.hidden = flipped; imgB.hidden = !flipped;
        $("pair-label").textContent = `Flicker: showing ${flipped ? "B" : "A"} = ${label(flipped ? p.b : p.a)} (step ${flipped ? p.atB : p.atA}).`;
      };
      const flip = Atelier.el("button", { id: "flip", type: "button", "aria-label": "show the other of A and B" }, "Flip A/B");
      flip.addEventListener("click", () => { flipped = !flipped; show(); });
      const auto = Atelier.el("input", { type: "checkbox", id: "auto-flicker" });
      auto.addEventListener("change", () => {
        clearInterval(flickerTimer);
        if (auto.checked) flickerTimer = setInterval(() => { flipped = !flipped; show(); }, 500);
      });
      controls.replaceChildren(flip, Atelier.el("label", {}, auto, " flicker every 0.5 s"));
      zoomer.append(imgA, imgB);
      show();
    } else {
      const canvas = Atelier.el("canvas", { class: "diff", role: "img", "aria-label": `difference between A and B` });
      const gain = Atelier.el("select", { "aria-label": "difference gain" },
        ...[1, 2, 4, 8].map((g) => Atelier.el("option", { value: g, selected: g === 4 ? "selected" : null }, `× ${g}`)));
      controls.replaceChildren(Atelier.el("label", {}, "gain ", gain));
      zoomer.append(canvas);
      const draw = () => Promise.all([settled(imgA), settled(imgB)]).then(() => {
        const w = Math.min(imgA.naturalWidth, imgB.naturalWidth), h = Math.min(imgA.naturalHeight, imgB.naturalHeight);
        if (!w || !h) return;
        canvas.width = w; canvas.height = h;
        const ctx = canvas.getContext("2d");
        ctx.drawImage(imgA, 0, 0, w, h);
        const da = ctx.getImageData(0, 0, w, h);
        ctx.drawImage(imgB, 0, 0, w, h);
        const db = ctx.getImageData(0, 0, w, h);
        let sum = 0;
        const g = Number(gain.value);
        for (let i = 0; i < da.data.length; i += 4) {
          for (let c = 0; c < 3; c++) {
            const d = Math.abs(da.data[i + c] - db.data[i + c]);
            sum += d;
            da.data[i + c] = Math.min(255, d * g);
          }
        }
        ctx.putImageData(da, 0, 0);
        const mean = sum / (w * h * 3);
        canvas.dataset.mean = mean.toFixed(3);
        $("pair-label").textContent = `Difference |A − B| × ${g}: A = ${label(p.a)} (step ${p.atA}), B = ${label(p.b)} (step ${p.atB}); black where equal; mean absolute difference ${mean.toFixed(2)} of 255.`;
      });
      gain.addEventListener("change", draw);
      draw();
    }
    applyView();
  }
  for (const b of document.querySelectorAll("button.mode")) b.addEventListener("click", () => setMode(b.dataset.mode));

  // ---- curves ------------------------------------------------------------------------------
  async function loadCurves() {
    const withRuns = shown.filter((t) => t.mlflow_run_id);
    if (!withRuns.length) { $("curves").replaceChildren(); return; }
    curveKeys = ["loss_g", "loss_d"];
    for (const k of ["psnr", "fd_rgb8", "fd_diag_rgb8"]) {
      if (withRuns.some((t) => t.metrics && t.metrics[k] !== undefined)) { curveKeys.push(k); break; }
    }
    const p = new URLSearchParams();
    p.set("run", withRuns.map((t) => t.mlflow_run_id).join(","));
    p.set("key", curveKeys.join(","));
    curveData = await Atelier.get(`/api/atelier/compare/metrics?${p}`);
    drawCurves();
    if (timings.curves === undefined) {
      timings.curves = performance.now();
      performance.mark("compare:curves");
    }
  }

  function drawCurves() {
    if (typeof uPlot === "undefined") { $("curves").replaceChildren(Atelier.el("p", { class: "error" }, "uPlot did not load")); return; }
    const charts = curveKeys.map((key) => Curves.chart(key, shown.map((t, i) => ({
      label: short(t), colour: Curves.colour(i), dash: Curves.dash(i),
      points: (curveData.find((c) => c.run_id === t.mlflow_run_id && c.key === key) || { points: [] }).points,
    })), curveOpts));
    $("curves").replaceChildren(...charts);
  }
  $("smoothing").addEventListener("input", (e) => {
    curveOpts.smoothing = Number(e.target.value);
    $("smoothing-value").textContent = e.target.value;
    drawCurves();
  });
  $("log").addEventListener("change", (e) => { curveOpts.log = e.target.checked; drawCurves(); });

  // ---- loading -----------------------------------------------------------------------------
  function renderReal() {
    const seen = new Set(), figs = [];
    for (const t of shown) {
      if (!(t.artifacts || []).includes("inputs/real_grid.png")) continue;
      const key = t.params.dataset_path || t.mlflow_run_id;
      if (seen.has(key)) continue;
      seen.add(key);
      figs.push(Atelier.el("figure", {}, Atelier.el("img", { src: artifact(t, "inputs/real_grid.png"), alt: `real images of ${key}`, loading: "lazy" }),
        Atelier.el("figcaption", {}, `real data: ${key}`)));
    }
    $("real").hidden = !figs.length;
    $("real").replaceChildren(...(figs.length ? [Atelier.el("h2", {}, "Real data"), ...figs] : []));
  }

  function render() {
    const before = currentStep();
    steps = computeSteps();
    slider.max = String(Math.max(0, steps.length - 1));
    const wanted = before ?? (q.get("step") !== null ? Number(q.get("step")) : null);
    const keep = wanted === null ? null : nearest(steps, wanted);
    slider.value = String(keep === null ? Math.max(0, steps.length - 1) : Math.max(0, steps.indexOf(keep)));
    const varying = varyingParams();
    grids.replaceChildren(...shown.map((t, i) => card(t, i, varying)));
    if (!shown.length) grids.append(Atelier.el("p", { class: "muted" }, "No trials chosen: open “Choose trials” above."));
    if (!pairA && shown[0]) pairA = shown[0].mlflow_run_id;
    if (!pairB && shown[1]) pairB = shown[1].mlflow_run_id;
    likeForLike();
    renderReal();
    applyView();
    return showStep();
  }

  async function loadChampion() {
    // The registered model of the trials on screen (or chosen), not of whichever the Dag ran first.
    const chosen = all.filter((t) => selected.includes(t.mlflow_run_id));
    const model = ([...shown, ...chosen, ...all].find((t) => t.registered_model) || {}).registered_model;
    champion = await Atelier.champion($("champion"), model);
  }

  async function loadSelection() {
    try {
      const ids = [...selected];
      if (champion && !ids.includes(champion.mlflow_run_id)) ids.unshift(champion.mlflow_run_id);
      const list = ids.length ? await Atelier.get(`/api/atelier/compare/trials?run=${ids.map(encodeURIComponent).join(",")}`) : [];
      // The champion first, then the trials in the order they were chosen.
      shown = [...list.filter(isChampion), ...list.filter((t) => !isChampion(t))];
      error.hidden = true;
      await render();
      loadCurves().catch(fail);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  }

  // Decodes every other step's thumbnails in the background, a few at a time, so moving the
  // slider swaps decoded images instead of waiting on the network.
  async function prefetch() {
    if (full) return; // the reference loads each step when it is shown, as the page used to
    const urls = shown.flatMap((t) => (t.sample_steps || []).map((s) => thumb(t, s))).filter((u) => !decoded.has(u));
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const u = urls[next++];
        await settled(image(u, ""));
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    performance.mark("compare:prefetched");
    timings.prefetched = performance.now();
  }

  async function start() {
    try {
      all = await Atelier.get(`/api/atelier/compare/dags/${encodeURIComponent(dag)}/trials`);
    } catch (e) {
      fail(e);
    }
    if (!selected.length && run) {
      // Opened from a Dag run: its trials, as the database records them (queued ones have no run yet).
      try {
        const trials = await Atelier.get(`/api/atelier/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(run)}/trials`);
        selected = trials.map((t) => t.mlflow_run_id).filter(Boolean);
        const task = trials.length ? `&task=${encodeURIComponent(trials[0].task_id)}` : "";
        $("sweep-link").href = `sweep.html?dag=${encodeURIComponent(dag)}&run=${encodeURIComponent(run)}${task}`;
        $("sweep-link").hidden = false;
      } catch (e) {
        fail(e);
      }
    }
    if (!selected.length) $("picker").open = true;
    renderPicker();
    me = await Atelier.me().catch(() => null);
    await loadChampion();
    const ok = await loadSelection();
    if (ok) {
      timings.firstRender = performance.now();
      performance.mark("compare:first-render");
      document.body.dataset.ready = "true";
      prefetch();
    }
  }

  $("filter").addEventListener("input", renderPicker);
  $("select-shown").addEventListener("click", () => {
    for (const t of all.filter((x) => matches(x, $("filter").value))) {
      if (!selected.includes(t.mlflow_run_id)) selected.push(t.mlflow_run_id);
    }
    renderPicker();
    loadSelection();
  });
  $("clear").addEventListener("click", () => { selected = []; renderPicker(); loadSelection(); });
  slider.addEventListener("input", showStep);
  $("prev").addEventListener("click", () => setStepIndex(Number(slider.value) - 1));
  $("next").addEventListener("click", () => setStepIndex(Number(slider.value) + 1));
  $("first").addEventListener("click", () => setStepIndex(0));
  $("last").addEventListener("click", () => setStepIndex(steps.length - 1));
  $("common").addEventListener("change", render);
  // Arrow keys step once; on the slider itself the browser already moves it one step per press.
  document.addEventListener("keydown", (e) => {
    if (["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName)) return;
    if (e.key === "ArrowLeft") setStepIndex(Number(slider.value) - 1);
    if (e.key === "ArrowRight") setStepIndex(Number(slider.value) + 1);
  });
  window.addEventListener("resize", applyView);
  setMode(mode);
  start();
})();
