/* Vigie — the national map: every commune on one canvas over a Leaflet map, coloured from /api/v1/map/values.

   35,000 outlines as Leaflet layers cost seconds to create (one object, bounds and event set per town), so the
   communes are one layer of our own: their coordinates are projected once (Web Mercator, 0–1), and each redraw
   fills one path per colour class. Hovering finds the town under the pointer through a grid of bounding boxes.
   The view (indicator, year, colouring, centre, zoom) lives in the URL, so a view can be shared.
   document.body.dataset.mapReady is "1" once the map is drawn and idle (browser tests wait on it). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var form = {
    indicator: document.getElementById("indicator"),
    year: document.getElementById("year"),
    colour: document.getElementById("colour"),
  };
  var legendBox = document.getElementById("legend");
  var hoverBox = document.getElementById("hover");
  var fmt2 = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
  var names = null;
  var values = null;
  var suppressed = {};
  var times = (window.vigieTimes = { start: Math.round(performance.now()) }); // read by benchmarks/bench_map.py

  function setReady(ready) {
    document.body.dataset.mapReady = ready ? "1" : "0";
    window.vigieMapIdle = ready;
  }
  setReady(false);

  // ---------------------------------------------------------------------------------------------- URL state
  var params = new URLSearchParams(window.location.search);
  function choose(select, value) {
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  }
  choose(form.indicator, params.get("indicateur"));
  choose(form.year, params.get("annee"));
  choose(form.colour, params.get("couleur"));

  function writeUrl() {
    var c = map.getCenter();
    var p = new URLSearchParams({
      indicateur: form.indicator.value,
      annee: form.year.value,
      couleur: form.colour.value,
      lat: c.lat.toFixed(3),
      lon: c.lng.toFixed(3),
      z: map.getZoom().toFixed(2),
    });
    window.history.replaceState(null, "", "/?" + p.toString());
  }

  // ------------------------------------------------------------------------------------------ the communes
  var TILE = 256;
  function mercX(lon) { return (lon + 180) / 360; }
  function mercY(lat) {
    var s = Math.sin((lat * Math.PI) / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  /* the compact layer (geo/outlines.py: per town, rings of delta-encoded integers) →
     {codes, rings: [Float64Array of x,y in 0–1], ringsOf: town → its rings, boxes: town → [x0,y0,x1,y1]} */
  function project(layer) {
    var rings = [], owner = [], boxes = [], scale = layer.scale;
    layer.rings.forEach(function (townRings, i) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      townRings.forEach(function (ring) {
        var n = ring.length / 2, a = new Float64Array(ring.length), lon = 0, lat = 0;
        for (var k = 0; k < n; k++) {
          lon += ring[2 * k]; lat += ring[2 * k + 1];
          var x = mercX(lon / scale), y = mercY(lat / scale);
          a[2 * k] = x; a[2 * k + 1] = y;
          if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
        rings.push(a); owner.push(i);
      });
      boxes.push([x0, y0, x1, y1]);
    });
    return { codes: layer.codes, rings: rings, owner: owner, boxes: boxes, ringsOf: ringsByFeature(owner, layer.codes.length) };
  }
  function ringsByFeature(owner, n) {
    var out = []; for (var i = 0; i < n; i++) out.push([]);
    owner.forEach(function (f, r) { out[f].push(r); });
    return out;
  }

  /* a uniform grid over the bounding boxes: which features may contain a point */
  function gridIndex(data, size) {
    var cells = new Array(size * size);
    data.boxes.forEach(function (b, i) {
      if (!isFinite(b[0])) return;
      var c0 = Math.max(0, Math.floor(b[0] * size)), c1 = Math.min(size - 1, Math.floor(b[2] * size));
      var r0 = Math.max(0, Math.floor(b[1] * size)), r1 = Math.min(size - 1, Math.floor(b[3] * size));
      for (var r = r0; r <= r1; r++) for (var c = c0; c <= c1; c++) (cells[r * size + c] = cells[r * size + c] || []).push(i);
    });
    return function (x, y) {
      var c = Math.floor(x * size), r = Math.floor(y * size);
      return c < 0 || r < 0 || c >= size || r >= size ? [] : cells[r * size + c] || [];
    };
  }
  function inside(ring, x, y) {
    var hit = false, n = ring.length / 2;
    for (var i = 0, j = n - 1; i < n; j = i++) {
      var xi = ring[2 * i], yi = ring[2 * i + 1], xj = ring[2 * j], yj = ring[2 * j + 1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  }

  var hatchTile = (function () {
    var tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    var g = tile.getContext("2d");
    g.strokeStyle = "rgba(30,30,30,0.55)";
    g.lineWidth = 1;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke();
    return tile;
  })();

  var CommuneLayer = L.Layer.extend({
    initialize: function (data) {
      this._data = data;
      this._lookup = gridIndex(data, 200);
      this._colours = null;
      this._hover = -1;
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide communes-canvas");
      this._top = L.DomUtil.create("canvas", "leaflet-zoom-hide communes-canvas");
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.getPanes().overlayPane.appendChild(this._top);
      map.on("moveend zoomend resize", this.redraw, this);
      this.redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas); L.DomUtil.remove(this._top);
      map.off("moveend zoomend resize", this.redraw, this);
    },
    setColours: function (colourOf) { this._colours = colourOf; this.redraw(); },
    _frame: function () {
      var map = this._map, size = map.getSize(), pad = size.multiplyBy(0.25).round();
      var topLeft = map.containerPointToLayerPoint([-pad.x, -pad.y]).round();
      var full = size.add(pad.multiplyBy(2));
      var scale = TILE * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin().add(topLeft); // the canvas' top-left in world pixels
      var ratio = window.devicePixelRatio || 1;
      [this._canvas, this._top].forEach(function (c) {
        L.DomUtil.setPosition(c, topLeft);
        c.width = full.x * ratio; c.height = full.y * ratio;
        c.style.width = full.x + "px"; c.style.height = full.y + "px";
      });
      return { scale: scale, ox: origin.x, oy: origin.y, w: full.x, h: full.y, ratio: ratio };
    },
    _trace: function (ctx, f, t) {
      var rings = this._data.ringsOf[f];
      for (var k = 0; k < rings.length; k++) {
        var a = this._data.rings[rings[k]];
        ctx.moveTo(a[0] * t.scale - t.ox, a[1] * t.scale - t.oy);
        for (var i = 2; i < a.length; i += 2) ctx.lineTo(a[i] * t.scale - t.ox, a[i + 1] * t.scale - t.oy);
        ctx.closePath();
      }
    },
    redraw: function () {
      if (!this._map || !this._colours) return;
      var t = (this._t = this._frame()), data = this._data, ctx = this._canvas.getContext("2d");
      ctx.setTransform(t.ratio, 0, 0, t.ratio, 0, 0);
      var x0 = t.ox / t.scale, y0 = t.oy / t.scale, x1 = (t.ox + t.w) / t.scale, y1 = (t.oy + t.h) / t.scale;
      var byColour = {}, hatched = [];
      for (var f = 0; f < data.codes.length; f++) {
        var b = data.boxes[f];
        if (b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1) continue;
        var colour = this._colours(data.codes[f]);
        (byColour[colour] = byColour[colour] || []).push(f);
        if (suppressed[data.codes[f]]) hatched.push(f);
      }
      var self = this, stroke = this._map.getZoom() >= 6; // borders only when towns are big enough to see them
      ctx.strokeStyle = "rgba(255,255,255,0.8)";
      ctx.lineWidth = this._map.getZoom() >= 8 ? 0.8 : 0.4;
      // one path per town: a canvas path of thousands of towns rasterises far more slowly than the towns one by one
      Object.keys(byColour).forEach(function (colour) {
        ctx.fillStyle = colour;
        byColour[colour].forEach(function (f) {
          ctx.beginPath();
          self._trace(ctx, f, t);
          ctx.fill("evenodd");
          if (stroke) ctx.stroke();
        });
      });
      if (hatched.length) {
        ctx.fillStyle = ctx.createPattern(hatchTile, "repeat");
        hatched.forEach(function (f) {
          ctx.beginPath();
          self._trace(ctx, f, t);
          ctx.fill("evenodd");
        });
      }
      this._drawHover();
    },
    _drawHover: function () {
      var t = this._t, ctx = this._top.getContext("2d");
      ctx.setTransform(t.ratio, 0, 0, t.ratio, 0, 0);
      ctx.clearRect(0, 0, t.w, t.h);
      if (this._hover < 0) return;
      ctx.beginPath();
      this._trace(ctx, this._hover, t);
      ctx.strokeStyle = "#000"; ctx.lineWidth = 2;
      ctx.stroke();
    },
    featureAt: function (latlng) {
      var x = mercX(latlng.lng), y = mercY(latlng.lat), data = this._data, found = -1;
      this._lookup(x, y).some(function (f) {
        var b = data.boxes[f];
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) return false;
        var hits = 0;
        data.ringsOf[f].forEach(function (r) { if (inside(data.rings[r], x, y)) hits++; });
        if (hits % 2 === 1) { found = f; return true; }
        return false;
      });
      return found;
    },
    setHover: function (f) { if (f !== this._hover) { this._hover = f; this._drawHover(); } },
  });

  // ------------------------------------------------------------------------------------------------ the map
  var map = L.map("map", { zoomSnap: 0.25, zoomAnimation: false, minZoom: 4, maxZoom: 12 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Contours : IGN / Etalab · Chiffres : SSMSI");
  var home = L.latLngBounds([40.2, -9.8], [51.2, 9.7]);
  if (params.get("lat") && params.get("lon") && params.get("z")) {
    map.setView([+params.get("lat"), +params.get("lon")], +params.get("z"));
  } else {
    map.fitBounds(home);
  }
  config.insets.forEach(function (inset) {
    var b = inset.box; // west, south, east, north
    L.rectangle([[b[1], b[0]], [b[3], b[2]]], { color: "#555", weight: 1, dashArray: "4 3", fill: false, interactive: false })
      .addTo(map);
    L.marker([b[3], b[0]], {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: "inset-label", html: inset.name, iconSize: null, iconAnchor: [0, 18] }),
    }).addTo(map);
  });

  function colourOf(code) {
    var v = values.towns[code];
    return v && v[0] >= 0 ? values.legend[v[0]].colour : values.no_figure;
  }

  function describe(code) {
    var name = names && names[code] ? names[code][0] + " (" + names[code][1] + ")" : "Commune " + code;
    var v = values.towns[code], text;
    if (!v || v[0] < 0) {
      text = "pas de chiffre pour " + values.year;
    } else if (values.colour === "rate") {
      text = fmt2.format(v[1]) + " faits pour 1 000 habitants en " + values.year;
    } else if (values.colour === "category") {
      text = values.legend[v[0]].label + " (Gi* " + fmt2.format(v[1]) + ", " + values.year + ")";
    } else if (values.colour === "watchlist") {
      text = "probabilité " + fmt2.format(100 * v[1]) + " %";
    } else {
      text = values.legend[v[0]].label + " (z " + fmt2.format(v[1]) + ")";
    }
    var out = name + " : " + text;
    if (suppressed[code]) {
      out += ". Chiffre " + values.year + " non diffusé par le SSMSI (secret statistique : trop peu de faits, ou"
        + " série trop irrégulière)";
    }
    return out;
  }

  function drawLegend() {
    var counts = {};
    Object.keys(values.towns).forEach(function (c) { var k = values.towns[c][0]; counts[k] = (counts[k] || 0) + 1; });
    var html = "<h2>" + values.title + "</h2><p class=\"legend-sub\">" + values.indicator_label + ", "
      + values.year + "</p><ul>";
    values.legend.forEach(function (item, k) {
      if (values.colour === "category" && !counts[k] && item.key !== "no_pattern") return;
      html += "<li><span class=\"swatch\" style=\"background:" + item.colour + "\"></span>" + item.label
        + " <span class=\"count\">(" + (counts[k] || 0).toLocaleString("fr-FR") + ")</span></li>";
    });
    html += "<li><span class=\"swatch\" style=\"background:" + values.no_figure + "\"></span>Pas de chiffre</li>";
    html += "<li><span class=\"swatch hatched\"></span>Non diffusé par le SSMSI (" + values.suppressed.length
      .toLocaleString("fr-FR") + " communes)</li></ul>";
    legendBox.innerHTML = html;
  }

  function fetchValues() {
    var p = new URLSearchParams({ indicator: form.indicator.value, year: form.year.value, colour: form.colour.value });
    return fetch("/api/v1/map/values?" + p.toString()).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (e) {
          var why = e.detail || e.message || r.statusText;
          if (r.status === 422 && String(why).indexOf("no hot spots stored") >= 0) {
            why = "les points chauds de cet indicateur ne sont pas calculés dans cet entrepôt ; choisissez la"
              + " couleur « Taux pour 1 000 habitants » ou un autre indicateur.";
          }
          throw new Error(why);
        });
      }
      return r.json();
    });
  }
  function useValues(v) {
    delete document.body.dataset.mapError;
    values = v;
    suppressed = {};
    v.suppressed.forEach(function (c) { suppressed[c] = true; });
    drawLegend();
  }
  function afterPaint(callback) {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(callback); });
  }
  function showError(err) {
    legendBox.innerHTML = "";
    var p = document.createElement("p");
    p.className = "error";
    p.textContent = "La carte n'a pas pu être colorée : " + String(err.message || err);
    legendBox.appendChild(p);
    document.body.dataset.mapError = "1";
  }

  var communes = null;
  function restyle() {
    setReady(false);
    delete document.body.dataset.mapError;
    fetchValues().then(function (v) {
      useValues(v);
      communes.setColours(colourOf);
      writeUrl();
      afterPaint(function () { setReady(true); });
    }).catch(function (err) { showError(err); setReady(true); });
  }

  var tip = L.tooltip({ direction: "top", offset: [0, -8], className: "commune-tip" });
  function onMove(e) {
    var f = communes.featureAt(e.latlng);
    communes.setHover(f);
    map.getContainer().style.cursor = f >= 0 ? "pointer" : "";
    if (f < 0) { map.closeTooltip(tip); return; }
    var text = describe(communes._data.codes[f]);
    hoverBox.textContent = text;
    tip.setContent(text).setLatLng(e.latlng);
    if (!map.hasLayer(tip)) map.openTooltip(tip);
  }

  Promise.all([
    fetch("/carte/communes.json").then(function (r) {
      if (!r.ok) throw new Error("contours indisponibles (" + r.status + ")");
      return r.json();
    }),
    fetchValues().catch(function (err) { showError(err); return null; }), // outlines without colours
  ]).then(function (got) {
    times.fetched = Math.round(performance.now());
    if (got[1]) {
      useValues(got[1]);
    } else {
      values = { towns: {}, legend: [], no_figure: "#d9d9d9", suppressed: [], year: form.year.value, colour: "" };
    }
    var data = project(got[0]);
    times.projected = Math.round(performance.now());
    communes = new CommuneLayer(data);
    communes._colours = colourOf;
    communes.addTo(map);
    times.drawn = Math.round(performance.now());
    document.body.dataset.mapFeatures = String(data.codes.length);
    map.on("mousemove", onMove);
    map.on("mouseout", function () { communes.setHover(-1); map.closeTooltip(tip); });
    map.on("click", function (e) {
      var f = communes.featureAt(e.latlng);
      if (f >= 0) window.location.href = "/commune/" + communes._data.codes[f];
    });
    map.on("moveend", writeUrl);
    writeUrl();
    afterPaint(function () {
      times.idle = Math.round(performance.now());
      setReady(true);
      fetch("/carte/noms.json").then(function (r) { return r.json(); }).then(function (n) {
        names = n;
        document.body.dataset.namesReady = "1";
      });
    });
  }).catch(showError);

  [form.indicator, form.year, form.colour].forEach(function (s) { s.addEventListener("change", restyle); });
})();
