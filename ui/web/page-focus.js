// Focus stays where the reader was when a run redraws the control they were on (an upload, an
// edit in a table, a button that reruns the page): Streamlit replaces such a control and focus
// falls to the page's body. The control is found again by its place in the page (a table: the
// table), or else the first control of the same Streamlit element (an uploader's "remove"
// button once its "browse" button has gone), as long as the reader has not moved focus elsewhere
// nor gone to another page meanwhile.
(function () {
  const ROOTS = '[data-testid="stSidebar"], [data-testid="stMain"]';
  const ELEMENT = '[data-testid="stElementContainer"]';
  const TABLE = '[data-testid="stDataFrame"]';
  const TABLE_FOCUS = 'canvas[data-testid="data-grid-canvas"]';
  const PATIENCE_MS = 10000;  // a run that redraws the control takes far less
  const SETTLE_MS = 600;
  let last = null;  // {element, place, widget, label, inTable, page, lostAt}

  function placeOf(element) {
    const root = element && element.closest(ROOTS);
    if (!root) return null;
    const path = [];
    for (let node = element; node !== root; node = node.parentElement) {
      path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
    }
    return {root: root.getAttribute('data-testid'), path};
  }

  function find(place) {
    let node = place && document.querySelector(`[data-testid="${place.root}"]`);
    for (const index of place ? place.path : []) node = node && node.children[index];
    return node;
  }

  function labelOf(element) {
    return [element.tagName, element.getAttribute('aria-label'), element.getAttribute('data-testid')].join('|');
  }

  function usable(element) {
    return element.isConnected && !element.disabled && !element.closest('[inert]')
      && element.checkVisibility({visibilityProperty: true});
  }

  function again() {
    if (usable(last.element)) return last.element;
    // In a table (Streamlit's data editor), the table itself: it draws its cells on a canvas that
    // takes focus and keeps the chosen cell; focusing a cell of its hidden copy would choose again.
    const table = last.inTable ? find(last.widget) : null;
    if (table) return table.querySelector(TABLE_FOCUS);
    const same = find(last.place);
    if (same && labelOf(same) === last.label && usable(same)) return same;
    // The same control elsewhere in its Streamlit element, or, once the element has had time to be
    // drawn again (SETTLE_MS), its first control.
    const widget = find(last.widget);
    const controls = widget ? Array.from(widget.querySelectorAll(KurilPage.FOCUSABLE)).filter(usable) : [];
    const match = controls.find(control => labelOf(control) === last.label);
    return match || (Date.now() - last.lostAt >= SETTLE_MS ? controls[0] : null);
  }

  document.addEventListener('focusin', event => {
    const place = placeOf(event.target);
    last = place ? {element: event.target, place, widget: placeOf(event.target.closest(ELEMENT)),
                    label: labelOf(event.target), inTable: !!event.target.closest(TABLE), page: location.pathname,
                    lostAt: 0} : null;
  });
  // Focus that leaves a control which stays usable went where the reader sent it (a click on the
  // page's background); a control being removed loses focus too, and is gone a moment later.
  document.addEventListener('focusout', event => {
    const left = event.target;
    setTimeout(() => {
      if (last && last.element === left && usable(left) && document.activeElement === document.body) last = null;
    }, 0);
  });

  function restore() {
    if (!last || document.activeElement !== document.body) return;
    if (!last.lostAt) {
      last.lostAt = Date.now();
      setTimeout(restore, SETTLE_MS);
    }
    if (Date.now() - last.lostAt > PATIENCE_MS || location.pathname !== last.page) {
      last = null;
      return;
    }
    const target = again();
    if (target) target.focus({preventScroll: true});
  }

  KurilPage.watch(restore);
})();
