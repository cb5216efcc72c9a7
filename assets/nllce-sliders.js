/*
 * The book's static sliders (nllce.widgets under NLLCE_SLIDERS=static, markup in
 * src/nllce/_static_slider.py): on every page, loaded async by _ext/site_assets.py.
 * A slider is native HTML that already shows its default frame; this script only
 * switches frames. When one of its range inputs moves, it shows the frame whose
 * data-position is the inputs' positions joined by spaces, and updates the value's
 * text (aria-valuetext and the printed value) and the readout (an aria-live region).
 * Each frame (and each figure) is a <picture> whose dark drawings the HTML gives to a
 * dark system; the theme's switch may choose otherwise, so the dark <source> elements
 * follow the page's data-theme (their media query without the system's preference, or
 * none).
 */
(function () {
  "use strict";

  var SLIDER = ".nllce-static";
  var INPUT = "input.nllce-range";

  function setText(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function update(box) {
    var inputs = box.querySelectorAll(INPUT);
    var key = [];
    inputs.forEach(function (input) {
      key.push(input.value);
      var text = JSON.parse(input.getAttribute("data-texts"))[Number(input.value)];
      if (text !== undefined && input.getAttribute("aria-valuetext") !== text) {
        input.setAttribute("aria-valuetext", text);
      }
      var shown = input.nextElementSibling;
      if (shown && shown.classList.contains("nllce-value")) {
        setText(shown, text);
      }
    });
    key = key.join(" ");
    var readout = null;
    box.querySelectorAll(".nllce-frame-image").forEach(function (image) {
      var match = image.getAttribute("data-position") === key;
      if (image.hidden === match) {
        image.hidden = !match;
      }
      if (match) {
        readout = image.getAttribute("data-readout");
      }
    });
    if (readout !== null) {
      setText(box.querySelector(".nllce-readout"), readout);
    }
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches && target.matches(INPUT)) {
      var box = target.closest(SLIDER);
      if (box) {
        update(box);
      }
    }
  });

  function followTheme() {
    var dark = document.documentElement.getAttribute("data-theme") === "dark";
    document.querySelectorAll('picture > source[data-theme="dark"]').forEach(function (source) {
      var media = dark ? source.getAttribute("data-media") : "not all";
      if (source.getAttribute("media") !== media) {
        source.setAttribute("media", media);
      }
    });
  }

  new MutationObserver(followTheme).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });

  // An input moved (or restored by the browser) before this script ran.
  function updateAll() {
    followTheme();
    document.querySelectorAll(SLIDER).forEach(update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
  } else {
    updateAll();
  }
})();
