/* The lesson control (bottom left, over the time control): Back and Next, and which step of how
 * many is shown with its title, wherever the map plays a lesson (lesson-player.js), so that a
 * phone steps the story with the map on screen; hidden where it plays none. In Present mode the
 * headline names the step: "Step 3 of 16" with the date, and the step's title in large type. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  var LessonControl = KurilAtlas.Control.extend({
    options: { position: "bottomleft" },

    onAdd: function () {
      var atlas = this._atlas, bar = element("div", "atlas-panel atlas-lesson-bar");
      bar.setAttribute("role", "group");
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.disableScrollPropagation(bar);
      atlas.lessonBack = bar.appendChild(element("button", "atlas-lesson-back"));
      var where = bar.appendChild(element("div", "atlas-lesson-where"));
      atlas.lessonCount = where.appendChild(element("span", "atlas-lesson-count"));
      atlas.lessonTitle = where.appendChild(element("span", "atlas-lesson-step-title"));
      atlas.lessonNext = bar.appendChild(element("button", "atlas-lesson-next"));
      atlas.lessonBack.type = atlas.lessonNext.type = "button";
      atlas.lessonBack.addEventListener("click", function () { atlas.stepLesson(-1); });
      atlas.lessonNext.addEventListener("click", function () { atlas.stepLesson(1); });
      atlas.lessonBar = bar;
      return bar;
    }
  });

  Atlas.include({
    /* The control's words and buttons for the step shown; hidden with no lesson. */
    labelLesson: function () {
      var bar = this.lessonBar, step = this.currentStep();
      if (!bar) return;
      bar.hidden = !step;
      this.map.getContainer().classList.toggle("atlas-has-lesson", !!step);
      if (!step) return;
      var number = this.state.step, total = this.lesson.steps.length;
      this.lessonCount.textContent = this.stepPosition();
      this.lessonTitle.textContent = this.stepText(step, "title");
      this.lessonTitle.title = this.lessonTitle.textContent;
      this.lessonBack.textContent = "← " + this.t("story_back");
      this.lessonNext.textContent = this.t("story_next") + " →";
      this.lessonBack.disabled = number === 1;
      this.lessonNext.disabled = number === total;
      this.map.getContainer().setAttribute("data-lesson-step", String(number));
    }
  });

  /* Present mode's headline in a lesson: the step and its date, and the step's title. */
  var renderHeadline = Atlas.prototype.renderHeadline;
  Atlas.include({
    renderHeadline: function (day, event) {
      var step = this.currentStep();
      if (!step) { renderHeadline.call(this, day, event); return; }
      this.headlineDate.textContent = this.stepPosition() + " · "
        + (day === step.date ? this.stepText(step, "when") || day : this.longDate(day));
      this.headlineTitle.textContent = this.stepText(step, "title");
      this.headlineChange.textContent = this.announced === day ? this.lastChange || "" : "";
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", function () { new LessonControl(this).addTo(this.map); }, this);
    this.on("relabel step", function () {
      this.labelLesson();
      if (this.presenting) this.renderHeadline(this.state.date, this.eventOn(this.state.date).event);
    }, this);
  });
})();
