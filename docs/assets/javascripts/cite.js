/*
 * 复制引用 (copy citation) and permalink highlighting. A local file, no dependency.
 *
 * Every heading h2–h5 with an id and every passage (.passage[id]) in the article gets a button
 * that copies ONE line:
 *
 *   plan pages:   <district>，《<plan title>》[（标题为编者所加）]，<section>，<permalink>
 *   other pages:  <site name>，<page title>，<section>，<permalink>
 *
 * <section> is the number path and title of the heading (for a passage: of the heading it sits
 * under), e.g. "三、（四）2. 加强集团化办学": the numbers of the enclosing headings followed by the
 * heading's own text, so the section is unambiguous on its own. On pages other than plans, whose
 * headings carry no numbers, it is the enclosing headings' titles joined by " · ". It is left out
 * (with its comma) for a passage that precedes every heading. <permalink> is the page's absolute
 * URL + "#" + id.
 *
 * Opening a permalink (or following one inside the page) marks the target with .cite-target in
 * addition to CSS :target, because :target is not updated when Material rewrites the location.
 */
(function () {
  "use strict";

  var HEADINGS = "h2[id], h3[id], h4[id], h5[id]";
  var TARGETS = HEADINGS + ", .passage[id]";
  // Leading section number of a heading: 一、 （一） (一) 1. 1． （1） 附件1 专栏1 表1 序言
  var NUMBER_RE = /^(?:[一二三四五六七八九十百零〇]+、|[（(][一二三四五六七八九十百零〇]+[)）]|\d+[.．、]|[（(]\d+[)）]|附件\s*\d+|专栏\s*\d*|表\s*\d+)/;
  var STRIP = ".headerlink, .cite-button, .passage-permalink, .theme-chips";

  function cleanText(el) {
    var clone = el.cloneNode(true);
    clone.querySelectorAll(STRIP).forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function joinPieces(pieces) {
    var out = "";
    pieces.forEach(function (p) {
      if (out && /[0-9A-Za-z]$/.test(out)) out += " ";
      out += p;
    });
    return out;
  }

  /*
   * Number path + title of a heading, e.g. 三、（四）2. 加强集团化办学 (plan pages), or the titles
   * of the enclosing headings joined by " · ", e.g. 学位供给与布局 · 海淀 (other pages).
   */
  function sectionOf(heading, article, numbered) {
    var level = Number(heading.tagName.charAt(1));
    var stack = [];
    var all = article.querySelectorAll(HEADINGS);
    for (var i = 0; i < all.length; i++) {
      var h = all[i];
      if (h === heading) break;
      var l = Number(h.tagName.charAt(1));
      while (stack.length && stack[stack.length - 1].level >= l) stack.pop();
      stack.push({ level: l, el: h });
    }
    var ancestors = stack.filter(function (entry) { return entry.level < level; });
    if (!numbered) {
      return ancestors.map(function (entry) { return cleanText(entry.el); }).concat([cleanText(heading)]).join(" · ");
    }
    var pieces = [];
    ancestors.forEach(function (entry) {
      var m = cleanText(entry.el).match(NUMBER_RE);
      if (m) pieces.push(m[0].replace(/\s+/g, ""));
    });
    pieces.push(cleanText(heading));
    return joinPieces(pieces);
  }

  /* The heading a passage sits under: the last h2–h5 before it in document order. */
  function headingBefore(el, article) {
    var found = null;
    var all = article.querySelectorAll(HEADINGS);
    for (var i = 0; i < all.length; i++) {
      if (all[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = all[i];
      else break;
    }
    return found;
  }

  function permalink(id) {
    return window.location.origin + window.location.pathname + "#" + encodeURIComponent(id);
  }

  function citationFor(el, article) {
    var ctx = document.getElementById("cite-context");
    var isPlan = Boolean(ctx && ctx.dataset.citeKind === "plan");
    var parts = [];
    if (isPlan) {
      parts.push(ctx.dataset.district);
      parts.push("《" + ctx.dataset.planTitle + "》" + (ctx.dataset.titleSupplied === "true" ? "（标题为编者所加）" : ""));
    } else {
      parts.push(ctx ? ctx.dataset.siteName : document.title);
      if (ctx && ctx.dataset.pageTitle) parts.push(ctx.dataset.pageTitle);
    }
    var heading = el.matches(HEADINGS) ? el : headingBefore(el, article);
    if (heading) parts.push(sectionOf(heading, article, isPlan));
    parts.push(permalink(el.id));
    return parts.filter(Boolean).join("，");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function addButton(el, article) {
    var host = el.tagName === "TR" ? el.lastElementChild : el;
    if (!host || host.querySelector(":scope > .cite-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-button";
    button.textContent = "复制引用";
    button.title = "复制这一" + (el.matches(HEADINGS) ? "节" : "段") + "的引用（含永久链接）";
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var text = citationFor(el, article);
      button.dataset.citation = text;
      copyText(text).then(function () {
        button.textContent = "已复制";
        button.classList.add("cite-button--done");
      }, function () {
        button.textContent = "复制失败";
      }).then(function () {
        window.setTimeout(function () {
          button.textContent = "复制引用";
          button.classList.remove("cite-button--done");
        }, 2000);
      });
    });
    host.appendChild(button);
  }

  function highlightTarget() {
    document.querySelectorAll(".cite-target").forEach(function (n) { n.classList.remove("cite-target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.matches(TARGETS)) el.classList.add("cite-target");
  }

  function init() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    article.querySelectorAll(TARGETS).forEach(function (el) { addButton(el, article); });
    highlightTarget();
  }

  window.addEventListener("hashchange", highlightTarget);
  // Expose for tests and for people who script the site.
  window.planCite = { citationFor: function (id) {
    var article = document.querySelector("article.md-content__inner");
    var el = document.getElementById(id);
    return el && article ? citationFor(el, article) : null;
  } };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material: also runs after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
