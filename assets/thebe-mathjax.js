/*
 * The part of MathJax 2's API that Thebe 0.9 and ipywidgets 8 call, on top of the
 * page's MathJax 3. thebe-setup.js loads this file when Thebe loads, and gives it
 * to Thebe as its "MathJax URL", so Thebe never fetches MathJax 2 from cdnjs.
 * Loading it twice is harmless.
 */
(function () {
  "use strict";

  var mathjax = window.MathJax;
  if (!mathjax || !mathjax.startup) {
    console.warn("thebe-mathjax: this page has no MathJax 3; live outputs keep their TeX");
    return;
  }

  // Outputs hold inline math as $...$, which the book's MathJax 3 does not read
  // (it reads \(...\)); $$...$$ it reads as is. Code stays untouched.
  var INLINE = /(^|[^\\$])\$([^$\n]+?)\$(?!\$)/g;
  function markInlineMath(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) {
      var parent = walker.currentNode.parentElement;
      if (!parent || !parent.closest("pre, code, script, style, textarea")) {
        texts.push(walker.currentNode);
      }
    }
    texts.forEach(function (text) {
      var marked = text.data.replace(INLINE, "$1\\($2\\)");
      if (marked !== text.data) {
        text.data = marked;
      }
    });
  }

  function typeset(element) {
    mathjax.startup.promise = mathjax.startup.promise
      .then(function () {
        if (element) {
          markInlineMath(element);
        }
        return mathjax.typesetPromise(element ? [element] : undefined);
      })
      .catch(function (error) {
        console.error("thebe-mathjax: typesetting failed", error);
      });
  }

  function noop() {}
  var hub = mathjax.Hub || (mathjax.Hub = {});
  hub.Config = noop;
  hub.Configured = noop;
  hub.Register = { StartupHook: noop };
  // Jobs are ["Typeset", Hub, element], other MathJax 2 calls (ignored) or callbacks.
  hub.Queue = function () {
    Array.prototype.forEach.call(arguments, function (job) {
      if (typeof job === "function") {
        mathjax.startup.promise = mathjax.startup.promise.then(job);
      } else if (Array.isArray(job) && job[0] === "Typeset") {
        typeset(job[2]);
      }
    });
  };
  mathjax.InputJax = mathjax.InputJax || { TeX: { resetEquationNumbers: noop } };
})();
