// Streamlit's drop zone for an upload is a "presentation" element that also has a name and takes
// focus, which contradict each other (axe: presentation-role-conflict): it is made a named group,
// which is what it is, the upload's button and its hint together.
KurilPage.watch(() => {
  for (const zone of document.querySelectorAll('[data-testid="stFileUploaderDropzone"][role="presentation"]')) {
    zone.setAttribute('role', 'group');
  }
});
