/*
 * Chinese search queries: let Material's query segmentation see the whole word.
 *
 * Material's search worker splits each run of Han characters in a query into words of the index
 * vocabulary (the jieba tokens of the site) before searching. Its splitter never tries a piece
 * that ends at the last character of the run, so "集团化办学" is searched as "集团化* 办*",
 * "智慧校园" as "智慧* 校*" and "双减" as "双*": every page is still found, but sections that do
 * not contain the word rank first and the word itself is not highlighted.
 *
 * This script appends U+3400 (a Han character that never occurs in the plans) to every Han run of
 * a query on its way to the worker. The splitter can then end a piece at the real last character,
 * so the whole word is searched when it is an index token (policy terms are kept whole by
 * generator/data/jieba_user_dict.txt; words inside longer tokens, such as 幼儿园 in 普惠性幼儿园,
 * are tokens of the hidden "parts" field added by overrides/hooks/search_index.py). U+3400 is in
 * the search separator (mkdocs.yml), so it never becomes part of a search term itself. Queries
 * without Han characters are not touched.
 */
(function () {
  "use strict";

  var SENTINEL = "\u3400";
  var HAN_RUN = /\p{sc=Han}+/gu;
  var QUERY = 2;  // message type of a search query in Material's worker protocol

  function fixQuery(query) {
    return query.replace(HAN_RUN, function (run) {
      return run.charAt(run.length - 1) === SENTINEL ? run : run + SENTINEL;
    });
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: QUERY, data: fixQuery(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };

  window.planSearch = { fixQuery: fixQuery };
})();
