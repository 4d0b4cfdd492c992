// What the page's helpers below share: the options Python hands them on every run
// (KurilPage.configure) and one watch of the page, which calls each helper once per frame
// in which Streamlit changed the page (a run drew, a page was switched, the sidebar opened).
window.KurilPage = (function () {
  const helpers = [];
  let scheduled = false;

  function runHelpers() {
    scheduled = false;
    for (const helper of helpers) helper(page.options);
  }

  const page = {
    options: {},
    // What a reader can Tab to (a file input is the hidden part of an upload button).
    FOCUSABLE: 'button, [href], input:not([type=file]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
    watch(helper) { helpers.push(helper); },
    configure(options) { page.options = options; runHelpers(); },
  };
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(runHelpers);
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['data-collapsed']});
  return page;
})();
