// Small behaviours that CSP forbids inline: confirmation before irreversible actions.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A button with data-copy="<id>" copies that field's value (a calendar address, say).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  var field = button && document.getElementById(button.getAttribute("data-copy"));
  if (field && navigator.clipboard) {
    navigator.clipboard.writeText(field.value);
  }
});
