/* The map's keys, a handler (on unless the options say `keys: false`): F enters or leaves
 * Present mode and Esc leaves it; ← and → step the lesson where the map plays one (from its
 * first state on, even before it has drawn) and otherwise, while presenting, go to the previous
 * and next event; Space, while presenting, plays and pauses (in a lesson: plays the time up to
 * the next step). A map alone on its page (not one of linked maps) also takes these keys from the
 * page around it. Keys act only where focus is in the map or on the page's body: never while a
 * field, a list, the lesson grid, a button or a link has it, so that typing "f" is typing and
 * Space presses the button it is on. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, takesKeys = KurilAtlas.dom.takesKeys;

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

    /* What `key` does now, as a function, or null where it does nothing. */
    _action: function (key) {
      var atlas = this._atlas, lesson = atlas.hasLesson();
      if (key === "f" || key === "F") return atlas.ready ? function () { atlas.present(!atlas.presenting); } : null;
      if (key === "Escape") return atlas.presenting ? function () { atlas.present(false); } : null;
      if (key === "ArrowRight" || key === "ArrowLeft") {
        var direction = key === "ArrowRight" ? 1 : -1;
        if (lesson) return function () { atlas.stepLesson(direction); };
        return atlas.presenting ? function () { atlas.stepEvent(direction); } : null;
      }
      if ((key === " " || key === "Spacebar") && atlas.presenting) {
        return lesson ? function () { atlas.playToNextStep(); }
          : function () { if (atlas.playing) atlas.pause(true); else atlas.play(); };
      }
      return null;
    },

    _onKey: function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || takesKeys(event)) return;
      var action = this._action(event.key);
      if (!action) return;
      action();
      event.preventDefault();
      event.stopPropagation();
    },

    /* A key on the page around the map counts only where it was pressed on the page's body. */
    _onPageKey: function (event) {
      var frame = window.frameElement, page = this._page;
      if (!frame || !frame.isConnected) { this._leavePage(); return; }
      if (event.target === page.body || event.target === page.documentElement) this._onKey(event);
    }
  });

  Atlas.addInitHook(function () {
    if (!this.options.keys) return;
    this.keys = new Keys(this);
    this.keys.enable();
  });
})();
