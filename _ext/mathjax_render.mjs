// TeX to SVG at build time, for _ext/math_prerender.py: MathJax 4 (npm @mathjax/src,
// pinned in package.json) in Node, so that the pages load no MathJax at all.
//
// Protocol: one JSON request per line on stdin, one JSON answer per line on stdout.
//   {"page": [{"tex": "...", "display": true}, ...], "narrow": 31}
//     -> {"html": [{"wide": "<mjx-container ...>", "narrow": "..." | null,
//                   "width": <ex>}, ...], "defs": "<svg ...glyphs...>"}
//     Each formula is rendered without line breaks ("wide"); a display formula wider
//     than `narrow` ex is rendered again, broken to fit `narrow` ex ("narrow"). The
//     glyphs of the page's formulas are defined once, in "defs" (put it in the page).
//   {"css": true} -> {"css": "..."}: the style sheet of MathJax's SVG output.
// A TeX error answers {"error": "...", "tex": "..."}.
import readline from "node:readline";
import MathJax from "@mathjax/src";

await MathJax.init({
  loader: { load: ["input/tex", "output/svg", "a11y/assistive-mml"] },
  tex: { formatError: (jax, error) => { throw error; } },
  svg: {
    fontCache: "global",
    displayOverflow: "linebreak",
    linebreaks: { inline: true, width: "100%", lineleading: 0.2 },
  },
});
const adaptor = MathJax.startup.adaptor;
const fontCache = MathJax.startup.output.fontCache;
const EX = 8; // px per ex that MathJax assumes for its container width (16 px em)
const NO_BREAKS = 100000;

// Data attributes that MathJax's style sheet reads (tables, errors); the others only
// serve its menu and explorer.
const KEPT_DATA = new Set(["data-line", "data-frame", "data-table", "data-background"]);
const KEPT_NODES = new Set(["mtable", "merror"]);

// Drop the data attributes nobody reads; then a <g> without attributes only groups
// (unless a table's style rule counts on it): put its children in its place.
function unwrapGroups(node) {
  const table = adaptor.getAttribute(node, "data-mml-node") === "mtable";
  for (const child of [...adaptor.childNodes(node)]) {
    if (adaptor.kind(child) === "#text") {
      continue;
    }
    for (const { name, value } of adaptor.allAttributes(child)) {
      const kept = KEPT_DATA.has(name) || (name === "data-mml-node" && KEPT_NODES.has(value));
      if (name.startsWith("data-") && !kept) {
        adaptor.removeAttribute(child, name);
      }
    }
    unwrapGroups(child);
    if (!table && adaptor.kind(child) === "g" && adaptor.allAttributes(child).length === 0) {
      for (const grandchild of [...adaptor.childNodes(child)]) {
        adaptor.insert(grandchild, child);
      }
      adaptor.remove(child);
    }
  }
}

// The markup, without what the page does not need: the data attributes (see above,
// and those on the container), the namespaces the HTML parser supplies, attributes for old browsers, and what
// nllce-math.css sets once for all (position, colours).
const DROPPED = [
  / xmlns(?::xlink)?="[^"]*"/g,
  / (?:focusable|unselectable|overflow)="[^"]*"/g,
  / role="img"/g,
  / style="position: relative;"/g,
  / stroke="currentColor" fill="currentColor" stroke-width="0"/g,
];
function html(node) {
  unwrapGroups(node);
  let text = adaptor.outerHTML(node);
  for (const pattern of DROPPED) {
    text = text.replace(pattern, "");
  }
  return text.replace(/ xlink:href="/g, ' href="');
}

function width(node) {
  const svg = adaptor.firstChild(node);
  return parseFloat(adaptor.getAttribute(svg, "width"));
}

async function render(page, narrow) {
  fontCache.clearCache();
  const answers = [];
  for (const { tex, display } of page) {
    let node;
    try {
      node = await MathJax.tex2svgPromise(tex, { display, containerWidth: NO_BREAKS });
    } catch (error) {
      return { error: String(error.message || error), tex };
    }
    const answer = { wide: html(node), narrow: null, width: width(node) };
    if (display && answer.width > narrow) {
      const broken = await MathJax.tex2svgPromise(tex, { display, containerWidth: narrow * EX });
      if (width(broken) < answer.width) {
        answer.narrow = html(broken);
      }
    }
    answers.push(answer);
  }
  const defs = adaptor.outerHTML(fontCache.getCache());
  return {
    html: answers,
    defs: '<svg id="MJX-SVG-global-cache" xmlns="http://www.w3.org/2000/svg" ' +
      `style="display: none" aria-hidden="true">${defs}</svg>`,
  };
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line);
  let answer;
  if (request.css) {
    answer = { css: adaptor.textContent(MathJax.svgStylesheet()) };
  } else {
    answer = await render(request.page, request.narrow);
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
