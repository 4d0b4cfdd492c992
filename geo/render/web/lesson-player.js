/* The lesson player: a story or a teacher's lesson played by the map, step by step. The lesson
 * comes in the map's state (`lesson`: geo/render/contract.py's Lesson, {key, steps}, each step
 * {date, islands, perspective, and its texts by language}; `step`: the number of the step shown).
 * ← and → go back and forward, in the map and on the page around it; each step moves the map
 * to its date and perspective, flies to its islands and tells the server (MapReport's `step`),
 * whose page shows the step's text beside the map. A map with no server (the offline page)
 * starts on its step and shows the step itself: its number, title, narrative, each side's view
 * and a question, with Back and Next. Every text of a lesson is data and is set with
 * textContent, never as markup. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, dom = KurilAtlas.dom, element = dom.element;
  // A step's texts under its title, each with its label's text key.
  var PARTS = [["japan_view", "story_japan_view"], ["russia_view", "story_russia_view"], ["question", "lesson_question"]];

  /* A new element of `tag` and `className`, the last child of `parent`. */
  function add(parent, tag, className) { return parent.appendChild(element(tag, className)); }

  var LessonControl = KurilAtlas.Control.extend({
    options: { position: "topright" },

    onAdd: function () {
      var atlas = this._atlas, nodes = atlas.lessonNodes = {}, panel = element("section", "atlas-panel atlas-lesson");
      panel.setAttribute("aria-labelledby", "atlas-lesson-title");
      nodes.position = add(panel, "p", "atlas-lesson-position");
      nodes.title = add(panel, "h1", "atlas-lesson-title");
      nodes.title.id = "atlas-lesson-title";
      var body = add(panel, "div", "atlas-lesson-body");
      nodes.narrative = add(body, "p", "atlas-lesson-narrative");
      PARTS.forEach(function (pair) {
        var part = pair[0], block = add(body, "p", "atlas-lesson-" + part.replace("_", "-"));
        nodes[part + "_label"] = add(block, "strong", null);
        block.appendChild(document.createTextNode(" "));
        nodes[part] = add(block, "span", null);
        nodes[part + "_block"] = block;
      });
      var buttons = add(panel, "div", "atlas-lesson-buttons");
      nodes.back = add(buttons, "button", "atlas-lesson-back");
      nodes.next = add(buttons, "button", "atlas-lesson-next");
      nodes.back.type = nodes.next.type = "button";
      nodes.back.addEventListener("click", function () { atlas.goToStep(atlas.state.step - 1); });
      nodes.next.addEventListener("click", function () { atlas.goToStep(atlas.state.step + 1); });
      nodes.keys = add(panel, "p", "atlas-lesson-keys");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      return panel;
    }
  });

  /* ← and → step the lesson wherever the reader is, in the map's frame and on the page around
   * it, except in a field that takes them itself (the slider, the lists). The frame's listener
   * runs first (capture on the window), so Present mode's own arrows (events) do not step the
   * map past the lesson. */
  var LessonKeys = L.Handler.extend({
    initialize: function (atlas) {
      this._atlas = atlas;
      this._onKey = L.bind(this._onKey, this);
    },

    addHooks: function () {
      window.addEventListener("keydown", this._onKey, true);
      if (window.parent === window) return;
      try { this._page = window.parent.document; } catch (error) { return; } // another origin: the frame's keys only
      this._page.addEventListener("keydown", this._onKey, true);
    },

    removeHooks: function () {
      window.removeEventListener("keydown", this._onKey, true);
      if (this._page) this._page.removeEventListener("keydown", this._onKey, true);
      this._page = null;
    },

    _onKey: function (event) {
      if (event.currentTarget === this._page && !(window.frameElement && window.frameElement.isConnected)) {
        this._page.removeEventListener("keydown", this._onKey, true); // the map has left the page
        this._page = null;
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || dom.typing(event)) return;
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      this._atlas.goToStep((this._atlas.state.step || 1) + (event.key === "ArrowRight" ? 1 : -1));
      event.preventDefault();
      event.stopPropagation();
    }
  });

  Atlas.include({
    /* Go to the lesson's step `number` (clamped to the lesson) and tell the server. */
    goToStep: function (number) {
      var steps = this.lesson.steps;
      number = Math.max(1, Math.min(steps.length, number || 1));
      if (number === this.state.step && this.state.date === steps[number - 1].date) return;
      this.showStep(number);
      this.report();
    },

    /* Move the map to step `number`: its date, no island, its perspective, its islands in sight. */
    showStep: function (number) {
      var step = this.lesson.steps[number - 1], switched = !!step.perspective && step.perspective !== this.state.perspective;
      this.state.step = number;
      this.state.island = "";
      this.state.date = step.date;
      if (switched) this.state.perspective = step.perspective;
      this.pendingFocus = { key: this.lesson.key + "-" + number, islands: step.islands };
      if (!this.ready) return; // the map is drawn there
      this.pause(false);
      if (switched) this.relabel();
      this.render();
      this.announce();
      if (switched) this.announcePerspective();
      this.applyFocus();
      this.renderLesson();
    },

    /* Take the keys for the lesson the map has been handed, at once: a reader may press one
     * before the map has drawn. */
    listenToLesson: function () {
      if (this.lesson && !this.lessonKeys) this.lessonKeys = new LessonKeys(this).enable();
    },

    /* Once the map is drawn, show its lesson's step where no server shows it beside the map. */
    showLesson: function () {
      if (this.lesson && !this.options.report && !this.lessonNodes) new LessonControl(this).addTo(this.map);
      this.renderLesson();
    },

    renderLesson: function () {
      var nodes = this.lessonNodes, self = this, steps = this.lesson && this.lesson.steps, number = this.state.step;
      if (!steps || !number) return;
      this.map.getContainer().setAttribute("data-lesson-step", String(number));
      if (!nodes) return;
      var step = steps[number - 1], lang = this.state.lang;
      function inLang(values) { return (values && (values[lang] || values.en)) || ""; }
      nodes.position.textContent = this.t("story_step", { number: String(number), total: String(steps.length) }) + " · " + step.date;
      nodes.title.textContent = inLang(step.title);
      nodes.narrative.textContent = inLang(step.narrative);
      PARTS.forEach(function (pair) {
        var value = inLang(step[pair[0]]);
        nodes[pair[0] + "_label"].textContent = self.t(pair[1]) + ":";
        nodes[pair[0]].textContent = value;
        nodes[pair[0] + "_block"].hidden = !value;
      });
      nodes.back.textContent = "← " + this.t("story_back");
      nodes.next.textContent = this.t("story_next") + " →";
      nodes.back.disabled = number === 1;
      nodes.next.disabled = number === steps.length;
      nodes.keys.textContent = this.t("lesson_export_keys");
    }
  });

  Atlas.addInitHook(function () {
    var state = this.options.state;
    this.lesson = state.lesson || null;
    this.state.step = state.lesson ? Math.max(1, Math.min(state.lesson.steps.length, state.step || 1)) : undefined;
    this.listenToLesson();
    this.on("sync", function (event) {
      var state = event.state;
      if (state.lesson) this.lesson = state.lesson;
      if (state.lesson && state.step && (event.accepted || !this.state.step)) this.state.step = state.step;
      this.listenToLesson();
    }, this);
    // With no server to say where to start, the map goes to its step itself.
    this.on("show", function () { if (this.lesson && !this.options.report) this.showStep(this.state.step); }, this);
    this.on("settle", this.showLesson, this);
    this.on("relabel", this.renderLesson, this);
  });
})();
