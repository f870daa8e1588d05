// The idea board: move an idea to another column by dragging its handle
// (SortableJS), by keyboard (Space on the handle lifts it, the arrow keys
// carry it from column to column, Space puts it down, Escape cancels), or
// with its «Move» button, which lists the stages it may go to. Every move
// posts the same form to the server, which decides (ideas.stages.move) and
// answers with the board refreshed and what happened or why not. A move to
// «Parked» or «Rejected» opens the move page, which asks for the reason
// first. Without JavaScript the «Move» button is a link to that page.
// The board also asks every few seconds whether anything changed and
// reloads when it did, unless someone is in the middle of a move.
// No inline scripts or styles (CSP).
(function () {
  "use strict";

  var page = document.getElementById("idea-board-page");
  if (!page) return;
  var POLL_MS = 8000;
  var form = document.getElementById("idea-move-form");
  var lifted = null;   // { card, list, next }: where a lifted card came from
  var dragging = false;
  var menu = null;

  // Back at the board after a move: the moved card gets the focus.
  if (location.hash && /^#idea-\d+$/.test(location.hash)) {
    var moved = document.getElementById(location.hash.slice(1));
    if (moved) moved.focus();
  }

  function announce(text) {
    var region = document.getElementById("idea-board-status");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "message message--info";
    p.textContent = text;
    region.replaceChildren(p);
  }

  function words(template, card, list) {
    return template.replace("{title}", card.querySelector(".idea-card__title").textContent)
      .replace("{column}", list ? list.dataset.label : "");
  }

  function lists() {
    return Array.prototype.slice.call(page.querySelectorAll(".idea-column__cards"));
  }

  function listFor(stage) {
    return page.querySelector('.idea-column__cards[data-stage="' + stage + '"]');
  }

  // --- The one move: a post, or the move page where a reason is needed ----------------
  function move(card, to) {
    if (!to || to === card.dataset.stage) return;
    var target = listFor(to);
    if (target && target.hasAttribute("data-needs-reason")) {
      var back = form.querySelector("[name=back]").value;
      location.assign(card.dataset.moveUrl + "?to=" + encodeURIComponent(to) +
                      "&back=" + encodeURIComponent(back));
      return;
    }
    form.action = card.dataset.moveUrl;
    form.querySelector("[name=to]").value = to;
    form.querySelector("[name=from_stage]").value = card.dataset.stage;
    form.submit();
  }

  if (!form) return;  // reading only: nothing to move

  // --- The «Move» button: a short menu of the stages the idea may go to ---------------
  function closeMenu(focusBack) {
    if (!menu) return;
    var opener = menu.opener;
    menu.remove();
    menu = null;
    opener.setAttribute("aria-expanded", "false");
    if (focusBack) opener.focus();
  }

  function openMenu(card, opener) {
    closeMenu(false);
    menu = document.createElement("div");
    menu.className = "idea-move-menu";
    menu.opener = opener;
    var label = document.createElement("p");
    label.className = "idea-move-menu__label";
    label.id = "idea-move-menu-label";
    label.textContent = words(page.dataset.menuLabel, card);
    var list = document.createElement("ul");
    list.setAttribute("aria-labelledby", label.id);
    (card.dataset.moves || "").split(" ").forEach(function (stage) {
      var target = listFor(stage);
      if (!target) return;
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small";
      button.textContent = target.dataset.label;
      button.addEventListener("click", function () { move(card, stage); });
      item.appendChild(button);
      list.appendChild(item);
    });
    menu.append(label, list);
    opener.after(menu);
    opener.setAttribute("aria-expanded", "true");
    var first = menu.querySelector("button");
    if (first) first.focus();
  }

  page.addEventListener("click", function (event) {
    var opener = event.target.closest(".idea-card__move");
    if (opener) {
      event.preventDefault();
      if (menu && menu.opener === opener) closeMenu(true);
      else openMenu(opener.closest(".idea-card"), opener);
      return;
    }
    if (menu && !menu.contains(event.target)) closeMenu(false);
    // A button's click after a keyboard Space does nothing more: the handle only lifts.
    if (event.target.closest(".idea-card__handle")) event.preventDefault();
  });
  page.querySelectorAll(".idea-card__move").forEach(function (opener) {
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-expanded", "false");
  });

  // --- Keyboard: lift, carry, put down ------------------------------------------------
  function carry(card, step) {
    var all = lists();
    var index = all.indexOf(card.parentElement) + step;
    if (index < 0 || index >= all.length) return;
    var target = all[index];
    var folded = target.closest("details");
    if (folded) folded.open = true;
    target.prepend(card);
    card.querySelector(".idea-card__handle").focus();
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
    announce(words(page.dataset.moved, card, target));
  }

  function putBack() {
    var from = lifted;
    lifted = null;
    from.card.classList.remove("idea-card--lifted");
    from.card.querySelector(".idea-card__handle").setAttribute("aria-pressed", "false");
    from.list.insertBefore(from.card, from.next);
    from.card.querySelector(".idea-card__handle").focus();
  }

  document.addEventListener("keydown", function (event) {
    if (menu && event.key === "Escape") {
      event.preventDefault();
      closeMenu(true);
      return;
    }
    var handle = event.target.closest && event.target.closest(".idea-card__handle");
    if (!lifted) {
      if (handle && (event.key === " " || event.key === "Enter")) {
        event.preventDefault();
        var card = handle.closest(".idea-card");
        lifted = { card: card, list: card.parentElement, next: card.nextSibling };
        card.classList.add("idea-card--lifted");
        handle.setAttribute("aria-pressed", "true");
        announce(words(page.dataset.lifted, card, card.parentElement));
      }
      return;
    }
    // While an idea is lifted the board owns these keys, wherever the focus is.
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      var carried = lifted.card;
      var to = carried.parentElement.dataset.stage;
      if (to === carried.dataset.stage) {
        putBack();
        announce(page.dataset.cancelled);
        return;
      }
      lifted = null;
      move(carried, to);
    } else if (event.key === "Escape") {
      event.preventDefault();
      putBack();
      announce(page.dataset.cancelled);
    } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
      event.preventDefault();
      carry(lifted.card, -1);
    } else if (event.key === "ArrowRight" || event.key === "ArrowDown") {
      event.preventDefault();
      carry(lifted.card, 1);
    }
  });

  // --- Polling: reload when someone else changed the board ----------------------------
  function busy() {
    var active = document.activeElement;
    return lifted || dragging || menu || document.hidden ||
      (active && active.closest && active.closest(".idea-filters"));
  }
  window.setInterval(function () {
    if (busy()) return;
    fetch(page.dataset.stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && answer.state !== page.dataset.state && !busy()) location.reload();
      })
      .catch(function () { /* offline for a moment: ask again later */ });
  }, POLL_MS);

  // --- Dragging (not on phones, where the «Move» button is at hand) -------------------
  if (typeof Sortable === "undefined") return;
  if (window.matchMedia("(max-width: 40rem)").matches) return;
  page.querySelectorAll(".idea-card__handle").forEach(function (handle) { handle.hidden = false; });
  lists().forEach(function (list) {
    Sortable.create(list, {
      group: "ideas",
      handle: ".idea-card__handle",
      animation: 0,
      onStart: function () { dragging = true; },
      // Only the columns the idea may go to take it: no place opens elsewhere.
      onMove: function (event) {
        var card = event.dragged;
        var to = event.to.dataset.stage;
        return to === card.dataset.stage || (card.dataset.moves || "").split(" ").indexOf(to) >= 0;
      },
      onEnd: function (event) {
        dragging = false;
        page.querySelectorAll("[style]").forEach(function (el) { el.removeAttribute("style"); });
        if (event.from === event.to) return;
        move(event.item, event.to.dataset.stage);
      }
    });
  });
})();
