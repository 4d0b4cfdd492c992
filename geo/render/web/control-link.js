/* Copy link (top left, under the layers): copies the address of what the map shows (its date,
 * island, whose maps, lesson step and language) for a reader whose address bar is hidden: full
 * screen, or the atlas embedded in a course page. The address is the page's own (the parent of
 * the map's frame, on the same server) with the view's parameters, named as Python hands them
 * over (`tables.address`); a map with no server (the offline file) has no address to give and
 * leaves the control out (`copyLink`). The clipboard is written where the browser allows it;
 * otherwise the link is shown selected in a field, to copy with the keyboard. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, dom = KurilAtlas.dom, element = dom.element;
  var LINK_ICON = "M6 10l4-4M7 4l1-1a3 3 0 014 4l-1 1M9 12l-1 1a3 3 0 01-4-4l1-1"; // two links of a chain, on a 16x16 grid
  var SHOWN_MS = 2500; // how long "copied" stays

  Atlas.mergeOptions({ copyLink: false });

  var LinkControl = KurilAtlas.Control.extend({
    options: { position: "topleft" },

    onAdd: function () {
      var atlas = this._atlas, box = element("div", "leaflet-bar atlas-link");
      L.DomEvent.disableClickPropagation(box);
      var button = atlas.linkButton = box.appendChild(element("button", "atlas-link-button"));
      button.type = "button";
      var svg = dom.svgElement("svg", { viewBox: "0 0 16 16", width: "18", height: "18", "aria-hidden": "true", focusable: "false" });
      svg.appendChild(dom.svgElement("path", { d: LINK_ICON, fill: "none", stroke: "currentColor", "stroke-width": "1.6",
        "stroke-linecap": "round" }));
      button.appendChild(svg);
      // The confirmation (and the field to copy by hand) shows beside the button, on the map
      // above every control and out of the control's box, so that it never makes the map refit;
      // a screen reader hears it.
      var toast = atlas.linkToast = atlas.map.getContainer().appendChild(element("div", "atlas-link-toast"));
      L.DomEvent.disableClickPropagation(toast);
      atlas.linkStatus = toast.appendChild(element("div", "atlas-panel atlas-link-status"));
      atlas.linkStatus.setAttribute("role", "status");
      atlas.linkField = toast.appendChild(element("input", "atlas-link-field"));
      atlas.linkField.type = "text";
      atlas.linkField.readOnly = true;
      atlas.linkField.hidden = toast.hidden = true;
      button.addEventListener("click", function () { atlas.copyLink(); });
      return box;
    }
  });

  Atlas.include({
    /* The address of the view shown: the page's address with the date, language, island, whose
     * maps (the administered map is the default and stays out) and the lesson step. */
    viewAddress: function () {
      var names = this.tables.address, state = this.state, page;
      try { page = window.parent.location; } catch (error) { page = window.location; } // another origin: the frame's own
      var query = new URLSearchParams();
      query.set(names.date, state.date);
      query.set(names.lang, state.lang);
      if (state.island) query.set(names.island, state.island);
      if (state.perspective !== this.tables.administered) query.set(names.perspective, state.perspective);
      if (this.hasLesson && this.hasLesson() && state.step) {
        // A saved lesson's present link keeps naming that lesson (never the teacher's edit key).
        var lesson = new URLSearchParams(page.search).get(names.lesson);
        if (lesson) query.set(names.lesson, lesson);
        query.set(names.step, String(state.step));
      }
      return page.origin + page.pathname + "?" + query.toString();
    },

    copyLink: function () {
      var self = this, address = this.viewAddress(), clipboard = navigator.clipboard;
      this.linkField.value = address;
      var written = clipboard && window.isSecureContext ? clipboard.writeText(address) : Promise.reject(new Error("no clipboard"));
      written.then(function () { self.linkCopied(true); }, function () { self.linkCopied(false); });
    },

    /* Say the link was copied, or show it selected in its field to copy by hand. */
    linkCopied: function (copied) {
      var toast = this.linkToast, field = this.linkField;
      var map = this.map.getContainer().getBoundingClientRect(), button = this.linkButton.getBoundingClientRect();
      toast.style.left = (button.right - map.left + 8) + "px";
      toast.style.top = (button.top - map.top) + "px";
      this.linkStatus.textContent = this.t(copied ? "link_copied" : "link_copy_manual");
      toast.hidden = false;
      field.hidden = copied;
      if (!copied) { field.focus(); field.select(); }
      clearTimeout(this.linkTimer);
      this.linkTimer = setTimeout(function () { toast.hidden = true; }, copied ? SHOWN_MS : SHOWN_MS * 4);
    },

    labelLink: function () {
      var label = this.t("link_copy_label");
      this.linkButton.setAttribute("aria-label", label);
      this.linkButton.title = this.t("link_copy");
      this.linkField.setAttribute("aria-label", this.t("link_copy"));
    }
  });

  Atlas.addInitHook(function () {
    if (!this.options.copyLink) return;
    this.on("draw", function () { new LinkControl(this).addTo(this.map); }, this);
    this.on("relabel", this.labelLink, this);
  });
})();
