/*
 * Keyboard and screen-reader fixes for Material's runtime markup (issue 13). A local file, no dependency.
 *
 * 1. Scrollable regions. Material wraps every table in .md-typeset__scrollwrap (overflow-x: auto) when
 *    the page loads; the home page's heatmap (.coverage-matrix) scrolls the same way. A region that
 *    actually scrolls (content wider than the box, e.g. at 390 px; code blocks too) gets tabindex="0", role="region" and
 *    a name (the heading above it), so a keyboard user can focus it and scroll with the arrow keys; a
 *    region that fits gets none of it (no useless tab stop). Re-checked when the window is resized.
 * 2. Navigation sections. With navigation.indexes, Material labels a section's <nav> by the <label>
 *    that toggles it, which holds only an arrow icon: the landmark has no name and the focusable
 *    toggle says nothing. The <nav> is named by the section title ("专题对照"), the toggle gets hidden
 *    text (展开或收起“专题对照”).
 * 3. The scheme toggle. Material's toggle is a group of visually hidden radio buttons, each followed by
 *    the label that shows the icon of the other scheme. On a first visit none is checked, so Tab lands
 *    on the first radio, whose label is the hidden one in the dark scheme: the focus is invisible.
 *    The radio of the scheme in use is checked (no change event: nothing switches), as Material itself
 *    does once the reader has toggled.
 * 4. Print. Before printing, the collapsed publishing notice is opened (and closed again afterwards)
 *    and the print footer gets the page address and today's date (print.css shows it on paper only).
 */
(function () {
  "use strict";

  var REGIONS = ".md-typeset__scrollwrap, .coverage-matrix, .md-typeset pre > code";
  var HEADINGS = "h1, h2, h3, h4, h5, h6";

  function headingText(el) {
    var clone = el.cloneNode(true);
    clone.querySelectorAll(".headerlink, .cite-button, .cite-menu").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  /* The nearest heading before el in document order (its caption, for a table). */
  function headingBefore(el) {
    var found = null;
    var all = document.querySelectorAll("article " + HEADINGS.split(", ").join(", article "));
    for (var i = 0; i < all.length; i++) {
      if (all[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = all[i];
      else break;
    }
    return found;
  }

  /* Whether el's content is wider than its box. Only reads layout: updateRegions measures every
     region before it changes any attribute, so the page is laid out once, not once per region (each
     write invalidates the layout and the next read would force it again: on a plan page with a dozen
     tables that was most of this script's cost in Lighthouse). */
  function scrollsSideways(el) {
    return el.scrollWidth > el.clientWidth + 1;
  }

  function updateRegion(el, scrolls) {
    if (scrolls && !el.hasAttribute("data-scroll-region")) {
      var heading = headingBefore(el);
      var name = heading ? headingText(heading) : document.title;
      el.setAttribute("data-scroll-region", "");
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      var kind = el.tagName === "CODE" ? "代码" : "表格";
      // landmarks must be distinguishable: later tables under the same heading get a number
      var key = kind + ":" + name;
      var same = Array.prototype.filter.call(document.querySelectorAll("[data-scroll-region-key]"), function (other) {
        return other.getAttribute("data-scroll-region-key") === key;
      }).length;
      el.setAttribute("data-scroll-region-key", key);
      var label = same ? name + "（第 " + (same + 1) + " 个" + kind + "，可左右滚动）" : name + "（" + kind + "，可左右滚动）";
      el.setAttribute("aria-label", label);
    } else if (!scrolls && el.hasAttribute("data-scroll-region") && el.tagName !== "CODE") {
      ["data-scroll-region", "data-scroll-region-key", "tabindex", "role", "aria-label"].forEach(function (a) { el.removeAttribute(a); });
    }
  }

  function updateRegions() {
    var regions = Array.prototype.slice.call(document.querySelectorAll(REGIONS));
    var scrolls = regions.map(scrollsSideways);
    regions.forEach(function (el, i) { updateRegion(el, scrolls[i]); });
  }

  function nameNavSections() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var item = nav.closest(".md-nav__item");
      var link = item && item.querySelector(":scope > .md-nav__container > a, :scope > a");
      var title = link ? link.textContent.replace(/\s+/g, " ").trim() : "";
      if (!title) return;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title);
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "展开或收起“" + title + "”";
      label.appendChild(hint);
    });
  }

  function syncPalette() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input.md-option[name='__palette']"));
    if (!inputs.length || inputs.some(function (i) { return i.checked; })) return;
    var scheme = document.body.getAttribute("data-md-color-scheme");
    inputs.forEach(function (i) { if (i.getAttribute("data-md-color-scheme") === scheme) i.checked = true; });
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  var reopen = [];
  function beforePrint() {
    document.querySelectorAll("details.plan-notice:not([open])").forEach(function (d) {
      d.open = true;
      reopen.push(d);
    });
    document.querySelectorAll("[data-print-url]").forEach(function (n) {
      n.textContent = window.location.origin + window.location.pathname;
    });
    document.querySelectorAll("[data-print-date]").forEach(function (n) { n.textContent = today(); });
  }
  function afterPrint() {
    reopen.forEach(function (d) { d.open = false; });
    reopen = [];
  }

  var timer = null;
  function init() {
    syncPalette();
    updateRegions();
    window.setTimeout(updateRegions, 0);  // in case Material wraps its tables after this runs
    nameNavSections();
    document.querySelectorAll("[data-print-date]").forEach(function (n) { n.textContent = today(); });
  }

  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(updateRegions, 150);
  });
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.planA11y = { updateRegions: updateRegions, beforePrint: beforePrint, afterPrint: afterPrint };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
