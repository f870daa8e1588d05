// The process-map board: drag-and-drop (SortableJS, handles only), the same
// moves by keyboard (Space lifts, arrows move, Space drops, Escape cancels),
// focus after every change, polling for other people's changes, text size
// and density. Every change is still a plain form post; this only makes it
// smoother. No inline scripts or styles (CSP).
(function () {
  "use strict";

  var page = document.getElementById("board-page");
  if (!page) return;
  var TEXT_KEY = "klean-board-text";
  var DENSITY_KEY = "klean-board-density";
  var FIGURES_KEY = "klean-board-figures";
  var LEGEND_KEY = "klean-board-legend";
  var POLL_MS = 5000;
  var lastActive = null;
  var lastCard = null;
  var lifted = null;
  var dragging = false;
  var busy = false;
  var sortables = [];

  // SortableJS moves cards with inline styles (set through the CSSOM, which
  // the CSP allows); htmx's settling would copy them back as style attributes,
  // which it does not. Settle classes only.
  htmx.config.attributesToSettle = ["class"];

  function board() { return document.getElementById("board"); }
  function editor() { return document.getElementById("editor"); }
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function stored(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function announce(text) {
    var region = document.getElementById("board-status");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "message message--info";
    p.textContent = text;
    region.replaceChildren(p);
  }

  // --- Text size and density -------------------------------------------------------
  function applyText(size) {
    var root = document.documentElement;
    root.classList.remove("board-text-150", "board-text-200");
    page.classList.remove("board-page--text-150", "board-page--text-200");
    if (size) root.classList.add("board-text-" + size);
    page.querySelectorAll("[data-text-size]").forEach(function (link) {
      if (link.dataset.textSize === size) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }
  var fromAddress = page.classList.contains("board-page--text-200") ? "200"
    : page.classList.contains("board-page--text-150") ? "150" : null;
  applyText(fromAddress !== null ? fromAddress : (stored(TEXT_KEY) || ""));

  var density = page.querySelector(".board-density");
  function applyDensity(compact) {
    page.classList.toggle("board-page--compact", compact);
    if (density) density.setAttribute("aria-pressed", compact ? "true" : "false");
  }
  if (density) {
    density.hidden = false;
    applyDensity(stored(DENSITY_KEY) === "compact");
    density.addEventListener("click", function () {
      var compact = density.getAttribute("aria-pressed") !== "true";
      store(DENSITY_KEY, compact ? "compact" : "detail");
      applyDensity(compact);
    });
  }

  // The key figures: folded to the lead time on request, remembered like the
  // text size. Sticky only where there is room (see klean.css); the space it
  // covers is kept clear of whatever is focused or scrolled to.
  var figures = page.querySelector(".board-figures");
  function applyFigures(shown) {
    page.classList.toggle("board-page--figures-hidden", !shown);
    if (!figures) return;
    figures.setAttribute("aria-expanded", shown ? "true" : "false");
    figures.textContent = shown ? figures.dataset.hide : figures.dataset.show;
  }
  if (figures) {
    figures.hidden = false;
    applyFigures(stored(FIGURES_KEY) !== "hidden");
    figures.addEventListener("click", function () {
      var shown = figures.getAttribute("aria-expanded") !== "true";
      store(FIGURES_KEY, shown ? "shown" : "hidden");
      applyFigures(shown);
      measureSticky();
    });
  }
  function measureSticky() {
    var metrics = document.getElementById("metrics");
    var sticky = metrics && window.getComputedStyle(metrics).position === "sticky";
    page.style.setProperty("--board-sticky", sticky ? metrics.offsetHeight + "px" : "0px");
  }
  window.addEventListener("resize", measureSticky);

  // The legend is open the first time; after that it starts folded (one line),
  // or as the person left it.
  var legend = document.getElementById("board-legend");
  if (legend) {
    var seen = stored(LEGEND_KEY);
    if (seen === "closed" || seen === "seen") legend.open = false;
    if (!seen) store(LEGEND_KEY, "seen");
    legend.addEventListener("toggle", function () {
      store(LEGEND_KEY, legend.open ? "open" : "closed");
      measureSticky();
    });
    window.addEventListener("beforeprint", function () { legend.open = true; });
  }

  page.addEventListener("click", function (event) {
    var link = event.target.closest("[data-text-size]");
    if (link) {
      event.preventDefault();
      store(TEXT_KEY, link.dataset.textSize);
      applyText(link.dataset.textSize);
      measureSticky();
      return;
    }
    var cancel = event.target.closest("[data-editor-cancel]");
    if (cancel) {
      event.preventDefault();
      closeEditor(cancel.closest("[data-return]"));
    }
  });

  function closeEditor(panel) {
    var back = panel && panel.dataset.return;
    editor().replaceChildren();
    focusFirst([back]);
  }

  // --- Focus -----------------------------------------------------------------------
  function usable(element) {
    return element && !element.disabled && element.getClientRects().length > 0;
  }
  function focusFirst(ids) {
    for (var i = 0; i < ids.length; i++) {
      var element = ids[i] && document.getElementById(ids[i]);
      if (usable(element)) {
        element.focus();
        if (element.scrollIntoView) element.scrollIntoView({ block: "nearest", inline: "nearest" });
        return true;
      }
    }
    return false;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt === page) { // polling: keep what the person is doing
      event.detail.xhr.boardPolling = true;
      return;
    }
    var active = document.activeElement;
    lastActive = active && active.id ? active.id : null;
    var card = active && active.closest ? active.closest(".step, .lane") : null;
    lastCard = card ? card.id : null;
    busy = true;
    page.classList.add("board-page--busy");
    sortables.forEach(function (sortable) { sortable.option("disabled", true); });
  });

  // Tell the server which control was used, so that the answer can hand the
  // focus back to it (moves keep the focus on "Earlier" for the next press).
  document.addEventListener("htmx:configRequest", function (event) {
    var active = document.activeElement;
    if (event.detail.elt === page || !active || !active.id) return;
    if (!event.detail.parameters.focus) event.detail.parameters.focus = active.id;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!(event.detail.xhr && event.detail.xhr.boardPolling)) {
      busy = false;
      page.classList.remove("board-page--busy");
    }
    var fromPolling = Boolean(event.detail.xhr && event.detail.xhr.boardPolling);
    var target = event.detail.target;
    var config = event.detail.requestConfig;
    var posted = Boolean(config && config.verb && config.verb.toLowerCase() === "post");
    window.setTimeout(function () { afterUpdate(target, fromPolling, posted); }, 30);
  });

  function inEditor(id) {
    var element = id && document.getElementById(id);
    return Boolean(element && editor().contains(element));
  }

  // A step added at the end of the process is far to the right: show it,
  // briefly marked, while the focus stays in the quick add for the next one.
  function showAdded() {
    var current = board();
    var card = current && current.dataset.added && document.getElementById(current.dataset.added);
    if (!card) return;
    card.classList.add("step--added");
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
    window.setTimeout(function () { card.classList.remove("step--added"); }, 2500);
  }

  function afterUpdate(target, fromPolling, posted) {
    setUpDragging();
    measureSticky();
    if (fromPolling) return;
    var edit = editor();
    if (target === edit && edit.children.length) {
      // A panel that stays open after a change (Move: Earlier, Later…) keeps
      // the focus on the control used, for the next press.
      var named = board() && board().dataset.focus;
      var keeps = posted && edit.querySelector("[data-keeps-focus]");
      if (keeps && focusFirst([inEditor(named) && named, inEditor(lastActive) && lastActive])) return;
      var first = edit.querySelector("[data-autofocus]") ||
        edit.querySelector(".conflict, .error-summary, input:not([type=hidden]), select, textarea");
      if (first) {
        if (!first.matches("input, select, textarea")) first.setAttribute("tabindex", "-1");
        first.focus();
        edit.scrollIntoView({ block: "nearest" });
      }
      return;
    }
    var current = board();
    // The server names what to focus (the moved card, the undo button…); else
    // the control used, else its card.
    focusFirst([current && current.dataset.focus, lastActive, lastCard]);
    showAdded();
  }

  // --- Polling ---------------------------------------------------------------------
  function typing() {
    var fields = document.querySelectorAll(".quick-add input[name=title], #new-lane-name");
    for (var i = 0; i < fields.length; i++) if (fields[i].value) return true;
    return false;
  }
  window.setInterval(function () {
    var current = board();
    if (!current || document.hidden || busy || dragging || lifted || typing()) return;
    if (editor().children.length) return;
    htmx.ajax("GET", page.dataset.versionUrl + "?v=" + encodeURIComponent(current.dataset.version),
      { source: page, swap: "none" });
  }, POLL_MS);
  document.addEventListener("board-changed", function (event) {
    // The answer may cross a change of one's own: refetch only when the board
    // shown is older than the map, and never under someone's hands.
    var current = board();
    var version = event.detail && event.detail.version;
    if (current && version && String(version) === current.dataset.version) return;
    if (busy || dragging || lifted || typing() || editor().children.length) return;
    htmx.ajax("GET", page.dataset.boardUrl, { source: page, swap: "none" });
  });

  // --- Moving: the intent posted by drag-and-drop and by the keyboard ----------------
  function postMove(card, laneId, afterId) {
    var current = board();
    htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      swap: "none",
      values: {
        lane: laneId,
        after: afterId || "",
        version: current.dataset.version,
        focus: "handle-" + card.dataset.step
      }
    });
  }

  function stepBefore(element, movedId) {
    var previous = element.previousElementSibling;
    while (previous && previous.dataset.step === movedId) previous = previous.previousElementSibling;
    return previous ? previous.dataset.step : "";
  }

  function setUpDragging() {
    sortables = [];
    if (typeof Sortable === "undefined") return;
    if (window.matchMedia("(max-width: 40rem)").matches) return; // phones: the Move panel
    document.querySelectorAll("#board .lane__steps").forEach(function (list) {
      sortables.push(Sortable.create(list, {
        group: "board",
        handle: ".step__handle",
        // Empty places are items too, so a card can be dropped into any column;
        // only cards have a handle, so only cards are dragged.
        draggable: "li",
        animation: 0,
        onStart: function () { dragging = true; },
        onEnd: function (event) {
          dragging = false;
          var card = event.item;
          document.querySelectorAll("#board [style]").forEach(function (element) {
            element.removeAttribute("style");
          });
          if (event.from === event.to && event.oldIndex === event.newIndex) return;
          postMove(card, event.to.dataset.lane, stepBefore(card, card.dataset.step));
        }
      }));
    });
  }

  // Keyboard: the handle is the card's grip. Space (or Enter) lifts, arrows move
  // the card on the board (left/right: earlier/later, up/down: another lane),
  // Space drops and posts the move, Escape puts it back.
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#board .lane__steps")); }
  function columnOf(card) { return Array.prototype.indexOf.call(card.parentElement.children, card); }

  function describeLifted(card, verb) {
    var number = columnOf(card) + 1;
    var total = card.parentElement.children.length;
    var lane = card.closest(".lane").querySelector(".lane__name").textContent;
    var title = card.querySelector(".step__title").textContent;
    var template = page.dataset[verb] || "{title}: {number}/{total}, {lane}";
    return template.replace("{title}", title).replace("{number}", number)
      .replace("{total}", total).replace("{lane}", lane);
  }

  function swapColumns(a, b) {
    rows().forEach(function (list) {
      var first = list.children[a];
      var second = list.children[b];
      if (a < b) list.insertBefore(second, first);
      else list.insertBefore(first, second);
    });
  }

  function moveLifted(card, key) {
    var column = columnOf(card);
    var list = card.parentElement;
    if (key === "ArrowLeft" && column > 0) swapColumns(column - 1, column);
    else if (key === "ArrowRight" && column < list.children.length - 1) swapColumns(column, column + 1);
    else if (key === "ArrowUp" || key === "ArrowDown") {
      var all = rows();
      var index = all.indexOf(list) + (key === "ArrowUp" ? -1 : 1);
      if (index < 0 || index >= all.length) return;
      var target = all[index];
      var slot = target.children[column];
      var marker = card.nextSibling;
      target.replaceChild(card, slot);
      list.insertBefore(slot, marker);
    } else return;
    card.querySelector(".step__handle").focus();
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
    announce(describeLifted(card, "moved"));
  }

  document.addEventListener("keydown", function (event) {
    var handle = event.target.closest && event.target.closest(".step__handle");
    if (!lifted) {
      if (handle && (event.key === " " || event.key === "Enter")) {
        event.preventDefault();
        lifted = handle.closest(".step");
        lifted.classList.add("step--lifted");
        handle.setAttribute("aria-pressed", "true");
        announce(describeLifted(lifted, "lifted"));
      }
      return;
    }
    // While a card is lifted the board owns these keys, wherever the focus is.
    var card = lifted;
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      lifted = null;
      card.classList.remove("step--lifted");
      postMove(card, card.parentElement.dataset.lane, stepBefore(card, card.dataset.step));
    } else if (event.key === "Escape") {
      event.preventDefault();
      lifted = null;
      announce(page.dataset.cancelled || "");
      htmx.ajax("GET", page.dataset.boardUrl, { source: page, swap: "none" });
    } else if (event.key.indexOf("Arrow") === 0) {
      event.preventDefault();
      moveLifted(card, event.key);
    }
  });

  // A button's click after a keyboard Space would post nothing here; the handle
  // has no action of its own beyond lifting.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".step__handle")) event.preventDefault();
  });

  function start() { setUpDragging(); measureSticky(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
