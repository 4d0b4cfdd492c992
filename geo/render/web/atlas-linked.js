/* Linked maps: maps given the same `viewGroup` in their options on one page (each in its own
 * same-origin frame) follow each other's pan and zoom, for comparing two dates side by side.
 * The map that loads last starts where its peers are. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas;

  Atlas.include({
    linkMaps: function () {
      var self = this;
      if (!this.options.viewGroup) return;
      this.map.on("moveend", function () {
        if (self.linking) return; // moved by a peer: the peer has told the others itself
        self.peers().forEach(function (peer) { self.showOn(peer); });
      });
      var first = this.peers()[0];
      if (first && first.ready) first.showOn(this);
    },

    /* The other atlas maps of this map's group on the page. */
    peers: function () {
      var group = this.options.viewGroup, found = [], frames;
      try { frames = window.parent.document.querySelectorAll("iframe"); } catch (error) { return found; }
      Array.prototype.forEach.call(frames, function (frame) {
        var peer;
        try { peer = frame.contentWindow !== window && frame.contentWindow.KurilAtlas && frame.contentWindow.KurilAtlas.current(); } catch (error) { return; }
        if (peer && peer.options.viewGroup === group) found.push(peer);
      });
      return found;
    },

    /* Give `peer` this map's centre and zoom; a peer already there is left alone. The peer does
     * not pass the move back: maps of other sizes round the same centre to other pixels, and the
     * echo would never end. */
    showOn: function (peer) {
      var center = this.map.getCenter(), zoom = this.map.getZoom(), theirs = peer.map.getCenter();
      if (peer.map.getZoom() === zoom && Math.abs(theirs.lat - center.lat) < 1e-6 && Math.abs(theirs.lng - center.lng) < 1e-6) return;
      peer.fitting = true; // the peer has been moved only as far as this map has
      peer.linking = true;
      peer.moved = this.moved;
      peer.map.setView(center, zoom, { animate: false });
      peer.fitting = false;
      peer.linking = false;
    }
  });

  Atlas.addInitHook(function () {
    this.on("live", this.linkMaps, this);
  });
})();
