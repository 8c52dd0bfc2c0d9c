// The review room: a ReviewOperator's candidates side by side (the champion pinned first), their
// grids at one common step, key metrics and params, members' votes and comments, and for leads
// Approve (on a candidate, at the step shown) and Reject. State is written out, never colour alone.
"use strict";

(function () {
  const id = new URLSearchParams(window.location.search).get("id");
  const $ = (x) => document.getElementById(x);
  const KEY_METRICS = ["fd_rgb8", "fd_diag_rgb8", "kid_rgb8", "psnr", "loss_g", "loss_d"];
  let detail = null;

  const grid = (runId, step) =>
    `/api/atelier/runs/${encodeURIComponent(runId)}/artifacts/samples/step_${String(step).padStart(7, "0")}.png`;

  function label(c) {
    return c.champion ? "🏆 champion" : `#${c.rank}${c.rank === 1 ? " (pick_best)" : ""}`;
  }

  function card(c, step, open) {
    const r = detail.review;
    const chosen = r.chosen_candidate === c.mlflow_run_id;
    const metrics = KEY_METRICS.filter((k) => c.metrics[k] !== undefined)
      .map((k) => Atelier.el("div", {}, Atelier.el("dt", {}, k), Atelier.el("dd", {}, Atelier.num(c.metrics[k]))));
    const params = Object.entries(c.params).filter(([k]) => !k.startsWith("dataset"))
      .map(([k, v]) => Atelier.el("div", {}, Atelier.el("dt", {}, k), Atelier.el("dd", {}, v)));
    const has = c.sample_steps.includes(step);
    const actions = [];
    if (open) {
      actions.push(
        Atelier.el("button", { type: "button", class: "vote-up", "aria-label": `vote for ${label(c)}`,
          onclick: () => vote(c, "up") }, `👍 for (${c.votes_for})`),
        Atelier.el("button", { type: "button", class: "vote-down", "aria-label": `vote against ${label(c)}`,
          onclick: () => vote(c, "down") }, `👎 against (${c.votes_against})`));
      if (!c.champion && detail.can_decide) {
        actions.push(Atelier.el("button", { type: "button", class: "approve",
          onclick: () => approve(c, step) }, `Approve ${label(c)} at step ${step}`));
      }
    } else {
      actions.push(Atelier.el("span", { class: "muted" }, `votes: ${c.votes_for} for, ${c.votes_against} against`));
    }
    return Atelier.el("article", { class: "review-card" + (c.champion ? " is-champion" : "") + (chosen ? " chosen" : ""),
        "data-run": c.mlflow_run_id },
      Atelier.el("h3", {}, label(c), chosen ? " — ✅ approved" : "",
        Atelier.el("small", { class: "muted" }, ` run ${c.mlflow_run_id.slice(0, 8)}`,
          c.map_index !== null ? ` · trial ${c.map_index}` : "", c.status ? ` · ${c.status}` : "")),
      has ? Atelier.el("img", { src: grid(c.mlflow_run_id, step), alt: `${label(c)} samples at step ${step}`, loading: "lazy" })
        : Atelier.el("p", { class: "muted" }, `no grid at step ${step}`),
      Atelier.el("p", {}, `${r.metric} (${r.mode}): `, Atelier.el("b", {}, Atelier.num(c.value))),
      c.trained_on ? Atelier.el("p", { class: "muted trained-on" }, `trained on ${c.trained_on}`) : null,
      Atelier.el("dl", { class: "facts metrics" }, metrics),
      Atelier.el("details", {}, Atelier.el("summary", {}, "params"), Atelier.el("dl", { class: "facts" }, params)),
      Atelier.el("div", { class: "actions" }, actions));
  }

  function render() {
    const r = detail.review;
    const open = r.state === "pending" || r.state === "deciding";
    $("title").textContent = `review ${r.id} · ${r.dag_id}`;
    $("review-state").replaceChildren(Atelier.state(r.state === "timed_out" ? "timed out" : r.state));
    $("subject").textContent = r.subject;
    $("body").textContent = r.body || "";
    $("run-link").href = `run.html?dag=${encodeURIComponent(r.dag_id)}&run=${encodeURIComponent(r.run_id)}`;
    $("compare-link").href = `compare.html?dag=${encodeURIComponent(r.dag_id)}&run=${encodeURIComponent(r.run_id)}`;
    $("facts").replaceChildren(
      ...[["run", r.run_id], ["task", r.task_id], ["model", r.model || "—"], ["opened", Atelier.when(r.created_at)],
        ["times out", r.timeout_at ? Atelier.when(r.timeout_at) + (r.defaults.length ? ` (then: ${r.defaults.join(", ")})` : "") : "never"],
        ["who decides", r.assigned_users.length ? r.assigned_users.join(", ") : r.assigned_roles.join(" or ")]]
        .map(([k, v]) => Atelier.el("div", {}, Atelier.el("dt", {}, k), Atelier.el("dd", {}, v))));
    const answer = $("answer");
    answer.hidden = open;
    if (!open) {
      answer.textContent = r.state === "approved"
        ? `Approved by ${r.responded_by} ${Atelier.when(r.responded_at)}: run ${r.chosen_candidate.slice(0, 8)} at step ${r.chosen_step} is the champion — “${r.reason}”`
        : r.state === "rejected" ? `Rejected by ${r.responded_by} ${Atelier.when(r.responded_at)}: “${r.reason}”`
        : `Timed out ${Atelier.when(r.responded_at)}; answered by the defaults: ${(r.chosen_options || []).join(", ") || "none (the task failed)"}`;
    }
    const steps = detail.common_steps;
    const slider = $("step");
    slider.max = Math.max(0, steps.length - 1);
    if (slider.dataset.init !== "1") {
      slider.value = Math.max(0, steps.indexOf(detail.step));
      slider.dataset.init = "1";
    }
    const step = steps.length ? steps[Number(slider.value)] : null;
    $("step-value").textContent = step === null ? "no step every card has a grid for" : `step ${step}`;
    $("step-form").hidden = !steps.length;
    AtelierReviewEvaluation.render($("evaluation"), detail.evaluation, r);
    $("cards").replaceChildren(...detail.cards.map((c) => card(c, step, open)));
    $("lead-actions").hidden = !(open && detail.can_decide);
    $("comment-form").hidden = !detail.can_vote;
    $("comments").replaceChildren(...(detail.comments.length ? detail.comments.map((c) =>
      Atelier.el("li", {}, Atelier.el("b", {}, c.author), ` ${Atelier.when(c.at)}`,
        c.candidate ? ` on run ${c.candidate.slice(0, 8)}` : "", ": ", c.body))
      : [Atelier.el("li", { class: "muted" }, "no comments yet")]));
  }

  function fail(e) {
    $("error").textContent = e.message;
    $("error").hidden = false;
  }

  async function load() {
    try {
      detail = await Atelier.get(`/api/atelier/reviews/${encodeURIComponent(id)}`);
      const me = await Atelier.get("/api/atelier/me").catch(() => null);
      const roles = me && me.roles ? me.roles : [];
      detail.can_vote = !me || roles.includes("member");
      detail.can_decide = !me || detail.review.assigned_roles.some((r) => roles.includes(r));
      $("error").hidden = true;
      render();
    } catch (e) {
      fail(e);
    }
  }

  async function vote(c, value) {
    try {
      await Atelier.post(`/api/atelier/reviews/${id}/votes`, { candidate: c.mlflow_run_id, value });
      await load();
    } catch (e) { fail(e); }
  }

  async function approve(c, step) {
    const reason = $("reason").value.trim();
    if (!reason) { $("decide-msg").textContent = "Write a reason first: it goes into the audit log."; $("reason").focus(); return; }
    $("decide-msg").textContent = `Promoting run ${c.mlflow_run_id.slice(0, 8)} at step ${step}…`;
    try {
      await Atelier.post(`/api/atelier/reviews/${id}/approve`, { candidate: c.mlflow_run_id, step, reason });
      $("decide-msg").textContent = "Approved.";
      await load();
    } catch (e) { $("decide-msg").textContent = ""; fail(e); }
  }

  $("reject").addEventListener("click", async () => {
    const reason = $("reason").value.trim();
    if (!reason) { $("decide-msg").textContent = "Write a reason first: it goes into the audit log."; $("reason").focus(); return; }
    try {
      await Atelier.post(`/api/atelier/reviews/${id}/reject`, { reason });
      $("decide-msg").textContent = "Rejected.";
      await load();
    } catch (e) { fail(e); }
  });

  $("post-comment").addEventListener("click", async () => {
    const body = $("comment").value.trim();
    if (!body) return;
    try {
      await Atelier.post(`/api/atelier/reviews/${id}/comments`, { body });
      $("comment").value = "";
      await load();
    } catch (e) { fail(e); }
  });

  $("step").addEventListener("input", render);
  load();
})();
