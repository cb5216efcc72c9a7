/*
 * Loaded on pages that hold saved widget state, after require.js and before the
 * widget manager (the order of `nb_ipywidgets_js` in _config.yml), and by
 * thebe-setup.js when "Live code" starts (live sliders in a kernel). The book's
 * static sliders are native HTML (nllce-sliders.js) and need none of this.
 */
(function () {
  "use strict";

  // embed-amd.js defines four AMD modules, and each fetches its icon fonts from the
  // folder of the URL require.js gives it (beside the page, by default). Give all four
  // the folder that holds the vendored fonts.
  var vendor = document.currentScript.src.replace(/[^/]*$/, "");
  var dist = vendor + "jupyter-widgets/html-manager/dist";
  if (window.require && window.require.config) {
    window.require.config({
      paths: {
        "@jupyter-widgets/base": dist + "/base",
        "@jupyter-widgets/controls": dist + "/controls",
        "@jupyter-widgets/html-manager": dist + "/html-manager",
        "@jupyter-widgets/html-manager/dist": dist,
      },
    });
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = vendor + "widgets.css";
  document.head.appendChild(style);

  // A slider handle (role="slider") is not tied to its widget's label, so screen
  // readers announce no name (axe: aria-input-field-name). Name each handle from
  // the label and let it speak the readout ("0.3 nats") rather than an index.
  function setIfChanged(element, attribute, value) {
    if (value && element.getAttribute(attribute) !== value) {
      element.setAttribute(attribute, value);
    }
  }

  function describeHandles() {
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var readout = slider.querySelector(".widget-readout");
      slider.querySelectorAll(".noUi-handle").forEach(function (handle) {
        setIfChanged(handle, "aria-label", label && label.textContent.trim());
        setIfChanged(handle, "aria-valuetext", readout && readout.textContent.trim());
      });
    });
  }

  var pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      window.queueMicrotask(function () {
        pending = false;
        describeHandles();
      });
    }
  }

  function watch() {
    new MutationObserver(schedule).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributeFilter: ["aria-valuenow"],
    });
    schedule();
  }

  // ipywidgets 8 typesets labels and HTML widgets through MathJax 2's API
  // (MathJax.Hub.Queue); the book loads MathJax 3, so translate the call.
  function bridgeMathJax() {
    var mathjax = window.MathJax;
    if (mathjax && mathjax.startup && !mathjax.Hub) {
      mathjax.Hub = {
        Queue: function (job) {
          var element = job && job[2];
          mathjax.startup.promise = mathjax.startup.promise.then(function () {
            return mathjax.typesetPromise(element ? [element] : undefined);
          });
        },
      };
    }
  }

  if (document.body) {
    watch();
  } else {
    document.addEventListener("DOMContentLoaded", watch);
  }
  // Registered before the widget manager's own "load" listener, so it runs first.
  if (document.readyState === "complete") {
    bridgeMathJax();
  } else {
    window.addEventListener("load", bridgeMathJax);
  }
})();
