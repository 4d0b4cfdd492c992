/* Swipe: a second date, or the same date in another perspective, drawn over the map right of a
 * divider that can be dragged (mouse or touch) or moved with the arrow keys; the map's own date
 * and perspective show left of it. The server asks for it in a sync: `swipe` is that second
 * date, or "" for none, and `swipePerspective` its perspective ("": the map's own). */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  Atlas.include({
    applySwipe: function () {
      var day = this.pendingSwipe, self = this, map = this.map;
      if (day === undefined || !this.ready) return;
      this.pendingSwipe = undefined;
      if (!day) {
        if (this.swipe) { map.removeLayer(this.swipe.layer); this.swipe.box.remove(); map.off("move zoom zoomend resize viewreset", this.clipSwipe, this); this.swipe = null; }
        map.getContainer().classList.remove("atlas-swiping");
        return;
      }
      if (!this.swipe) {
        if (!map.getPane("atlasSwipe")) map.createPane("atlasSwipe").style.zIndex = 430;
        var swipe = this.swipe = { layers: {}, areaLayers: {}, patternLayers: {}, ratio: 0.5 };
        var patterned = function (feature, layer) { swipe.patternLayers[feature.properties.id] = layer; };
        // The shaded regions: plain land under the right side's shading, so the left's does not show through.
        swipe.layer = L.layerGroup([
          L.geoJSON(this.areaShapes, { pane: "atlasSwipe", interactive: false,
            style: { stroke: false, fillColor: this.style.land, fillOpacity: this.style.fillOpacity } }),
          L.geoJSON(this.areaShapes, { pane: "atlasSwipe", interactive: false, style: { stroke: false },
            onEachFeature: function (feature, layer) { swipe.areaLayers[feature.properties.id] = layer; } }),
          L.geoJSON(this.islandShapes, { pane: "atlasSwipe", interactive: false,
            onEachFeature: function (feature, layer) { swipe.layers[feature.properties.id] = layer; } }),
          // The states' patterns over the right side's fills, as over the map's own (atlas-layers.js).
          L.geoJSON(this.areaShapes, { pane: "atlasSwipe", interactive: false, style: { stroke: false }, onEachFeature: patterned }),
          L.geoJSON(this.islandShapes, { pane: "atlasSwipe", interactive: false, style: { stroke: false }, onEachFeature: patterned })
        ]).addTo(map);
        swipe.box = element("div", "atlas-swipe");
        swipe.line = swipe.box.appendChild(element("div", "atlas-swipe-line"));
        swipe.left = swipe.box.appendChild(element("div", "atlas-panel atlas-swipe-label atlas-swipe-left"));
        swipe.right = swipe.box.appendChild(element("div", "atlas-panel atlas-swipe-label atlas-swipe-right"));
        swipe.range = swipe.box.appendChild(element("input", "atlas-swipe-range"));
        swipe.range.type = "range"; swipe.range.min = 0; swipe.range.max = 1000; swipe.range.step = 10; swipe.range.value = 500;
        ["mousedown", "touchstart", "pointerdown", "dblclick", "wheel"].forEach(function (name) {
          L.DomEvent.on(swipe.range, name, L.DomEvent.stopPropagation);
        });
        swipe.range.addEventListener("input", function () { swipe.ratio = swipe.range.value / 1000; self.clipSwipe(); });
        map.getContainer().appendChild(swipe.box);
        map.on("move zoom zoomend resize viewreset", this.clipSwipe, this);
      }
      map.getContainer().classList.add("atlas-swiping");
      this.swipe.day = day;
      this.swipe.perspective = this.pendingSwipePerspective || "";
      this.renderSwipe();
      this.clipSwipe();
    },

    renderSwipe: function () {
      var swipe = this.swipe, self = this, perspective = swipe.perspective || this.state.perspective;
      Object.keys(swipe.layers).forEach(function (id) {
        swipe.layers[id].setStyle(self.islandStyle(self.segment(id, swipe.day), self.shownAt(id, swipe.day, perspective).index, false));
      });
      Object.keys(swipe.areaLayers).forEach(function (id) {
        swipe.areaLayers[id].setStyle(self.areaStyle(self.areaShownAt(id, swipe.day, perspective)));
      });
      Object.keys(swipe.patternLayers).forEach(function (id) {
        swipe.patternLayers[id].setStyle(self.patternStyle(id, !!swipe.layers[id], swipe.day, perspective));
      });
      // Each side's label names its date, and its perspective where the two differ.
      var left = [this.state.date], right = [swipe.day];
      if (perspective !== this.state.perspective) {
        left.push(this.t("view_" + this.state.perspective)); right.push(this.t("view_" + perspective));
      }
      swipe.left.textContent = "← " + left.join(" · ");
      swipe.right.textContent = right.join(" · ") + " →";
      swipe.range.setAttribute("aria-label", this.t("swipe_divider"));
      swipe.range.setAttribute("aria-valuetext", Math.round(swipe.ratio * 100) + " %");
    },

    /* Show the second date only right of the divider. */
    clipSwipe: function () {
      var swipe = this.swipe, map = this.map;
      if (!swipe) return;
      var size = map.getSize(), thumb = 48, x = Math.round(thumb / 2 + (size.x - thumb) * swipe.ratio); // under the handle
      var nw = map.containerPointToLayerPoint([0, 0]), se = map.containerPointToLayerPoint(size);
      map.getPane("atlasSwipe").style.clip = "rect(" + [nw.y, se.x, se.y, nw.x + x].join("px,") + "px)";
      swipe.line.style.left = x + "px";
      swipe.range.setAttribute("aria-valuetext", Math.round(swipe.ratio * 100) + " %");
      map.getContainer().setAttribute("data-atlas-swipe", String(Math.round(swipe.ratio * 1000)));
    }
  });

  Atlas.addInitHook(function () {
    this.on("sync", function (event) {
      var state = event.state;
      if (state.swipe !== undefined) { this.pendingSwipe = state.swipe; this.pendingSwipePerspective = state.swipePerspective || ""; }
    }, this);
    this.on("render", function () { if (this.swipe) this.renderSwipe(); }, this);
    this.on("settle", this.applySwipe, this);
  });
})();
