/* Learner progress, with no account and no server: the terms a reader marks as known live in
   this browser's localStorage; term pages show their learning path with known terms done, and
   the "Path to a goal" page lists what remains before a chosen term. Loaded by glossary.js
   only on pages that have these controls; the data is the site's own graph.json. */
(function () {
  "use strict";

  var WORDS_PER_MINUTE = 200;
  var graphs = {};

  /* The site's graph.json as lookups: nodes by id, prerequisites by id, ids by page path. */
  function loadGraph(url) {
    if (!graphs[url]) {
      graphs[url] = fetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error("cannot load " + url);
          return response.json();
        })
        .then(function (data) {
          var site = new URL(".", url);
          var graph = { nodes: new Map(), needs: new Map(), byPath: new Map(), key: storageKey(site) };
          data.nodes.forEach(function (node) {
            graph.nodes.set(node.id, node);
            graph.needs.set(node.id, []);
            graph.byPath.set(new URL(node.url, site).pathname, node.id);
            node.href = new URL(node.url, site).href;
          });
          data.links.forEach(function (link) {
            if (link.kind === "prerequisite") graph.needs.get(link.target).push(link.source);
          });
          return graph;
        });
    }
    return graphs[url];
  }

  /* One known set per site, even where several glossaries share an origin. */
  function storageKey(site) { return "glossary.known:" + site.pathname; }

  function stored(graph) {
    var ids = [];
    try { ids = JSON.parse(localStorage.getItem(graph.key) || "[]"); } catch (error) { ids = []; }
    return new Set((Array.isArray(ids) ? ids : []).filter(function (id) { return graph.nodes.has(id); }));
  }

  /* Only the one term changes in storage, so a path opened from a shared link never replaces
     the reader's own marks wholesale. */
  function storeOne(graph, id, known) {
    var ids;
    try { ids = new Set(JSON.parse(localStorage.getItem(graph.key) || "[]")); } catch (error) { ids = new Set(); }
    if (known) ids.add(id); else ids.delete(id);
    try {
      localStorage.setItem(graph.key, JSON.stringify(Array.from(ids).sort()));
    } catch (error) { /* private mode or full: the page still shows the mark */ }
  }

  /* What remains to read for `goal`: the goal and its prerequisites, transitively, stopping at
     known terms (a known term stands for what it builds on), in the site's reading order. */
  function remaining(graph, goal, known) {
    var seen = new Set();
    var stack = [goal];
    var out = [];
    while (stack.length) {
      var id = stack.pop();
      if (seen.has(id) || !graph.nodes.has(id)) continue;
      seen.add(id);
      if (known.has(id)) continue;
      out.push(id);
      stack.push.apply(stack, graph.needs.get(id));
    }
    return out.sort(function (a, b) { return graph.nodes.get(a).order - graph.nodes.get(b).order; });
  }

  function minutes(graph, ids) {
    var words = ids.reduce(function (sum, id) { return sum + graph.nodes.get(id).words; }, 0);
    return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
  }

  function plural(count, noun) { return count + " " + noun + (count === 1 ? "" : "s"); }

  function press(button, on) { button.setAttribute("aria-pressed", String(on)); }

  /* A term page: its "I know this term" button and its learning path. */
  function mountTerm(box) {
    var button = box.querySelector(".glossary-known");
    var status = document.querySelector(".glossary-path-progress");
    var list = status && status.previousElementSibling;
    loadGraph(new URL(box.dataset.graph, location.href).href).then(function (graph) {
      var term = button.dataset.term;
      function refresh() {
        var known = stored(graph);
        press(button, known.has(term));
        if (list && list.tagName === "OL") showPath(graph, term, known, list, status);
      }
      button.addEventListener("click", function () {
        storeOne(graph, term, button.getAttribute("aria-pressed") !== "true");
        refresh();
      });
      box.glossaryRefresh = refresh;
      refresh();
      box.dataset.ready = "1";
    });
  }

  function showPath(graph, term, known, list, status) {
    var left = new Set(remaining(graph, term, known));
    var items = Array.prototype.slice.call(list.children);
    var todo = [];
    items.forEach(function (item) {
      var link = item.querySelector("a[href]");
      var id = link && graph.byPath.get(new URL(link.href, location.href).pathname);
      var done = id !== undefined && !left.has(id);
      item.classList.toggle("glossary-done", done);
      var mark = item.querySelector(".glossary-done-mark");
      if (done && !mark) {
        mark = document.createElement("span");
        mark.className = "glossary-done-mark";
        item.appendChild(mark);
      }
      if (mark) mark.textContent = done ? (known.has(id) ? " ✓ known" : " ✓ covered by a known term") : "";
      if (id !== undefined && !done) todo.push(id);
    });
    status.textContent = todo.length
      ? plural(todo.length, "term") + " of " + items.length + " still to read first, about " +
        plural(minutes(graph, todo), "minute") + "."
      : "You know everything this term builds on.";
  }

  /* The "Path to a goal" page. The query string (?goal=id&known=a,b) wins over storage, so a
     shared link shows the sender's path; marking a term here changes that term in storage. */
  function mountGoal(root) {
    var select = root.querySelector(".glossary-goal__term");
    var summary = root.querySelector(".glossary-goal__summary");
    var share = root.querySelector(".glossary-goal__share");
    var shareLink = root.querySelector(".glossary-goal__link");
    var list = root.querySelector(".glossary-goal__list");
    loadGraph(new URL(root.dataset.graph, location.href).href).then(function (graph) {
      var query = new URLSearchParams(location.search);
      var known = query.has("known")
        ? new Set(query.get("known").split(",").filter(function (id) { return graph.nodes.has(id); }))
        : stored(graph);
      if (graph.nodes.has(query.get("goal"))) select.value = query.get("goal");

      function address() {
        var params = new URLSearchParams();
        if (select.value) params.set("goal", select.value);
        if (known.size) params.set("known", Array.from(known).sort().join(","));
        var url = new URL(location.href);
        url.search = params.toString().replace(/%2C/g, ",");
        url.hash = "";
        return url.href;
      }

      function render(focusAfter) {
        var goal = select.value;
        list.textContent = "";
        share.hidden = !goal;
        history.replaceState(history.state, "", address());
        shareLink.href = address();
        if (!goal) {
          summary.textContent = "Choose a goal to see its path.";
          return;
        }
        var ids = remaining(graph, goal, known);
        var title = graph.nodes.get(goal).title;
        summary.textContent = ids.length
          ? plural(ids.length, "term") + " to read, " + title + " last: about " +
            plural(minutes(graph, ids), "minute") + "; " + plural(known.size, "known term") + " set aside."
          : "You have marked " + title + " as known: nothing left to read.";
        ids.forEach(function (id) { list.appendChild(item(graph, id)); });
        if (focusAfter !== undefined) {
          var next = list.querySelectorAll(".glossary-known")[focusAfter];
          (next || select).focus();
        }
      }

      function item(graph, id) {
        var node = graph.nodes.get(id);
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = node.href;
        link.textContent = node.title;
        var time = document.createElement("span");
        time.className = "glossary-goal__time";
        time.textContent = " · " + plural(minutes(graph, [id]), "minute") + " ";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "glossary-known";
        button.dataset.term = id;
        button.textContent = "I know this";
        button.setAttribute("aria-label", "I know " + node.title);
        press(button, false);
        li.append(link, time, button);
        return li;
      }

      select.addEventListener("change", function () { render(); });
      list.addEventListener("click", function (event) {
        var button = event.target instanceof Element && event.target.closest(".glossary-known");
        if (!button) return;
        var buttons = Array.prototype.slice.call(list.querySelectorAll(".glossary-known"));
        known.add(button.dataset.term);
        storeOne(graph, button.dataset.term, true);
        render(buttons.indexOf(button));
      });
      root.glossaryRefresh = function () { render(); };
      render();
      root.dataset.ready = "1";
    });
  }

  function onPage() {
    document.querySelectorAll(".glossary-progress:not([data-mounted])").forEach(function (box) {
      box.dataset.mounted = "1";
      mountTerm(box);
    });
    document.querySelectorAll(".glossary-goal:not([data-mounted])").forEach(function (root) {
      root.dataset.mounted = "1";
      mountGoal(root);
    });
  }
  // Loaded on demand by glossary.js, so the page may be ready already.
  if (typeof document$ !== "undefined") document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
