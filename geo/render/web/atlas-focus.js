/* The keyboard's way through the map, short: the time control first (its corner leads the
 * controls in the document, so that the date slider is a few Tabs in), then the other controls;
 * the shapes out of the Tab order (Chromium makes a shape with a tooltip focusable; the status
 * table's island buttons choose an island by keyboard instead). The shapes' tooltips close on Esc
 * and stay open while the pointer moves from the shape onto them (WCAG 1.4.13). The layer list
 * opens from the keyboard with focus in it. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas;
  var LINGER_MS = 400; // how long a tooltip waits for the pointer to reach it

  Atlas.include({
    orderControls: function () {
      var corners = this.map._controlCorners, box = this.map._controlContainer;
      box.insertBefore(corners.bottomleft, box.firstChild);
    },

    /* Every shape with a tooltip: out of the Tab order, its tooltip hoverable. */
    calmShapes: function () {
      var self = this;
      [this.layers, this.areaLayers].forEach(function (layers) {
        Object.keys(layers).forEach(function (id) {
          var layer = layers[id], path = layer.getElement();
          if (path) path.setAttribute("tabindex", "-1");
          layer.off("mouseout", layer.closeTooltip, layer);
          layer.off("mouseover", layer._openTooltip, layer);
          layer.on("mouseout", function () { self.tooltipsDismissed = false; self.closeTooltipSoon(layer); });
          // A tooltip dismissed with Esc stays closed until the pointer leaves the shape.
          layer.on("mouseover", function (event) { if (!self.tooltipsDismissed) layer._openTooltip(event); });
          layer.on("tooltipopen", function (event) { self.holdTooltip(layer, event.tooltip.getElement()); });
        });
      });
    },

    /* The layer list by keyboard: Enter or Space on its button opens it with focus on the chosen
     * layer (Leaflet hides the button, and focus fell to the page), and it closes once focus has moved on
     * to another element. */
    keyboardLayers: function () {
      var box = this.map.getContainer().querySelector(".leaflet-control-layers"), EXPANDED = "leaflet-control-layers-expanded";
      if (!box) return;
      var toggle = box.querySelector(".leaflet-control-layers-toggle");
      toggle.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        L.DomUtil.addClass(box, EXPANDED);
        // After Leaflet's own Enter handler has let the list take clicks again (in a timeout of
        // its own, queued before this one): a choice made before then would be undone.
        setTimeout(function () {
          var chosen = box.querySelector("input:checked") || box.querySelector("input");
          if (chosen) chosen.focus();
        });
      });
      box.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !box.contains(event.relatedTarget)) L.DomUtil.removeClass(box, EXPANDED);
      });
    },

    closeTooltipSoon: function (layer) {
      clearTimeout(layer.atlasLinger);
      layer.atlasLinger = setTimeout(function () { layer.closeTooltip(); }, LINGER_MS);
    },

    /* A tooltip the pointer is on stays; leaving it closes it. */
    holdTooltip: function (layer, box) {
      var self = this;
      clearTimeout(layer.atlasLinger);
      if (!box || box.atlasHeld) return;
      box.atlasHeld = true;
      box.addEventListener("mouseenter", function () { clearTimeout(layer.atlasLinger); });
      box.addEventListener("mouseleave", function () { self.closeTooltipSoon(layer); });
    },

    closeTooltips: function () {
      this.tooltipsDismissed = true;
      this.map.eachLayer(function (layer) {
        if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) layer.closeTooltip();
      });
    }
  });

  Atlas.addInitHook(function () {
    var self = this;
    this.tooltipsDismissed = false;
    this.on("draw", function () {
      this.orderControls();
      this.calmShapes();
      this.keyboardLayers();
      // Esc wherever focus is: in the map, or on the page around it while the pointer is on the map.
      var onEscape = function (event) { if (event.key === "Escape") self.closeTooltips(); };
      document.addEventListener("keydown", onEscape);
      try { if (window.parent !== window) window.parent.document.addEventListener("keydown", onEscape); } catch (error) { /* another origin */ }
    }, this);
  });
})();
