/* Questions to the replay table (geo/model/timeline.py's client_payload): the segment in force
 * on a day, what a perspective shows, the slider's frame, the event of a day, and the names and
 * colours of states. The table's segments are lists whose fields the options name
 * (`tables.segment`, `tables.perspectiveSegment`: {field: index}). */
(function () {
  "use strict";

  /* The index of the last item of `list` (sorted by day) on or before `day`, or -1; `dayOf`
   * gives an item's ISO day (ISO strings compare as dates). */
  function lastOnOrBefore(list, day, dayOf) {
    var low = 0, high = list.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (dayOf(list[middle]) <= day) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  /* The run of `runs` in force on `day`: the last one whose field `start` is on or before it. */
  function runAt(runs, day, start) {
    return runs[Math.max(0, lastOnOrBefore(runs, day, function (run) { return run[start]; }))];
  }

  function itself(item) { return item; }
  function first(item) { return item[0]; } // a setting is [day, event]

  KurilAtlas.Atlas.include({
    /* Island `id`'s segment in force on `day`; read its fields by `tables.segment`. */
    segment: function (id, day) {
      return runAt(this.data.islands[id].segments, day, this.tables.segment.start);
    },

    /* The slider's frame on `day` (its index in the table's frames). */
    frameAt: function (day) {
      return Math.max(0, lastOnOrBefore(this.data.frames, day, itself));
    },

    /* The perspectives there are: the administered one, then each side's (the replay table lists them). */
    perspectiveNames: function () {
      return [this.tables.administered].concat(this.data.perspectives || []);
    },

    /* What `perspective` (default: the map's) shows on island `id` on `day`: {index: a state's
     * number, -1 for none or `tables.undetermined`, unclear: whether that side's position then
     * is unclear in the sources (the claim it held is shown, marked so)}. */
    shownAt: function (id, day, perspective) {
      var island = this.data.islands[id], runs;
      perspective = perspective || this.state.perspective;
      runs = island.perspectives && island.perspectives[perspective];
      if (perspective === this.tables.administered || !runs) {
        return { index: this.segment(id, day)[this.tables.segment.state], unclear: false };
      }
      return this.shownBy(runAt(runs, day, this.tables.perspectiveSegment.start));
    },

    /* The same for a shaded context region (the payload's `context`, which has every perspective). */
    areaShownAt: function (id, day, perspective) {
      var runs = ((this.data.context || {})[id] || {})[perspective || this.state.perspective];
      if (!runs) return { index: -1, unclear: false };
      return this.shownBy(runAt(runs, day, this.tables.perspectiveSegment.start));
    },

    shownBy: function (run) {
      var fields = this.tables.perspectiveSegment;
      return { index: run[fields.shown], unclear: run[fields.unclear] === 1 };
    },

    /* The fill colour of a state by its number in the replay table's list (-1: none). */
    stateColor: function (number) {
      return number >= 0 ? this.style.states[this.data.states[number]] || this.style.none : this.style.none;
    },

    /* The fill of what a perspective shows: a state's colour, or the hatch for undetermined. */
    shownFill: function (index) {
      return index === this.tables.undetermined ? "url(#" + this.tables.hatchPattern + ")" : this.stateColor(index);
    },

    shownLabel: function (shown) {
      return shown.index === this.tables.undetermined ? this.t("state_undetermined_short") : this.stateLabel(shown.index);
    },

    stateLabel: function (number) {
      return number >= 0 ? this.t("state_" + this.data.states[number]) : this.t("state_none");
    },

    islandName: function (id) {
      var names = this.data.islands[id].names;
      return names[this.state.lang] || names.en;
    },

    /* "date — title" in the map's language (English where the event has no title in it), the date
     * at its precision as Python wrote it in `when` ("1711", "August 1945", "1945-08-18"). */
    eventLabel: function (event) {
      var when = (event.when && event.when[this.state.lang]) || event.date;
      return when + " — " + (event.title[this.state.lang] || event.title.en);
    },

    /* The event in force on `day`: the one chosen from the list if it is of that day, else the
     * one that set the state shown if it is of that day (of several events on one day, the list
     * and the caption then name the same), else the last one up to that day; with its place in
     * the list (-1 for none). */
    eventOn: function (day) {
      var events = this.data.events, found = -1;
      for (var i = 0; i < events.length && events[i].date <= day; i++) found = i;
      var chosen = this.chosenEvent ? events.indexOf(this.chosenEvent) : -1, setting = this.settingEvent(day);
      if (setting && setting.date === day) found = events.indexOf(setting);
      if (chosen >= 0 && events[chosen].date === day) found = chosen;
      return { event: found >= 0 ? events[found] : null, number: found };
    },

    /* The event that set the state shown on `day` (geo.model.status.setting_event, computed in
     * Python for every day of change), or null. */
    settingEvent: function (day) {
      var settings = this.data.settings, found = lastOnOrBefore(settings, day, first);
      return found >= 0 && settings[found][1] >= 0 ? this.data.events[settings[found][1]] : null;
    }
  });
})();
