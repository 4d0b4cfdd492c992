/* Present mode, for a projector: the map fills the screen (the browser's full screen where it
 * allows it, and the whole window where it does not, the page under it inert), with the legend open
 * (where the map is wide enough to spare the room), larger controls,
 * and a headline over the map: the date, the event in force and what changed, in type a class
 * can read from the back of the room (hidden outside Present mode). */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  Atlas.include({
    buildHeadline: function () {
      var box = element("div", "atlas-headline");
      this.headlineDate = box.appendChild(element("div", "atlas-headline-date"));
      this.headlineTitle = box.appendChild(element("div", "atlas-headline-title"));
      this.headlineChange = box.appendChild(element("div", "atlas-headline-change"));
      box.setAttribute("aria-hidden", "true"); // the live region says the same to a screen reader
      this.map.getContainer().appendChild(box);
    },

    renderHeadline: function (day, event) {
      this.headlineDate.textContent = this.longDate(day);
      this.headlineTitle.textContent = event ? (event.title[this.state.lang] || event.title.en) : "";
      this.headlineChange.textContent = this.announced === day ? this.lastChange || "" : "";
    },

    /* While the frame covers the page (`on`), the page's own elements, hidden under it, are
     * `inert`: out of the Tab order and of a screen reader's reach (where the browser refuses
     * full screen, the frame is only laid over the page); they are given back afterwards. */
    quietPage: function (frame, on) {
      (this.quieted || []).forEach(function (node) { node.inert = false; });
      (this.untabbed || []).forEach(function (pair) { pair[0].setAttribute("tabindex", pair[1]); });
      this.quieted = [];
      this.untabbed = []; // the frame's own boxes that take focus (a scrolling main): out of the Tab order too
      if (!on || !frame) return;
      for (var node = frame; node.parentElement; node = node.parentElement) {
        if (node !== frame && node.tabIndex >= 0 && node.hasAttribute("tabindex")) {
          this.untabbed.push([node, node.getAttribute("tabindex")]);
          node.setAttribute("tabindex", "-1");
        }
        Array.prototype.forEach.call(node.parentElement.children, function (other) {
          if (other === node || other.inert || /^(HEAD|SCRIPT|STYLE|LINK|META)$/.test(other.tagName)) return;
          other.inert = true;
          this.quieted.push(other);
        }, this);
      }
    },

    present: function (on) {
      var self = this, frame = null, root = document.documentElement;
      if (on === this.presenting) return;
      this.presenting = on;
      try { frame = window.frameElement; } catch (error) { frame = null; }
      root.classList.toggle("atlas-presenting", on);
      if (frame) {
        ["position:fixed", "inset:0", "width:100vw", "height:100vh", "z-index:1000000", "background:#fff"].forEach(function (rule) {
          var pair = rule.split(":");
          if (on) frame.style.setProperty(pair[0], pair[1], "important"); else frame.style.removeProperty(pair[0]);
        });
      }
      this.quietPage(frame, on);
      var target = frame || root, owner = target.ownerDocument, legend = this.legend || {};
      if (on) {
        this.legendWasOpen = legend.open;
        legend.open = legend.open || this.map.getSize().x >= 700; // on a small map it would cover the controls beside it
        this.renderHeadline(this.state.date, this.eventOn(this.state.date).event);
        if (target.requestFullscreen && !owner.fullscreenElement) {
          target.requestFullscreen().catch(function () { /* refused: the whole window is the presenting layout */ });
        }
        this.onFullscreenChange = function () { if (!owner.fullscreenElement && self.presenting && self.wasFullscreen) self.present(false); self.wasFullscreen = !!owner.fullscreenElement; };
        owner.addEventListener("fullscreenchange", this.onFullscreenChange);
      } else {
        legend.open = this.legendWasOpen;
        owner.removeEventListener("fullscreenchange", this.onFullscreenChange);
        this.wasFullscreen = false;
        if (owner.fullscreenElement && owner.exitFullscreen) owner.exitFullscreen().catch(function () {});
      }
      this.relabel();
      setTimeout(function () { self.map.invalidateSize(); }, 50);
      // Entering, the map takes the keys; leaving, focus goes back to the button that presented.
      if (on || !this.presentButton) this.map.getContainer().focus(); else this.presentButton.focus();
    }
  });

  /* The headline follows the date while presenting. */
  function follow(event) {
    if (this.presenting) this.renderHeadline(event.day, this.eventOn(event.day).event);
  }

  Atlas.addInitHook(function () {
    this.presenting = false;
    this.on("draw", this.buildHeadline, this);
    this.on("render announce", follow, this);
  });
})();
