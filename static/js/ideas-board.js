// The idea board: drag an idea by its handle to another column (SortableJS).
// A drop posts the same form as the card's «Move» control, so the server
// decides (ideas.stages.move) and the board comes back refreshed with what
// happened or why not. A drop on «Parked» or «Rejected» opens the move page,
// which asks for the reason first. Without JavaScript, or by keyboard, the
// «Move» control on each card does the same. No inline scripts or styles (CSP).
(function () {
  "use strict";

  var page = document.getElementById("idea-board-page");
  if (!page) return;

  // Back at the board after a move: the moved card gets the focus.
  if (location.hash && /^#idea-\d+$/.test(location.hash)) {
    var moved = document.getElementById(location.hash.slice(1));
    if (moved) moved.focus();
  }

  if (typeof Sortable === "undefined") return;
  if (window.matchMedia("(max-width: 40rem)").matches) return; // phones: the «Move» control

  page.querySelectorAll(".idea-card__handle").forEach(function (handle) { handle.hidden = false; });

  function post(card, to) {
    var source = card.querySelector(".idea-card__move");
    var form = document.createElement("form");
    form.method = "post";
    form.action = card.dataset.moveUrl;
    form.className = "visually-hidden";
    [["csrfmiddlewaretoken", source.querySelector("[name=csrfmiddlewaretoken]").value],
     ["to", to], ["from_stage", card.dataset.stage],
     ["back", source.querySelector("[name=back]").value]].forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  page.querySelectorAll(".idea-column__cards").forEach(function (list) {
    Sortable.create(list, {
      group: "ideas",
      handle: ".idea-card__handle",
      animation: 0,
      onEnd: function (event) {
        page.querySelectorAll("[style]").forEach(function (el) { el.removeAttribute("style"); });
        if (event.from === event.to) return;
        var card = event.item;
        var to = event.to.dataset.stage;
        if (event.to.hasAttribute("data-needs-reason")) {
          var back = card.querySelector("[name=back]").value;
          location.assign(card.dataset.moveUrl + "?to=" + encodeURIComponent(to) +
                          "&back=" + encodeURIComponent(back));
          return;
        }
        post(card, to);
      }
    });
  });
})();
