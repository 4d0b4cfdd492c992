/* The first part of the map's one script (geo/render/webassets.py joins it with Leaflet and the
 * atlas's files): it starts downloading the map's data as soon as the script runs, so that the
 * downloads overlap with Leaflet and the map being set up instead of waiting for them.
 * KurilAtlas.load takes each download once; a second map in the same frame downloads again
 * (from the browser's cache). */
(function (urls) {
  "use strict";
  var started = {};
  Object.keys(urls).forEach(function (name) {
    var url = urls[name];
    started[url] = fetch(url).then(function (response) {
      if (!response.ok) throw new Error(name + ": HTTP " + response.status);
      return response.json();
    });
    started[url].catch(function () {}); // a failure is shown by the map that takes it
  });
  window.KurilAtlasPrefetch = {
    take: function (url) {
      var download = started[url];
      delete started[url];
      return download;
    }
  };
})(ATLAS_DATA_URLS);
