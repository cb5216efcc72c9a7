/*
 * The part of MathJax 2's API that Thebe 0.9 and ipywidgets 8 call, on top of
 * MathJax 3. thebe-setup.js loads this file when Thebe loads, and gives it to
 * Thebe as its "MathJax URL", so Thebe never fetches MathJax 2 from cdnjs.
 * Loading it twice is harmless.
 *
 * The book's pages hold their math prerendered (_ext/math_prerender.py) and load
 * no MathJax; live outputs need one, so this file loads the vendored MathJax 3
 * (without typesetting the page). Until it has loaded, calls to MathJax 2's
 * queue wait in a stand-in.
 */
(function () {
  "use strict";

  var vendor = document.currentScript.src.replace(/[^/]*$/, "");
  var waiting = [];

  function loadMathJax() {
    if (window.MathJax && (window.MathJax.startup || window.MathJax.nllceLoading)) {
      return;
    }
    window.MathJax = {
      nllceLoading: true,
      startup: { typeset: false },
      // the stand-in for MathJax 2's API, until MathJax 3 replaces this object
      Hub: {
        Queue: function () {
          waiting.push(arguments);
        },
        Config: function () {},
        Configured: function () {},
        Register: { StartupHook: function () {} },
      },
      InputJax: { TeX: { resetEquationNumbers: function () {} } },
    };
    var script = document.createElement("script");
    script.src = vendor + "mathjax/tex-chtml.js";
    script.onload = function () {
      bridge(window.MathJax);
      waiting.forEach(function (jobs) {
        window.MathJax.Hub.Queue.apply(null, jobs);
      });
      waiting = [];
    };
    document.head.appendChild(script);
  }

  if (window.MathJax && window.MathJax.startup && window.MathJax.typesetPromise) {
    bridge(window.MathJax);
  } else {
    loadMathJax();
  }

  function bridge(mathjax) {

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
  }
})();
