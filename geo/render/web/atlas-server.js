/* The bridge to the server (the app's Streamlit page; the offline export has none): the map
 * reports its date, island and perspective only when playback pauses, dragging stops, an event
 * is stepped to or chosen, an island is chosen or the perspective is switched; and the server's
 * state arrives as KurilAtlas.sync({...}) after each rerun. The report's form is
 * geo/render/contract.py's MapReport: its key and fields come in the options (`report`,
 * `reportFields`). */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas;

  Atlas.mergeOptions({ awaitMs: 8000 }); // how long a report may wait for the server's answer

  Atlas.include({
    /* Tell the server the date, island, perspective and lesson step; `delay` gathers quick steps into one message. */
    report: function (delay) {
      var self = this, wait = this.options.awaitMs;
      if (!this.options.report || !window.Streamlit) return;
      var message = {};
      clearTimeout(this.reportTimer);
      // Until the server has answered this report, a sync carrying an older date must not move
      // the map back (a second quick step would otherwise be lost).
      this.awaiting = { date: null, until: Date.now() + wait };
      this.reportTimer = setTimeout(function () {
        var state = self.state, report = {};
        self.awaiting = { date: state.date, perspective: state.perspective, until: Date.now() + wait };
        var values = { date: state.date, island: state.island, seq: Date.now(), perspective: state.perspective,
          step: state.step };
        self.options.reportFields.forEach(function (name) { report[name] = values[name]; });
        message[self.options.report] = report;
        window.Streamlit.setComponentValue(message);
      }, delay || 0);
    },

    /* Whether the date and perspective the server sent should move the map: not while a report
     * of the map's own is unanswered, unless this is the answer. */
    acceptsServer: function (state) {
      var awaiting = this.awaiting;
      if (!awaiting || Date.now() > awaiting.until) { this.awaiting = null; return true; }
      if (awaiting.date === state.date && (!state.perspective || awaiting.perspective === state.perspective)) {
        this.awaiting = null;
        return true;
      }
      return false;
    },

    /* The server's state after a rerun; the date is ignored while playing so that Play runs on.
     * The features take their own parts of it (`focus`, `swipe`, `lesson`...) from the "sync"
     * event, which says whether the date and perspective were `accepted`. */
    sync: function (state) {
      var relabel = state.lang && state.lang !== this.state.lang, accepted = !this.playing && this.acceptsServer(state);
      var switched = state.perspective && accepted && state.perspective !== this.state.perspective;
      if (state.lang) this.state.lang = state.lang;
      if (state.island !== undefined) this.state.island = state.island;
      if (state.date && accepted) this.state.date = state.date;
      if (switched) { this.state.perspective = state.perspective; relabel = true; }
      if (state.timeline !== undefined) this.pendingTimeline = state.timeline;
      if (state.reportDrawn) this.drawnReportWanted = true;
      this.fire("sync", { state: state, accepted: accepted });
      if (!this.ready) return;
      this.reportDrawn();
      if (this.useTimeline()) relabel = true;
      if (relabel) this.relabel(true);
      this.render();
      this.announce(relabel);
      if (switched) this.announcePerspective();
      this.fire("settle");
    },

    /* Once drawn, tell the server so when it asked (`reportDrawn` in a sync): the map page adds
     * its sidebar's widgets only then, so that drawing them does not hold the map back. */
    reportDrawn: function () {
      if (!this.drawnReportWanted) return;
      this.drawnReportWanted = false;
      this.report();
    },

    /* A session's own uploaded history replaces the shared replay table (null brings it back).
     * Returns whether the table changed. */
    useTimeline: function () {
      var wanted = this.pendingTimeline;
      if (wanted === undefined) return false;
      this.pendingTimeline = undefined;
      var next = wanted || this.sharedData;
      if (next === this.data) return false;
      this.data = next;
      return true;
    }
  });

  Atlas.addInitHook(function () {
    this.reportTimer = null;
    this.on("ready", function () { if (this.useTimeline()) this.relabel(true); }, this);
    this.on("live", this.reportDrawn, this);
  });
})();
