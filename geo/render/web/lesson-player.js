/* The lesson player: a story or a teacher's lesson played by the map, step by step. The lesson
 * comes in the map's state (`lesson`: geo/render/contract.py's Lesson, {key, steps}, each step
 * {date, islands, perspective, and its texts by language}; `step`: the number of the step shown).
 * Each step moves the map at once to its date and perspective, flies to its islands and tells
 * the server (MapReport's `step`), whose page shows the step's text beside the map. Back and
 * Next are on the map's lesson control (control-lesson.js), ← and → step it (handler-keys.js),
 * and Space in Present mode plays the time up to the next step's date, which then shows that
 * step. A map with no server (the offline page) starts on its step itself. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas;

  Atlas.include({
    /* Whether the map plays a lesson. */
    hasLesson: function () {
      return !!(this.lesson && this.lesson.steps && this.lesson.steps.length);
    },

    /* The step shown (an object of the lesson's steps), or null. */
    currentStep: function () {
      return this.hasLesson() && this.state.step ? this.lesson.steps[this.state.step - 1] : null;
    },

    /* The islands of step `number` to fly to, once: keyed by the lesson and the step. */
    stepFocus: function (number) {
      return { key: this.lesson.key + "-" + number, islands: this.lesson.steps[number - 1].islands };
    },

    /* "Step 3 of 16", in the map's language. */
    stepPosition: function () {
      return this.t("story_step", { number: String(this.state.step), total: String(this.lesson.steps.length) });
    },

    /* What the live region says first of the step shown: "Step 3 of 16: its title". */
    stepLead: function () {
      return this.stepPosition() + ": " + this.stepText(this.currentStep(), "title");
    },

    /* A step's text `name` ("title", "narrative"...) in the map's language, or in English. */
    stepText: function (step, name) {
      var values = step[name] || {};
      return values[this.state.lang] || values.en || "";
    },

    /* Go to the lesson's step `number` (clamped to the lesson) and tell the server. */
    goToStep: function (number) {
      if (!this.hasLesson()) return;
      var steps = this.lesson.steps;
      number = Math.max(1, Math.min(steps.length, number || 1));
      if (number === this.state.step && this.state.date === steps[number - 1].date) return;
      this.showStep(number);
      this.report();
    },

    /* The next (`direction` 1) or the previous (-1) step. */
    stepLesson: function (direction) {
      this.goToStep((this.state.step || 1) + direction);
    },

    /* Move the map to step `number`: its date, no island, its perspective, its islands in sight. */
    showStep: function (number) {
      var step = this.lesson.steps[number - 1], switched = !!step.perspective && step.perspective !== this.state.perspective;
      this.state.step = number;
      this.state.island = "";
      this.state.date = step.date;
      this.playingTo = null;
      if (switched) this.state.perspective = step.perspective;
      this.pendingFocus = this.stepFocus(number);
      if (!this.ready) return; // the map is drawn there
      this.pause(false);
      if (switched) this.relabel();
      this.render();
      if (switched) this.announcePerspective();
      this.announceLead = this.stepLead();
      this.announce(); // last: the step and its date are what the live region says
      this.applyFocus();
      this.fire("step", { number: number, step: step });
    },

    /* Space in a lesson: play the time from this step up to the next one's date, which then
     * shows that step; where the next step is no later, show it at once. Space again pauses. */
    playToNextStep: function () {
      var next = this.hasLesson() ? this.lesson.steps[this.state.step] : null;
      if (this.playing) { this.pause(true); return; }
      if (!next) return;
      if (next.date <= this.state.date) { this.stepLesson(1); return; }
      this.playingTo = this.state.step + 1;
      this.play();
    }
  });

  /* While playing to a step, stop on its date and show it. */
  function stopAtStep(event) {
    var target = this.playingTo, step = target ? this.lesson.steps[target - 1] : null;
    if (!this.playing || !step || event.day < step.date) return;
    this.playingTo = null;
    this.showStep(target);
    this.report();
  }

  Atlas.addInitHook(function () {
    var state = this.options.state;
    this.lesson = state.lesson || null;
    this.playingTo = null;
    this.state.step = state.lesson ? Math.max(1, Math.min(state.lesson.steps.length, state.step || 1)) : undefined;
    this.on("sync", function (event) {
      var state = event.state;
      if (state.lesson) this.lesson = state.lesson;
      if (state.lesson && state.step && (event.accepted || !this.state.step)) {
        var chosen = this.ready && state.step !== this.state.step;
        this.state.step = state.step;
        // A step chosen on the page (its own Back and Next) is said as the map's own are.
        if (chosen) this.announceLead = this.stepLead();
      }
      // The step's islands are the player's to fly to (the "settle" that follows every sync once
      // the map is drawn flies there, once per step, and shows the step).
      if (this.hasLesson() && this.state.step) this.pendingFocus = this.stepFocus(this.state.step);
    }, this);
    // With no server to say where to start, the map goes to its step itself.
    this.on("show", function () { if (this.hasLesson() && !this.options.report) this.showStep(this.state.step); }, this);
    this.on("settle", function () { if (this.hasLesson()) this.fire("step", { number: this.state.step, step: this.currentStep() }); }, this);
    this.on("render", stopAtStep, this);
  });
})();
