/* The Kuril Islands atlas in the browser, its core: the Atlas class, which holds the map's
 * options and state (date, island, language, perspective: whose maps the colours follow), loads
 * the data, and the KurilAtlas global (attach, sync, current).
 *
 * The core knows none of its features. Each file of geo/render/web/, joined after it in the
 * order of geo/render/webassets.py's SCRIPT_FILES, extends it as Leaflet's own files extend
 * L.Map: methods through Atlas.include, defaults through Atlas.mergeOptions, and an init hook
 * (Atlas.addInitHook) that listens to the events the core fires; a control extends
 * KurilAtlas.Control (an L.Control that knows its atlas), a handler L.Handler. The events:
 *   draw {files}     the data has arrived: build the shapes and the controls
 *   relabel {lists}  the language, perspective or Play changed: label the controls again
 *                    (`lists`: also rebuild what lists the data, such as the events)
 *   ready            drawn: take what waited for the data (a session's own history)
 *   render {day}     the date, island or perspective changed: draw it (every frame of Play)
 *   show             first shown: fit the chain, say what it shows
 *   sync {state, accepted}  the server's state arrived (before the data, or after it);
 *                    `accepted`: whether its date and perspective move the map
 *   settle           after the first showing and each sync: fly to islands, swipe, play a lesson
 *   live             once shown: link maps, listen for keys, tell the server
 * Every table the script needs (colours, strokes, perspectives, data files, the replay table's
 * layout) comes from Python in the options (`style`, `tables`). All data text reaches the page
 * through textContent, never as HTML. */
(function () {
  "use strict";
  var dom = KurilAtlas.dom;

  var Atlas = L.Evented.extend({
    options: {},

    initialize: function (map, options) {
      L.setOptions(this, options);
      this.map = map;
      this.style = options.style; // colours, strokes, opacities and bounds: geo/render/style.py
      this.tables = options.tables; // perspectives, layouts, data files...: geo/render/mapview.py
      this.state = { date: options.state.date, island: options.state.island || "", lang: options.state.lang || "en",
        perspective: options.state.perspective || this.tables.administered };
      this.ready = false;
    },

    /* The interface text `key` in the map's language, with `values` put in its "{name}"s. */
    t: function (key, values) {
      return dom.translate(this.data.text, this.state.lang, key, values);
    },

    load: function () {
      var self = this, names = this.tables.dataFiles, urls = this.options.urls, inline = this.options.inline;
      // `inline` holds the data in the page itself (the offline export: no server to fetch from).
      // Otherwise each file's download was started by the map's script as it ran (atlas-prefetch.js).
      var prefetched = window.KurilAtlasPrefetch;
      var loading = inline ? Promise.resolve(names.map(function (name) { return inline[name]; })) : Promise.all(names.map(function (name) {
        return (prefetched && prefetched.take(urls[name])) || fetch(urls[name]).then(function (response) {
          if (!response.ok) throw new Error(name + ": HTTP " + response.status);
          return response.json();
        });
      }));
      return loading.then(function (parts) {
        var files = {};
        names.forEach(function (name, number) { files[name] = parts[number]; });
        self.data = self.sharedData = files.timeline;
        self.fire("draw", { files: files });
        self.relabel(true);
        self.ready = true;
        self.fire("ready");
        self.render();
        self.fire("show");
        self.fire("settle");
        self.fire("live");
        self.map.getContainer().setAttribute("data-atlas-ready", "1");
      }).catch(function (error) {
        var box = dom.element("div", "atlas-panel", "The map data could not be loaded: " + error.message);
        box.setAttribute("role", "alert");
        self.map.getContainer().appendChild(box);
        box.style.position = "absolute"; box.style.top = "10px"; box.style.left = "60px"; box.style.zIndex = 1000;
      });
    },

    /* Label every control again; `lists` also rebuilds the lists of data text. */
    relabel: function (lists) {
      this.nameFrame();
      this.fire("relabel", { lists: !!lists });
    },

    /* The map's document in the map's language (its `lang`), so that a screen reader reads it so. */
    nameFrame: function () {
      document.documentElement.lang = this.state.lang;
    },

    /* Draw the map's date, island and perspective. */
    render: function () {
      var day = this.state.date, container = this.map.getContainer();
      this.fire("render", { day: day });
      container.setAttribute("data-atlas-date", day);
      container.setAttribute("data-atlas-perspective", this.state.perspective);
    },

    setDate: function (day) {
      this.state.date = day;
      if (this.ready) this.render();
    }
  });

  /* The base of the atlas's controls: a Leaflet control that knows its atlas (`_atlas`). */
  var Control = L.Control.extend({
    initialize: function (atlas, options) {
      L.setOptions(this, options);
      this._atlas = atlas;
    }
  });

  var current = null, pending = null;
  KurilAtlas.Atlas = Atlas;
  KurilAtlas.Control = Control;
  KurilAtlas.attach = function (map, options) {
    current = new Atlas(map, options);
    if (pending) { current.sync(pending); pending = null; }
    current.load().then(function () { if (pending) { current.sync(pending); pending = null; } });
    return current;
  };
  KurilAtlas.sync = function (state) { if (current) current.sync(state); else pending = state; };
  KurilAtlas.current = function () { return current; };
})();
