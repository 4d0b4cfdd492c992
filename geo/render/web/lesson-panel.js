/* The lesson's text on a map with no server beside it (the offline page): the step shown, its
 * title, narrative, each side's view and a question for the class, in a panel over the map
 * (top right). In the app the page shows them beside the map instead. Every text of a lesson is
 * data and is set with textContent, never as markup. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;
  // A step's texts under its title, each with its label's text key.
  var PARTS = [["japan_view", "story_japan_view"], ["russia_view", "story_russia_view"], ["question", "lesson_question"]];

  /* A new element of `tag` and `className`, the last child of `parent`. */
  function add(parent, tag, className) { return parent.appendChild(element(tag, className)); }

  var LessonPanel = KurilAtlas.Control.extend({
    options: { position: "topright" },

    onAdd: function () {
      var nodes = this._atlas.lessonNodes = {}, panel = element("section", "atlas-panel atlas-lesson");
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
      nodes.keys = add(panel, "p", "atlas-lesson-keys");
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      return panel;
    }
  });

  Atlas.include({
    renderLessonPanel: function () {
      var nodes = this.lessonNodes, step = this.currentStep(), self = this;
      if (!nodes || !step) return;
      nodes.position.textContent = this.stepPosition() + " · " + (this.stepText(step, "when") || step.date);
      nodes.title.textContent = this.stepText(step, "title");
      nodes.narrative.textContent = this.stepText(step, "narrative");
      PARTS.forEach(function (pair) {
        var value = self.stepText(step, pair[0]);
        nodes[pair[0] + "_label"].textContent = self.t(pair[1]) + ":";
        nodes[pair[0]].textContent = value;
        nodes[pair[0] + "_block"].hidden = !value;
      });
      nodes.keys.textContent = this.t("lesson_export_keys");
      this.fitLessonPanel();
    },

    /* Keep the panel above the controls at the bottom where they reach under it (it scrolls). */
    fitLessonPanel: function () {
      var panel = this.lessonNodes && this.lessonNodes.title.parentNode, map = this.map.getContainer();
      var bottom = map.querySelector(".leaflet-bottom.leaflet-left");
      if (!panel || !bottom) return;
      panel.style.maxHeight = "";
      var box = panel.getBoundingClientRect(), below = bottom.getBoundingClientRect();
      if (!below.height || below.right <= box.left) return;
      panel.style.maxHeight = Math.max(120, below.top - box.top - 10) + "px";
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", function () {
      if (this.hasLesson() && !this.options.report) new LessonPanel(this).addTo(this.map);
    }, this);
    this.on("relabel step", this.renderLessonPanel, this);
    this.on("draw", function () { this.map.on("resize", this.fitLessonPanel, this); }, this);
  });
})();
