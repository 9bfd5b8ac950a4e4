/* The glossary's page behaviour: concept graphs, math, hover previews of term links, the
   reading level, the explorer and learner progress; the only script the plugin adds to every page.
   Everything hangs off Material's document$ (it emits for the first page and after every
   instant navigation) or off delegated listeners on document, so it survives page changes. */
(function () {
  "use strict";

  var root = typeof __md_scope !== "undefined" ? __md_scope : new URL("./", location.href);
  // The libraries sit beside this script, as in the package (assets/vendor/…), and are loaded
  // only on the pages that need them, after first paint, also after instant navigation.
  var here = document.currentScript ? document.currentScript.src : location.href;
  var loading = {};

  function loadScript(path) {
    var url = new URL(path, here).href;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + url)); };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  function loadStyle(path) {
    var url = new URL(path, here).href;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = url;
        link.onload = resolve;
        link.onerror = reject;
        document.head.appendChild(link);
      });
    }
    return loading[url];
  }

  // Material's search dialog has no accessible name of its own (axe: aria-dialog-name).
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog && !searchDialog.hasAttribute("aria-label")) {
    searchDialog.setAttribute("aria-label", "Search");
  }

  /* A graph or a formula wider than the column scrolls inside its own box (on phones, most
     do). Keyboard readers can scroll only what takes focus, so such a box is a tab stop while
     it overflows, and only then (axe: scrollable-region-focusable). The box and what it holds
     are both watched: the column can narrow, and a formula widens when its fonts arrive. */
  var overflowWatch = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { keyboardScrollable(entry.target.glossaryBox || entry.target); });
  }) : null;
  function keyboardScrollable(box) {
    if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
  }
  function watchOverflow(box, content) {
    keyboardScrollable(box);
    if (!overflowWatch) return;
    overflowWatch.observe(box);
    if (content) {
      content.glossaryBox = box;
      overflowWatch.observe(content);
    }
  }

  /* Math: typeset arithmatex output with the site's own KaTeX, on pages that have math. */
  function typeset(scope) {
    var pending = Array.prototype.filter.call(scope.querySelectorAll(".arithmatex"), function (el) {
      return !el.dataset.glossaryTypeset;
    });
    if (!pending.length) return Promise.resolve();
    return Promise.all([loadStyle("vendor/katex/katex.min.css"), loadScript("vendor/katex/katex.min.js")])
      .then(function () {
        pending.forEach(function (el) {
          if (el.dataset.glossaryTypeset) return;
          var tex = el.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
          try {
            katex.render(tex, el, { displayMode: el.tagName === "DIV", throwOnError: false });
            el.dataset.glossaryTypeset = "1";
            if (el.tagName === "DIV") watchOverflow(el, el.firstElementChild);
          } catch (error) {
            el.title = String(error);
          }
        });
      });
  }

  /* Concept graphs: our own class, not Material's `mermaid` (which would fetch Mermaid from a
     CDN). Drawn into a shadow root, as Material does, so the page's styles leave the labels
     alone; the colours are Material's palette variables, so they follow the light/dark switch
     without drawing again. */
  var GRAPH_CSS =
    ".node circle,.node ellipse,.node path,.node polygon,.node rect{fill:var(--md-mermaid-node-bg-color);stroke:var(--md-mermaid-node-fg-color)}" +
    "marker{fill:var(--md-mermaid-edge-color)!important}" +
    ".label{color:var(--md-mermaid-label-fg-color);font-family:var(--md-mermaid-font-family)}" +
    ".label text,span,.nodeLabel,.nodeLabel p{fill:var(--md-mermaid-label-fg-color);color:var(--md-mermaid-label-fg-color)}" +
    ".label foreignObject{overflow:visible;line-height:normal}" +
    ".edgeLabel,.edgeLabel p{color:var(--md-mermaid-edge-color);background-color:var(--md-mermaid-label-bg-color)}" +
    ".edgePath .path,.flowchart-link{stroke:var(--md-mermaid-edge-color)}" +
    ".edgePath .arrowheadPath{fill:var(--md-mermaid-edge-color);stroke:none}";
  var mermaidReady = null;
  var graphCount = 0;

  /* Mermaid's ESM build: the entry and the chunks a flowchart needs (about a quarter of the
     single-file build), imported only by pages that have a graph. */
  function loadMermaid() {
    if (!mermaidReady) {
      mermaidReady = import(new URL("vendor/mermaid/mermaid.esm.min.mjs", here).href)
        .then(function (module) {
          var mermaid = module.default;
          mermaid.initialize({ startOnLoad: false, themeCSS: GRAPH_CSS });
          return mermaid;
        });
    }
    return mermaidReady;
  }

  /* Mermaid scales a graph down to the column's width; on a phone that made its 16 px labels
     about 7 px. The graph shrinks no further than LABEL_MIN_SCALE (labels at least 12.8 px);
     past that its box scrolls sideways (glossary.css). */
  var LABEL_MIN_SCALE = 0.8;
  function keepReadable(svg) {
    var natural = svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    if (natural) svg.style.minWidth = Math.ceil(natural * LABEL_MIN_SCALE) + "px";
  }

  function drawGraphs(scope) {
    var blocks = Array.prototype.filter.call(scope.querySelectorAll("pre.glossary-mermaid"),
      function (pre) { return !pre.dataset.glossaryDrawing; });
    if (!blocks.length) return Promise.resolve();
    blocks.forEach(function (pre) { pre.dataset.glossaryDrawing = "1"; });
    return loadMermaid().then(function (mermaid) {
      return Promise.all(blocks.map(function (pre) {
        return mermaid.render("glossary-graph-" + graphCount++, pre.textContent).then(function (result) {
          if (!pre.isConnected) return;
          var box = document.createElement("div");
          box.className = "glossary-mermaid";
          var shadow = box.attachShadow({ mode: "open" });
          shadow.innerHTML = result.svg;
          pre.replaceWith(box);
          if (result.bindFunctions) result.bindFunctions(shadow);
          var svg = shadow.querySelector("svg");
          if (svg) keepReadable(svg);
          // Mermaid writes SVG 1.1 links (xlink:href only); SVG 2's href is what crawlers and
          // Lighthouse's crawlable-anchors audit read.
          shadow.querySelectorAll("a").forEach(function (link) {
            var target = link.getAttributeNS("http://www.w3.org/1999/xlink", "href");
            if (target && !link.hasAttribute("href")) link.setAttribute("href", target);
          });
          watchOverflow(box, svg);
        });
      }));
    });
  }

  /* The graph explorer brings its own script (and force-graph) only to its own page; learner
     progress its own to term pages and the "Path to a goal" page. */
  function mountExplorer(scope) {
    if (scope.querySelector(".glossary-explorer")) loadScript("explorer.js");
    if (scope.querySelector(".glossary-progress, .glossary-goal")) loadScript("progress.js");
  }

  /* Hover previews: title and summary of any term link, on hover and keyboard focus. */
  var terms = null;
  function loadTerms() {
    if (!terms) {
      terms = fetch(new URL("graph.json", root))
        .then(function (response) { return response.json(); })
        .then(function (graph) {
          var byPath = new Map();
          graph.nodes.forEach(function (node) {
            byPath.set(new URL(node.url, root).pathname, node);
          });
          return byPath;
        })
        .catch(function () { return new Map(); });
    }
    return terms;
  }

  var tip = null;
  var shownFor = null;
  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "glossary-preview";
      tip.id = "glossary-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    if (!tip.isConnected) document.body.appendChild(tip);
    return tip;
  }

  function termLink(target) {
    var link = target instanceof Element ? target.closest("a[href]") : null;
    if (!link || link.closest(".glossary-preview")) return null;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname === location.pathname) return null;
    return { link: link, path: url.pathname };
  }

  function show(event) {
    var found = termLink(event.target);
    if (!found) return;
    loadTerms().then(function (byPath) {
      var node = byPath.get(found.path);
      if (!node) return;
      var box = tooltip();
      box.textContent = "";
      var title = document.createElement("strong");
      title.textContent = node.title;
      var summary = document.createElement("span");
      summary.textContent = node.summary;
      box.append(title, summary);
      var rect = found.link.getBoundingClientRect();
      box.hidden = false;
      var left = Math.min(rect.left, window.innerWidth - box.offsetWidth - 8);
      var below = rect.bottom + 6 + box.offsetHeight < window.innerHeight;
      box.style.left = Math.max(8, left) + "px";
      box.style.top = (below ? rect.bottom + 6 : rect.top - box.offsetHeight - 6) + "px";
      found.link.setAttribute("aria-describedby", box.id);
      shownFor = found.link;
    });
  }

  function hide(event) {
    if (!shownFor || !tip) return;
    if (event && event.relatedTarget && shownFor.contains(event.relatedTarget)) return;
    shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    tip.hidden = true;
  }

  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("mouseout", function (event) {
    var left = shownFor && termLink(event.target);
    if (left && left.link === shownFor) hide(event);
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  /* Reading level: ELI5 first, expert first, or only one of them; remembered across pages. */
  var LEVELS = ["eli5-first", "expert-first", "eli5-only", "expert-only"];
  var STORAGE_KEY = "glossary.readingLevel";
  function storedLevel() {
    var level = null;
    try { level = localStorage.getItem(STORAGE_KEY); } catch (error) { /* private mode */ }
    return LEVELS.indexOf(level) >= 0 ? level : LEVELS[0];
  }
  function applyLevel(level) {
    document.documentElement.dataset.glossaryLevel = level;
    document.querySelectorAll(".glossary-level-switch").forEach(function (group) {
      group.hidden = false;
      group.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.level === level));
      });
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".glossary-level-switch button");
    if (!button) return;
    try { localStorage.setItem(STORAGE_KEY, button.dataset.level); } catch (error) { /* ignore */ }
    applyLevel(button.dataset.level);
  });
  applyLevel(storedLevel());

  /* The page lists ELI5 and expert parts one after the other, each from its h2 to the next;
     gathering each into a section lets the reading level reorder or hide them. Without
     script, both simply show in order. */
  function gatherLevels(scope) {
    var eli5 = scope.querySelector("h2#eli5");
    var expert = scope.querySelector("h2#expert");
    if (!eli5 || !expert || eli5.closest(".glossary-levels")) return;
    var levels = document.createElement("div");
    levels.className = "glossary-levels";
    eli5.parentNode.insertBefore(levels, eli5);
    [["eli5", eli5], ["expert", expert]].forEach(function (part) {
      var section = document.createElement("section");
      section.className = "glossary-level glossary-level--" + part[0];
      var node = part[1];
      while (node && !(node !== part[1] && node.tagName === "H2")) {
        var next = node.nextSibling;
        section.appendChild(node);
        node = next;
      }
      levels.appendChild(section);
    });
  }

  /* `data-glossary-ready` on the page's article once its graphs are drawn and its math is
     typeset (or has failed): what tests, screenshots and benchmarks wait for. */
  function onPage() {
    gatherLevels(document);
    var article = document.querySelector("article") || document.body;
    article.removeAttribute("data-glossary-ready");
    var done = function () { article.setAttribute("data-glossary-ready", ""); };
    Promise.all([drawGraphs(document), typeset(document)]).then(done, function (error) {
      done();
      throw error;
    });
    mountExplorer(document);
    /* Material makes wide code blocks tab stops only where the pointer can hover; on touch
       screens (with a keyboard attached, or a switch) they need it as much. */
    if (!matchMedia("(hover)").matches) {
      document.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
        watchOverflow(code, null);
      });
    }
    applyLevel(storedLevel());
    hide();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
