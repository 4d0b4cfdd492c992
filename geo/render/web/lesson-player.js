/* The lesson player of the offline page: a teacher's lesson (the lesson of the page's first
 * state, data.state.lesson, from geo/render/contract.py's MapState) step by
 * step, with Back and Next buttons and the left and right arrow keys. Each step moves the map to
 * its date and flies to its islands. Every text of the lesson is data and is set with
 * textContent, never as markup. A page without a lesson shows no player. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("atlas-data").textContent);
  var steps = data.state.lesson && data.state.lesson.steps;
  if (!steps || !steps.length) return;
  var text = data.inline.timeline.text, index = 0, nodes = {}, dom = KurilAtlas.dom;

  function lang() { return document.documentElement.lang in text ? document.documentElement.lang : "en"; }
  function label(key, values) { return dom.translate(text, lang(), key, values); }
  function inLang(values) { return (values && (values[lang()] || values.en)) || ""; }
  /* A new element of `tag` and `className`, the last child of `parent`. */
  function add(parent, tag, className) { return parent.appendChild(dom.element(tag, className)); }

  var control = L.control({ position: "topright" });
  control.onAdd = function () {
    var panel = dom.element("section", "atlas-panel atlas-lesson");
    panel.setAttribute("aria-labelledby", "atlas-lesson-title");
    nodes.position = add(panel, "p", "atlas-lesson-position");
    nodes.title = add(panel, "h1", "atlas-lesson-title");
    nodes.title.id = "atlas-lesson-title";
    var body = add(panel, "div", "atlas-lesson-body");
    nodes.narrative = add(body, "p", "atlas-lesson-narrative");
    ["japan_view", "russia_view", "question"].forEach(function (part) {
      var block = add(body, "p", "atlas-lesson-" + part.replace("_", "-"));
      nodes[part + "_label"] = add(block, "strong", null);
      block.appendChild(document.createTextNode(" "));
      nodes[part] = add(block, "span", null);
      nodes[part + "_block"] = block;
    });
    var buttons = add(panel, "div", "atlas-lesson-buttons");
    nodes.back = add(buttons, "button", "atlas-lesson-back");
    nodes.next = add(buttons, "button", "atlas-lesson-next");
    nodes.back.type = nodes.next.type = "button";
    nodes.back.addEventListener("click", function () { go(index - 1); });
    nodes.next.addEventListener("click", function () { go(index + 1); });
    nodes.keys = add(panel, "p", "atlas-lesson-keys");
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    return panel;
  };
  control.addTo(window.map);

  function render() {
    var step = steps[index];
    nodes.position.textContent = label("story_step", { number: String(index + 1), total: String(steps.length) }) + " · " + step.date;
    nodes.title.textContent = inLang(step.title);
    nodes.narrative.textContent = inLang(step.narrative);
    [["japan_view", "story_japan_view"], ["russia_view", "story_russia_view"], ["question", "lesson_question"]].forEach(function (pair) {
      var value = inLang(step[pair[0]]);
      nodes[pair[0] + "_label"].textContent = label(pair[1]) + ":";
      nodes[pair[0]].textContent = value;
      nodes[pair[0] + "_block"].hidden = !value;
    });
    nodes.back.textContent = "← " + label("story_back");
    nodes.next.textContent = label("story_next") + " →";
    nodes.back.disabled = index === 0;
    nodes.next.disabled = index === steps.length - 1;
    nodes.keys.textContent = label("lesson_export_keys");
    document.getElementById("map").setAttribute("data-lesson-step", String(index + 1));
  }

  function go(to) {
    index = Math.max(0, Math.min(steps.length - 1, to));
    var step = steps[index];
    KurilAtlas.sync({ date: step.date, perspective: step.perspective, focus: { key: "lesson-" + (index + 1), islands: step.islands } });
    render();
  }

  /* The arrows step the lesson wherever the reader is on the page, except in a field that takes
   * them itself (the slider, the language and event lists); this listener runs first (capture on
   * the window), so Present mode's own arrows (events) do not step the map past the lesson. */
  window.addEventListener("keydown", function (event) {
    var target = event.target, tag = target && target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    go(index + (event.key === "ArrowRight" ? 1 : -1));
    event.preventDefault();
    event.stopPropagation();
  }, true);
  var picker = document.getElementById("atlas-export-lang");
  if (picker) picker.addEventListener("change", render);
  var start = /(?:^#|&)step=(\d{1,3})(?:&|$)/.exec(location.hash);
  go(start ? +start[1] - 1 : 0);
})();
