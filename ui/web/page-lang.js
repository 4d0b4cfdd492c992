// WCAG 3.1.1: the page's language (the html element's lang) is the atlas's language, and follows the reader's switch
// of language with no reload (Streamlit's own page says "en" whatever it shows).
KurilPage.watch(options => {
  if (options.lang && document.documentElement.lang !== options.lang) document.documentElement.lang = options.lang;
});
