// Shared helpers for the review pages: JSON calls (the browser sends the sign-in form's session
// cookie), formatting, the champion banner, and the sign-out link.
"use strict";

const Atelier = {
  // Against the origin, never the page URL: a page opened as http://user:pass@host/... would
  // otherwise make every fetch fail ("URL includes credentials").
  url(path) {
    return new URL(path, window.location.origin);
  },

  // Every call names its page, so the audit log can tell a page's action from the API's.
  headers(extra = {}) {
    const page = window.location.pathname.split("/").pop().replace(/\.html$/, "") || "index";
    return { Accept: "application/json", "X-Atelier-Page": page, ...extra };
  },

  async get(path) {
    const r = await fetch(Atelier.url(path), { headers: Atelier.headers() });
    if (!r.ok) throw await Atelier.problem(r);
    return r.json();
  },

  async post(path, body) {
    const r = await fetch(Atelier.url(path), {
      method: "POST",
      headers: Atelier.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    });
    if (!r.ok) throw await Atelier.problem(r);
    return r.json();
  },

  async patch(path, body) {
    const r = await fetch(Atelier.url(path), {
      method: "PATCH",
      headers: Atelier.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    });
    if (!r.ok) throw await Atelier.problem(r);
    return r.json();
  },

  // Airflow's Error object carries a detail that names the field and the rule.
  async problem(r) {
    // The session ended (or never began): back to the sign-in page, then here again.
    if (r.status === 401) window.location.assign("/ui/login.html");
    try {
      const e = await r.json();
      return new Error(`${r.status} ${e.title}: ${e.detail}`);
    } catch (_) {
      return new Error(`${r.status} ${r.statusText}`);
    }
  },

  el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v;
      else if (k === "style") e.setAttribute("style", v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  },

  when(iso) {
    if (!iso) return "—";
    const d = new Date(iso);
    return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  },

  num(v) {
    if (v === null || v === undefined || v === "") return "—";
    const n = Number(v);
    if (!Number.isFinite(n)) return String(v);
    if (Number.isInteger(n)) return String(n);
    return Math.abs(n) < 0.01 || Math.abs(n) >= 1e5 ? n.toExponential(2) : n.toFixed(3);
  },

  // Seconds as people read them: 42 s, 3 min 5 s, 1 h 2 min.
  duration(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    const s = Math.round(seconds);
    if (s < 60) return `${seconds < 10 ? seconds.toFixed(1) : s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  },

  // A state pill; `why` (e.g. Kueue's reason for a queued trial) is its tooltip.
  state(s, why) {
    return Atelier.el("span", { class: "state " + (s || "none"), title: why || null }, s || "pending");
  },

  // The signed-in user and role (GET /api/atelier/me), fetched once per page.
  me() {
    Atelier._me = Atelier._me || Atelier.get("/api/atelier/me");
    return Atelier._me;
  },

  // Why `me` may not do what needs `role` (a tooltip), or null when they may. The server refuses
  // it anyway; this only spares a click that would end in 403.
  lacks(me, role) {
    if (!me || me.ranks.indexOf(me.role) >= me.ranks.indexOf(role)) return null;
    return `needs role ${role}; you (${me.username}) are ${me.role}`;
  },

  // Disables `el` when the user lacks `role`, saying why in its title; returns whether allowed.
  gate(el, me, role) {
    const why = Atelier.lacks(me, role);
    if (why) {
      el.disabled = true;
      el.title = why;
      el.dataset.needs = role;
    }
    return !why;
  },

  // The champion of registered model `model` (one per GAN family and dataset, such as
  // dcgan_emoji-faces); without a model, the one promoted into most recently.
  async champion(target, model) {
    try {
      if (!model) {
        const latest = await Atelier.get("/api/atelier/promotions?limit=1");
        model = latest.length ? latest[0].model_name : null;
      }
      // A list of zero or one: no 404 in the console when nothing was promoted yet.
      const c = model ? (await Atelier.get(`/api/atelier/champions?model=${encodeURIComponent(model)}`))[0] : null;
      if (!c) {
        target.className = "champion none";
        target.textContent = "no champion yet";
        return null;
      }
      const a = c.audit;
      target.className = "champion";
      target.replaceChildren(
        "🏆 champion: ", Atelier.el("b", {}, `${c.model_name} v${c.version}`),
        ` — run ${c.mlflow_run_id.slice(0, 8)}`,
        a ? ` (${a.dag_run_id || "?"}${a.step !== null ? ", step " + a.step : ""}) by ${a.promoted_by}, ${Atelier.when(a.promoted_at)}: “${a.reason}”` : "");
      return c;
    } catch (e) {
      target.className = "champion none";
      target.textContent = e.message.startsWith("404") ? "no champion yet" : "champion unknown: " + e.message;
      return null;
    }
  },
};

// Who is signed in, and a way out, in every page's header.
document.addEventListener("DOMContentLoaded", async () => {
  const header = document.querySelector("header");
  if (!header || window.location.pathname.endsWith("/login.html")) return;
  try {
    const me = await Atelier.get("/auth/me");
    const out = Atelier.el("a", { href: "#", id: "sign-out" }, "sign out");
    out.addEventListener("click", async (e) => {
      e.preventDefault();
      await fetch(Atelier.url("/auth/logout"), {
        method: "POST",
        headers: Atelier.headers({ "Content-Type": "application/json" }),
      });
      window.location.assign("/ui/login.html");
    });
    header.append(Atelier.el("span", { class: "muted", id: "signed-in" }, `${me.username} (${me.role}) · `, out));
  } catch (_) {
    // Signed in by basic auth or not at all: nothing to sign out of here.
  }
});
