// The resident's feedback form and kiosk (templates/feedback/public/). Everything
// works without this file; it only adds what a plain page cannot do. No inline
// scripts (CSP).
(function () {
  "use strict";

  // A page restored from the back/forward cache would show answers already
  // sent (a shared tablet, a borrowed phone): load it afresh instead.
  // A page reached again with the back button shows what the server sent, not
  // what the browser remembers having been typed into it (the form also says
  // autocomplete="off").
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      window.location.reload();
      return;
    }
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    var form = document.getElementById("feedback-form");
    if (form && entries.length && entries[0].type === "back_forward") form.reset();
  });

  document.addEventListener("DOMContentLoaded", function () {
    // The error summary has autofocus; make sure it has focus in every browser.
    var summary = document.getElementById("error-summary");
    if (summary && document.activeElement !== summary) summary.focus();

    var body = document.body;

    // Kiosk thank-you screen: back to an empty form for the next person after a
    // while. The seconds left are told every five seconds (a polite live region:
    // not every second, which would chatter); a touch or a key starts the wait
    // again; «Wait» pauses until «New response» is pressed (WCAG 2.2.1).
    var returnSeconds = parseInt(body.getAttribute("data-kiosk-return"), 10);
    if (returnSeconds && body.getAttribute("data-kiosk-reset")) {
      var box = document.querySelector(".resident-return");
      var leftText = document.querySelector("[data-kiosk-left]");
      var waitButton = document.querySelector("[data-kiosk-wait]");
      var paused = document.querySelector("[data-kiosk-paused]");
      var pausedText = document.querySelector("[data-kiosk-paused-text]");
      if (box) box.hidden = false;
      var secondsLeft = returnSeconds;
      var tick = null;
      var tell = function () {
        if (leftText) {
          leftText.textContent = leftText.getAttribute("data-text").replace("{seconds}", String(secondsLeft));
        }
      };
      var start = function () {
        if (tick) window.clearInterval(tick);
        secondsLeft = returnSeconds;
        tell();
        tick = window.setInterval(function () {
          secondsLeft -= 1;
          if (secondsLeft <= 0) {
            window.clearInterval(tick);
            window.location.replace(body.getAttribute("data-kiosk-reset"));
          } else if (secondsLeft % 5 === 0) {
            tell();
          }
        }, 1000);
      };
      var pause = function () {
        if (tick) window.clearInterval(tick);
        tick = null;
        if (box) box.hidden = true;
        if (paused && pausedText) paused.textContent = pausedText.content.textContent.trim();
        var next = document.querySelector("[data-kiosk-new]");
        if (next) next.focus();
      };
      ["pointerdown", "keydown"].forEach(function (name) {
        document.addEventListener(name, function (event) {
          if (!tick) return; // paused: only «New response» goes on
          if (waitButton && event.target === waitButton) return;
          start();
        }, { passive: true });
      });
      if (waitButton) waitButton.addEventListener("click", pause);
      start();
      return;
    }

    var idleSeconds = parseInt(body.getAttribute("data-kiosk-idle"), 10);
    var warningSeconds = parseInt(body.getAttribute("data-kiosk-warning"), 10);
    var resetUrl = body.getAttribute("data-kiosk-reset");
    var dialog = document.getElementById("kiosk-idle");
    var form = document.getElementById("feedback-form");
    if (!idleSeconds || !resetUrl || !dialog || !form) return;

    // Kiosk: after idleSeconds without a touch or a key on a form with answers
    // in it, ask "Do you need more time?" for warningSeconds (WCAG 2.2.1: at
    // least 20 s to say yes), then clear the form for the next person.
    var countdown = dialog.querySelector("[data-kiosk-countdown]");
    var more = dialog.querySelector("[data-kiosk-more-time]");
    var idleTimer = null;
    var tickTimer = null;
    var left = 0;
    var touched = false;

    function reset() {
      window.location.replace(resetUrl);
    }

    function closeWarning() {
      if (tickTimer) window.clearInterval(tickTimer);
      tickTimer = null;
      if (dialog.open) dialog.close();
    }

    function warn() {
      if (!touched) return restart();
      left = warningSeconds;
      countdown.textContent = String(left);
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      more.focus();
      tickTimer = window.setInterval(function () {
        left -= 1;
        countdown.textContent = String(Math.max(left, 0));
        if (left <= 0) reset();
      }, 1000);
    }

    function restart() {
      if (idleTimer) window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(warn, idleSeconds * 1000);
    }

    function activity() {
      if (tickTimer) return; // while the warning shows, only its button counts
      restart();
    }

    form.addEventListener("input", function () { touched = true; });
    form.addEventListener("change", function () { touched = true; });
    ["pointerdown", "keydown", "input", "scroll"].forEach(function (name) {
      document.addEventListener(name, activity, { passive: true });
    });
    more.addEventListener("click", function () {
      closeWarning();
      restart();
    });
    dialog.addEventListener("cancel", function (event) {
      // Escape means "I am still here" too.
      event.preventDefault();
      closeWarning();
      restart();
    });
    restart();
  });
})();
