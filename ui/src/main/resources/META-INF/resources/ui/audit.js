// The audit page: every state change from GET /api/atelier/audit, newest first, filtered by who,
// action and target prefix. The filters are the URL's query, sent to the API as they stand, so a
// shared link shows the same rows and a bad filter shows the API's 400 detail.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const body = $("audit"), error = $("error"), summary = $("summary"), form = $("filters");
  const FILTERS = ["actor", "action", "target", "limit"];

  // The actions the app records (AuditLog.record calls in the ui module), grouped as people think
  // of them. An action not listed here still shows in the table, and in the select once seen.
  const ACTIONS = [
    ["Dags and runs", ["trigger", "backfill", "pause", "unpause", "clear", "set-state", "delete-run"]],
    ["Sweeps", ["sweep-parallelism", "sweep-add-trials", "sweep-stop"]],
    ["Reviews", ["vote", "comment", "approve", "reject"]],
    ["Models", ["promote"]],
    ["Datasets", ["dataset-event"]],
    ["Users", ["user-add", "user-set-role", "user-passwd", "user-delete"]],
  ];
  // Pill colours: what undoes or stops something, and what decides or promotes.
  const STOPS = new Set(["pause", "delete-run", "sweep-stop", "reject", "user-delete"]);
  const DECIDES = new Set(["approve", "promote"]);
  // RegisteredModels.NAME: only such names are asked about, so the page never provokes a 400.
  const MODEL_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

  const champions = new Map(); // model name -> Promise of its champion or null

  for (const [group, names] of ACTIONS) {
    $("action").append(Atelier.el("optgroup", { label: group },
      names.map((n) => Atelier.el("option", { value: n }, n))));
  }

  // The URL's filters, verbatim (absent ones left out).
  function fromUrl() {
    const q = new URLSearchParams(location.search);
    const f = {};
    for (const k of FILTERS) if (q.has(k)) f[k] = q.get(k);
    return f;
  }

  // The form's filters: blanks mean "any", the default limit is left out of the URL.
  function fromForm() {
    const f = {};
    const actor = $("actor").value.trim(), target = $("target").value.trim();
    if (actor) f.actor = actor;
    if ($("action").value) f.action = $("action").value;
    if (target) f.target = target;
    if ($("limit").value !== "100") f.limit = $("limit").value;
    return f;
  }

  // Shows `f` in the form; a value the selects do not offer (from a shared URL) is added to them.
  function toForm(f) {
    $("actor").value = f.actor ?? "";
    $("target").value = f.target ?? "";
    choose($("action"), f.action ?? "", "other");
    choose($("limit"), f.limit ?? "100", null);
  }

  function choose(select, value, group) {
    if (![...select.options].some((o) => o.value === value)) {
      const option = Atelier.el("option", { value }, group ? value : `newest ${value}`);
      let parent = select;
      if (group) {
        parent = select.querySelector(`optgroup[label="${group}"]`)
          || select.appendChild(Atelier.el("optgroup", { label: group }));
      }
      parent.append(option);
    }
    select.value = value;
  }

  function query(f) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (f[k] !== undefined) p.set(k, f[k]);
    return p.toString();
  }

  // This page with `change` applied to the current filters: how a name or an action in a row
  // narrows the view.
  function narrowed(change) {
    const q = query({ ...fromUrl(), ...change });
    return "audit.html" + (q ? "?" + q : "");
  }

  function when(iso) {
    const d = new Date(iso);
    return Atelier.el("time", { datetime: iso, title: iso },
      d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }));
  }

  const enc = encodeURIComponent;
  const link = (href, text, attrs = {}) => Atelier.el("a", { href, ...attrs }, text);

  // The target, linked to the page that shows it: a review, a sweep, a run (its task grid and its
  // trials compared), a Dag (the Dags page), a registered model (its champion on the compare page).
  async function target(r) {
    const t = r.target || "";
    const text = Atelier.el("code", {}, t);
    let m;
    if ((m = t.match(/^dag\/([^/]+)\/run\/(.+)\/review\/(\d+)$/))) {
      return link(`review.html?id=${m[3]}`, text, { class: "target", title: `review ${m[3]} of run ${m[2]}` });
    }
    if ((m = t.match(/^dag\/([^/]+)\/run\/(.+)\/sweep\/([^/]+)$/))) {
      return link(`sweep.html?dag=${enc(m[1])}&run=${enc(m[2])}&task=${enc(m[3])}`, text,
        { class: "target", title: `sweep ${m[3]} of run ${m[2]}` });
    }
    if ((m = t.match(/^dag\/([^/]+)\/run\/(.+)$/))) {
      // A deleted run has no page left to open.
      if (r.action === "delete-run") return text;
      const q = `dag=${enc(m[1])}&run=${enc(m[2])}`;
      return [link(`run.html?${q}`, text, { class: "target", title: `the task grid of run ${m[2]}` }),
        " ", link(`compare.html?${q}`, "compare →", { class: "compare small" })];
    }
    if ((m = t.match(/^dag\/([^/]+)$/))) {
      return link("dags.html", text, { class: "target", title: `Dag ${m[1]} on the Dags page` });
    }
    if ((m = t.match(/^model\/(.+)$/)) && MODEL_NAME.test(m[1])) {
      const c = await champion(m[1]);
      const dag = c && c.audit && c.audit.dag_id;
      if (!dag) return Atelier.el("span", { title: c ? "its champion's Dag is not known" : "no champion now" }, text);
      return link(`compare.html?dag=${enc(dag)}&trials=${enc(c.mlflow_run_id)}`, text, {
        class: "target",
        title: `the champion now: ${c.model_name} v${c.version} (run ${c.mlflow_run_id.slice(0, 8)}), on the compare page`,
      });
    }
    return text;
  }

  function champion(model) {
    if (!champions.has(model)) {
      champions.set(model, Atelier.get(`/api/atelier/champions?model=${enc(model)}`)
        .then((list) => list[0] || null).catch(() => null));
    }
    return champions.get(model);
  }

  function from(r) {
    const page = r.detail && r.detail.page;
    if (r.source === "page") return Atelier.el("span", { class: "source page" }, page ? `${page} page` : "a page");
    if (r.source === "api") return Atelier.el("span", { class: "source api" }, "API");
    return Atelier.el("span", { class: "source muted" }, r.source || "—");
  }

  function value(k, v) {
    if (v === null || v === undefined) return "—";
    if (Array.isArray(v)) {
      const shown = v.slice(0, 4).map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(", ");
      return v.length > 4 ? `${shown} and ${v.length - 4} more` : shown || "none";
    }
    if (typeof v === "object") return JSON.stringify(v);
    // MLflow run ids (32 hex digits, as mlflow_run_id or a vote's candidate): the first 8 say enough.
    if (typeof v === "string" && /^[0-9a-f]{32}$/.test(v)) {
      return Atelier.el("span", { title: v }, v.slice(0, 8) + "…");
    }
    return String(v);
  }

  function details(r) {
    const d = { ...(r.detail || {}) };
    delete d.page; // shown under "From"
    const parts = Object.entries(d).map(([k, v]) =>
      Atelier.el("span", { class: "kv" }, Atelier.el("span", { class: "muted" }, k + " "), value(k, v)));
    if (r.action === "promote" && d.promotion_id) {
      parts.push(link(`/api/atelier/promotions/${enc(d.promotion_id)}/grid.png`, "grid promoted →",
        { class: "small", title: "the grid the lead saw, as kept with the promotion" }));
    }
    return parts.length ? parts : Atelier.el("span", { class: "muted" }, "—");
  }

  function pill(action) {
    const kind = STOPS.has(action) ? " stops" : DECIDES.has(action) ? " decides" : "";
    return link(narrowed({ action }), action, { class: "act" + kind, title: `only ${action}` });
  }

  async function row(r) {
    return Atelier.el("tr", { "data-id": r.id, "data-actor": r.actor, "data-action": r.action },
      Atelier.el("td", { class: "when" }, when(r.at)),
      Atelier.el("td", { class: "who" }, link(narrowed({ actor: r.actor }), r.actor, { title: `only ${r.actor}'s changes` })),
      Atelier.el("td", { class: "action" }, pill(r.action)),
      Atelier.el("td", { class: "target-cell" }, await target(r)),
      Atelier.el("td", { class: "from" }, from(r)),
      Atelier.el("td", { class: "details" }, details(r)));
  }

  function describe(f) {
    const parts = [];
    if (f.actor !== undefined) parts.push(`by ${f.actor}`);
    if (f.action !== undefined) parts.push(`action ${f.action}`);
    if (f.target !== undefined) parts.push(`target starting with ${f.target}`);
    return parts.join(", ");
  }

  function message(text) {
    return Atelier.el("tr", { class: "empty" }, Atelier.el("td", { colspan: 6, class: "muted" }, text));
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    const f = fromUrl();
    toForm(f);
    const filtered = describe(f);
    document.title = filtered ? `Atelier · audit ${filtered}` : "Atelier · audit";
    try {
      const q = query(f);
      const rows = await Atelier.get("/api/atelier/audit" + (q ? "?" + q : ""));
      const trs = await Promise.all(rows.map(row));
      if (mine !== loading) return; // a newer filter answered first
      error.hidden = true;
      body.replaceChildren(...(trs.length ? trs : [message(filtered
        ? `No change matches these filters (${filtered}).`
        : "Nothing audited yet. Triggering, pausing, clearing or deleting a run, a sweep's controls, votes, comments, approvals, rejections and promotions each add a row here.")]));
      for (const actor of new Set(rows.map((r) => r.actor))) {
        if (![...$("actors").options].some((o) => o.value === actor)) $("actors").append(Atelier.el("option", { value: actor }));
      }
      const limit = Number(f.limit || 100);
      summary.textContent = !rows.length ? ""
        : `${rows.length} change${rows.length === 1 ? "" : "s"}${filtered ? " " + filtered : ""}, newest first`
          + (rows.length === limit ? `: only the newest ${limit} are shown; narrow the filters or show more for older ones.` : ".");
    } catch (e) {
      if (mine !== loading) return;
      error.textContent = e.message;
      error.hidden = false;
      summary.textContent = "";
      body.replaceChildren(message("No rows: the filter above was refused."));
    }
  }

  function apply() {
    const q = query(fromForm());
    const url = "audit.html" + (q ? "?" + q : "");
    if (url !== "audit.html" + location.search) history.pushState(null, "", url);
    load();
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply();
  });
  $("action").addEventListener("change", apply);
  $("limit").addEventListener("change", apply);
  window.addEventListener("popstate", load);

  load();
})();
