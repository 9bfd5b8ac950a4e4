/* The graph explorer: the whole glossary drawn with force-graph (canvas), loaded from the
   site itself only on the explorer page. Pan, zoom and drag come with force-graph; this adds
   tag colours and filter, search, hover summaries, click-to-open and n-step neighbourhoods. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : location.href;
  var library = null;
  var active = null;
  var PALETTE = ["#2563eb", "#059669", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#db2777",
                 "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#9333ea", "#ca8a04", "#475569"];

  function loadLibrary() {
    if (typeof ForceGraph !== "undefined") return Promise.resolve();
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("vendor/force-graph/force-graph.min.js", here).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return library;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function idOf(end) { return typeof end === "object" ? end.id : end; }

  function open(url) {
    // A real link click: Material's instant navigation takes it when enabled; else the browser.
    var link = document.createElement("a");
    link.href = url;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function neighbourhood(start, hops, adjacency) {
    var seen = new Set([start]);
    var frontier = [start];
    for (var step = 0; step < hops; step++) {
      var next = [];
      frontier.forEach(function (id) {
        (adjacency.get(id) || []).forEach(function (other) {
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  function mount(root) {
    var url = new URL(root.dataset.graph, location.href);
    Promise.all([loadLibrary(), fetch(url).then(function (r) { return r.json(); })])
      .then(function (results) { draw(root, results[1], url); });
  }

  function draw(root, data, graphUrl) {
    var box = root.querySelector(".glossary-explorer__canvas");
    var search = root.querySelector(".glossary-explorer__search");
    var tagSelect = root.querySelector(".glossary-explorer__tag");
    var hopsSelect = root.querySelector(".glossary-explorer__hops");
    var openLink = root.querySelector(".glossary-explorer__open");
    var status = root.querySelector(".glossary-explorer__status");
    var names = root.querySelector("datalist");

    var tags = Array.from(tagSelect.options).map(function (o) { return o.value; }).filter(Boolean);
    var colourOf = new Map(tags.map(function (tag, i) { return [tag, PALETTE[i % PALETTE.length]]; }));
    var maxDepth = Math.max.apply(null, data.nodes.map(function (n) { return n.depth; }).concat([1]));
    var nodes = data.nodes.map(function (n, i) {
      return {
        id: n.id, title: n.title, summary: n.summary, tags: n.tags, aliases: n.aliases || [],
        url: new URL(n.url, graphUrl).href,
        colour: n.tags.length ? colourOf.get(n.tags[0]) : "#64748b",
        // Start in learning order, left to right: the first frame is already readable.
        x: (n.depth - maxDepth / 2) * 60, y: ((i * 97) % 600) - 300
      };
    });
    var links = data.links.map(function (l) {
      return { source: l.source, target: l.target, kind: l.kind };
    });
    var byId = new Map(nodes.map(function (n) { return [n.id, n]; }));
    var adjacency = new Map();
    links.forEach(function (l) {
      [[l.source, l.target], [l.target, l.source]].forEach(function (pair) {
        if (!adjacency.has(pair[0])) adjacency.set(pair[0], []);
        adjacency.get(pair[0]).push(pair[1]);
      });
    });

    var lookup = new Map();
    nodes.forEach(function (n) {
      [n.title].concat(n.aliases).forEach(function (name) {
        lookup.set(name.toLowerCase(), n);
        var option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      });
    });

    var state = { tag: "", hops: 0, selected: null, visible: null, glide: null };
    function nodeSize(n) { return 1 + (adjacency.get(n.id) || []).length / 4; }
    function recompute() {
      var around = state.selected && state.hops > 0
        ? neighbourhood(state.selected.id, state.hops, adjacency) : null;
      state.visible = new Set(nodes.filter(function (n) {
        return (!state.tag || n.tags.indexOf(state.tag) >= 0) && (!around || around.has(n.id));
      }).map(function (n) { return n.id; }));
      graph.nodeVisibility(graph.nodeVisibility());  // redraw with the new filter
      status.textContent = state.visible.size + " of " + nodes.length + " terms shown" +
        (state.selected ? "; chosen: " + state.selected.title + ". " + state.selected.summary : ".");
    }

    var textColour = getComputedStyle(root).getPropertyValue("--md-default-fg-color") || "#333";
    new MutationObserver(function () {  // the palette switch changes the text colour
      textColour = getComputedStyle(root).getPropertyValue("--md-default-fg-color") || "#333";
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    var started = performance.now();
    // What the page is doing, for scripts and tests that must not act mid-motion:
    // data-layout is "moving" until the force layout stops, data-view "moving" while the view
    // glides to a chosen term, data-hovered the id of the term under the pointer.
    root.dataset.layout = "moving";
    var graph = ForceGraph()(box)
      .width(box.clientWidth)
      .height(box.clientHeight)
      .graphData({ nodes: nodes, links: links })
      .nodeRelSize(4)
      .nodeVal(nodeSize)
      .nodeColor(function (n) { return n.colour; })
      .nodeLabel(function (n) {
        return "<strong>" + escapeHtml(n.title) + "</strong><br>" + escapeHtml(n.summary);
      })
      .nodeVisibility(function (n) { return !state.visible || state.visible.has(n.id); })
      .linkVisibility(function (l) {
        return !state.visible || (state.visible.has(idOf(l.source)) && state.visible.has(idOf(l.target)));
      })
      .linkColor(function (l) {
        return l.kind === "related" ? "rgba(139, 92, 246, 0.55)" : "rgba(100, 116, 139, 0.6)";
      })
      .linkLineDash(function (l) { return l.kind === "related" ? [3, 3] : null; })
      .linkDirectionalArrowLength(function (l) { return l.kind === "prerequisite" ? 4 : 0; })
      .linkDirectionalArrowRelPos(1)
      .nodeCanvasObjectMode(function () { return "after"; })
      .nodeCanvasObject(function (node, ctx, scale) {
        if (node === state.selected) {  // a ring, so the chosen term keeps its tag colour
          ctx.beginPath();
          ctx.arc(node.x, node.y, 4 * Math.sqrt(nodeSize(node)) + 3 / scale, 0, 2 * Math.PI);
          ctx.lineWidth = 3 / scale;
          ctx.strokeStyle = textColour;
          ctx.stroke();
        }
        // Titles once zoomed in (always for small glossaries), in the palette's text colour.
        if (scale < (nodes.length > 1000 ? 3 : 1.2)) return;
        if (state.visible && !state.visible.has(node.id)) return;
        var size = 11 / scale;
        ctx.font = size + "px sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
        ctx.fillStyle = textColour;
        ctx.fillText(node.title, node.x, node.y + 5);
      })
      .cooldownTicks(nodes.length > 1000 ? 60 : 200)
      .onEngineStop(function () { root.dataset.layout = "settled"; })
      .onNodeDrag(function () { root.dataset.layout = "moving"; })
      .onNodeHover(function (n) {
        box.style.cursor = n ? "pointer" : "";
        root.dataset.hovered = n ? n.id : "";
      })
      .onNodeClick(function (n) { open(n.url); })
      .onRenderFramePost(function () {
        if (!root.dataset.firstDrawMs) {
          root.dataset.firstDrawMs = String(Math.round(performance.now()));
          root.dataset.drawMs = String(Math.round(performance.now() - started));
        }
        if (state.glide && arrived(state.glide)) {
          state.glide = null;
          root.dataset.view = "still";
        }
      });

    function arrived(target) {
      var centre = graph.centerAt();
      return Math.abs(centre.x - target.x) < 0.01 && Math.abs(centre.y - target.y) < 0.01 &&
        Math.abs(graph.zoom() - target.k) < 0.001;
    }

    function choose(node) {
      state.selected = node;
      openLink.hidden = !node;
      if (node) {
        openLink.href = node.url;
        openLink.textContent = "Open " + node.title;
        state.glide = { x: node.x, y: node.y, k: 3 };
        root.dataset.view = "moving";
        graph.centerAt(node.x, node.y, 500);
        graph.zoom(3, 500);
      }
      recompute();
    }

    search.addEventListener("change", function () {
      var text = search.value.trim().toLowerCase();
      if (!text) return choose(null);
      var node = lookup.get(text) || nodes.find(function (n) {
        return n.title.toLowerCase().indexOf(text) === 0;
      });
      if (node) choose(node);
      else status.textContent = "No term matches “" + search.value + "”.";
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") search.dispatchEvent(new Event("change"));
    });
    tagSelect.addEventListener("change", function () { state.tag = tagSelect.value; recompute(); });
    hopsSelect.addEventListener("change", function () {
      state.hops = Number(hopsSelect.value);
      recompute();
    });
    window.addEventListener("resize", function () {
      if (box.isConnected) graph.width(box.clientWidth).height(box.clientHeight);
    });

    var legend = root.querySelector(".glossary-explorer__legend");
    legend.innerHTML = tags.map(function (tag) {
      return '<span><i style="background:' + colourOf.get(tag) + '"></i>' + escapeHtml(tag) + "</span>";
    }).join("");

    recompute();
    active = { graph: graph, root: root };
    window.glossaryExplorer = {
      graph: graph,
      choose: function (id) { choose(byId.get(id) || null); },
      visibleCount: function () { return state.visible.size; },
      screenPosition: function (id) {
        var node = byId.get(id);
        var point = graph.graph2ScreenCoords(node.x, node.y);
        var rect = box.getBoundingClientRect();
        return { x: rect.left + point.x, y: rect.top + point.y };
      }
    };
  }

  function onPage() {
    if (active && !active.root.isConnected) {  // left the explorer: stop its animation
      active.graph.pauseAnimation();
      active.graph._destructor && active.graph._destructor();
      active = null;
    }
    document.querySelectorAll(".glossary-explorer").forEach(function (root) {
      if (!root.dataset.mounted) {
        root.dataset.mounted = "1";
        mount(root);
      }
    });
  }
  // Loaded on demand by glossary.js, so the page may be ready already.
  if (typeof document$ !== "undefined") document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
