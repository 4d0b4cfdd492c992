/* The tooltips of the islands and the shaded context regions: the name, who held it and who
 * claimed it on the map's date, and in a side's perspective what that side's maps draw. */
(function () {
  "use strict";
  var element = KurilAtlas.dom.element;

  KurilAtlas.Atlas.include({
    tooltip: function (id) {
      var island = this.data.islands[id], segment = this.segment(id, this.state.date), fields = this.tables.segment;
      var box = element("div"), states = this.data.states, self = this;
      box.appendChild(element("strong", null, island.names[this.state.lang] || island.names.en));
      var state = segment[fields.state], claimants = segment[fields.claimants];
      var held = state >= 0 ? this.t("state_" + states[state]) : this.t("state_none");
      box.appendChild(element("div", "atlas-status", this.t("held_by") + ": " + held));
      if (claimants.length) {
        var names = claimants.map(function (n) { return self.t("state_" + states[n]); }).join(", ");
        box.appendChild(element("div", "atlas-status", this.t("claimed_by") + ": " + names));
      }
      if (segment[fields.disputed]) box.appendChild(element("div", "atlas-status", this.t("disputed_short")));
      if (this.state.perspective !== this.tables.administered) this.perspectiveLines(box, this.shownAt(id, this.state.date));
      return box;
    },

    /* The tooltip's lines on what the shown perspective draws ("Japan's maps: undetermined"),
     * and a word where that side's position then is unclear in the sources. */
    perspectiveLines: function (box, shown) {
      box.appendChild(element("div", "atlas-status", this.t("view_" + this.state.perspective) + ": " + this.shownLabel(shown)));
      if (shown.unclear) box.appendChild(element("div", "atlas-status atlas-unclear", this.t("view_unclear")));
    },

    areaTooltip: function (id) {
      var box = element("div"), shown = this.areaShownAt(id, this.state.date);
      box.appendChild(element("strong", null, this.t("region_" + id)));
      if (this.state.perspective === this.tables.administered) {
        box.appendChild(element("div", "atlas-status", this.t("held_by") + ": " + this.shownLabel(shown)));
      } else {
        this.perspectiveLines(box, shown);
      }
      return box;
    }
  });
})();
