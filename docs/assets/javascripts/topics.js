/*
 * Topic chips on plan pages: a passage can belong to many of the nineteen topics, so the
 * generator (generator/crossref/passages.py) marks every chip after the third as
 * .theme-chip--extra and appends a “+N” button. The extras are hidden by CSS only while
 * JavaScript runs (Material swaps html.no-js for html.js), so without JavaScript every chip
 * shows; the button folds them in and out and says so to assistive technology.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".theme-chips-more");
    if (!button) return;
    var chips = button.parentElement;
    var open = chips.classList.toggle("is-open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = open ? "收起" : button.dataset.label;
    if (open) {
      var first = chips.querySelector(".theme-chip--extra");
      if (first) first.focus();
    }
  });
})();
