// K-LEAN: the little behaviour htmx does not give us. No inline scripts (CSP).
// Loaded without defer, so the class below is set before the first paint.
(function () {
  "use strict";

  // CSS folds menus on phones only when this script runs; without it they stay
  // unfolded and reachable.
  document.documentElement.classList.add("js");

  // A disclosure button (data-disclosure) shows or hides the element named in its
  // aria-controls; the CSS reads aria-expanded, so the state lives in one place.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-disclosure]");
    if (!button) return;
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });

  // Escape closes the open menu the focus is in and puts the focus back on its button
  // (not other disclosures: Escape in a search field clears it).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var buttons = document.querySelectorAll('[data-disclosure="menu"][aria-expanded="true"]');
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      var shown = button.getClientRects().length > 0;
      if (shown && (button === document.activeElement || (panel && panel.contains(document.activeElement)))) {
        button.setAttribute("aria-expanded", "false");
        button.focus();
        return;
      }
    }
  });

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
  // Otherwise, back at a page's item after a save (an address ending in #id), the
  // focus goes to that item, and what happened floats at the foot of the window,
  // where it is seen although the top of the page, where it stands, is not.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); return; }
    if (!/^#[A-Za-z][\w-]*$/.test(location.hash)) return;
    var target = document.getElementById(location.hash.slice(1));
    if (!target) return;
    if (target !== document.activeElement) {
      if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: false });
    }
    var region = document.querySelector(".messages");
    if (!region || !region.querySelector(".message")) return;
    region.classList.add("messages--floating");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "button button--small messages__close";
    close.textContent = region.dataset.close || "×";
    close.addEventListener("click", function () {
      region.classList.remove("messages--floating");
      close.remove();
    });
    region.appendChild(close);
  });
})();
