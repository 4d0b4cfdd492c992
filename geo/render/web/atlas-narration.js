/* For readers who cannot see the colours: a live region that says in words what changed when
 * the date comes to rest (a step, an event, the end of Play), and every island's status on the
 * shown date as a table. Both are off screen but in the map's reading order. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  Atlas.include({
    buildStatusTable: function () {
      var container = this.map.getContainer();
      this.announcer = element("div", "atlas-sr atlas-announcer");
      this.announcer.setAttribute("role", "status");
      this.announcer.setAttribute("aria-live", "polite");
      container.appendChild(this.announcer);
      this.statusTable = element("table", "atlas-sr atlas-status-table");
      container.appendChild(this.statusTable);
    },

    /* Say in the live region what the settled date changed, and refresh the status table; not
     * for every frame of Play, only where the date comes to rest. `force` speaks even when the
     * date is the one last spoken (a new language or history). */
    announce: function (force) {
      var day = this.state.date;
      if (!this.ready || (!force && day === this.announced)) return;
      var change = this.changeText(this.announced, day);
      this.announced = day;
      this.announcer.textContent = this.longDate(day) + (change ? ": " + change : "");
      this.lastChange = change;
      this.fillStatusTable(day);
      this.fire("announce", { day: day });
    },

    /* Say which perspective the map now shows and on what it rests, and refresh the table. */
    announcePerspective: function () {
      var perspective = this.state.perspective;
      if (!this.ready) return;
      this.announcer.textContent = this.t("view_" + perspective) + ": " + this.t("view_caption_" + perspective);
      this.fillStatusTable(this.state.date);
    },

    /* Every island's status on `day`; in a side's perspective, a column for what it shows. */
    fillStatusTable: function (day) {
      var table = this.statusTable, self = this, head = element("tr"), fields = this.tables.segment;
      var perspective = this.state.perspective, side = perspective !== this.tables.administered;
      var columns = ["island", "held_by", "claimed_by"].map(function (key) { return self.t(key); });
      table.textContent = "";
      table.appendChild(element("caption", null, this.t("status_table") + " " + this.longDate(day)
        + (side ? " · " + this.t("view_" + perspective) : "")));
      if (side) columns.push(this.t("view_" + perspective));
      columns.forEach(function (label) { head.appendChild(element("th", null, label)).scope = "col"; });
      table.appendChild(head);
      Object.keys(this.data.islands).forEach(function (id) {
        var segment = self.segment(id, day), row = element("tr");
        row.appendChild(element("th", null, self.islandName(id))).scope = "row";
        row.appendChild(element("td", null, self.stateLabel(segment[fields.state])));
        row.appendChild(element("td", null, segment[fields.claimants].map(function (n) { return self.stateLabel(n); }).join(", ") || "—"));
        if (side) {
          var shown = self.shownAt(id, day);
          row.appendChild(element("td", null, self.shownLabel(shown) + (shown.unclear ? " (" + self.t("view_unclear_short") + ")" : "")));
        }
        table.appendChild(row);
      });
    },

    /* What changed between `before` and `day`, in words, grouped by the new administering state:
     * "Kunashir, now administered by the Soviet Union"; "14 islands, now administered by ...";
     * in a side's perspective, by what it shows: "Urup, now shown as undetermined". */
    changeText: function (before, day) {
      var self = this, byState = {}, order = [], side = this.state.perspective !== this.tables.administered;
      if (!before || before === day) return "";
      Object.keys(this.data.islands).forEach(function (id) {
        var then = self.shownAt(id, before).index, now = self.shownAt(id, day).index;
        if (then === now) return;
        if (!byState[now]) { byState[now] = []; order.push(now); }
        byState[now].push(self.islandName(id));
      });
      if (!order.length) return this.t("announce_no_change");
      return order.map(function (state) {
        var names = byState[state];
        var islands = names.length <= 3 ? names.join(", ") : self.t("announce_many", { count: String(names.length) });
        return self.t(side ? "announce_island_shown" : "announce_island",
          { island: islands, state: self.shownLabel({ index: +state }) });
      }).join("; ");
    },

    /* The date in words, in the map's language ("1 September 1945"). */
    longDate: function (day) {
      var parts = day.split("-");
      try {
        return new Intl.DateTimeFormat(this.state.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
          .format(new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2])));
      } catch (error) { return day; }
    }
  });

  Atlas.addInitHook(function () {
    this.announced = null; // the date last described in the live region
    this.on("draw", this.buildStatusTable, this);
    this.on("show", function () { this.announce(true); }, this);
  });
})();
