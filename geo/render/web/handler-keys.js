/* The map's keys, a handler (on unless the options say `keys: false`): F enters or leaves
 * Present mode; while presenting, Space plays and pauses, the left and right arrows step to the
 * previous and next event, and Esc leaves. A map alone on its page (not one of linked maps)
 * also takes F from the page around it. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, typing = KurilAtlas.dom.typing;

  Atlas.mergeOptions({ keys: true });

  var Keys = L.Handler.extend({
    initialize: function (atlas) {
      this._atlas = atlas;
      this._onKey = L.bind(this._onKey, this);
      this._onPageKey = L.bind(this._onPageKey, this);
    },

    addHooks: function () {
      document.addEventListener("keydown", this._onKey, true);
      if (this._atlas.options.viewGroup || window.parent === window) return;
      try { this._page = window.parent.document; } catch (error) { return; } // another origin: the map's own keys only
      this._page.addEventListener("keydown", this._onPageKey, true);
    },

    removeHooks: function () {
      document.removeEventListener("keydown", this._onKey, true);
      this._leavePage();
    },

    _leavePage: function () {
      if (this._page) this._page.removeEventListener("keydown", this._onPageKey, true);
      this._page = null;
    },

    _onKey: function (event) {
      var atlas = this._atlas, key = event.key;
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) return;
      if (key === "f" || key === "F") { atlas.present(!atlas.presenting); event.preventDefault(); return; }
      if (!atlas.presenting) return;
      if (key === "Escape") atlas.present(false);
      else if (key === " " || key === "Spacebar") { if (atlas.playing) atlas.pause(true); else atlas.play(); }
      else if (key === "ArrowRight") atlas.stepEvent(1);
      else if (key === "ArrowLeft") atlas.stepEvent(-1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    },

    _onPageKey: function (event) {
      var frame = window.frameElement;
      if (!frame || !frame.isConnected) { this._leavePage(); return; }
      if (event.key === "f" || event.key === "F" || (event.key === "Escape" && this._atlas.presenting)) this._onKey(event);
    }
  });

  Atlas.addInitHook(function () {
    this.on("live", function () {
      if (!this.options.keys) return;
      this.keys = new Keys(this);
      this.keys.enable();
    }, this);
  });
})();
