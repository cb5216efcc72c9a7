/* Answer boxes on the static page: the kernel's `check`, without a kernel.
 *
 * Each box (a <form class="nllce-answer-box" data-exercise="<label>">, written by
 * _ext/answer_boxes.py) is judged with the page's embedded data
 * (<script type="application/json" id="nllce-answer-data">), which the build exports from
 * the registry (nllce.exercises.export). This file holds only the generic rules of
 * nllce.exercises._checker, applied to that data: numbers and arrays right to N
 * significant figures (or decimals), the anticipated mistakes in order, nan, the close
 * band, choices, and expressions compared at random points with the vendored mathjs.
 * The verdict is shown as the kernel shows it (classes nllce-feedback-<status>) in a
 * region screen readers announce (aria-live). Works from file:// and offline.
 *
 * mathjs (650 KB) is not loaded with the page: this script adds its <script> (the address
 * is on this script's tag, data-mathjs) when a reader focuses a box that may need it, so
 * it is usually there by the first Check. Answers read without it (choices, plain
 * decimal numbers and lists of them) are judged at once; the others wait for the load,
 * and a failed load is said in the box. nllceAnswers.judge is synchronous: it throws
 * NotLoaded for an answer that needs mathjs until nllceAnswers.ready() has resolved.
 */
(function () {
  "use strict";

  var ICONS = { correct: "\u2713", close: "\u2248", mistake: "\u2717", unexpected: "\u2717",
                invalid: "?", unanswered: "\u2026" };
  var FUNCTIONS = { log: 2, ln: 2, exp: 1, sqrt: 1 };
  var CONSTANTS = { pi: true, E: true };
  var NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
  var MAX_LENGTH = 500;
  var PLAIN = "only numbers, symbols, + - * / ** (or ^), parentheses and log, exp, sqrt are " +
    "allowed, as in 'q0*q1*q2**4'";
  // read now: document.currentScript is this script only while it runs
  var MATHJS_URL = document.currentScript && document.currentScript.getAttribute("data-mathjs");
  var NAN_CAUSES = "something was undefined, most often 0 * log 0 (numpy gives 0 * -inf = nan; " +
    "the convention is 0 log 0 = 0, so leave out the terms with p_i = 0), or inf - inf, or 0 / 0.";

  function Invalid(message) { this.message = message; }

  function NotLoaded() { this.message = "mathjs is not loaded yet: wait for nllceAnswers.ready()"; }

  function verdict(label, status, message) {
    return { label: label, status: status, message: message };
  }

  /* ---- numbers as the kernel writes them (Python's "%.6g") ---- */
  function formatG(x, digits) {
    if (isNaN(x)) { return "nan"; }
    if (!isFinite(x)) { return x > 0 ? "inf" : "-inf"; }
    if (x === 0) { return "0"; }
    var exponential = x.toExponential(digits - 1);
    var exponent = parseInt(exponential.split("e")[1], 10);
    var strip = function (text) { return text.indexOf(".") < 0 ? text : text.replace(/\.?0+$/, ""); };
    if (exponent < -4 || exponent >= digits) {
      var parts = exponential.split("e");
      var power = Math.abs(exponent);
      return strip(parts[0]) + "e" + (exponent < 0 ? "-" : "+") + (power < 10 ? "0" : "") + power;
    }
    return strip(x.toFixed(Math.max(0, digits - 1 - exponent)));
  }

  function describe(value) {
    if (Array.isArray(value)) {
      return "[" + value.map(describe).join(" ") + "]";
    }
    return formatG(value, 6);
  }

  /* ---- the exported data ---- */
  function fromJson(value) {
    if (Array.isArray(value)) { return value.map(fromJson); }
    if (value === "inf") { return Infinity; }
    if (value === "-inf") { return -Infinity; }
    if (value === "nan") { return NaN; }
    return value;
  }

  function flatten(value) {
    return Array.isArray(value) ? [].concat.apply([], value.map(flatten)) : [value];
  }

  function shapeOf(value) {
    if (!Array.isArray(value)) { return []; }
    if (value.length === 0) { return [0]; }
    var inner = shapeOf(value[0]);
    for (var i = 1; i < value.length; i++) {
      if (shapeOf(value[i]).join(",") !== inner.join(",")) {
        throw new Invalid("not a regular list of numbers (are some rows longer than others?)");
      }
    }
    return [value.length].concat(inner);
  }

  /* ---- reading text safely with mathjs (parsed, never run as code) ---- */
  function loaded() { return Boolean(window.math && window.math.parse); }

  function mathjs() {
    if (!loaded()) { throw new NotLoaded(); }
    return window.math;
  }

  var reader = null;  // the load of mathjs, once asked for

  /* A Promise of mathjs loaded, from the address on this script's tag (relative to the
   * page, so file:// works). A failed load is forgotten: the next Check tries again. */
  function ready() {
    if (loaded()) { return Promise.resolve(); }
    if (reader === null) {
      reader = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        function fail() {
          script.remove();
          reject(new Invalid("the page's expression reader (mathjs) could not be loaded from " +
            MATHJS_URL + "; check your connection or reload the page, then press Check again."));
        }
        script.onload = function () {
          if (loaded()) { resolve(); } else { fail(); }
        };
        script.onerror = fail;
        script.src = MATHJS_URL;
        document.head.appendChild(script);
      });
      reader.catch(function () { reader = null; });
    }
    return reader;
  }

  function normalise(text) {
    return text.trim()
      .replace(/\*\*/g, "^")
      .replace(/\b([A-Za-z][A-Za-z0-9_]*)\[(\d{1,3})\]/g, "$1$2");
  }

  function refuse(node) {
    var piece = node.toString();
    piece = piece.length <= 40 ? piece : piece.slice(0, 37) + "...";
    return new Invalid("`" + piece + "` is not a plain expression: " + PLAIN);
  }

  var OPERATORS = { add: 2, subtract: 2, multiply: 2, divide: 2, pow: 2, unaryMinus: 1, unaryPlus: 1 };

  /* The parse tree, checked against the whitelist of the kernel's reader; `arrays` lets
   * [..] lists through (for numbers and arrays). Returns the symbol names it uses. */
  function whitelist(node, arrays, names) {
    switch (node.type) {
      case "ConstantNode":
        if (typeof node.value !== "number") { throw refuse(node); }
        return;
      case "SymbolNode":
        if (FUNCTIONS.hasOwnProperty(node.name) || !NAME.test(node.name)) { throw refuse(node); }
        if (!CONSTANTS.hasOwnProperty(node.name)) { names[node.name] = true; }
        return;
      case "ParenthesisNode":
        whitelist(node.content, arrays, names);
        return;
      case "OperatorNode":
        if (!OPERATORS.hasOwnProperty(node.fn) || node.args.length !== OPERATORS[node.fn]) {
          throw refuse(node);
        }
        if (node.implicit) { throw new Invalid("implicit"); }
        node.args.forEach(function (arg) { whitelist(arg, arrays, names); });
        return;
      case "FunctionNode":
        var name = node.fn && node.fn.name;
        if (!FUNCTIONS.hasOwnProperty(name) || node.args.length < 1 ||
            node.args.length > FUNCTIONS[name]) {
          throw refuse(node);
        }
        node.args.forEach(function (arg) { whitelist(arg, arrays, names); });
        return;
      case "ArrayNode":
        if (!arrays) { throw refuse(node); }
        node.items.forEach(function (item) { whitelist(item, arrays, names); });
        return;
      default:
        throw refuse(node);
    }
  }

  function parse(text, arrays) {
    if (text.length > MAX_LENGTH) {
      throw new Invalid("the expression is too long (over " + MAX_LENGTH + " characters)");
    }
    var unreadable = new Invalid("could not read '" + text + "' as " +
      (arrays ? "numbers: write them as 0.075, 3/40 or [0.1, 0.2, 0.7]" :
       "a sympy expression: write products with * and powers with ** (q0*q2**2, not q0 q2^2 or 2q0)"));
    var math = mathjs(), node;
    try {
      node = math.parse(normalise(text));
    } catch (error) {
      throw unreadable;
    }
    var names = {};
    try {
      whitelist(node, arrays, names);
    } catch (error) {
      if (error instanceof Invalid && error.message === "implicit") { throw unreadable; }
      throw error;
    }
    return { node: node, code: node.compile(), names: Object.keys(names).sort() };
  }

  var SCOPE_FUNCTIONS = {
    log: function (x, base) { return base === undefined ? Math.log(x) : Math.log(x) / Math.log(base); },
    exp: Math.exp,
    sqrt: Math.sqrt
  };

  function evaluate(parsed, values) {
    var scope = new Map();
    Object.keys(SCOPE_FUNCTIONS).forEach(function (name) { scope.set(name, SCOPE_FUNCTIONS[name]); });
    scope.set("ln", SCOPE_FUNCTIONS.log);
    Object.keys(values).forEach(function (name) { scope.set(name, values[name]); });
    return parsed.code.evaluate(scope);
  }

  /* ---- numbers and arrays ---- */
  var SPECIAL = { inf: Infinity, infinity: Infinity, oo: Infinity, nan: NaN };

  function toPlain(value) {
    if (value && typeof value.toArray === "function") { value = value.toArray(); }
    if (Array.isArray(value)) { return value.map(toPlain); }
    if (typeof value === "number") { return value; }
    if (typeof value === "boolean") {
      throw new Invalid("True and False are not numbers here");
    }
    throw new Invalid("expected real numbers, got a complex one: a log or square root of a " +
      "negative number");
  }

  /* Plain decimals, alone or in a flat list, are most numeric answers: read here to the
   * values mathjs gives them, so that they need not wait for it to load. Anything else
   * (and anything too long, which parse refuses) goes to mathjs. */
  var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

  function readDecimals(text) {
    var list = /^\[([^\[\]]*)\]$/.exec(text);
    var items = (list ? list[1].split(",") : [text]).map(function (item) { return item.trim(); });
    if (text.length > MAX_LENGTH || !items.every(function (item) { return DECIMAL.test(item); })) {
      return null;
    }
    var values = items.map(Number);
    return list ? values : values[0];
  }

  function readValues(text) {
    text = text.trim()
      .replace(/\b(?:np|numpy|math|torch)\./g, "")
      .replace(/^(?:array|tensor|asarray)\(([\s\S]*)\)$/, "$1").trim();
    if (/^\(([\s\S]*)\)$/.test(text) && text.indexOf(",") >= 0) {
      text = "[" + text.slice(1, -1) + "]";
    }
    if (text.indexOf(",") >= 0 && text.charAt(0) !== "[") { text = "[" + text + "]"; }
    var decimals = readDecimals(text);
    if (decimals !== null) { return decimals; }
    var parsed = parse(text, true);
    var values = {};
    parsed.names.forEach(function (name) {
      var special = SPECIAL[name.toLowerCase()];
      if (special === undefined) {
        throw new Invalid("expected numbers, got the symbol " + name + ": give numbers " +
          "(log(2), 3/40 and 0.5*0.3 are fine)");
      }
      values[name] = special;
    });
    return toPlain(evaluate(parsed, values));
  }

  function readNumber(text) {
    var value = readValues(text);
    var entries = flatten(value);
    if (entries.length !== 1) {
      throw new Invalid("expected one number, got " +
        (entries.length === 0 ? "an empty list" : entries.length + " numbers"));
    }
    return entries[0];
  }

  function readArray(text, shape) {
    var value = readValues(text);
    var got = shapeOf(value);
    var size = shape.reduce(function (a, b) { return a * b; }, 1);
    var entries = flatten(value);
    if (got.join(",") === shape.join(",")) { return value; }
    if (entries.length === size && shape.length === 1 && Math.max.apply(null, got.concat([1])) === size) {
      return entries;
    }
    var perClass = shape.length === 1 ? ", one per class, including classes that never occur" : "";
    throw new Invalid("expected " + (shape.length === 1 ? size : "(" + shape.join(", ") + ")") +
      " numbers (shape (" + shape.join(", ") + (shape.length === 1 ? "," : "") + "))" + perClass +
      "; got " + (got.length === 0 ? "one number" : "shape (" + got.join(", ") +
      (got.length === 1 ? "," : "") + ")"));
  }

  function tolerance(data, expected) {
    if (data.decimals !== null && data.decimals !== undefined) {
      return Math.max(0.5 * Math.pow(10, -data.decimals) * (1 + 1e-9), data.atol);
    }
    var finite = flatten(expected).map(Math.abs).filter(isFinite);
    var scale = Math.max.apply(null, finite.concat([0]));
    if (scale === 0) { return data.atol; }
    var lastDigit = Math.pow(10, Math.floor(Math.log10(scale)) - (data.sig_figs - 1));
    return Math.max(0.5 * lastDigit * (1 + 1e-9), data.atol);
  }

  function within(value, expected, tol) {
    var a = flatten(value), b = flatten(expected);
    if (shapeOf(value).join(",") !== shapeOf(expected).join(",")) { return false; }
    return a.every(function (x, i) { return x === b[i] || Math.abs(x - b[i]) <= tol; });
  }

  function numberClass(x) {
    if (isNaN(x)) { return "nan"; }
    if (x === Infinity) { return "inf"; }
    if (x === -Infinity) { return "-inf"; }
    return x < 0 ? "negative" : (x === 0 ? "zero" : "positive");
  }

  function judgeValues(data, text) {
    var value = data.kind === "number" ? readNumber(text) : readArray(text, data.shape);
    var reference = fromJson(data.reference);
    if (within(value, reference, tolerance(data, reference))) { return correct(data, ""); }
    for (var i = 0; i < data.mistakes.length; i++) {
      var mistake = data.mistakes[i], hit;
      if ("classes" in mistake) {
        hit = mistake.classes !== null && mistake.classes.indexOf(numberClass(value)) >= 0;
      } else {
        var expected = fromJson(mistake.value);
        hit = within(value, expected, tolerance(data, expected));
      }
      if (hit) { return verdict(data.label, "mistake", mistake.message); }
    }
    var entries = flatten(value), refs = flatten(reference);
    if (entries.some(isNaN)) {
      return verdict(data.label, "invalid", "your answer is nan (not a number): " + NAN_CAUSES);
    }
    var scale = Math.max.apply(null, refs.map(Math.abs).concat([0]));
    if (entries.every(function (x, i) { return Math.abs(x - refs[i]) <= data.close * scale; })) {
      var rule = data.decimals !== null && data.decimals !== undefined ?
        data.decimals + " decimals" : data.sig_figs + " significant figures";
      return verdict(data.label, "close", "close: keep more digits. You gave " + describe(value) +
        "; round to at least " + rule + ", or keep the number as Python computes it.");
    }
    return unexpected(data, "you gave " + describe(value), "");
  }

  /* ---- choices ---- */
  function choiceKey(value) {
    if (typeof value === "number") {
      if (Number.isInteger(value)) { return "#" + value; }
      return null;
    }
    var text = String(value).replace(/^[\s(\["']+|[\s)\]"'.:]+$/g, "").toUpperCase();
    return /^[+-]?\d+$/.test(text) ? "#" + parseInt(text, 10) : text;
  }

  function judgeChoice(data, text) {
    var key = choiceKey(text), chosen = null;
    data.choices.forEach(function (choice) {
      if (chosen === null && choiceKey(choice) === key) { chosen = choice; }
    });
    if (chosen === null) {
      throw new Invalid("expected one of " + data.choices.map(function (c) {
        return typeof c === "string" ? "'" + c + "'" : String(c);
      }).join(", ") + "; got the text '" + text.trim() + "'");
    }
    if (choiceKey(chosen) === choiceKey(data.reference)) { return correct(data, ""); }
    for (var i = 0; i < data.mistakes.length; i++) {
      var mistake = data.mistakes[i];
      if (mistake.choice !== null && choiceKey(mistake.choice) === choiceKey(chosen)) {
        return verdict(data.label, "mistake", mistake.message);
      }
    }
    return unexpected(data, "you gave " + (typeof chosen === "string" ? "'" + chosen + "'" : chosen), "");
  }

  /* ---- expressions ---- */
  function canonical(name) { return name.replace(/[_{}\s\\]/g, "").toLowerCase(); }

  /* The answer's symbols read as the exercise's (q_0 as q0) and the note about them. */
  function symbolNote(names, expected) {
    var byCanonical = {};
    expected.forEach(function (name) { byCanonical[canonical(name)] = name; });
    var renamed = [], unknown = [], mapping = {};
    names.forEach(function (name) {
      var target = expected.indexOf(name) >= 0 ? name : byCanonical[canonical(name)];
      if (target === undefined) { unknown.push(name); mapping[name] = name; }
      else {
        if (target !== name) { renamed.push([name, target]); }
        mapping[name] = target;
      }
    });
    var expectedNames = expected.length ? expected.slice().sort().join(", ") : "none";
    var notes = [];
    if (renamed.length) {
      renamed.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      notes.push("The exercise's symbols are " + expectedNames + "; I read " +
        renamed.map(function (pair) { return pair[0] + " as " + pair[1]; }).join(", ") +
        ": use those names.");
    }
    if (unknown.length) {
      notes.push("Your expression uses " + unknown.sort().join(", ") + ", which this exercise " +
        "does not know; its symbols are " + expectedNames + ".");
    }
    return { mapping: mapping, note: notes.join(" ") };
  }

  /* Seeded points, so a verdict is the same on every visit. */
  function points(names, domain, count) {
    var seed = 12345, result = [];
    function random() {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    }
    for (var k = 0; k < count; k++) {
      var point = {};
      names.forEach(function (name) { point[name] = domain[0] + (domain[1] - domain[0]) * random(); });
      result.push(point);
    }
    return result;
  }

  function same(answer, expected, at) {
    return at.every(function (point) {
      var a = evaluate(answer, point.answer), b = evaluate(expected, point.expected);
      if (typeof a !== "number" || typeof b !== "number" || !isFinite(a) || !isFinite(b)) {
        return false;
      }
      return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    });
  }

  function judgeExpression(data, text) {
    var answer = parse(text, false);
    var symbols = symbolNote(answer.names, data.symbols);
    var all = {};
    data.symbols.forEach(function (name) { all[name] = true; });
    answer.names.forEach(function (name) { all[symbols.mapping[name]] = true; });
    var at = points(Object.keys(all).sort(), data.domain, 8).map(function (point) {
      var mine = {};
      answer.names.forEach(function (name) { mine[name] = point[symbols.mapping[name]]; });
      return { answer: mine, expected: point };
    });
    if (same(answer, parse(data.reference, false), at)) { return correct(data, symbols.note); }
    for (var i = 0; i < data.mistakes.length; i++) {
      var mistake = data.mistakes[i];
      if (mistake.expression !== null && same(answer, parse(mistake.expression, false), at)) {
        return verdict(data.label, "mistake", (mistake.message + " " + symbols.note).trim());
      }
    }
    return unexpected(data, "you gave " + answer.node.toString().replace(/ \^ /g, "**"), symbols.note);
  }

  /* ---- the verdict ---- */
  function correct(data, note) {
    return verdict(data.label, "correct",
      ["correct.", data.explanation, note].filter(Boolean).join(" "));
  }

  function unexpected(data, given, note) {
    return verdict(data.label, "unexpected", ("not yet: " + given + ". " + data.hint + " " + note).trim());
  }

  /* The verdict on `text`; throws NotLoaded when reading it needs mathjs, not yet here. */
  function judge(data, text) {
    if (typeof text !== "string" || !text.trim() || text.trim() === "...") {
      return verdict(data.label, "unanswered", "not answered yet: type your answer, then press Check.");
    }
    try {
      if (data.kind === "number" || data.kind === "array") { return judgeValues(data, text); }
      if (data.kind === "choice") { return judgeChoice(data, text); }
      if (data.kind === "expression") { return judgeExpression(data, text); }
      return verdict(data.label, "invalid", "run this one in a notebook: its answer is a function.");
    } catch (error) {
      if (error instanceof NotLoaded) { throw error; }
      if (error instanceof Invalid) { return verdict(data.label, "invalid", error.message); }
      return verdict(data.label, "invalid", "could not read this answer (" + error.message + ").");
    }
  }

  function show(region, result) {
    var box = document.createElement("div");
    box.className = "nllce-feedback nllce-feedback-" + result.status;
    box.setAttribute("data-exercise", result.label);
    box.setAttribute("data-status", result.status);
    var strong = document.createElement("strong");
    var code = document.createElement("code");
    code.textContent = result.label;
    strong.appendChild(document.createTextNode(ICONS[result.status] + " "));
    strong.appendChild(code);
    box.appendChild(strong);
    box.appendChild(document.createTextNode(": " + result.message));
    region.textContent = "";
    region.appendChild(box);
  }

  function setUp() {
    var source = document.getElementById("nllce-answer-data");
    if (!source) { return; }
    var exported = JSON.parse(source.textContent);
    var forms = document.querySelectorAll("form.nllce-answer-box");
    Array.prototype.forEach.call(forms, function (form) {
      var data = exported[form.getAttribute("data-exercise")];
      var input = form.querySelector("input");
      var region = form.querySelector(".nllce-answer-feedback");
      if (!data || !input || !region) { return; }
      var latest = 0;  // the last Check: one still waiting for mathjs must not replace it
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = input.value, turn = ++latest;
        function answer(result) {
          if (turn === latest) { show(region, result); }
        }
        try {
          answer(judge(data, text));
        } catch (error) {
          if (!(error instanceof NotLoaded)) { throw error; }
          region.textContent = "Loading the expression reader\u2026";
          ready().then(function () { answer(judge(data, text)); }, function (failure) {
            answer(verdict(data.label, "invalid", failure.message));
          });
        }
      });
      if (data.kind !== "choice") {
        // Focus comes seconds before the first Check: loading mathjs then makes it instant.
        form.addEventListener("focusin", ready);
      }
      form.setAttribute("data-ready", "true");
    });
  }

  window.nllceAnswers = { judge: judge, ready: ready, formatG: formatG };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
