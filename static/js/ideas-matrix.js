// The effort–impact matrix: drag an idea to a square (SortableJS), or focus
// it and press the arrow keys (left/right: effort, up/down: effect). Both
// post the same scores as the form beside each idea; the answer is the
// matrix, and its message is announced. No inline scripts or styles (CSP).
(function () {
  "use strict";

  var page = document.getElementById("matrix-page");
  if (!page) return;
  var sortables = [];
  var busy = false;
  var focusAfter = null;

  // SortableJS moves cards with inline styles set through the CSSOM; htmx's
  // settling would copy them back as attributes. Settle classes only.
  htmx.config.attributesToSettle = ["class"];

  function announce(text, error) {
    var region = document.getElementById("matrix-status");
    if (!region || !text) return;
    var p = document.createElement("p");
    p.className = "message " + (error ? "message--error" : "message--success");
    p.textContent = text;
    region.replaceChildren(p);
  }

  function clamp(n) { return Math.max(1, Math.min(5, n)); }

  function post(card, effort, effect) {
    if (busy) return;
    busy = true;
    sortables.forEach(function (s) { s.option("disabled", true); });
    focusAfter = "idea-link-" + card.dataset.idea;
    var values = { effort: effort, effect: effect };
    if (page.dataset.all) values.all = "1";
    if (page.dataset.page) values.page = page.dataset.page;
    htmx.ajax("POST", card.dataset.scoreUrl, {
      source: card, target: "#matrix", swap: "outerHTML", values: values
    });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    if (!focusAfter && active && active.id && page.contains(active)) focusAfter = active.id;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var matrix = document.getElementById("matrix");
    if (!matrix) return;
    busy = false;
    setUp();
    if (matrix) announce(matrix.dataset.status, matrix.dataset.statusError === "1");
    var target = focusAfter && document.getElementById(focusAfter);
    focusAfter = null;
    if (target) {
      target.focus();
      if (target.scrollIntoView) target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  document.addEventListener("htmx:afterRequest", function () {
    busy = false;
    sortables.forEach(function (s) { s.option("disabled", false); });
  });

  var MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

  document.addEventListener("keydown", function (event) {
    var link = event.target.closest && event.target.closest(".matrix-idea__title");
    if (!link || !MOVES[event.key] || event.altKey || event.ctrlKey || event.metaKey) return;
    var card = link.closest(".matrix-idea");
    if (!card || !card.dataset.scoreUrl) return;
    event.preventDefault();
    var move = MOVES[event.key];
    var effort = parseInt(card.dataset.effort, 10);
    var effect = parseInt(card.dataset.effect, 10);
    // An idea not placed yet starts in the middle.
    if (!effort || !effect) { effort = 3; effect = 3; move = [0, 0]; }
    var nextEffort = clamp(effort + move[0]);
    var nextEffect = clamp(effect + move[1]);
    if (nextEffort === effort && nextEffect === effect && move[0] + move[1] !== 0) {
      // At the edge: say so rather than do nothing.
      announce(page.dataset.edge.replace("{effort}", effort).replace("{effect}", effect), false);
      return;
    }
    post(card, nextEffort, nextEffect);
  });

  function setUp() {
    sortables.forEach(function (s) { s.destroy(); });
    sortables = [];
    if (typeof Sortable === "undefined") return;
    if (window.matchMedia("(max-width: 40rem)").matches) return; // phones: the list's forms
    document.querySelectorAll("#matrix .matrix__ideas").forEach(function (list) {
      var unplaced = list.id === "matrix-unplaced";
      sortables.push(Sortable.create(list, {
        group: { name: "matrix", pull: true, put: !unplaced },
        draggable: ".matrix-idea",
        // Pointer-driven dragging: the drop follows the pointer over the squares,
        // including empty ones, the same in every browser.
        forceFallback: true,
        fallbackOnBody: true,
        animation: 0,
        onEnd: function (event) {
          document.querySelectorAll("#matrix [style]").forEach(function (element) {
            element.removeAttribute("style");
          });
          if (event.from === event.to) return;
          var cell = event.to;
          post(event.item, cell.dataset.effort, cell.dataset.effect);
        }
      }));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
