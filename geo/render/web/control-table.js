/* "Show as a table" (top left, under the zoom and the layers): a button that opens the status table
 * (atlas-narration.js) over the map, for readers who cannot tell the states by colour or who use
 * the keyboard: every island's holder and claimants on the shown date, each island's name a
 * button that chooses it. "Back to the map" or Esc closes it and returns focus to the button. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  var TableControl = KurilAtlas.Control.extend({
    options: { position: "topleft" },

    onAdd: function () {
      var atlas = this._atlas, box = element("div", "leaflet-bar atlas-table-control");
      var toggle = atlas.tableButton = box.appendChild(element("button", "atlas-table-toggle"));
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      var panel = atlas.tablePanel = box.appendChild(element("div", "atlas-panel atlas-table-panel"));
      panel.id = "atlas-table-panel";
      panel.hidden = true;
      panel.setAttribute("role", "region");
      toggle.setAttribute("aria-controls", panel.id);
      atlas.tableClose = panel.appendChild(element("button", "atlas-table-close"));
      atlas.tableClose.type = "button";
      panel.appendChild(element("div", "atlas-table-scroll")).appendChild(atlas.statusTable);
      toggle.addEventListener("click", function () { atlas.showTable(panel.hidden); });
      atlas.tableClose.addEventListener("click", function () { atlas.showTable(false); });
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { event.stopPropagation(); atlas.showTable(false); }
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });

  Atlas.include({
    /* Open the table over the map (focus on its first island's button) or close it (focus back
     * on the button that opened it). */
    showTable: function (open) {
      this.tablePanel.hidden = !open;
      this.tableButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        this.fillStatusTable(this.state.date);
        this.tableClose.focus();
      } else {
        this.tableButton.focus();
      }
    },

    labelTable: function () {
      this.tableButton.textContent = this.t("table_show");
      this.tableButton.title = this.t("table_show_long");
      this.tablePanel.setAttribute("aria-label", this.t("table_show_long"));
      this.tableClose.textContent = this.t("table_close");
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", function () { new TableControl(this).addTo(this.map); }, this);
    this.on("relabel", this.labelTable, this);
  });
})();
