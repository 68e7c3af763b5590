// zhifa: the few behaviours the pages need. No inline scripts (CSP); nothing loaded from outside.
(function () {
  // Idle logout: the server ends the session after ZHIFA_IDLE_MINUTES; the page follows it to the login.
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-minutes") || "0", 10);
  if (idle > 0 && body.getAttribute("data-authenticated") === "1") {
    window.setTimeout(function () { window.location.reload(); }, (idle * 60 + 5) * 1000);
  }
  // Confirm dangerous actions: <form data-confirm="...">
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
  // A select that chooses what the page shows: <select data-autosubmit> submits its form on change.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) { target.form.submit(); }
  });
  // htmx sends the CSRF token from the cookie-less meta tag.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) { event.detail.headers["X-CSRFToken"] = token.getAttribute("content"); }
  });
})();
