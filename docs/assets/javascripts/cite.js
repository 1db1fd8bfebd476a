/*
 * 复制引用 (copy citation) and permalink highlighting. A local file, no dependency.
 *
 * WHERE. Every heading h2–h5 with an id and every passage (.passage[id]) in the article, and every
 * entry of a topic or compare page (.xref-entry, .xref-group), gets a 复制引用 button. It opens a
 * small panel (a disclosure: aria-expanded, Escape closes it and returns focus) offering:
 *
 *   一行引用   <district>，《<plan title>》[（标题为编者所加）]，<section>，<permalink>
 *              (pages that are not plans: <site name>，<page title>，<section>，<permalink>)
 *   GB/T 7714  the plan's GB/T 7714—2015 [EB/OL] entry (generator/site/citation.py writes it with two
 *              placeholders) with the permalink and today's date as the access date [引用日期]
 *              (pages that are not plans: <site name>. <page title>[EB/OL]. [<date>]. <permalink>.)
 *   and, for a plan's passages, links to the BibTeX and RIS files of the whole plan.
 *
 * <section> is the number path and title of the heading (for a passage: of the heading it sits
 * under), e.g. "三、（四）2. 加强集团化办学": the numbers of the enclosing headings followed by the
 * heading's own text, so the section is unambiguous on its own. On pages other than plans, whose
 * headings carry no numbers, it is the enclosing headings' titles joined by " · ". It is left out
 * (with its comma) for a passage that precedes every heading.
 *
 * WHICH PLAN. On a plan page the metadata block (#cite-context) carries the plan's data. A topic or
 * compare entry cites the passage its FIRST link points to (…/plans/<slug>/#<passage-id>), not the
 * page it is on: the plan's data — district, title, GB/T template, the plan page's headings — is
 * fetched from data/cite/<slug>.json (generated at build time) the first time an entry of that plan
 * is opened, and the section path is derived from those headings exactly as on the plan page, so a
 * passage is cited identically wherever it is cited from. Pages stay light however many plans the
 * site has.
 *
 * Opening a permalink (or following one inside the page) marks the target with .cite-target in
 * addition to CSS :target, because :target is not updated when Material rewrites the location.
 */
(function () {
  "use strict";

  var HEADINGS = "h2[id], h3[id], h4[id], h5[id]";
  var TARGETS = HEADINGS + ", .passage[id]";
  var ENTRIES = ".xref-entry, .xref-group";
  // Leading section number of a heading: 一、 （一） (一) 1. 1． （1） 附件1 专栏1 表1 序言
  var NUMBER_RE = /^(?:[一二三四五六七八九十百零〇]+、|[（(][一二三四五六七八九十百零〇]+[)）]|\d+[.．、]|[（(]\d+[)）]|附件\s*\d+|专栏\s*\d*|表\s*\d+)/;
  var STRIP = ".headerlink, .cite-button, .cite-menu, .passage-permalink, .theme-chips";
  var SUPPLIED = "（标题为编者所加）";
  // placeholders in the GB/T template (generator/site/citation.py: ACCESSED, URL)
  var ACCESSED = "\ue000accessed\ue000";
  var URL_MARK = "\ue000url\ue000";
  var PLAN_LINK_RE = /\/plans\/([a-z0-9-]+)\/?$/;

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

  /* The page's h2–h5 as {id, level, text}: the same list generator/site/glue.py writes for a plan. */
  function domHeadings(article) {
    return Array.prototype.map.call(article.querySelectorAll(HEADINGS), function (h) {
      return { id: h.id, level: Number(h.tagName.charAt(1)), text: cleanText(h) };
    });
  }

  /*
   * Number path + title of headings[index], e.g. 三、（四）2. 加强集团化办学 (plan pages), or the
   * titles of the enclosing headings joined by " · ", e.g. 学位供给与布局 · 海淀 (other pages).
   */
  function sectionOf(headings, index, numbered) {
    var heading = headings[index];
    var stack = [];
    for (var i = 0; i < index; i++) {
      var h = headings[i];
      while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
      stack.push(h);
    }
    var ancestors = stack.filter(function (h) { return h.level < heading.level; });
    if (!numbered) {
      return ancestors.map(function (h) { return h.text; }).concat([heading.text]).join(" · ");
    }
    var pieces = [];
    ancestors.forEach(function (h) {
      var m = h.text.match(NUMBER_RE);
      if (m) pieces.push(m[0].replace(/\s+/g, ""));
    });
    pieces.push(heading.text);
    return joinPieces(pieces);
  }

  function indexOf(headings, id) {
    for (var i = 0; i < headings.length; i++) if (headings[i].id === id) return i;
    return -1;
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

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* ---- The plan or page a citation names ---------------------------------------------------- */

  /* {district, title, title_supplied, gbt, files, headings} of the plan this page is, or null. */
  function pagePlan(article) {
    var ctx = document.getElementById("cite-context");
    if (!ctx || ctx.dataset.citeKind !== "plan") return null;
    return {
      district: ctx.dataset.district,
      title: ctx.dataset.planTitle,
      title_supplied: ctx.dataset.titleSupplied === "true",
      gbt: ctx.dataset.gbt || "",
      json: ctx.dataset.citeJson || "",
      headings: domHeadings(article)
    };
  }

  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  var planData = {};  // slug -> Promise of the plan's data/cite/<slug>.json
  function fetchPlan(slug) {
    if (!planData[slug]) {
      var url = new URL("data/cite/" + slug + ".json", siteBase());
      planData[slug] = fetch(url.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url.href);
        return response.json();
      }).then(function (data) {
        data.headings = data.headings.map(function (h) { return { id: h[0], level: h[1], text: h[2] }; });
        data.base = siteBase();
        return data;
      });
      planData[slug].catch(function () { delete planData[slug]; });  // a later try may succeed
    }
    return planData[slug];
  }

  function planHead(plan) {
    return [plan.district, "《" + plan.title + "》" + (plan.title_supplied ? SUPPLIED : "")];
  }

  function gbtFor(plan, url) {
    return plan.gbt.split(URL_MARK).join(url).split(ACCESSED).join(today());
  }

  function fileLinks(plan) {
    if (!plan.files) return null;
    var base = plan.base;
    return {
      bib: new URL(plan.files.bib, base).href,
      ris: new URL(plan.files.ris, base).href
    };
  }

  /* ---- Citations of an element on this page (headings, passages) ---------------------------- */

  function permalink(id) {
    return window.location.origin + window.location.pathname + "#" + encodeURIComponent(id);
  }

  function pageCitation(el, article) {
    var plan = pagePlan(article);
    var headings = plan ? plan.headings : domHeadings(article);
    var heading = el.matches(HEADINGS) ? el : headingBefore(el, article);
    var index = heading ? indexOf(headings, heading.id) : -1;
    var section = index >= 0 ? sectionOf(headings, index, Boolean(plan)) : "";
    var url = permalink(el.id);
    var ctx = document.getElementById("cite-context");
    var siteName = ctx && ctx.dataset.siteName ? ctx.dataset.siteName : document.title;
    var pageTitle = ctx && ctx.dataset.pageTitle ? ctx.dataset.pageTitle : "";
    var line = (plan ? planHead(plan) : [siteName, pageTitle]).concat([section, url]).filter(Boolean).join("，");
    var gbt = plan && plan.gbt
      ? gbtFor(plan, url)
      : siteName + ". " + (pageTitle || siteName) + (section ? ": " + section : "") + "[EB/OL]. [" + today() + "]. " + url + ".";
    var files = plan && plan.json ? filesFromJson(plan.json) : null;
    return Promise.resolve({ line: line, gbt: gbt, files: files });
  }

  /* data/cite/<slug>.json → the .bib and .ris next to it */
  function filesFromJson(json) {
    var url = new URL(json, window.location.href);
    return { bib: url.href.replace(/\.json$/, ".bib"), ris: url.href.replace(/\.json$/, ".ris") };
  }

  /* ---- Citations of a topic/compare entry: the passage its first link points to -------------- */

  function entryTarget(entry) {
    var link = entry.querySelector("a[href]");
    if (!link) return null;
    var url = new URL(link.getAttribute("href"), window.location.href);
    var m = url.pathname.match(PLAN_LINK_RE);
    var id = decodeURIComponent(url.hash.slice(1));
    if (!m || !id) return null;
    return { slug: m[1], id: id, url: url.origin + url.pathname + "#" + encodeURIComponent(id) };
  }

  function entryCitation(entry) {
    var target = entryTarget(entry);
    if (!target) return Promise.reject(new Error("no plan link"));
    return fetchPlan(target.slug).then(function (plan) {
      var index = indexOf(plan.headings, target.id);
      if (index < 0) index = indexOf(plan.headings, target.id.replace(/-p\d+$/, ""));
      var section = index >= 0 ? sectionOf(plan.headings, index, true) : "";
      return {
        line: planHead(plan).concat([section, target.url]).filter(Boolean).join("，"),
        gbt: gbtFor(plan, target.url),
        files: fileLinks(plan)
      };
    });
  }

  /* ---- Copying ------------------------------------------------------------------------------ */

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

  /* ---- The panel ---------------------------------------------------------------------------- */

  var FORMATS = [
    { key: "line", label: "复制一行引用" },
    { key: "gbt", label: "复制 GB/T 7714 格式" }
  ];
  var menu = null;      // the one open panel
  var opener = null;    // the button that opened it
  var menuCount = 0;

  function closeMenu(returnFocus) {
    if (!menu) return;
    var button = opener;
    menu.remove();
    menu = null;
    opener = null;
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.removeAttribute("aria-controls");
      if (returnFocus) button.focus();
    }
  }

  function buildMenu(button, citation) {
    var panel = document.createElement("div");
    panel.className = "cite-menu";
    panel.id = "cite-menu-" + (++menuCount);
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "引用格式");
    panel.dataset.searchExclude = "";
    var status = document.createElement("p");
    status.className = "cite-menu__status";
    status.setAttribute("role", "status");
    status.textContent = "正在载入引用信息……";
    var list = document.createElement("div");
    list.className = "cite-menu__formats";
    panel.appendChild(list);
    panel.appendChild(status);

    citation.then(function (formats) {
      status.textContent = "";
      FORMATS.forEach(function (format) {
        var item = document.createElement("button");
        item.type = "button";
        item.className = "cite-menu__item";
        item.dataset.format = format.key;
        item.textContent = format.label;
        item.title = formats[format.key];
        item.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          var text = formats[format.key];
          item.dataset.citation = text;
          button.dataset.citation = text;
          copyText(text).then(function () {
            item.textContent = "已复制";
            item.classList.add("cite-menu__item--done");
            status.textContent = "已复制：" + text;
          }, function () {
            item.textContent = "复制失败";
            status.textContent = "复制失败，可手动选择：" + text;
          }).then(function () {
            window.setTimeout(function () {
              item.textContent = format.label;
              item.classList.remove("cite-menu__item--done");
            }, 2000);
          });
        });
        list.appendChild(item);
      });
      if (formats.files) {
        var files = document.createElement("span");
        files.className = "cite-menu__files";
        files.appendChild(document.createTextNode("整份规划："));
        [["bib", "BibTeX"], ["ris", "RIS"]].forEach(function (pair, i) {
          if (i) files.appendChild(document.createTextNode(" · "));
          var a = document.createElement("a");
          a.className = "cite-menu__link";
          a.href = formats.files[pair[0]];
          a.setAttribute("download", "");
          a.textContent = pair[1];
          files.appendChild(a);
        });
        list.appendChild(files);
      }
      var first = list.querySelector("button");
      if (first && panel.contains(document.activeElement) === false && menu === panel) first.focus();
    }, function () {
      status.textContent = "引用信息载入失败，请稍后再试，或打开规划原文页复制。";
    });

    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeMenu(true);
      }
    });
    return panel;
  }

  function openMenu(button, host, citation) {
    closeMenu(false);
    menu = buildMenu(button, citation);
    opener = button;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", menu.id);
    // After the heading or passage (inside a table row: in its last cell), so the heading's name and
    // the passage's text stay as they are, and Tab goes from the panel on to the next content.
    if (host.tagName === "TD") host.appendChild(menu);
    else host.insertAdjacentElement("afterend", menu);
  }

  function addButton(el, host, citation) {
    if (!host || host.querySelector(":scope > .cite-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-button";
    button.textContent = "复制引用";
    button.title = "复制这一" + (el.matches(HEADINGS) ? "节" : "段") + "的引用（一行引用或 GB/T 7714，含永久链接）";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      if (opener === button) {
        closeMenu(true);
        return;
      }
      openMenu(button, host === el ? el : host, citation());
    });
    host.appendChild(button);
  }

  function highlightTarget() {
    document.querySelectorAll(".cite-target").forEach(function (n) { n.classList.remove("cite-target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.matches(TARGETS + ", " + ENTRIES)) el.classList.add("cite-target");
  }

  function init() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    menu = null;
    opener = null;
    article.querySelectorAll(TARGETS).forEach(function (el) {
      if (el.matches(ENTRIES)) return;
      var host = el.tagName === "TR" ? el.lastElementChild : el;
      addButton(el, host, function () { return pageCitation(el, article); });
    });
    article.querySelectorAll(ENTRIES).forEach(function (el) {
      if (!entryTarget(el)) return;
      addButton(el, el, function () { return entryCitation(el); });
    });
    highlightTarget();
  }

  document.addEventListener("click", function (event) {
    if (menu && !menu.contains(event.target)) closeMenu(false);
  });
  window.addEventListener("hashchange", highlightTarget);
  // Expose for tests and for people who script the site.
  window.planCite = {
    /* Promise of {line, gbt, files} for the element with this id (a heading, passage or entry). */
    formats: function (id) {
      var article = document.querySelector("article.md-content__inner");
      var el = document.getElementById(id);
      if (!el || !article) return Promise.resolve(null);
      return el.matches(ENTRIES) ? entryCitation(el) : pageCitation(el, article);
    }
  };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material: also runs after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
