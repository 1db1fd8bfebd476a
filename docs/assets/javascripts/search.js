/*
 * The site's search dialog (overrides/partials/search.html), backed by Pagefind.
 *
 * Nothing is downloaded for search until the reader opens the dialog (clicks or focuses the search
 * box, taps the header's search button, or presses / s f): then Pagefind's script is imported, and
 * a query fetches only the index chunks of its words and the fragments of the results shown, ten at
 * a time as the list is scrolled. The index is built by overrides/hooks/search_index.py and
 * generator/site/search.py: one document per section, jieba's words separated by spaces, indexed
 * as language "und" so that Pagefind neither segments nor stems (see there why). Pagefind reads the
 * language to search with from <html lang> when it initialises; the page says "zh", which would make
 * Pagefind split a Chinese query with Intl.Segmenter, so lang is "und" for exactly that synchronous
 * call and "zh" again right after (no task runs in between: nothing else can see it).
 *
 * A query word matches as the prefix of an indexed word (普惠 finds 普惠性), or as one of the words
 * found inside longer ones (幼儿园 in 普惠性幼儿园). A result is shown only if its title or text
 * really contains every query word: when a word is in no index entry, Pagefind falls back to
 * shorter prefixes (幼儿园长城 → 幼儿园…), and those results are dropped. A Chinese phrase that is not one
 * index word (学前教育普及) is searched again as its words (Intl.Segmenter) and filtered the same way.
 *
 * Opening a result adds ?h=<query> to its address; on that page the query words are highlighted
 * in the article, as Material's search.highlight did.
 */
(function () {
  "use strict";

  var BATCH = 10;
  var EXCERPT = 110; // characters of text shown around the first match
  var INDEX_LANGUAGE = "und"; // generator/site/search.py: INDEX_LANGUAGE
  var CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026";
  var SPACE_NEAR_CJK = new RegExp(" (?=[" + CJK + "])|(?<=[" + CJK + "]) ", "g");
  var HAN_RUN = /^\p{sc=Han}{3,}$/u;
  var MAX_MARKS = 300;

  /** Query words: split at spaces and punctuation, as Pagefind normalises a query. */
  function words(query) {
    return String(query || "").split(/[\s\p{P}]+/u).filter(Boolean);
  }

  /** The site-relative location of a result from the URL Pagefind returns (/plans/haidian/s4-4.html). */
  function locationOf(url) {
    var path = decodeURIComponent(url).replace(/^\/+/, "");
    if (/\.html$/.test(path)) {
      var slash = path.lastIndexOf("/");
      path = path.slice(0, slash + 1) + "#" + path.slice(slash + 1, -5);
    }
    // use_directory_urls: false: a page file's sections sit in a folder of its name (plans/haidian.html/)
    return path.replace(/\.html\/(?=#|$)/, ".html");
  }

  /** Indexed words (separated by spaces, or U+200A in the title) joined back into the text a reader sees. */
  function unspace(text) {
    return String(text || "").replace(/\u200a/g, "").replace(/\s+/g, " ").replace(SPACE_NEAR_CJK, "").trim();
  }

  function containsAll(text, terms) {
    var lower = text.toLowerCase();
    return terms.every(function (term) { return lower.indexOf(term.toLowerCase()) >= 0; });
  }

  /** Text around the first match of any term, with "…" where it was cut. */
  function excerpt(text, terms) {
    var lower = text.toLowerCase(), first = -1;
    terms.forEach(function (term) {
      var at = lower.indexOf(term.toLowerCase());
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = first < 0 ? 0 : Math.max(0, first - Math.floor(EXCERPT / 4));
    var end = Math.min(text.length, start + EXCERPT);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  /** Append ``text`` to ``parent`` with every occurrence of a term wrapped in <mark> (text nodes only). */
  function appendMarked(parent, text, terms) {
    var pattern = markPattern(terms);
    var last = 0, match;
    while (pattern && (match = pattern.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function markPattern(terms) {
    var sorted = terms.slice().sort(function (a, b) { return b.length - a.length; });
    if (!sorted.length) return null;
    return new RegExp(sorted.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
  }

  /** Highlight the query of ?h= in the article (after opening a search result). */
  function highlightPage(root, terms) {
    var pattern = markPattern(terms);
    if (!root || !pattern) return 0;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest("script, style, mark, .headerlink, .passage-permalink, .theme-chips")) return NodeFilter.FILTER_REJECT;
        pattern.lastIndex = 0;
        return pattern.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    var nodes = [], count = 0;
    while (walker.nextNode() && nodes.length < MAX_MARKS) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, terms);
      fragment.querySelectorAll("mark").forEach(function (mark) { mark.setAttribute("data-md-highlight", ""); count++; });
      node.parentNode.replaceChild(fragment, node);
    });
    return count;
  }

  window.planSearch = { words: words, locationOf: locationOf, unspace: unspace, excerpt: excerpt };

  var highlight = new URLSearchParams(location.search).get("h");
  if (highlight) highlightPage(document.querySelector("article.md-content__inner"), words(highlight));

  var dialog = document.querySelector("[data-plan-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scrollwrap = dialog.querySelector(".md-search__scrollwrap");
  var text = dialog.dataset;
  var bundle = new URL(text.pagefind, location.href);
  var siteRoot = new URL("..", bundle);
  var engine = null, seq = 0, state = null, timer = 0;

  function load() {
    if (!engine) {
      engine = import(bundle.href).then(function (pagefind) {
        return pagefind.options({ baseUrl: "/" }).then(function () {
          var root = document.documentElement, lang = root.lang;
          root.lang = INDEX_LANGUAGE;
          var ready = pagefind.init();
          root.lang = lang;
          return ready;
        }).then(function () { return pagefind; });
      });
      engine.then(function () {
        if (input.value.trim()) run(); else setMeta(text.textPlaceholder);
      }, function () {
        engine = null;
        setMeta(text.textFailed);
      });
    }
    return engine;
  }

  function setMeta(message) {
    if (meta.textContent !== message) meta.textContent = message;
  }

  function countText(total) {
    if (total === 0) return text.textNone;
    if (total === 1) return text.textOne;
    return text.textOther.replace("#", String(total));
  }

  function run() {
    var query = input.value, terms = words(query), mine = ++seq;
    if (!terms.length) {
      state = null;
      list.textContent = "";
      setMeta(text.textPlaceholder);
      return;
    }
    load().then(function (pagefind) {
      return pagefind.search(terms.join(" ")).then(function (found) {
        if (mine !== seq) return null;
        state = { results: found.results, next: 0, dropped: 0, terms: terms, busy: false, pagefind: pagefind, retried: false };
        list.textContent = "";
        return more(mine);
      });
    }).catch(function () { if (mine === seq) setMeta(text.textFailed); });
  }

  /** Render the next batch of results (their fragments are fetched now). */
  function more(mine) {
    if (!state || state.busy || state.next >= state.results.length) return Promise.resolve();
    var current = state;
    current.busy = true;
    var batch = current.results.slice(current.next, current.next + BATCH);
    current.next += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (data) {
      if (mine !== seq) return null;
      var shownBefore = list.children.length;
      data.forEach(function (entry) {
        var item = render(entry, current.terms);
        if (item) list.appendChild(item); else current.dropped++;
      });
      current.busy = false;
      if (list.children.length === 0 && shownBefore === 0) {
        // nothing in the first batch contains the query: Pagefind fell back to shorter prefixes
        current.dropped += current.results.length - current.next;
        current.next = current.results.length;
        if (!current.retried && retry(mine, current)) return null;
      }
      setMeta(countText(current.results.length - current.dropped));
      if (scrollwrap.scrollHeight <= scrollwrap.clientHeight + 40) return more(mine);
      return null;
    });
  }

  /** A Chinese phrase that is no index word: search its words, keep results containing the phrase. */
  function retry(mine, current) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return false;
    var phrases = current.terms.filter(function (term) { return HAN_RUN.test(term); });
    if (!phrases.length) return false;
    var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    var split = [];
    current.terms.forEach(function (term) {
      if (!HAN_RUN.test(term)) { split.push(term); return; }
      Array.from(segmenter.segment(term)).forEach(function (s) { if (s.isWordLike) split.push(s.segment); });
    });
    if (split.length <= current.terms.length) return false;
    current.pagefind.search(split.join(" ")).then(function (found) {
      if (mine !== seq) return null;
      state = { results: found.results, next: 0, dropped: 0, terms: current.terms, busy: false, pagefind: current.pagefind, retried: true };
      return more(mine);
    });
    return true;
  }

  function render(entry, terms) {
    var title = unspace(entry.meta && entry.meta.title);
    var content = String(entry.content || "");
    var spacedTitle = String((entry.meta && entry.meta.title) || "").replace(/\u200a/g, " ");
    if (spacedTitle && content.indexOf(spacedTitle) === 0) content = content.slice(spacedTitle.length).replace(/^\.\s*/, "");
    var body = unspace(content).replace(new RegExp("(?<=[" + CJK + "])\\.$"), "");
    if (!containsAll(title + "\n" + body, terms)) return null;
    var page = entry.filters && entry.filters.page && entry.filters.page[0];
    var location = locationOf(entry.url);
    var parts = location.split("#");
    var href = new URL(parts[0], siteRoot);
    href.searchParams.set("h", terms.join(" "));
    if (parts.length > 1) href.hash = parts[1];

    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href.href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (page && page !== title) {
      var where = document.createElement("p");
      where.className = "plan-search-result__page";
      where.textContent = page;
      article.appendChild(where);
    }
    var heading = document.createElement("h2");
    appendMarked(heading, title, terms);
    article.appendChild(heading);
    if (body) {
      var paragraph = document.createElement("p");
      appendMarked(paragraph, excerpt(body, terms), terms);
      article.appendChild(paragraph);
    }
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  function isTyping(element) {
    return element && (element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName));
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      if (document.activeElement !== input) setTimeout(function () { input.focus(); }, 50);
    } else if (document.activeElement === input) {
      input.blur();
    }
  });
  input.addEventListener("focus", function () {
    setOpen(true);
    load();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  // Enter searches where the reader is (results update as they type); the page never reloads
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  scrollwrap.addEventListener("scroll", function () {
    if (scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 120) more(seq);
  }, { passive: true });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) setOpen(false);
  });
  dialog.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) setOpen(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !isTyping(document.activeElement)) {
        event.preventDefault();
        setOpen(true);
        input.focus();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        setOpen(false);
        input.blur();
        break;
      case "Enter":
        if (document.activeElement === input) {
          event.preventDefault();
          if (links.length) links[0].click();
        }
        break;
      case "ArrowDown":
      case "ArrowUp": {
        var stops = [input].concat(links);
        var at = stops.indexOf(document.activeElement);
        if (at < 0 && document.activeElement !== input) return;
        event.preventDefault();
        var next = (Math.max(0, at) + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length;
        stops[next].focus();
        break;
      }
      default:
        break;
    }
  });
})();
