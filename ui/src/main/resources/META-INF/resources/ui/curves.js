// Overlaid metric curves as inline SVG: one panel per metric, one colour per trial.
"use strict";

const Curves = {
  colours: ["#1d5fd1", "#d1495b", "#2a9d8f", "#e9a23b", "#7b4fd1", "#3d405b", "#0096c7", "#8ab17d"],

  colour(i) {
    return Curves.colours[i % Curves.colours.length];
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
