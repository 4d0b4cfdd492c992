/* Every island in sight: the chain (or a step's islands) is fitted into the part of the map that
 * its controls leave free, with Leaflet's own padding. Each control lies in a corner; it is kept
 * clear either by a band along its side edge or by one along its top or bottom edge, whichever
 * takes less of the map, so no island lies under a control. The map follows the window's size and
 * its controls' sizes (a lesson's control appearing, the legend opening, Present mode) until the
 * reader moves it. Present mode's headline goes where it covers no control: between the top
 * corners' controls where there is room, else under them. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas;
  var GAP = 10; // air between the islands and a control, in pixels
  var FOCUS_ZOOM = 10; // no closer than this for a step's islands
  var REFIT_MS = 80; // a resize's own moves are over by then
  // The controls a reader uses; the attribution line is small print at the map's edge.
  var CONTROLS = ".leaflet-control:not(.leaflet-control-attribution)";

  /* The box of `node` in the map's container's coordinates, or null where it is not shown. */
  function boxIn(node, container) {
    if (!node.getClientRects().length) return null;
    var r = node.getBoundingClientRect(), c = container.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    return { left: r.left - c.left, top: r.top - c.top, right: r.right - c.left, bottom: r.bottom - c.top };
  }

  Atlas.include({
    /* The padding, from each edge, that keeps the map's controls (and the headline) clear. */
    freePadding: function () {
      var container = this.map.getContainer(), size = this.map.getSize();
      var pad = { top: GAP, right: GAP, bottom: GAP, left: GAP };
      var nodes = Array.prototype.slice.call(container.querySelectorAll(CONTROLS));
      if (this.presenting && this.headlineBox()) nodes.push(this.headlineBox());
      nodes.forEach(function (node) {
        var box = boxIn(node, container);
        if (!box) return;
        var fromLeft = box.right, fromRight = size.x - box.left, fromTop = box.bottom, fromBottom = size.y - box.top;
        var side = Math.min(fromLeft, fromRight), end = Math.min(fromTop, fromBottom);
        // A band along the side costs its width times the map's height; one along the top or
        // bottom, its height times the map's width.
        if (side * size.y <= end * size.x) {
          if (fromLeft <= fromRight) pad.left = Math.max(pad.left, fromLeft + GAP);
          else pad.right = Math.max(pad.right, fromRight + GAP);
        } else if (fromTop <= fromBottom) {
          pad.top = Math.max(pad.top, fromTop + GAP);
        } else {
          pad.bottom = Math.max(pad.bottom, fromBottom + GAP);
        }
      });
      return pad;
    },

    /* Leaflet's fit options for the free part of the map (`pad`: freePadding(), where known). */
    fitPadding: function (pad) {
      pad = pad || this.freePadding();
      return { paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom] };
    },

    /* Show the whole chain, or the islands the map last flew to, in the part of the map its
     * controls leave free (at once: the window or a control has changed size). */
    fitChain: function () {
      var map = this.map, size = map.getSize(), pad = this.freePadding();
      // A frame not laid out yet has no room for the chain: the resize that follows fits it.
      if (size.x <= pad.left + pad.right + 20 || size.y <= pad.top + pad.bottom + 20) return;
      this.fitting = true; // (a flight under way ends here: Leaflet's setView stops it)
      map.fitBounds(this.focusBounds || this.style.bounds, L.extend(this.fitPadding(pad), { animate: false },
        this.focusBounds ? { maxZoom: FOCUS_ZOOM } : {}));
      this.fitting = false;
    },

    /* Fly to the islands of the last `focus` ({key, islands}) handed over, once per key, into
     * the free part of the map. */
    applyFocus: function () {
      var focus = this.pendingFocus, self = this, bounds = null;
      if (!focus || focus.key === this.focusKey || !this.ready) return;
      this.focusKey = focus.key;
      (focus.islands || []).forEach(function (id) {
        var layer = self.layers[id];
        if (!layer) return;
        bounds = bounds ? bounds.extend(layer.getBounds()) : L.latLngBounds(layer.getBounds().getSouthWest(), layer.getBounds().getNorthEast());
      });
      if (!bounds) return;
      this.focusBounds = bounds;
      this.focusIslands = focus.islands.filter(function (id) { return self.layers[id]; });
      this.moved = false; // a step's islands are the reader's view now, kept in sight as the map changes size
      var options = L.extend(this.fitPadding(), { maxZoom: FOCUS_ZOOM });
      this.fitting = true; // the flight's own zoom is not the reader's
      this.map.flyToBounds(bounds, L.extend(options, { duration: 1.2 })); // a jump where motion is reduced: atlas-motion.js
      this.fitting = false;
    },

    headlineBox: function () {
      return this.map.getContainer().querySelector(".atlas-headline");
    },

    /* Present mode's headline where it covers no control: in the gap between the top corners'
     * controls where it is wide enough, else under them, across the map. */
    placeHeadline: function () {
      var headline = this.headlineBox(), container = this.map.getContainer(), size = this.map.getSize();
      if (!headline || !this.presenting) return;
      var left = 0, right = size.x, under = GAP;
      ["left", "right"].forEach(function (corner) {
        var node = container.querySelector(".leaflet-top.leaflet-" + corner);
        Array.prototype.forEach.call(node ? node.children : [], function (control) {
          var box = boxIn(control, container);
          if (!box) return;
          if (corner === "left") left = Math.max(left, box.right); else right = Math.min(right, box.left);
          under = Math.max(under, box.bottom + GAP);
        });
      });
      var roomy = right - left - 2 * GAP >= Math.min(320, size.x * 0.5);
      headline.style.top = (roomy ? GAP : under) + "px";
      headline.style.left = (roomy ? left + GAP : GAP) + "px";
      headline.style.right = (roomy ? size.x - right + GAP : GAP) + "px";
    },

    /* Refit where the controls have changed size and now cover an island, unless the reader has
     * moved the map; a control that only grows into the sea leaves the map where it is. */
    followControls: function () {
      this.placeHeadline();
      if (!this.moved && this.ready && this.islandsHidden()) this.refitSoon();
    },

    /* Fit again once the resize under way is over: Leaflet pans the map by half the change of
     * its size as it measures it, which would carry a fit made in the middle of it away. The fit
     * waits for the next frame too: a zoom the reader has just asked for starts in a frame
     * already asked for (and marks the map moved), and a fit before it would cancel it. */
    refitSoon: function () {
      var self = this;
      clearTimeout(this.refitTimer);
      this.refitTimer = setTimeout(function () {
        L.Util.requestAnimFrame(function () {
          self.placeHeadline();
          if (!self.moved) self.fitChain();
        });
      }, REFIT_MS);
    },

    /* The islands the map means to show: those it last flew to, else all. */
    shownIslands: function () {
      return this.focusIslands || Object.keys(this.layers);
    },

    /* Whether the centre of any shown island's outline is under a control or off the map. */
    islandsHidden: function () {
      var map = this.map, size = map.getSize(), pad = this.freePadding(), layers = this.layers;
      return this.shownIslands().some(function (id) {
        var point = map.latLngToContainerPoint(layers[id].getCenter());
        return point.x < pad.left - GAP || point.y < pad.top - GAP || point.x > size.x - pad.right + GAP
          || point.y > size.y - pad.bottom + GAP;
      });
    }
  });

  Atlas.addInitHook(function () {
    var self = this;
    this.on("draw", function () {
      var map = this.map;
      // Until the reader (or a story step) moves the map, it follows the window's size.
      map.on("dragstart zoomstart", function () { if (!self.fitting) self.moved = true; });
      map.on("resize", function () { self.refitSoon(); }); // which places the headline too
    }, this);
    // The frame's style may set the map's height after Leaflet measured it, with no resize of the
    // window to tell Leaflet so: measure again before the first fit, and whenever it changes.
    this.on("show", function () { this.map.invalidateSize(false); if (!this.moved) this.fitChain(); }, this);
    this.on("sync", function (event) { if (event.state.focus) this.pendingFocus = event.state.focus; }, this);
    this.on("settle", this.applyFocus, this);
    this.on("live", function () {
      if (!window.ResizeObserver) return;
      var container = this.map.getContainer();
      new ResizeObserver(function () { self.map.invalidateSize(false); }).observe(container);
      var observer = new ResizeObserver(function () { self.followControls(); });
      Array.prototype.forEach.call(container.querySelectorAll(".leaflet-control-container > div, .atlas-headline"),
        function (node) { observer.observe(node); });
    }, this);
    this.on("relabel", this.placeHeadline, this);
  });
})();
