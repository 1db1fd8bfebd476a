/*
 * Topic chips on plan pages: a passage can belong to many of the nineteen topics, so the
 * generator (generator/crossref/passages.py) marks every chip after the third as
 * .theme-chip--extra and appends a “+N” button. The extras are hidden by CSS only while
 * JavaScript runs (Material swaps html.no-js for html.js), so without JavaScript every chip
 * shows; the button folds them in and out and says so to assistive technology.
 *
 * Split pages: when a topic page or compare view is too large for one page, its districts go to
 * part pages (generator/crossref/layout.py) and the original page becomes an overview carrying a
 * small map, district -> part (script.xref-anchor-map). A link published before the split, such
 * as themes/preschool/#haidian-s4-4-p2, is sent on to the part that holds the passage: every
 * entry anchor starts with its district (haidian-…), every district heading ends with it
 * (supply-haidian); a sub-topic anchor (#supply) goes to the first part. On a compare overview a
 * ?d= choice goes to the part of the first chosen district, with the chosen districts it holds.
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

  function partFor(id, map) {
    var plans = Object.keys(map.parts).sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < plans.length; i++) {
      var p = plans[i];
      if (id.indexOf(p + "-") === 0 || id.slice(-(p.length + 1)) === "-" + p) return map.parts[p];
    }
    return map.first;
  }

  function followAnchorMap() {
    var script = document.querySelector("script.xref-anchor-map");
    if (!script) return;
    var map;
    try {
      map = JSON.parse(script.textContent);
    } catch (e) {
      return;
    }
    var params = new URLSearchParams(location.search);
    var chosen = (params.get("d") || "").split(",").filter(function (p) { return map.parts[p]; });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = null;
    if (id && !document.getElementById(id)) target = partFor(id, map);
    else if (chosen.length) target = map.parts[chosen[0]];
    if (!target) return;
    var url = new URL(target, location.href);
    var same = chosen.filter(function (p) { return map.parts[p] === target; });
    if (same.length) {
      params.set("d", same.join(","));
      url.search = "?" + params.toString().replace(/%2C/g, ",");
    }
    url.hash = location.hash;
    location.replace(url.href);
  }

  followAnchorMap();
  window.addEventListener("hashchange", followAnchorMap);
})();
