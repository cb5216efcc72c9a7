/*
 * "Live code" with the book's own Thebe. Loaded on every page, before a reader can
 * click the button. sphinx-thebe 0.3.1 then loads THEBE_JS_URL, which
 * _ext/site_assets.py points at the vendored thebe@0.9.2 (the thebe@0.8.2 it names
 * cannot show ipywidgets 8 widgets), and calls `thebelab.bootstrap()` with no options.
 */
(function () {
  "use strict";

  var vendor = document.currentScript.src.replace(/[^/]*$/, "");
  // Thebe loads require.js (for widget modules) from this fixed address; without it,
  // no widget renders. It gets the book's copy instead.
  var REQUIREJS_CDN = "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js";
  var DEFAULTS = {
    // Thebe 0.9 starts a kernel only when bootstrap() is asked to.
    requestKernel: true,
    // Outputs with math are typeset by the page's MathJax 3 through this bridge,
    // not by MathJax 2 from cdnjs (which would also clobber the page's MathJax).
    mathjaxUrl: vendor + "thebe-mathjax.js",
    mathjaxConfig: "TeX-AMS_CHTML",
  };

  function serveRequireJs() {
    var fetch = window.fetch;
    window.fetch = function (resource, options) {
      return fetch.call(this, resource === REQUIREJS_CDN ? vendor + "require.js" : resource, options);
    };
  }

  function addScript(name) {
    var script = document.createElement("script");
    script.src = vendor + name;
    document.head.appendChild(script);
  }

  function addStyles() {
    // Thebe 0.9 ships its styles (cells, outputs, widgets) as a separate file.
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = vendor + "thebe/thebe.css";
    document.head.appendChild(style);
  }

  // Thebe 0.9 pairs the i-th cell with the i-th output placeholder ([data-output]) of
  // the page, and sphinx-thebe marks only the outputs a cell has: one cell without an
  // output (none, or removed with remove-output) would send every later cell's output
  // to its neighbour's place. Give each such cell an empty placeholder, after its
  // (possibly folded) source.
  function giveEveryCellAnOutput() {
    document.querySelectorAll("[data-executable]").forEach(function (source) {
      var cell = source.closest(".cell") || source.parentElement;
      if (!cell.querySelector("[data-output]")) {
        var output = document.createElement("div");
        output.className = "cell_output";
        output.setAttribute("data-output", "");
        cell.appendChild(output);
      }
    });
  }

  // sphinx-thebe moves each output right after its cell's source: for a cell whose
  // source is folded (hide-input), into the fold, where the live output (a slider,
  // say) stays hidden once the reader folds the source again. Put it back after the
  // fold; it stays the cell's next output, so Thebe's pairing is unchanged.
  function keepOutputsOutOfFolds() {
    document.querySelectorAll("details.above-input [data-output]").forEach(function (output) {
      output.closest("details.above-input").insertAdjacentElement("afterend", output);
    });
  }

  // Thebe sets `window.thebelab` when it has loaded, before sphinx-thebe's load
  // handler calls bootstrap(): wrap bootstrap() as it is set.
  var thebe;
  Object.defineProperty(window, "thebelab", {
    configurable: true,
    get: function () {
      return thebe;
    },
    set: function (value) {
      if (value && value.bootstrap && !value.bootstrap.withBookDefaults) {
        var bootstrap = value.bootstrap;
        value.bootstrap = function (options) {
          giveEveryCellAnOutput();
          keepOutputsOutOfFolds();
          return bootstrap(Object.assign({}, DEFAULTS, options));
        };
        value.bootstrap.withBookDefaults = true;
        serveRequireJs();
        addStyles();
        // ipywidgets 8 labels call MathJax 2's API as soon as a live widget renders.
        addScript("thebe-mathjax.js");
        // Live ipywidgets sliders: their styles, and names for their handles. The static
        // pages hold no widgets, so only Thebe brings these.
        addScript("widgets-setup.js");
      }
      thebe = value;
    },
  });
})();
