/* Where the reader asks for less motion (prefers-reduced-motion: reduce), the map jumps instead
 * of moving: no zoom or fade animation, no glide after a drag, pans and flights as jumps (a story
 * step's flight too: Leaflet's flyToBounds flies through flyTo). */
(function () {
  "use strict";

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  KurilAtlas.Atlas.include({
    stillMap: function () {
      var map = this.map, panBy = map.panBy;
      L.extend(map.options, { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, inertia: false });
      map._zoomAnimated = false; // Leaflet reads the option only as the map is made
      L.DomUtil.removeClass(map.getContainer(), "leaflet-fade-anim");
      map.panBy = function (offset, options) { return panBy.call(this, offset, L.extend({}, options, { animate: false })); };
      map.flyTo = function (center, zoom) { return this.setView(center, zoom, { animate: false }); };
      this.motionReduced = true;
    }
  });

  KurilAtlas.Atlas.addInitHook(function () {
    if (reducedMotion()) this.stillMap();
  });
})();
