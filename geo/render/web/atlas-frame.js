/* The map's document as a reader's tools see it: a main landmark holding a level-one heading (shown
 * to screen readers only) and the map, a region named with its keys; and, in the app, the frame's
 * title on the page around it, in the map's language and distinct for each map of a page ("Map of
 * the Kuril Islands — left — 1 September 1945"), kept to the date the map has come to rest on. */
(function () {
  "use strict";
  var Atlas = KurilAtlas.Atlas, element = KurilAtlas.dom.element;

  /* The map's frame on the page around it, or null (the offline page, another origin). */
  function ownFrame() {
    try { return window.frameElement; } catch (error) { return null; }
  }

  Atlas.include({
    /* The main landmark (the `main` around the map, else the map's outermost box) with its
     * heading, and the map's own region with its name and a word on its keys. */
    buildLandmarks: function () {
      var container = this.map.getContainer(), main = container.closest("main"), top = container;
      if (!main) {
        while (top.parentElement && top.parentElement !== document.body) top = top.parentElement;
        main = top;
        if (main !== container) main.setAttribute("role", "main");
      }
      this.frameHeading = element("h1", "atlas-sr");
      main.insertBefore(this.frameHeading, main.firstChild);
      this.keysHint = element("p", "atlas-sr");
      this.keysHint.id = "atlas-keys-hint";
      main.insertBefore(this.keysHint, this.frameHeading.nextSibling);
      container.setAttribute("role", "region");
      container.setAttribute("aria-describedby", this.keysHint.id);
    },

    /* Name the heading, the map's region and (in the app) its frame. */
    labelFrame: function () {
      var title = this.t("map_frame_title"), frame = ownFrame(), place = this.framePlace(frame);
      this.frameHeading.textContent = title;
      this.keysHint.textContent = this.t("map_keys_hint");
      this.map.getContainer().setAttribute("aria-label", place ? title + " — " + place : title);
      if (frame) frame.title = [title, place, this.dateWords(this.state.date)].filter(Boolean).join(" — ");
    },

    /* Where this frame is among the page's maps of the same kind ("left", "right", "map 2 of
     * 3"), or "" where it is the only one. */
    framePlace: function (frame) {
      if (!frame) return "";
      // The same component's frames: the same address path (the query may differ between them).
      var path = function (element) { return (element.getAttribute("src") || "").split("?")[0]; };
      var frames = Array.prototype.filter.call(frame.ownerDocument.querySelectorAll("iframe"), function (other) {
        return path(other) === path(frame);
      });
      var number = frames.indexOf(frame) + 1, total = frames.length;
      if (total < 2) return "";
      if (total === 2) return this.t(number === 1 ? "map_left" : "map_right");
      return this.t("map_number", { number: String(number), total: String(total) });
    }
  });

  Atlas.addInitHook(function () {
    this.on("draw", this.buildLandmarks, this);
    this.on("relabel announce", this.labelFrame, this);
    // A second map of the page names both places: the first map learns of it once that one is shown.
    this.on("live", function () {
      var frame = ownFrame();
      if (!frame) return;
      Array.prototype.forEach.call(frame.ownerDocument.querySelectorAll("iframe"), function (other) {
        var peer;
        try { peer = other.contentWindow.KurilAtlas && other.contentWindow.KurilAtlas.current(); } catch (error) { return; }
        if (peer && peer.ready) peer.labelFrame();
      });
    }, this);
  });
})();
