// K-LEAN: the little behaviour htmx does not give us. No inline scripts (CSP).
(function () {
  "use strict";

  // htmx leaves the page as it was when a request fails; say so in the status region.
  document.addEventListener("htmx:responseError", function () {
    announce(document.body.dataset.errorMessage);
  });
  document.addEventListener("htmx:sendError", function () {
    announce(document.body.dataset.errorMessage);
  });

  function announce(text) {
    var region = document.querySelector(".messages");
    if (!region || !text) return;
    var p = document.createElement("p");
    p.className = "message message--error";
    p.textContent = text;
    region.replaceChildren(p);
  }

  // Move focus to an error summary so keyboard and screen-reader users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
