// "Skip to map": the first Tab stop of a page with a map. It moves focus into the map itself, so
// that the map's own controls (zoom, perspective, time control) follow in a few Tabs instead of
// the header's links. Hidden on a page without a map. Its address names the map's area (given
// the id it points to), so that it is a real skip link to the browser and to axe.
(function () {
  const AREA = '.st-key-atlas-map-area, .st-key-atlas-map-area-low';
  const ID = 'atlas-map';
  const link = document.createElement('a');
  link.className = 'atlas-skip-link';
  link.href = '#' + ID;
  link.hidden = true;
  link.addEventListener('click', event => {
    event.preventDefault();
    const frame = document.querySelector(`#${ID} iframe`);
    if (!frame) return;
    const map = frame.contentDocument && frame.contentDocument.querySelector('.leaflet-container');
    frame.focus();
    if (map) map.focus();
  });
  document.body.prepend(link);
  KurilPage.watch(options => {
    if (link.textContent !== options.skipToMap) link.textContent = options.skipToMap || '';
    const area = document.querySelector(AREA);
    for (const old of document.querySelectorAll(`#${ID}`)) if (old !== area) old.removeAttribute('id');
    if (area && area.id !== ID) area.id = ID;
    const hidden = !(area && area.querySelector('iframe'));
    if (link.hidden !== hidden) link.hidden = hidden;
  });
})();
