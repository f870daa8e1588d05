// The feedback form builder (templates/feedback/form.html, question_form.html).
// Everything works without this file. No inline scripts (CSP).
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // An address to copy: a button that copies it when the browser lets us use the
    // clipboard; otherwise the read-only field stays, and selects itself on focus.
    var boxes = document.querySelectorAll("[data-copy-url]");
    Array.prototype.forEach.call(boxes, function (box) {
      var input = box.querySelector("[data-select-on-focus]");
      var button = box.querySelector("[data-copy]");
      var done = box.querySelector("[data-copied]");
      if (!input) return;
      input.addEventListener("focus", function () { input.select(); });
      if (!button || !navigator.clipboard || !window.isSecureContext) return;
      box.classList.add("copy-url--button");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          done.textContent = done.getAttribute("data-copied");
        }, function () {
          box.classList.remove("copy-url--button");
          input.focus();
        });
      });
    });

    // A question's options matter only for the two kinds of choice: hide them
    // for the other kinds (without this script, their help text says so).
    var kind = document.getElementById("id_kind");
    if (kind) {
      var choiceKinds = (kind.getAttribute("data-choice-kinds") || "").split(" ");
      var fields = ["id_options_nb", "id_options_nn", "id_options_en"].map(function (id) {
        var input = document.getElementById(id);
        return input && input.closest(".field");
      }).filter(Boolean);
      var update = function () {
        var shown = choiceKinds.indexOf(kind.value) !== -1;
        fields.forEach(function (field) { field.hidden = !shown; });
      };
      kind.addEventListener("change", update);
      update();
    }
  });
})();
