/* The legend (top right): a disclosure, open where the map is wide enough to spare the room,
 * with each state's colour, no state, "undetermined" (its hatch, in a side's perspective), the
 * disputed outline and the treaty boundary. Its title says whose maps it explains. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  var LegendControl = KurilAtlas.Control.extend({
    options: { position: "topright" },

    onAdd: function (map) {
      var atlas = this._atlas, box = element("details", "atlas-panel atlas-legend");
      box.open = map.getSize().x >= 700;
      atlas.legend = box;
      atlas.legendTitle = box.appendChild(element("summary"));
      atlas.legendBox = box.appendChild(element("div"));
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });

  Atlas.include({
    labelLegend: function () {
      var self = this, rows = this.legendBox, perspective = this.state.perspective;
      // The view's name after the title, which a small map leaves out (its view switch names it).
      this.legendTitle.textContent = this.t("legend");
      this.legendTitle.appendChild(element("span", "atlas-legend-view", " · " + this.t("view_" + perspective)));
      rows.textContent = "";
      this.data.states.forEach(function (state, number) {
        var row = rows.appendChild(self.legendRow(self.stateColor(number), self.t("state_" + state), "")), pattern = self.style.patterns[state];
        if (pattern) L.extend(row.firstChild.style, { backgroundImage: "radial-gradient(circle, " + pattern.ink + " 1.3px, transparent 1.7px)", backgroundSize: "6px 6px" });
      });
      rows.appendChild(this.legendRow(this.style.none, this.t("state_none"), ""));
      if (perspective !== this.tables.administered) rows.appendChild(this.legendRow(null, this.t("state_undetermined"), "undetermined"));
      rows.appendChild(this.legendRow(null, this.t("disputed"), "disputed"));
      rows.appendChild(this.legendRow(this.style.boundary, this.t("boundary"), "boundary"));
    },

    legendRow: function (color, label, kind) {
      var row = element("div", "atlas-legend-row"), swatch = element("span", "atlas-swatch " + kind);
      if (color) swatch.style[kind === "boundary" ? "borderTopColor" : "background"] = color;
      if (kind === "undetermined") {
        var hatch = this.style.undetermined;
        swatch.style.background = "repeating-linear-gradient(-45deg, " + hatch.hatch + " 0 2px, " + hatch.ground + " 2px 5px)";
      }
      swatch.setAttribute("aria-hidden", "true");
      row.appendChild(swatch); row.appendChild(element("span", null, label));
      return row;
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", function () { new LegendControl(this).addTo(this.map); }, this);
    this.on("relabel", this.labelLegend, this);
  });
})();
