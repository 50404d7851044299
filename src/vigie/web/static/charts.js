/* Vigie — the town page's charts, plain SVG: counts by year (suppressed years hatched at the official complement),
   the town's rate against the median of its size class, and the Gi* scores by year.
   #chart gets data-chart-ready="1" once drawn (browser tests wait on it). */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var fmt = function (v, d) {
    return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: d || 0, minimumFractionDigits: d || 0 }).format(v);
  };

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /* a frame with a y axis from lo to hi and one slot per year; returns helpers to place marks */
  function frame(title, years, lo, hi, decimals) {
    var W = 380, H = 230, L = 48, R = 10, T = 26, B = 28;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img", "aria-label": title });
    el("title", {}, svg, title);
    el("text", { x: L, y: 14, "font-weight": "600" }, svg, title);
    var slot = (W - L - R) / years.length;
    var y = function (v) { return T + (H - T - B) * (1 - (v - lo) / (hi - lo)); };
    var x = function (i) { return L + slot * (i + 0.5); };
    var span = hi - lo, p = Math.pow(10, Math.floor(Math.log10(span))), n = Math.round(span / p) === 2 ? 4 : 5;
    for (var k = 0; k <= n; k++) {
      var v = lo + (span * k) / n;
      el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e3e3e3" }, svg);
      el("text", { x: L - 5, y: y(v) + 4, "text-anchor": "end" }, svg, fmt(v, decimals));
    }
    years.forEach(function (yr, i) {
      if (years.length <= 12 || i % 2 === 0) el("text", { x: x(i), y: H - 10, "text-anchor": "middle" }, svg, String(yr));
    });
    return { svg: svg, x: x, y: y, slot: slot };
  }

  function hatchDef(svg) {
    var defs = el("defs", {}, svg);
    var p = el("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
    el("rect", { width: 6, height: 6, fill: "#fff" }, p);
    el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#777", "stroke-width": 2 }, p);
  }

  function draw(indicator) {
    var box = document.getElementById("chart");
    box.innerHTML = "";
    var rows = data.series.filter(function (r) { return r.indicator === indicator; });
    var years = rows.map(function (r) { return r.year; });
    var label = data.labels[indicator] || indicator;
    var medians = data.medians[indicator] || {};

    // counts
    var top = niceMax(Math.max.apply(null, rows.map(function (r) { return r.suppressed ? r.complement_count || 0 : r.count || 0; })));
    var f = frame(label + " : nombre de faits", years, 0, top, 0);
    hatchDef(f.svg);
    rows.forEach(function (r, i) {
      var v = r.suppressed ? r.complement_count || 0 : r.count || 0;
      var w = f.slot * 0.7, x = f.x(i) - w / 2, y0 = f.y(0), y1 = f.y(v);
      var bar = el("rect", {
        x: x, y: y1, width: w, height: Math.max(0, y0 - y1),
        fill: r.suppressed ? "url(#hatch)" : "#6b8fb5", stroke: r.suppressed ? "#555" : "none",
        "stroke-dasharray": r.suppressed ? "3 2" : "", class: r.suppressed ? "bar suppressed" : "bar",
      }, f.svg);
      el("title", {}, bar, r.year + " : " + (r.suppressed
        ? "non diffusé (complément officiel " + fmt(r.complement_count || 0, 1) + ")" : fmt(r.count) + " faits"));
      if (r.suppressed) el("text", { x: f.x(i), y: y1 - 3, "text-anchor": "middle", "font-size": "9" }, f.svg, "n.d.");
    });
    box.appendChild(f.svg);

    // rate against the class median
    var rates = rows.map(function (r) { return r.rate_per_1000; });
    var meds = years.map(function (yr) { return medians[yr]; });
    var hi = niceMax(Math.max.apply(null, rates.concat(meds).filter(function (v) { return v != null; }).concat([0.001])));
    var g = frame(label + " : taux pour 1 000 habitants", years, 0, hi, hi < 1 ? 2 : 1);
    function line(values, attrs) {
      var d = "";
      values.forEach(function (v, i) { if (v != null) d += (d && values[i - 1] != null ? "L" : "M") + g.x(i) + "," + g.y(v); });
      if (d) el("path", Object.assign({ d: d, fill: "none" }, attrs), g.svg);
    }
    line(meds, { stroke: "#333", "stroke-width": 2, "stroke-dasharray": "5 4", class: "median" });
    line(rates, { stroke: "#b2182b", "stroke-width": 2.5, class: "rate" });
    rows.forEach(function (r, i) {
      if (r.rate_per_1000 == null) return;
      var dot = el("circle", {
        cx: g.x(i), cy: g.y(r.rate_per_1000), r: 3.5,
        fill: r.suppressed ? "#fff" : "#b2182b", stroke: "#b2182b", "stroke-width": 1.5,
      }, g.svg);
      el("title", {}, dot, r.year + " : " + fmt(r.rate_per_1000, 2) + " pour 1 000" + (r.suppressed
        ? " (année non diffusée : taux du complément)" : "") + (medians[r.year] != null
        ? " ; médiane " + fmt(medians[r.year], 2) : ""));
    });
    box.appendChild(g.svg);
    box.dataset.chartReady = "1";
  }

  function drawGi() {
    var box = document.getElementById("gi-chart");
    var rows = (data.hotspots || []).filter(function (h) { return h.indicator === "trafic"; });
    if (!box || !rows.length) return;
    var years = rows.map(function (r) { return r.year; });
    var m = Math.max(3, niceMax(Math.max.apply(null, rows.map(function (r) { return Math.max(Math.abs(r.gi_z || 0), Math.abs(r.rise_z || 0)); }))));
    var f = frame("Trafic : Gi* du niveau (bleu), de la hausse (orange)", years, -m, m, 0);
    [1.96, -1.96].forEach(function (v) {
      el("line", { x1: f.x(0) - f.slot / 2, x2: f.x(years.length - 1) + f.slot / 2, y1: f.y(v), y2: f.y(v), stroke: "#999", "stroke-dasharray": "3 3" }, f.svg);
    });
    rows.forEach(function (r, i) {
      [["gi_z", "#2166ac", -1], ["rise_z", "#e08214", 1]].forEach(function (s) {
        var v = r[s[0]] || 0, w = f.slot * 0.35, x = f.x(i) + (s[2] < 0 ? -w : 0);
        var bar = el("rect", { x: x, y: Math.min(f.y(v), f.y(0)), width: w, height: Math.abs(f.y(v) - f.y(0)), fill: s[1] }, f.svg);
        el("title", {}, bar, r.year + " : " + (s[0] === "gi_z" ? "niveau " : "hausse ") + fmt(v, 2));
      });
    });
    box.appendChild(f.svg);
  }

  var select = document.getElementById("chart-indicator");
  if (select) {
    select.addEventListener("change", function () { draw(select.value); });
    draw(select.value);
  }
  drawGi();
})();
