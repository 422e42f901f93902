/* The graph page: draws the inlined graph with vis-network, then wires search, filters and details.
   Everything the page shows comes from the JSON in #kg-data; article text is only ever set as text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var S = data.strings;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenClasses = new Set();
  var hiddenRelations = new Set();
  var showIsolated = false;  // entities with no link are hidden until the reader asks for them
  var pluralRules = new Intl.PluralRules(data.lang);

  /* "1 mention", "2 mentions", "0 mention" in French: the word of S[key] for the number's plural category. */
  function counted(n, key) {
    var forms = S[key];
    var word = typeof forms === "string" ? forms : (forms[pluralRules.select(n)] || forms.other);
    return n.toLocaleString(data.lang) + " " + word;
  }
  var page = { ready: false, nodes: nodes, edges: edges };
  window.kgPage = page;

  // Class of each node by id: the edge filter runs over every edge, so no DataSet look-ups there.
  var classOf = new Map(data.nodes.map(function (n) { return [n.id, n.cls]; }));
  function isShown(nodeId) {
    return classOf.has(nodeId) && !hiddenClasses.has(classOf.get(nodeId));
  }
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenClasses.has(n.cls) && (showIsolated || n.degree > 0); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hiddenRelations.has(e.relation) && isShown(e.from) && isShown(e.to); }
  });

  // Fewer physics steps as the graph grows, so that a few hundred nodes still settle in seconds.
  var settleSteps = Math.round(Math.min(600, Math.max(200, 60000 / Math.max(1, data.nodes.length))));
  var options = {
    autoResize: true,
    layout: { improvedLayout: !data.large && data.nodes.length < 300, randomSeed: 7 },
    nodes: {
      shape: "dot", borderWidth: 1.5,
      font: { face: "system-ui, sans-serif", color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 7 } }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      color: { color: "#9aa5b1", highlight: "#d1495b", hover: "#52606d" },
      font: { size: 11, align: "horizontal", color: "#37474f", strokeWidth: 3, strokeColor: "#ffffff" },
      smooth: false, selectionWidth: 2
    },
    physics: data.large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -140, centralGravity: 0.015, springLength: 170, springConstant: 0.06, avoidOverlap: 0.6 },
      stabilization: { enabled: true, iterations: settleSteps, updateInterval: 50, fit: true }
    },
    interaction: { hover: !data.large, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large, tooltipDelay: 200 }
  };
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  page.network = network;

  function markReady() {
    if (page.ready) return;
    page.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (data.large || data.nodes.length === 0) {
    network.once("afterDrawing", markReady);
    if (data.nodes.length === 0) markReady();
  } else {
    // Lay out once, then freeze: nodes stay where the reader leaves them.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      markReady();
    });
  }

  /* ---------- small DOM helpers ---------- */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) node.appendChild(arguments[i]);
    return node;
  }
  function link(href, text) { return el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text }); }
  var info = document.getElementById("kg-info");
  function showInfo() {
    info.textContent = "";
    for (var i = 0; i < arguments.length; i++) if (arguments[i]) info.appendChild(arguments[i]);
  }
  function styleOf(cls) {
    return data.classes.find(function (c) { return c.cls === cls; }) || { color: "#bab0ac" };
  }

  /* ---------- details of a node or an edge ---------- */
  function showNode(id) {
    var node = nodes.get(id);
    if (!node) return;
    var badges = el("p", {});
    node.classLabels.forEach(function (label) {
      var badge = el("span", { "class": "kg-badge", text: label });
      badge.style.background = styleOf(node.cls).color;
      badges.appendChild(badge);
    });
    var aliases = el("ul", { "class": "kg-aliases" });
    node.aliases.forEach(function (a) { aliases.appendChild(el("li", { text: a })); });
    var wikidata = node.wikidata ? el("p", {}, el("span", { text: S.wikidata + " : " }),
      link(node.wikidata, node.wikidata.split("/").pop())) : null;
    var degree = el("p", { "class": "kg-muted", text: counted(network.getConnectedEdges(id).length, "degree") + " · " + node.key });
    showInfo(el("h2", { text: node.label }), badges, el("h3", { text: S.aliases }), aliases, wikidata, degree);
  }

  function evidenceItem(ev) {
    var source = el("div", { "class": "kg-source" });
    source.appendChild(ev.url ? link(ev.url, ev.title || ev.article) : el("span", { text: ev.title || ev.article }));
    /* the article as its file is named (its dcterms:identifier), which the query tables' article column shows */
    if (ev.title && ev.article) source.appendChild(el("span", { "class": "kg-article", text: " · " + ev.article }));
    if (ev.date) source.appendChild(el("span", { text: " · " + ev.date.slice(0, 10) }));
    if (ev.accounts) source.appendChild(el("span", { text: " · " + counted(ev.accounts, "accounts") }));
    if (ev.confidence !== null && ev.confidence !== undefined)
      source.appendChild(el("span", { text: " · " + S.confidence + " " + ev.confidence }));
    if (ev.alleged) { source.appendChild(el("span", { text: " " })); source.appendChild(el("span", { "class": "kg-tag", text: S.alleged })); }
    return el("li", {}, el("blockquote", { text: "« " + ev.sentence + " »" }), source);
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    var from = nodes.get(edge.from), to = nodes.get(edge.to);
    var heading = el("h2", { text: from.label + " → " + edge.relationLabel + " → " + to.label });
    var accounts = edge.accounts.map(function (a) { return counted(a, "accounts"); }).join(" / ");
    var meta = el("p", { "class": "kg-muted", text: counted(edge.count, "mentions") + (accounts ? " · " + accounts : "") });
    var list = el("ol", { "class": "kg-evidence" });
    edge.evidence.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
    var empty = edge.evidence.length ? null : el("p", { "class": "kg-muted", text: S.no_evidence });
    showInfo(heading, meta, el("h3", { text: S.evidence }), list, empty);
  }

  /* The edge under a point of the canvas, as the reader sees it: the one whose label is there (the label names
     it, and so does its tooltip), else the nearest line within a few pixels. vis-network's own pick can take
     another edge drawn across that label. */
  function labelDistance(edge, point) {
    var box = edge.labelModule && edge.labelModule.size;
    if (!edge.labelModule || !edge.labelModule.visible || !box || !box.width) return null;
    var inside = point.x >= box.left && point.x <= box.left + box.width && point.y >= box.top && point.y <= box.top + box.height;
    return inside ? Math.hypot(point.x - (box.left + box.width / 2), point.y - (box.top + box.height / 2)) : null;
  }
  function edgeAt(point) {
    var byLabel = null, byLine = null, reach = 6 / network.getScale();
    edgeView.getIds().forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edge || !edge.connected) return;
      var label = labelDistance(edge, point);
      if (label !== null && (byLabel === null || label < byLabel.distance)) byLabel = { id: id, distance: label };
      var line = edge.edgeType.getDistanceToEdge(edge.from.x, edge.from.y, edge.to.x, edge.to.y, point.x, point.y);
      if (line <= reach && (byLine === null || line < byLine.distance)) byLine = { id: id, distance: line };
    });
    return byLabel ? byLabel.id : byLine ? byLine.id : null;
  }
  page.edgeAt = edgeAt;

  network.on("click", function (params) {
    var edge = params.nodes.length ? null : edgeAt(params.pointer.canvas);
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (edge !== null) { network.selectEdges([edge]); showEdge(edge); }
    else showInfo(el("p", { "class": "kg-muted", text: S.help }));
  });

  /* ---------- search by any alias ---------- */
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\u2019/g, "'").replace(/^(l'|le |la |les |the )/, "").replace(/\s+/g, " ").trim();
  }
  var index = data.nodes.map(function (n) {
    return { id: n.id, degree: n.degree, names: [n.label].concat(n.aliases).map(function (a) { return [fold(a), a]; }) };
  });
  function rank(entry, wanted) {
    var best = null;
    entry.names.forEach(function (pair) {
      var name = pair[0], score = name === wanted ? 0 : name.indexOf(wanted) === 0 ? 1
        : name.indexOf(" " + wanted) >= 0 ? 2 : name.indexOf(wanted) >= 0 ? 3 : null;
      if (score !== null && (best === null || score < best.score)) best = { score: score, alias: pair[1] };
    });
    return best;
  }
  function search(text) {
    var wanted = fold(text);
    if (!wanted) return [];
    var found = [];
    index.forEach(function (entry) {
      var match = rank(entry, wanted);
      if (match) found.push({ id: entry.id, score: match.score, alias: match.alias, degree: entry.degree });
    });
    found.sort(function (a, b) { return a.score - b.score || b.degree - a.degree; });
    return found.slice(0, 12);
  }

  function focusNode(id) {
    var node = nodes.get(id);
    if (!node) return false;
    if (hiddenClasses.has(node.cls)) { hiddenClasses.delete(node.cls); syncFilters(); }
    if (!node.degree && !showIsolated) { isolatedBox.checked = showIsolated = true; refresh(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    return true;
  }

  var box = document.getElementById("kg-search");
  var matches = document.getElementById("kg-matches");
  box.placeholder = S.search;
  function listMatches() {
    matches.textContent = "";
    var found = search(box.value);
    found.forEach(function (m, i) {
      var node = nodes.get(m.id);
      var item = el("li", { role: "option", "data-id": m.id, "class": i === 0 ? "kg-active" : "" },
        el("span", { text: node.label + " " }),
        el("small", { text: (m.alias !== node.label ? "« " + m.alias + " » · " : "") + node.classLabels[0] }));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(m.id); });
      matches.appendChild(item);
    });
    if (!found.length && box.value.trim()) matches.appendChild(el("li", { "class": "kg-muted", text: S.no_match }));
    return found;
  }
  function choose(id) { matches.textContent = ""; focusNode(id); }
  box.addEventListener("input", listMatches);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = search(box.value);
      if (found.length) choose(found[0].id);
    } else if (event.key === "Escape") { matches.textContent = ""; }
  });
  box.addEventListener("blur", function () { matches.textContent = ""; });

  /* ---------- filters by class and relation ---------- */
  function filterItem(key, hidden, symbol, color, label, count) {
    var box = el("input", { type: "checkbox", "data-key": key });
    box.checked = !hidden.has(key);
    box.addEventListener("change", function () {
      if (box.checked) hidden.delete(key); else hidden.add(key);
      refresh();
    });
    var mark = symbol ? el("span", { "class": "kg-symbol", text: symbol }) : null;
    if (mark) mark.style.color = color;
    return el("li", {}, el("label", {}, box, mark, el("span", { text: label }), el("span", { "class": "kg-count", text: String(count) })));
  }
  var classList = document.getElementById("kg-classes");
  var relationList = document.getElementById("kg-relations");
  document.getElementById("kg-classes-title").textContent = S.classes;
  document.getElementById("kg-relations-title").textContent = S.relations;
  data.classes.forEach(function (c) {
    classList.appendChild(filterItem(c.cls, hiddenClasses, c.symbol, c.color, c.label, c.count));
  });
  data.relations.forEach(function (r) {
    relationList.appendChild(filterItem(r.relation, hiddenRelations, null, null, r.label, r.count));
  });
  function syncFilters() {
    classList.querySelectorAll("input").forEach(function (b) { b.checked = !hiddenClasses.has(b.getAttribute("data-key")); });
    refresh();
  }
  var isolatedBox = document.getElementById("kg-isolated");
  var isolatedCount = data.nodes.filter(function (n) { return !n.degree; }).length;
  document.getElementById("kg-isolated-label").textContent = S.show_isolated + " (" + isolatedCount + ")";
  document.getElementById("kg-isolated-toggle").hidden = isolatedCount === 0;
  isolatedBox.addEventListener("change", function () { showIsolated = isolatedBox.checked; refresh(); });

  var summary = document.getElementById("kg-summary");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    summary.textContent = counted(nodeView.length, "entities") + " · " + counted(edgeView.length, "edges");
  }
  refresh();
  if (data.nodes.length === 0) {
    document.body.classList.add("kg-empty");
    document.getElementById("kg-network").appendChild(el("p", { id: "kg-empty-message", text: S.empty }));
    showInfo(el("p", { "class": "kg-muted", text: S.empty }));
  } else {
    showInfo(el("p", { "class": "kg-muted", text: S.help }));
  }

  page.search = search;
  page.focusNode = focusNode;
  page.showNode = showNode;
  page.showEdge = showEdge;
  page.nodeView = nodeView;
  page.edgeView = edgeView;
  if (data.centre) network.once("afterDrawing", function () { network.selectNodes([data.centre]); showNode(data.centre); });
})();
