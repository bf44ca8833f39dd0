// Draws each [data-chart] element from the Vega-Lite spec in the JSON element it names
// (coordo/web/charts.py). Under the site's CSP: no eval (vega's expression interpreter),
// no injected <style> (the styles live in coordo.css).
(function () {
  "use strict";
  var options = {
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };

  function draw(root) {
    if (!window.vegaEmbed || !window.vegaInterpreter) {
      return;
    }
    options.ast = true;
    options.expr = window.vegaInterpreter.expressionInterpreter;
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source || element.getAttribute("data-drawn")) {
        return;
      }
      element.setAttribute("data-drawn", "pending");
      window
        .vegaEmbed(element, JSON.parse(source.textContent), options)
        .then(function () {
          element.setAttribute("data-drawn", "yes");
        })
        .catch(function (error) {
          element.setAttribute("data-drawn", "failed");
          element.setAttribute("data-chart-error", String(error));
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    draw(event.target);
  });
})();
