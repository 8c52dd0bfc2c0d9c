// The promote dialog: shows exactly what a promotion will register (the grid at the step on
// screen, the registered model it goes to, the champion it replaces) and asks for a reason.
// AtelierPromote.open({mlflowRunId, step, dagId, runId}) resolves with the audit row once promoted,
// or null when cancelled. A native <dialog> opened modally: Escape cancels, Tab stays inside.
"use strict";

const AtelierPromote = {
  style: `.promote-dialog{max-width:46rem;border:1px solid #888;border-radius:8px;padding:1rem 1.25rem}
.promote-dialog::backdrop{background:rgba(0,0,0,.55)}
.promote-grids{display:flex;gap:1rem}.promote-grids figure{margin:0}
.promote-grids img{image-rendering:pixelated;display:block}
.promote-empty{width:256px;height:256px;display:grid;place-items:center;border:1px dashed #888;color:#888}
.promote-dialog textarea{width:100%;box-sizing:border-box}
.promote-actions{display:flex;gap:.5rem;justify-content:flex-end;margin-top:.5rem}`,

  open({ mlflowRunId, step, dagId, runId }) {
    return new Promise(async (resolve) => {
      const el = Atelier.el;
      if (!document.getElementById("promote-dialog-style")) {
        document.head.append(el("style", { id: "promote-dialog-style" }, AtelierPromote.style));
      }
      const reason = el("textarea", { id: "promote-reason", required: "required", rows: "3",
        "aria-describedby": "promote-error", placeholder: "What in this grid makes it the champion?" });
      const error = el("p", { id: "promote-error", class: "reason", role: "alert" });
      const confirm = el("button", { type: "submit", class: "promote", disabled: "disabled" }, "Confirm promotion");
      const cancel = el("button", { type: "button", value: "cancel" }, "Cancel");
      const body = el("div", { class: "promote-body" }, "Loading…");
      const form = el("form", { method: "dialog" },
        el("h2", { id: "promote-title" }, "Promote to champion"),
        body,
        el("label", { for: "promote-reason" }, "Reason (required)"), reason, error,
        el("div", { class: "promote-actions" }, cancel, confirm));
      const dialog = el("dialog", { class: "promote-dialog", "aria-labelledby": "promote-title" }, form);
      document.body.append(dialog);
      let done = false;
      const finish = (value) => {
        if (done) return;
        done = true;
        dialog.close();
        dialog.remove();
        resolve(value);
      };
      dialog.addEventListener("cancel", (e) => { e.preventDefault(); finish(null); });
      cancel.addEventListener("click", () => finish(null));
      dialog.showModal();
      reason.focus();

      let preview = null;
      try {
        preview = await Atelier.get(`/api/atelier/promotion-preview?mlflow_run_id=${encodeURIComponent(mlflowRunId)}&step=${encodeURIComponent(step)}`);
      } catch (e) {
        body.replaceChildren(el("p", { class: "reason" }, e.message));
        return;
      }
      const figure = (title, url, caption) => el("figure", {},
        url ? el("img", { src: url, alt: `${title}: ${caption}`, width: "256" })
          : el("div", { class: "promote-empty", role: "img", "aria-label": `${title}: ${caption}` }, "no grid"),
        el("figcaption", {}, el("b", {}, title), " ", caption));
      const c = preview.champion;
      body.replaceChildren(
        el("p", {}, "Registers ", el("b", { class: "promote-model" }, preview.model_name),
          preview.checkpoint_path ? ` from ${preview.checkpoint_path}` : "",
          dagId ? ` (Dag ${dagId}${runId ? ", run " + runId : ""})` : ""),
        el("div", { class: "promote-grids" },
          figure("challenger", preview.grid_url, `run ${mlflowRunId.slice(0, 8)} · step ${preview.checkpoint_step ?? step}`),
          c ? figure("current champion", preview.champion_grid_url, `v${c.version} · run ${c.mlflow_run_id.slice(0, 8)} · step ${preview.champion_step ?? "?"}`)
            : figure("current champion", null, "none yet")),
        ...(preview.refusal ? [el("p", { class: "reason promote-refusal" }, "Cannot promote: " + preview.refusal)] : []));
      const update = () => {
        if (preview.refusal || !reason.value.trim()) confirm.setAttribute("disabled", "disabled");
        else confirm.removeAttribute("disabled");
      };
      reason.addEventListener("input", update);
      update();
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        if (!reason.value.trim()) { error.textContent = "reason: say why this checkpoint is the champion"; return; }
        confirm.setAttribute("disabled", "disabled");
        try {
          const row = await Atelier.post(`/api/atelier/runs/${encodeURIComponent(mlflowRunId)}/promote`,
            { step: String(step), reason: reason.value.trim() });
          finish(row);
        } catch (err) {
          error.textContent = err.message;
          update();
        }
      });
    });
  },
};

// A top-level const is a global binding but not a property of window; pages test for the dialog
// with window.AtelierPromote (compare.js disables Promote… without it).
window.AtelierPromote = AtelierPromote;
