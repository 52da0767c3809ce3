// Enhances the page with GOV.UK Frontend's components; every page also works without it.
// The module's URL comes from its script element so that both files carry hashed names.
const script = document.querySelector("script[data-govuk-frontend]");

if (script) {
  import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
}
