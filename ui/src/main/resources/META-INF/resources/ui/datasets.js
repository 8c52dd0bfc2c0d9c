// The datasets page: the watched folders (GET /api/atelier/datasets), a source's versions newest
// first, and one version's change (thumbnails of added and modified images, names of removed ones:
// their files are gone) and curation report, group by group with thumbnails side by side; each
// version says which registered models' champion it trained. Scan now (a member), registering a
// folder and what training leaves out (a lead) are gated here and enforced by the server. The
// chosen source and version are the URL's ?source=&version=.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const error = $("error");
  const THUMB = 96;

  let me = null;
  let sources = [];

  function fromUrl() {
    const q = new URLSearchParams(location.search);
    return { source: q.get("source"), version: q.get("version") };
  }

  function href(source, version) {
    const p = new URLSearchParams();
    if (source) p.set("source", source);
    if (version !== null && version !== undefined) p.set("version", version);
    const q = p.toString();
    return "datasets.html" + (q ? "?" + q : "");
  }

  // A link inside the page: changes the URL and redraws without reloading.
  function go(source, version) {
    const url = href(source, version);
    if (url !== "datasets.html" + location.search) history.pushState(null, "", url);
    load();
  }

  function inPage(text, source, version, attrs = {}) {
    return Atelier.el("a", {
      href: href(source, version), ...attrs,
      onclick: (e) => { e.preventDefault(); go(source, version); },
    }, text);
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const short = (digest) => (digest || "").slice(0, 12);

  // A folder shows as its path, a bucket prefix as its s3:// URI.
  function folder(uri) {
    return (uri || "").replace(/^file:\/\//, "");
  }

  function classes(c) {
    const entries = Object.entries(c || {});
    if (!entries.length) return "—";
    const shown = entries.slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ");
    return entries.length > 6 ? `${shown} and ${entries.length - 6} more` : shown;
  }

  // ---- the sources ----------------------------------------------------------------------------

  function sourceRow(s, chosen) {
    const v = s.latest_version;
    return Atelier.el("tr", { "data-source": s.name, class: (s.name === chosen ? "chosen" : "") + (s.last_error ? " broken" : "") },
      Atelier.el("td", {}, inPage(s.name, s.name, null, { class: "source-link" })),
      Atelier.el("td", { class: "folder" }, Atelier.el("code", {}, folder(s.uri))),
      Atelier.el("td", { class: "latest" }, v
        ? [inPage(`v${v.number}`, s.name, v.number), " ", Atelier.el("code", { class: "muted", title: v.digest }, short(v.digest))]
        : Atelier.el("span", { class: "muted" }, "none yet")),
      Atelier.el("td", { class: "files" }, v ? String(v.file_count) : "—"),
      Atelier.el("td", { class: "classes" }, v ? classes(v.classes) : "—"),
      Atelier.el("td", { class: "checked" }, Atelier.when(s.last_checked_at)),
      Atelier.el("td", { class: "health" }, s.last_error
        ? Atelier.el("span", { class: "last-error" }, "⚠ " + s.last_error)
        : Atelier.el("span", { class: "state success" }, "ok")));
  }

  // ---- a source's versions --------------------------------------------------------------------

  function change(v) {
    const parts = [`+${v.added_count}`, `−${v.removed_count}`, `~${v.modified_count}`];
    return Atelier.el("span", { title: `added ${v.added_count}, removed ${v.removed_count}, modified ${v.modified_count}` }, parts.join(" "));
  }

  function curationSummary(c) {
    if (!c) return "—";
    const flagged = Object.entries(c).filter(([k, n]) => k !== "usable" && n > 0)
      .map(([k, n]) => `${k.replace(/_/g, " ")} ${n}`);
    return `usable ${c.usable}` + (flagged.length ? " · " + flagged.join(", ") : "");
  }

  function versionRow(name, v, chosen) {
    return Atelier.el("tr", { "data-version": v.number, class: v.number === chosen ? "chosen" : null },
      Atelier.el("td", {}, inPage(`v${v.number}`, name, v.number, { class: "version-link" })),
      Atelier.el("td", {}, Atelier.el("code", { title: v.digest }, short(v.digest))),
      Atelier.el("td", {}, Atelier.when(v.created_at)),
      Atelier.el("td", {}, String(v.file_count)),
      Atelier.el("td", {}, change(v)),
      Atelier.el("td", { class: "small" }, curationSummary(v.curation_counts)),
      Atelier.el("td", { class: "champions" }, champions(v.champion_of)));
  }

  // The registered models whose current champion (MLflow alias) was trained on this version.
  function champions(marks) {
    if (marks === null || marks === undefined) return Atelier.el("span", { class: "muted", title: "MLflow did not answer" }, "?");
    return marks.map((m) => Atelier.el("div", { class: "champion-mark", "data-model": m.model },
      `🏆 champion of ${m.model} (v${m.model_version}, run `, Atelier.el("code", { title: m.mlflow_run_id }, m.mlflow_run_id.slice(0, 8)), ")"));
  }

  function showExclusions(s) {
    $("exclude-duplicates").checked = s.exclude_duplicates;
    $("exclude-rejects").checked = s.exclude_rejects;
    Atelier.gate($("exclude-duplicates"), me, "lead");
    Atelier.gate($("exclude-rejects"), me, "lead");
  }

  // ---- one version ----------------------------------------------------------------------------

  function thumb(name, path, caption, attrs = {}) {
    const img = Atelier.el("img", {
      src: `/api/atelier/datasets/${enc(name)}/thumbnail?path=${enc(path)}&width=${THUMB}`,
      alt: path, loading: "lazy", title: path,
    });
    img.addEventListener("error", () => img.replaceWith(Atelier.el("span", { class: "no-thumb" }, "no picture")));
    return Atelier.el("figure", { class: "thumb", "data-path": path, ...attrs }, img,
      Atelier.el("figcaption", {}, caption === undefined ? path : caption));
  }

  function nameOnly(path, why) {
    return Atelier.el("figure", { class: "thumb name-only", "data-path": path },
      Atelier.el("span", { class: "no-thumb" }, why),
      Atelier.el("figcaption", {}, path));
  }

  function capped(shown, count) {
    return shown < count ? Atelier.el("p", { class: "muted small" }, `the first ${shown} of ${count} are shown`) : null;
  }

  function group(id, title, count, body, empty) {
    return Atelier.el("section", { class: "group", id, "data-count": count },
      Atelier.el("h4", {}, `${title} `, Atelier.el("span", { class: "count" }, String(count))),
      count ? body : Atelier.el("p", { class: "muted small" }, empty));
  }

  function diff(name, v) {
    // A file curation could not decode has no picture to ask for: its name and the reason.
    const broken = new Map(((v.curation || {}).rejected || [])
      .filter((r) => !r.reason.startsWith("too small")).map((r) => [r.path, r.reason]));
    const shown = (p) => broken.has(p) ? nameOnly(p, broken.get(p)) : thumb(name, p);
    return [
      Atelier.el("p", { class: "diff-counts" },
        Atelier.el("b", { id: "added-count" }, `added ${v.added_count}`), " · ",
        Atelier.el("b", { id: "removed-count" }, `removed ${v.removed_count}`), " · ",
        Atelier.el("b", { id: "modified-count" }, `modified ${v.modified_count}`),
        v.number === 1 ? Atelier.el("span", { class: "muted" }, " (the first version: every file is new)") : null),
      group("added", "Added", v.added_count,
        [Atelier.el("div", { class: "thumbs" }, v.added.map(shown)), capped(v.added.length, v.added_count)],
        "nothing added"),
      group("removed", "Removed", v.removed_count,
        [Atelier.el("div", { class: "thumbs" }, v.removed.map((p) => nameOnly(p, "removed"))), capped(v.removed.length, v.removed_count)],
        "nothing removed"),
      group("modified", "Modified (as the file is now)", v.modified_count,
        [Atelier.el("div", { class: "thumbs" }, v.modified.map(shown)), capped(v.modified.length, v.modified_count)],
        "nothing modified"),
    ];
  }

  function curation(name, report) {
    const c = report.counts || {};
    const rejected = report.rejected || [];
    const broken = rejected.filter((r) => !r.reason.startsWith("too small"));
    const small = rejected.filter((r) => r.reason.startsWith("too small"));
    const exact = report.exact_duplicates || [];
    const near = report.near_duplicates || [];
    const classes = Object.entries(report.small_classes || {});
    return [
      group("unreadable", "Unreadable or truncated", (c.unreadable || 0) + (c.truncated || 0),
        Atelier.el("div", { class: "thumbs" }, broken.map((r) => nameOnly(r.path, r.reason))),
        "every file decodes"),
      group("too-small", "Too small", c.too_small || 0,
        Atelier.el("div", { class: "thumbs" }, small.map((r) => thumb(name, r.path, [r.path, Atelier.el("br"), Atelier.el("span", { class: "muted" }, r.reason)]))),
        "none below the minimum size"),
      group("exact-duplicates", "Exact duplicates", c.exact_duplicates || 0,
        exact.map((g) => Atelier.el("div", { class: "dup-group" },
          g.map((p, i) => thumb(name, p, [p, Atelier.el("br"), Atelier.el("span", { class: "muted" }, i === 0 ? "kept" : "same bytes")])))),
        "no two files are the same"),
      group("near-duplicates", "Near duplicates", c.near_duplicates || 0,
        near.map((d) => Atelier.el("div", { class: "dup-group" },
          thumb(name, d.of, [d.of, Atelier.el("br"), Atelier.el("span", { class: "muted" }, "earlier")]),
          thumb(name, d.path, [d.path, Atelier.el("br"), Atelier.el("span", { class: "muted" }, `${d.distance} bits apart`)]))),
        "none look alike"),
      group("small-classes", "Small classes", c.small_classes || 0,
        Atelier.el("ul", {}, classes.map(([k, n]) => Atelier.el("li", {}, Atelier.el("code", {}, k), ` ${plural(n, "file")}`))),
        "every class is big enough"),
    ];
  }

  function runRows(runs) {
    if (!runs.length) {
      return [Atelier.el("tr", {}, Atelier.el("td", { colspan: "6", class: "muted" }, "no run has trained on this version yet"))];
    }
    // One compare link per Dag, with every trial of that Dag that trained on the version.
    const byDag = new Map();
    runs.forEach((r) => byDag.set(r.dag_id, [...(byDag.get(r.dag_id) || []), r.mlflow_run_id]));
    return runs.map((r) => Atelier.el("tr", { "data-run": r.mlflow_run_id },
      Atelier.el("td", {}, r.dag_id || "—"), Atelier.el("td", {}, r.dag_run_id || "—"),
      Atelier.el("td", {}, r.map_index ?? "—"), Atelier.el("td", {}, r.status || r.run_status),
      Atelier.el("td", {}, r.metrics.loss_g !== undefined ? Atelier.num(r.metrics.loss_g) : "—"),
      Atelier.el("td", {}, Atelier.el("a", {
        href: `compare.html?dag=${enc(r.dag_id || "")}&trials=${enc(byDag.get(r.dag_id).join(","))}` }, "compare"))));
  }

  async function showVersion(name, number) {
    const v = await Atelier.get(`/api/atelier/datasets/${enc(name)}/versions/${enc(number)}`);
    const runs = await Atelier.get(`/api/atelier/datasets/${enc(name)}/versions/${enc(number)}/runs`);
    $("version-runs").replaceChildren(...runRows(runs));
    $("version-title").textContent = `${name} v${v.number} · ${plural(v.file_count, "file")} · ${Atelier.when(v.created_at)}`;
    $("diff").replaceChildren(...diff(name, v));
    const counts = v.curation.counts || {};
    $("usable").textContent = `usable ${counts.usable} of ${v.file_count}`;
    $("curation").replaceChildren(...curation(name, v.curation));
    $("version").hidden = false;
  }

  // ---- loading --------------------------------------------------------------------------------

  let loading = 0;
  async function load() {
    const mine = ++loading;
    const { source, version } = fromUrl();
    try {
      me = me || await Atelier.me().catch(() => null);
      sources = await Atelier.get("/api/atelier/datasets");
      if (mine !== loading) return;
      $("sources").replaceChildren(...(sources.length
        ? sources.map((s) => sourceRow(s, source))
        : [Atelier.el("tr", { class: "empty" }, Atelier.el("td", { colspan: 7, class: "muted" },
            "No dataset sources yet. A lead registers a folder below (or POST /api/atelier/datasets)."))]));
      const s = sources.find((x) => x.name === source);
      if (!source) {
        $("source").hidden = true;
        $("version").hidden = true;
        document.title = "Atelier · datasets";
        error.hidden = true;
        return;
      }
      if (!s) throw new Error(`source: '${source}' is not a dataset source`);
      document.title = `Atelier · datasets · ${s.name}`;
      $("source-name").textContent = s.name;
      $("source-uri").textContent = folder(s.uri);
      showExclusions(s);
      $("source-error").hidden = !s.last_error;
      $("source-error").textContent = s.last_error ? `⚠ Last check failed: ${s.last_error}` : "";
      const versions = await Atelier.get(`/api/atelier/datasets/${enc(s.name)}/versions`);
      if (mine !== loading) return;
      // Without ?version= the newest is shown.
      const chosen = version !== null ? Number(version) : versions.length ? versions[0].number : null;
      $("versions").replaceChildren(...(versions.length
        ? versions.map((v) => versionRow(s.name, v, chosen))
        : [Atelier.el("tr", { class: "empty" }, Atelier.el("td", { colspan: 7, class: "muted" },
            "No version yet: the watcher records one once the folder has stayed unchanged for its quiet seconds."))]));
      $("source").hidden = false;
      error.hidden = true;
      if (chosen === null) {
        $("version").hidden = true;
      } else {
        await showVersion(s.name, version !== null ? version : chosen);
      }
    } catch (e) {
      if (mine !== loading) return;
      error.textContent = e.message;
      error.hidden = false;
      $("version").hidden = true;
    }
  }

  // ---- actions --------------------------------------------------------------------------------

  $("scan").addEventListener("click", async () => {
    const { source } = fromUrl();
    const out = $("scan-result");
    $("scan").disabled = true;
    out.textContent = "scanning…";
    try {
      const r = await Atelier.post(`/api/atelier/datasets/${enc(source)}/scan`, {});
      const n = r.version && r.version.number;
      out.className = r.result === "failed" ? "error" : "muted";
      out.textContent = r.result === "recorded" ? `recorded version ${n}`
        : r.result === "unchanged" ? (n ? `unchanged: version ${n} is current` : "unchanged")
          : `failed: ${r.error}`;
      if (n) go(source, n); else load();
    } catch (e) {
      out.className = "error";
      out.textContent = e.message;
    } finally {
      $("scan").disabled = false;
      Atelier.gate($("scan"), me, "member");
    }
  });

  $("register").addEventListener("submit", async (e) => {
    e.preventDefault();
    const out = $("register-error");
    // A folder path goes as path, an s3:// URI as uri: the API checks either.
    const where = $("reg-path").value.trim();
    const body = { name: $("reg-name").value.trim(), [where.startsWith("s3://") ? "uri" : "path"]: where };
    for (const [id, key] of [["reg-quiet", "quiet_seconds"], ["reg-min-image", "min_image_size"],
      ["reg-min-class", "min_class_size"], ["reg-distance", "near_dup_distance"]]) {
      if ($(id).value !== "") body[key] = Number($(id).value);
    }
    try {
      const added = await Atelier.post("/api/atelier/datasets", body);
      out.hidden = true;
      $("register").reset();
      $("register-box").open = false;
      go(added.name, null);
    } catch (err) {
      out.textContent = err.message;
      out.hidden = false;
    }
  });

  for (const [id, key] of [["exclude-duplicates", "exclude_duplicates"], ["exclude-rejects", "exclude_rejects"]]) {
    $(id).addEventListener("change", async () => {
      const { source } = fromUrl();
      const out = $("exclusions-result");
      try {
        const s = await Atelier.patch(`/api/atelier/datasets/${enc(source)}`, { [key]: $(id).checked });
        out.className = "muted small";
        out.textContent = "saved: trials launched from now on read it";
        showExclusions(s);
      } catch (e) {
        $(id).checked = !$(id).checked;
        out.className = "error";
        out.textContent = e.message;
      }
    });
  }

  window.addEventListener("popstate", load);

  Atelier.me().then((m) => {
    me = m;
    Atelier.gate($("scan"), me, "member");
    const allowed = Atelier.gate($("reg-submit"), me, "lead");
    if (!allowed) {
      for (const input of $("register").querySelectorAll("input")) input.disabled = true;
      $("register-box").querySelector("summary").title = $("reg-submit").title;
    }
  }).catch(() => {});

  load();
})();
