/* The map's shapes: the surrounding land, the shaded context regions (South Sakhalin), the
 * treaty boundaries and the islands, drawn with the style Python hands over (`options.style`),
 * and the base layers' labels. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, dom = KurilAtlas.dom;

  Atlas.include({
    drawShapes: function (files) {
      var self = this, map = this.map, style = this.style;
      map.getContainer().style.background = style.sea;
      map.createPane("atlasContext").style.zIndex = 350;
      map.createPane("atlasIslands").style.zIndex = 420;
      this.addPattern();
      L.geoJSON(files.context, {
        pane: "atlasContext", interactive: false,
        style: { color: style.landEdge, weight: style.weights.landEdge, fillColor: style.land, fillOpacity: style.fillOpacity }
      }).addTo(map);
      // The shaded context regions (South Sakhalin) over the land, coloured by the perspective like the islands.
      this.areaShapes = files.areas;
      L.geoJSON(files.areas, {
        pane: "atlasContext", style: { stroke: false, fillOpacity: 0 },
        onEachFeature: function (feature, layer) {
          var id = feature.properties.id;
          self.areaLayers[id] = layer;
          layer.bindTooltip(function () { return self.areaTooltip(id); }, { sticky: true, className: "atlas-tooltip" });
        }
      }).addTo(map);
      this.boundaryLayer = L.geoJSON(files.boundaries, {
        pane: "atlasIslands", interactive: false,
        style: { color: style.boundary, weight: style.weights.boundary, dashArray: style.dashes.boundary }
      });
      this.boundaryLayer.addTo(map);
      this.islandShapes = files.islands;
      // The states' patterns (Japan's dots) over their fills, above the islands: drawn, never clicked.
      map.createPane("atlasPatterns").style.zIndex = 425;
      this.patternLayers = {};
      [files.areas, files.islands].forEach(function (shapes) {
        L.geoJSON(shapes, { pane: "atlasPatterns", interactive: false, style: { stroke: false, fillOpacity: 0 },
          onEachFeature: function (feature, layer) { self.patternLayers[feature.properties.id] = layer; } }).addTo(map);
      });
      L.geoJSON(files.islands, {
        pane: "atlasIslands",
        onEachFeature: function (feature, layer) {
          var id = feature.properties.id;
          self.layers[id] = layer;
          layer.bindTooltip(function () { return self.tooltip(id); }, { sticky: true, className: "atlas-tooltip" });
          layer.on("click", function () { self.chooseIsland(id === self.state.island ? "" : id); });
        }
      }).addTo(map);
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      map.attributionControl.addAttribution(this.options.attribution);
    },

    /* The hatch that draws "undetermined" (a pattern, never a state's colour) and the states'
     * own patterns (dots drawn over a state's fill: `style.patterns`), in a hidden SVG; the
     * map's paths refer to them by their ids. */
    addPattern: function () {
      var id = this.tables.hatchPattern, hatch = this.style.undetermined, node = dom.svgElement, patterns = this.style.patterns;
      if (document.getElementById(id)) return;
      var svg = node("svg", { width: "0", height: "0", "aria-hidden": "true", focusable: "false", "class": "atlas-defs" });
      var defs = svg.appendChild(node("defs", {}));
      var pattern = defs.appendChild(node("pattern", { id: id, patternUnits: "userSpaceOnUse", width: "6", height: "6",
        patternTransform: "rotate(45)" }));
      pattern.appendChild(node("rect", { width: "6", height: "6", fill: hatch.ground }));
      pattern.appendChild(node("rect", { width: "2.4", height: "6", fill: hatch.hatch }));
      Object.keys(patterns).forEach(function (state) {
        var dots = defs.appendChild(node("pattern", { id: patterns[state].id, patternUnits: "userSpaceOnUse", width: "6", height: "6" }));
        dots.appendChild(node("circle", { cx: "3", cy: "3", r: "1.3", fill: patterns[state].ink }));
      });
      this.map.getContainer().appendChild(svg);
    },

    /* The pattern over place `id` (an island where `island`, else a shaded region) on `day` in
     * `perspective` (default: the map's): its state's dots, or none. */
    patternStyle: function (id, island, day, perspective) {
      var shown = island ? this.shownAt(id, day, perspective) : this.areaShownAt(id, day, perspective), index = shown.index;
      var pattern = index >= 0 && index !== this.tables.undetermined && this.style.patterns[this.data.states[index]];
      return pattern ? { fillColor: "url(#" + pattern.id + ")", fillOpacity: island ? 1 : this.style.areaOpacity } : { fillOpacity: 0 };
    },

    /* An island's style: `index` is what it shows (a state's number or undetermined), `segment`
     * its segment (a disputed island is outlined with dashes), `selected` whether it is chosen. */
    islandStyle: function (segment, index, selected) {
      var style = this.style, disputed = segment[this.tables.segment.disputed];
      return {
        fillColor: this.shownFill(index), fillOpacity: style.fillOpacity,
        color: selected ? style.selectedOutline : (disputed ? style.disputedOutline : style.outline),
        weight: selected ? style.weights.selected : (disputed ? style.weights.disputed : style.weights.outline),
        dashArray: disputed ? style.dashes.disputed : null
      };
    },

    /* A shaded region: nothing over the land where the perspective shows no state; else its
     * colour, outlined (the shading alone is within 3:1 of the land). */
    areaStyle: function (shown) {
      var style = this.style, none = shown.index === -1;
      return { fillColor: this.shownFill(shown.index), fillOpacity: none ? 0 : style.areaOpacity,
        stroke: !none, color: style.outline, weight: style.weights.outline };
    },

    renderShapes: function (day) {
      var self = this;
      Object.keys(this.layers).forEach(function (id) {
        self.layers[id].setStyle(self.islandStyle(self.segment(id, day), self.shownAt(id, day).index, id === self.state.island));
      });
      Object.keys(this.areaLayers).forEach(function (id) {
        self.areaLayers[id].setStyle(self.areaStyle(self.areaShownAt(id, day)));
      });
      Object.keys(this.patternLayers).forEach(function (id) {
        self.patternLayers[id].setStyle(self.patternStyle(id, !!self.layers[id], day));
      });
      this.boundaryLayer.eachLayer(function (layer) {
        var p = layer.feature.properties, on = p.valid_from <= day && (!p.valid_to || day < p.valid_to);
        layer.setStyle({ opacity: on ? 1 : 0 });
      });
    },

    select: function (island, report) {
      this.state.island = island;
      if (this.ready) this.render();
      if (report) this.report();
    },

    /* The reader chose `island` ("" for none), on the map or in the status table: choose it, tell
     * the server, and say so in the live region with who held it. */
    chooseIsland: function (island) {
      this.select(island, true);
      if (!this.ready) return;
      var segment = island && this.segment(island, this.state.date);
      this.say(island ? this.t("announce_chosen", { island: this.islandName(island),
        status: this.t("held_by") + ": " + this.stateLabel(segment[this.tables.segment.state]) })
        : this.t("announce_unchosen"));
      Array.prototype.forEach.call(this.statusTable.querySelectorAll("[data-island]"), function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-island") === island ? "true" : "false");
      });
    },

    /* The layer control's base layers (built by Python in the order of `tables.baseLayers`),
     * named in the map's language. */
    labelBaseLayers: function () {
      var self = this, labels = this.map.getContainer().querySelectorAll(".leaflet-control-layers-base label span span");
      this.tables.baseLayers.forEach(function (key, number) {
        if (labels[number]) labels[number].textContent = " " + self.t(key);
      });
    }
  });

  Atlas.addInitHook(function () {
    this.layers = {};
    this.areaLayers = {};
    this.on("draw", function (event) { this.drawShapes(event.files); }, this);
    this.on("relabel", this.labelBaseLayers, this);
    this.on("render", function (event) { this.renderShapes(event.day); }, this);
  });
})();
