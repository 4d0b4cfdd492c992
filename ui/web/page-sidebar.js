// The sidebar while closed is out of the Tab order (inert): its widgets sit off screen. Opening
// it puts focus on its first control (Streamlit leaves focus on the page's body); closing it
// with focus inside puts focus back on the button that opens it.
(function () {
  const OPENER = '[data-testid="stExpandSidebarButton"]';
  let wasOpen = null;

  // (Streamlit's own "collapse" button is hidden until the pointer is over the sidebar.)
  function firstShown(elements) {
    return Array.from(elements).find(element => !element.disabled
      && element.checkVisibility({visibilityProperty: true}));
  }

  // The sidebar's contents can take focus only once it is visible, which its opening animation
  // may delay: try each frame, for a second at most.
  function focusSoon(target, frames = 60) {
    target.focus();
    if (document.activeElement !== target && frames > 0) requestAnimationFrame(() => focusSoon(target, frames - 1));
  }

  KurilPage.watch(() => {
    const sidebar = document.querySelector('section[data-testid="stSidebar"]');
    if (!sidebar) return;
    const open = sidebar.dataset.collapsed === 'false';
    if (sidebar.inert !== !open) sidebar.inert = !open;
    if (wasOpen !== null && open !== wasOpen) {
      const active = document.activeElement;
      const focusWasHere = !active || active === document.body || active.matches(OPENER) || sidebar.contains(active);
      const target = open ? firstShown(sidebar.querySelectorAll(KurilPage.FOCUSABLE)) : document.querySelector(OPENER);
      if (focusWasHere && target) focusSoon(target);
    }
    wasOpen = open;
  });
})();
