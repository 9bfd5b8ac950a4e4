/* Math: typeset arithmatex output with the site's own KaTeX, on every page Material's instant
   navigation shows (document$ emits for the first page and each page change). */
(function () {
  "use strict";

  function typeset(root) {
    if (typeof katex === "undefined") return;
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.dataset.glossaryTypeset) return;
      var tex = el.textContent.trim();
      var display = el.tagName === "DIV";
      tex = tex.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
      try {
        katex.render(tex, el, { displayMode: display, throwOnError: false });
        el.dataset.glossaryTypeset = "1";
      } catch (error) {
        el.title = String(error);
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { typeset(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { typeset(document); });
  }
})();
