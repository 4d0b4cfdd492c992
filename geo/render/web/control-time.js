/* The time control (bottom left): previous and next event, Play and its speed, the slider of
 * the replay table's frames, the date, Present mode's button, the list of every event, and the
 * caption naming the event that set the state shown. Play and dragging recolour the map in the
 * page; the server hears of the date only where it comes to rest. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, dom = KurilAtlas.dom, element = dom.element;

  Atlas.mergeOptions({ speeds: [1, 2, 4, 8, 16], speed: 4 }); // Play's frames per second

  var TimeControl = KurilAtlas.Control.extend({
    options: { position: "bottomleft" },

    onAdd: function () {
      var atlas = this._atlas, panel = element("div", "atlas-panel atlas-time");
      panel.setAttribute("role", "group");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      atlas.previousButton = element("button", "atlas-previous");
      atlas.playButton = element("button", "atlas-play");
      atlas.nextButton = element("button", "atlas-next");
      dom.setIcon(atlas.previousButton, "previous");
      dom.setIcon(atlas.nextButton, "next");
      var slider = atlas.slider = element("input", "atlas-slider");
      slider.type = "range"; slider.min = 0; slider.max = atlas.data.frames.length - 1; slider.step = 1;
      // The date shown, not live: the live region says the date once it comes to rest (atlas-narration.js).
      atlas.dateLabel = element("span", "atlas-date");
      // A date typed in (keyboard or touch), taken on Enter or when the field is left.
      var typed = atlas.dateField = element("input", "atlas-date-field");
      typed.type = "text"; typed.inputMode = "numeric"; typed.autocomplete = "off"; typed.spellcheck = false;
      typed.placeholder = "YYYY-MM-DD"; typed.maxLength = 10; typed.size = 10;
      atlas.dateProblem = element("div", "atlas-date-problem");
      atlas.dateProblem.id = "atlas-date-problem";
      atlas.dateProblem.setAttribute("role", "alert");
      typed.setAttribute("aria-describedby", atlas.dateProblem.id);
      typed.addEventListener("keydown", function (event) { if (event.key === "Enter") atlas.goToTypedDate(); });
      typed.addEventListener("change", function () { atlas.goToTypedDate(); });
      var speeds = atlas.speedSelect = element("select", "atlas-speed");
      atlas.options.speeds.forEach(function (speed) {
        var option = element("option", null, speed + "×"); option.value = speed;
        if (speed === atlas.speed) option.selected = true;
        speeds.appendChild(option);
      });
      atlas.eventSelect = element("select", "atlas-events");
      atlas.caption = element("div", "atlas-caption");
      atlas.presentButton = element("button", "atlas-present");
      // On a small map (a phone, a zoomed page) the typed date, the speed, the list and the
      // caption fold away behind "more" (atlas-map.css), leaving the buttons, the date and the slider.
      var more = atlas.timeMoreButton = element("button", "atlas-time-more");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      dom.setIcon(more, "more");
      more.addEventListener("click", function () {
        var open = !panel.classList.contains("atlas-time-open");
        panel.classList.toggle("atlas-time-open", open);
        more.setAttribute("aria-expanded", open ? "true" : "false");
      });
      [typed, speeds, atlas.eventSelect, atlas.caption].forEach(function (node) { node.classList.add("atlas-time-extra"); });
      [atlas.previousButton, atlas.playButton, atlas.nextButton, slider, atlas.dateLabel, typed, speeds,
        atlas.presentButton, more, atlas.eventSelect, atlas.dateProblem, atlas.caption].forEach(function (node) { panel.appendChild(node); });
      atlas.presentButton.addEventListener("click", function () { atlas.present(!atlas.presenting); });
      atlas.timePanel = panel;
      slider.addEventListener("input", function () { atlas.pause(false); atlas.setDate(atlas.data.frames[+slider.value]); });
      slider.addEventListener("change", function () { atlas.announce(); atlas.report(); });
      atlas.playButton.addEventListener("click", function () { if (atlas.playing) atlas.pause(true); else atlas.play(); });
      atlas.previousButton.addEventListener("click", function () { atlas.stepEvent(-1); });
      atlas.nextButton.addEventListener("click", function () { atlas.stepEvent(1); });
      atlas.eventSelect.addEventListener("change", function () { atlas.goToEvent(atlas.eventSelect.value); });
      speeds.addEventListener("change", function () {
        atlas.speed = +speeds.value;
        if (atlas.playing) { atlas.pause(false); atlas.play(); }
      });
      return panel;
    }
  });

  Atlas.include({
    labelTime: function () {
      this.previousButton.setAttribute("aria-label", this.t("previous_event"));
      this.previousButton.title = this.t("previous_event");
      this.nextButton.setAttribute("aria-label", this.t("next_event"));
      this.nextButton.title = this.t("next_event");
      var playLabel = this.playing ? this.t("pause") : this.t("play");
      dom.setIcon(this.playButton, this.playing ? "pause" : "play");
      this.playButton.setAttribute("aria-pressed", this.playing ? "true" : "false");
      this.playButton.setAttribute("aria-label", playLabel);
      this.playButton.title = playLabel;
      this.slider.setAttribute("aria-label", this.t("time_slider"));
      this.dateField.setAttribute("aria-label", this.t("go_to_date"));
      this.dateField.title = this.t("go_to_date");
      this.speedSelect.setAttribute("aria-label", this.t("speed"));
      this.timeMoreButton.setAttribute("aria-label", this.t("time_more"));
      this.timeMoreButton.title = this.t("time_more");
      var presentLabel = this.t(this.presenting ? "present_leave" : "present");
      dom.setIcon(this.presentButton, this.presenting ? "leave" : "present");
      this.presentButton.setAttribute("aria-label", presentLabel);
      this.presentButton.setAttribute("aria-pressed", this.presenting ? "true" : "false");
      this.presentButton.title = presentLabel + " (F)";
    },

    /* The event list: a first entry that names it, then every event as "date — title". It shows
     * the event in force on the map's date, so arrow keys step to the next or previous event.
     * The slider spans the replay table's frames (a session's own history has other frames). */
    listEvents: function () {
      var select = this.eventSelect, self = this;
      this.slider.max = this.data.frames.length - 1;
      select.textContent = "";
      select.setAttribute("aria-label", this.t("go_to_event"));
      select.appendChild(element("option", null, this.t("go_to_event") + "…")).value = "";
      this.data.events.forEach(function (event, number) {
        select.appendChild(element("option", null, self.eventLabel(event))).value = String(number);
      });
    },

    renderTime: function (day) {
      this.slider.value = this.frameAt(day);
      this.slider.setAttribute("aria-valuetext", day);
      this.dateLabel.textContent = day;
      // The caption names the event that set the state shown; on its day the list shows the same
      // one, unless the reader has chosen another event of that day from it (atlas-replay.js).
      var shown = this.eventOn(day), setting = this.settingEvent(day);
      this.eventSelect.value = shown.number >= 0 ? String(shown.number) : "";
      this.caption.textContent = setting ? this.eventLabel(setting) : "";
      this.caption.title = this.caption.textContent;
    },

    /* Go to the date typed in the date field, at once and without the server (which then hears
     * of it as after a step); a date that is not a day of the atlas leaves the map where it is
     * and says in the field's message what it takes. */
    goToTypedDate: function () {
      var field = this.dateField, text = field.value.trim(), day = this.checkedDay(text);
      if (!text) { this.clearDateProblem(); return; }
      if (!day) {
        field.setAttribute("aria-invalid", "true");
        this.dateProblem.textContent = this.t("date_field_bad", { first: this.data.first, today: this.data.today });
        return;
      }
      this.clearDateProblem();
      field.value = "";
      this.pause(false);
      this.setDate(day);
      this.announce();
      this.report();
    },

    clearDateProblem: function () {
      this.dateField.removeAttribute("aria-invalid");
      this.dateProblem.textContent = "";
    },

    /* `text` as a day of the atlas (YYYY-MM-DD, a real calendar day from its first record to
     * today), or null. */
    checkedDay: function (text) {
      var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!parts) return null;
      var date = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
      if (date.getUTCFullYear() !== +parts[1] || date.getUTCMonth() !== +parts[2] - 1 || date.getUTCDate() !== +parts[3]) return null;
      return text >= this.data.first && text <= this.data.today ? text : null;
    },

    /* Jump to the event at `number` in the list, at once and without the server; the server then
     * hears of the new date as it does after a step. */
    goToEvent: function (number) {
      var event = number === "" ? null : this.data.events[+number];
      if (!event) { this.render(); return; }
      this.pause(false);
      this.chosenEvent = event;
      this.setDate(event.date);
      this.announce();
      this.report();
    },

    play: function () {
      var self = this, frames = this.data.frames;
      if (this.frameAt(this.state.date) >= frames.length - 1) this.setDate(frames[0]);
      this.playing = setInterval(function () {
        var next = self.frameAt(self.state.date) + 1;
        if (next >= frames.length) { self.pause(true); return; }
        self.setDate(frames[next]);
      }, 1000 / this.speed);
      this.relabel();
    },

    pause: function (report) {
      if (!this.playing) return;
      clearInterval(this.playing);
      this.playing = null;
      this.relabel();
      this.announce();
      if (report) this.report();
    },

    stepEvent: function (direction) {
      this.pause(false);
      var days = this.data.events.map(function (e) { return e.date; }), day = this.state.date, target = null;
      for (var i = 0; i < days.length; i++) {
        if (direction > 0 && days[i] > day) { target = days[i]; break; }
        if (direction < 0 && days[i] < day) target = days[i];
      }
      if (target) { this.setDate(target); this.announce(); this.report(400); }
    }
  });

  Atlas.addInitHook(function () {
    this.playing = null;
    this.speed = this.options.speed;
    this.on("draw", function () { new TimeControl(this).addTo(this.map); }, this);
    this.on("relabel", function (event) { this.labelTime(); if (event.lists) this.listEvents(); }, this);
    this.on("render", function (event) { this.renderTime(event.day); }, this);
  });
})();
