// Starts Swagger UI on the API reference page, from a file so that the content security
// policy needs no inline script. The layout is Swagger UI's own, less the parts the page
// already has: its title block (a second <h1>) and its <main> (a second main landmark).
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  if (!element || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var referenceLayout = function (system) {
    var h = system.React.createElement;
    return {
      components: {
        ReferenceLayout: function () {
          var status = system.specSelectors.loadingStatus();
          if (status === "failed") {
            return h("p", { className: "govuk-body" },
              "The reference could not be loaded. The schema is at ", element.dataset.schemaUrl, ".");
          }
          if (status !== "success") {
            return h("p", { className: "govuk-body" }, "Loading the reference…");
          }
          return h("div", { className: "swagger-ui" },
            h(system.getComponent("errors", true)),
            h(system.getComponent("operations", true)),
            h(system.getComponent("Models", true)));
        },
      },
    };
  };
  window.SwaggerUIBundle(
    Object.assign(
      {
        url: element.dataset.schemaUrl,
        domNode: element,
        presets: [window.SwaggerUIBundle.presets.apis],
        plugins: [referenceLayout],
        layout: "ReferenceLayout",
      },
      JSON.parse(element.dataset.settings || "{}")
    )
  );
})();
