/* The perspective switch (top right, above the legend): whose maps the colours follow (the
 * administered map, or one side's maps as its government draws them), and a line on what that
 * perspective rests on. A switch recolours the map at once and tells the server, as a step does. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  var PerspectiveControl = KurilAtlas.Control.extend({
    options: { position: "topright" },

    onAdd: function () {
      var atlas = this._atlas, panel = element("div", "atlas-panel atlas-view-panel");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      var buttons = atlas.perspectiveSwitch = panel.appendChild(element("div", "atlas-views"));
      buttons.setAttribute("role", "group");
      atlas.perspectiveTitle = buttons.appendChild(element("span", "atlas-views-title"));
      atlas.perspectiveButtons = {};
      atlas.perspectiveNames().forEach(function (perspective) {
        var button = buttons.appendChild(element("button", "atlas-view"));
        button.type = "button";
        button.setAttribute("data-view", perspective);
        button.addEventListener("click", function () { atlas.setPerspective(perspective, true); });
        atlas.perspectiveButtons[perspective] = button;
      });
      atlas.perspectiveCaption = panel.appendChild(element("div", "atlas-view-caption"));
      return panel;
    }
  });

  Atlas.include({
    /* Show `perspective`'s colours at once, in the page; `report` tells the server, as a step does. */
    setPerspective: function (perspective, report) {
      if (perspective === this.state.perspective || (this.ready && this.perspectiveNames().indexOf(perspective) < 0)) return;
      this.state.perspective = perspective;
      if (!this.ready) return;
      this.relabel();
      this.render();
      this.announcePerspective();
      if (report) this.report();
    },

    labelPerspectives: function () {
      var self = this, perspective = this.state.perspective, caption = this.perspectiveCaption;
      this.perspectiveSwitch.setAttribute("aria-label", this.t("view_label"));
      this.perspectiveTitle.textContent = this.t("view_label") + ":";
      Object.keys(this.perspectiveButtons).forEach(function (name) {
        var button = self.perspectiveButtons[name];
        // The whole name, and a short one that a small map shows instead (atlas-map.css).
        button.textContent = "";
        button.appendChild(element("span", "atlas-view-long", self.t("view_" + name)));
        button.appendChild(element("span", "atlas-view-short", self.t("view_" + name + "_short")));
        button.title = self.t("view_" + name);
        button.setAttribute("aria-pressed", name === perspective ? "true" : "false");
      });
      caption.textContent = this.t("view_caption_" + perspective);
      caption.title = caption.textContent;
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", function () { new PerspectiveControl(this).addTo(this.map); }, this);
    this.on("relabel", this.labelPerspectives, this);
  });
})();
