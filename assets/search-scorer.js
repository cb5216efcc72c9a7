/*
 * The search page lists each page once under its own title (html_search_scorer in
 * _config.yml; Sphinx adds this file to language_data.js, after searchtools.js).
 *
 * Sphinx's searchtools.js gives a page one result per index entry that matches, all
 * under the page's title: the glossary's terms are index entries, so "entropy" listed
 * "Glossary" four times (the page, and the terms entropy, cross-entropy and joint
 * entropy), and the API page once per function. Its duplicate removal keeps one of the
 * results with the same page, title, link and description. Here every result that is
 * the page under its own title (no section, no object description) takes the link of
 * the best-scoring of them, so one result is left per page, pointing at the best match
 * (the term "entropy" in the glossary). Section titles ("Page > Section") and API
 * objects (with their description) stay results of their own. Scores are unchanged.
 *
 * Sphinx pastes this file after its stemmer, whose last statement has no semicolon:
 * the file starts with a declaration, not "(" (which would call the stemmer).
 */
function nllceOneResultPerPage() {
  "use strict";

  if (typeof Scorer === "undefined" || typeof Search === "undefined") {
    return;
  }

  // docname -> {best: the best-scoring result so far, results: all of them}, per query
  var pages = new Map();

  function pageTitle(docName) {
    var index = Search._index;
    var position = index.docnames.indexOf(docName);
    return position < 0 ? undefined : index.titles[position];
  }

  var query = Search.query;
  Search.query = function () {
    pages = new Map();
    return query.apply(this, arguments);
  };

  // Called once per result, before the results are sorted and deduplicated; the result
  // is [docname, title, anchor, description, score, filename].
  Scorer.score = function (result) {
    var docName = result[0];
    var score = result[4];
    if (!result[3] && result[1] === pageTitle(docName)) {
      var page = pages.get(docName);
      if (!page) {
        page = { best: result, results: [] };
        pages.set(docName, page);
      } else if (score > page.best[4]) {
        page.best = result;
      }
      page.results.push(result);
      page.results.forEach(function (same) {
        same[2] = page.best[2];
      });
    }
    return score;
  };
}

nllceOneResultPerPage();
