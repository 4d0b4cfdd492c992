/* For readers who cannot see the colours: a live region (off screen) that says in words what
 * changed when the date comes to rest (a step, an event, the end of Play) and what the reader
 * chose, and every island's status on the shown date as a table (control-table.js shows it). */
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
      this.statusTable = element("table", "atlas-status-table");
      container.appendChild(this.statusTable);
    },

    /* Say in the live region, once the date has come to rest (a step, an event, the end of Play,
     * never a frame of Play), the date at its precision, the event that set what is shown and the
     * islands that changed, after what the reader chose (`announceLead`: a lesson's step); and
     * refresh the status table. `force` speaks even when the date is the one last spoken (a new
     * language or history). */
    announce: function (force) {
      var day = this.state.date, lead = this.announceLead;
      if (!this.ready || (!force && !lead && day === this.announced)) return;
      var change = this.changeText(this.announced, day), event = this.settledEvent(day);
      var values = { date: this.dateWords(day), event: event ? this.eventTitle(event) : "", change: change };
      this.announced = day;
      this.announceLead = "";
      this.say((lead ? lead + " · " : "") + this.t(event ? "announce_settled" : "announce_settled_plain", values).trim());
      this.lastChange = change;
      this.fillStatusTable(day);
      this.fire("announce", { day: day });
    },

    /* Put `text` in the live region, for a screen reader to say once. */
    say: function (text) {
      this.announcer.textContent = text;
    },

    /* The event to name on `day`: the one in force if it is of that day (the one stepped to or
     * chosen), else the one that set the state shown; or null. */
    settledEvent: function (day) {
      var shown = this.eventOn(day).event;
      return shown && shown.date === day ? shown : this.settingEvent(day);
    },

    eventTitle: function (event) {
      return event.title[this.state.lang] || event.title.en;
    },

    /* `day` in words at its precision: the event's own where an event of that day is known only
     * to its year or month ("1711", "August 1945"), else the whole day ("1 September 1945"). */
    dateWords: function (day) {
      var event = this.eventOn(day).event, when = event && event.date === day && event.when && event.when[this.state.lang];
      return when && !/^\d{4}-\d{2}-\d{2}$/.test(when) ? when : this.longDate(day);
    },

    /* Say which perspective the map now shows and on what it rests, and refresh the table. */
    announcePerspective: function () {
      var perspective = this.state.perspective;
      if (!this.ready) return;
      this.say(this.t("view_" + perspective) + ": " + this.t("view_caption_" + perspective));
      this.fillStatusTable(this.state.date);
    },

    /* Every island's status on `day`; in a side's perspective, a column for what it shows. Each
     * island's name is a button that chooses it, as a click on its shape does (focus stays on
     * the island's button when the table is filled again). */
    fillStatusTable: function (day) {
      var table = this.statusTable, self = this, head = element("tr"), fields = this.tables.segment;
      var focused = table.contains(document.activeElement) ? document.activeElement.getAttribute("data-island") : null;
      var perspective = this.state.perspective, side = perspective !== this.tables.administered;
      var columns = ["island", "held_by", "claimed_by"].map(function (key) { return self.t(key); });
      table.textContent = "";
      table.appendChild(element("caption", null, this.t("status_table") + " " + this.dateWords(day)
        + (side ? " · " + this.t("view_" + perspective) : "")));
      if (side) columns.push(this.t("view_" + perspective));
      columns.forEach(function (label) { head.appendChild(element("th", null, label)).scope = "col"; });
      table.appendChild(head);
      Object.keys(this.data.islands).forEach(function (id) {
        var segment = self.segment(id, day), row = element("tr");
        var name = row.appendChild(element("th")).appendChild(element("button", "atlas-choose", self.islandName(id)));
        name.parentNode.scope = "row";
        name.type = "button";
        name.setAttribute("data-island", id);
        name.setAttribute("aria-pressed", id === self.state.island ? "true" : "false");
        name.addEventListener("click", function () { self.chooseIsland(id === self.state.island ? "" : id); });
        row.appendChild(element("td", null, self.stateLabel(segment[fields.state])));
        row.appendChild(element("td", null, segment[fields.claimants].map(function (n) { return self.stateLabel(n); }).join(", ") || "—"));
        if (side) {
          var shown = self.shownAt(id, day);
          row.appendChild(element("td", null, self.shownLabel(shown) + (shown.unclear ? " (" + self.t("view_unclear_short") + ")" : "")));
        }
        table.appendChild(row);
      });
      if (focused) table.querySelector("[data-island='" + focused + "']").focus();
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
        if (!side && +state < 0) return self.t("announce_island_none", { island: islands });
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
