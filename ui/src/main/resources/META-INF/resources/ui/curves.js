// Metric curves. `chart` draws many trials' curves with uPlot (the compare page: 32+ series,
// values on hover, smoothing, log scale); `panel` is the small inline-SVG chart the sweep page
// uses for one or two series.
"use strict";

const Curves = {
  // 32 colours that stay apart: hues a golden angle apart, two lightnesses in turn. Past 16 the
  // lines are also dashed, so neighbours differ by more than hue (and the legend names each).
  colour(i) {
    const hue = Math.round((i * 137.508) % 360);
    const light = i % 2 ? 38 : 52;
    return `hsl(${hue} 70% ${light}%)`;
  },

  dash(i) {
    return i >= 16 ? [6, 3] : undefined;
  },

  // TensorBoard's smoothing: an exponential moving average, debiased so the first points are not
  // pulled towards zero. weight 0: the raw values.
  smooth(values, weight) {
    if (!weight) return values;
    let last = 0, n = 0;
    return values.map((v) => {
      if (v === null || !Number.isFinite(v)) return null;
      last = last * weight + (1 - weight) * v;
      n++;
      return last / (1 - Math.pow(weight, n));
    });
  },

  // One uPlot chart of a metric for many trials. series: [{label, colour, dash, points:
  // [{step, value}]}]; opts: {smoothing, log, marker (the step the grids show), width, height}.
  // Steps are merged across trials; a trial without a point at a step is a gap it spans.
  chart(title, series, opts) {
    const steps = [...new Set(series.flatMap((s) => s.points.map((p) => p.step)))].sort((a, b) => a - b);
    const at = new Map(steps.map((s, i) => [s, i]));
    let hidden = 0;
    const columns = series.map((s) => {
      const col = new Array(steps.length).fill(null);
      for (const p of s.points) {
        let v = Number.isFinite(p.value) ? p.value : null;
        if (opts.log && v !== null && v <= 0) { v = null; hidden++; }
        col[at.get(p.step)] = v;
      }
      const filled = col.map((v, i) => ({ v, i })).filter((x) => x.v !== null);
      const smoothed = Curves.smooth(filled.map((x) => x.v), opts.smoothing);
      filled.forEach((x, k) => { col[x.i] = smoothed[k]; });
      return col;
    });
    const box = Atelier.el("figure", { class: "curve", "aria-label": `${title} for ${series.length} trials` },
      Atelier.el("figcaption", {}, title, opts.log ? " (log scale)" : "", opts.smoothing ? ` (smoothed ${opts.smoothing})` : "",
        hidden ? Atelier.el("span", { class: "muted" }, ` — ${hidden} values ≤ 0 left out of the log scale`) : ""));
    if (!steps.length) {
      box.append(Atelier.el("p", { class: "muted" }, "no points yet"));
      return box;
    }
    const marker = {
      hooks: {
        draw: [(u) => {
          if (opts.marker === null || opts.marker === undefined) return;
          const x = u.valToPos(opts.marker, "x", true);
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = "#666";
          ctx.setLineDash([4, 4]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        }],
      },
    };
    const plot = new uPlot({
      width: opts.width || 460,
      height: opts.height || 240,
      plugins: [marker],
      scales: { x: { time: false }, y: opts.log ? { distr: 3 } : {} },
      axes: [{ label: "step" }, { size: 60 }],
      legend: { live: true },
      cursor: { focus: { prox: 16 } },
      focus: { alpha: 0.3 },
      series: [{ label: "step" }, ...series.map((s) => ({
        label: s.label, stroke: s.colour, dash: s.dash, width: 1.4, spanGaps: true,
        points: { show: false }, value: (u, v) => (v === null || v === undefined ? "—" : Atelier.num(v)),
      }))],
    }, [steps, ...columns], box);
    box.plot = plot;
    return box;
  },

  // series: [{label, colour, points: [{step, value}]}]; marker: the step the grids show.
  panel(title, series, marker) {
    const W = 420, H = 220, L = 48, R = 10, T = 10, B = 26;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.value));
    const add = (tag, attrs, text) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      svg.append(e);
      return e;
    };
    if (!all.length) {
      add("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#667085" }, "no points yet");
    } else {
      const x0 = Math.min(...all.map((p) => p.step)), x1 = Math.max(...all.map((p) => p.step)) || 1;
      let y0 = Math.min(...all.map((p) => p.value)), y1 = Math.max(...all.map((p) => p.value));
      if (y0 === y1) { y0 -= 1; y1 += 1; }
      const sx = (s) => L + ((s - x0) / (x1 - x0 || 1)) * (W - L - R);
      const sy = (v) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
      add("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#ccd" });
      add("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#ccd" });
      for (const v of [y0, (y0 + y1) / 2, y1]) {
        add("text", { x: L - 4, y: sy(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#667085" }, Atelier.num(v));
      }
      // The end labels lean inwards so a long step count is not cut off at the edge.
      add("text", { x: sx(x0), y: H - 8, "text-anchor": "start", "font-size": 10, fill: "#667085" }, x0);
      if (x1 !== x0) add("text", { x: sx(x1), y: H - 8, "text-anchor": "end", "font-size": 10, fill: "#667085" }, x1);
      if (marker !== null && marker !== undefined) {
        add("line", { x1: sx(marker), y1: T, x2: sx(marker), y2: H - B, stroke: "#999", "stroke-dasharray": "3 3" });
      }
      for (const s of series) {
        const pts = s.points.filter((p) => Number.isFinite(p.value));
        if (!pts.length) continue;
        add("polyline", {
          points: pts.map((p) => `${sx(p.step).toFixed(1)},${sy(p.value).toFixed(1)}`).join(" "),
          fill: "none", stroke: s.colour, "stroke-width": 1.4, "stroke-linejoin": "round",
        }).append(Object.assign(document.createElementNS(ns, "title"), { textContent: s.label }));
      }
    }
    return Atelier.el("div", { class: "curve" }, Atelier.el("h4", {}, title), svg);
  },
};
