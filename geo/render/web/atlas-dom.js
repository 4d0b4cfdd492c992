/* The DOM helpers of the atlas's browser code, one copy for the map, the lesson player and the
 * offline page (KurilAtlas.dom): elements whose text is set through textContent, never as
 * markup; the controls' icons; and the interface text in the reader's language. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = { // SVG paths on a 16x16 grid, so that no font has to carry these symbols
    previous: "M3 2h2v12H3zM14 2v12L6 8z",
    next: "M11 2h2v12h-2zM2 2v12l8-6z",
    play: "M4 2v12l10-6z",
    pause: "M3 2h4v12H3zM9 2h4v12H9z",
    present: "M1 1h5v2H3v3H1zM10 1h5v5h-2V3h-3zM1 10h2v3h3v2H1zM13 10h2v5h-5v-2h3z",
    leave: "M4 1h2v5H1V4h3zM10 1h2v3h3v2h-5zM1 10h5v5H4v-3H1zM10 10h5v2h-3v3h-2z",
    more: "M1.5 6.5h3v3h-3zM6.5 6.5h3v3h-3zM11.5 6.5h3v3h-3z"
  };

  /* A `tag` element of class `className`, holding `text` (as text) when it is given. */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* An SVG element with `attributes`. */
  function svgElement(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function icon(name) {
    var svg = svgElement("svg", { viewBox: "0 0 16 16", width: "16", height: "16", "aria-hidden": "true", focusable: "false" });
    svg.appendChild(svgElement("path", { d: ICONS[name], fill: "currentColor" }));
    return svg;
  }

  function setIcon(button, name) {
    button.textContent = "";
    button.appendChild(icon(name));
  }

  /* The interface text `key` of `text` ({lang: {key: text}}) in `lang`, English where that
   * language lacks it and the key itself where English does too; each "{name}" in it replaced
   * by `values[name]`. */
  function translate(text, lang, key, values) {
    var value = (text[lang] || text.en)[key] || text.en[key] || key;
    Object.keys(values || {}).forEach(function (name) { value = value.split("{" + name + "}").join(values[name]); });
    return value;
  }

  // What keeps its own keys: fields, lists, grids, buttons, links and the like (Space and Enter
  // press a focused button; arrows move in a list, a grid or a slider).
  var OWN_KEYS = "input, select, textarea, button, a[href], summary, [contenteditable=''], [contenteditable=true], " +
    "[role=grid], [role=gridcell], [role=textbox], [role=combobox], [role=listbox], [role=option], [role=slider], " +
    "[role=spinbutton], [role=button], [role=tab], [role=menuitem], [role=checkbox], [role=radio], [role=switch]";

  /* Whether a key `event` goes to something that takes keys itself, so that the map's keys leave it alone. */
  function takesKeys(event) {
    var target = event.target;
    return !!(target && target.closest && (target.isContentEditable || target.closest(OWN_KEYS)));
  }

  var atlas = window.KurilAtlas = window.KurilAtlas || {};
  atlas.dom = { element: element, svgElement: svgElement, icon: icon, setIcon: setIcon, translate: translate, takesKeys: takesKeys };
})();
