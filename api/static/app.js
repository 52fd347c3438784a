/* aikg explorer: a small single-page app over the REST API and /sparql.
 * Views (hash routes): #/ home, #/search?q=, #/entity/TYPE/SLUG, #/graph/TYPE/SLUG,
 * #/timeline?entity=, #/sparql, #/article/ID?start=&end=. No build step, no network beyond
 * this server. */
"use strict";

const main = document.getElementById("main");
const TYPE_COLORS = {
  Person: "#4e79a7", Company: "#f28e2b", Government: "#e15759", Alliance: "#2a9d8f",
  Country: "#59a14f", Policy: "#b07aa1",
};
const EVENT_TYPES = ["Meeting", "Criticism", "Demand", "Proposal", "Cooperation"];
const RELATION_WORDS = {
  memberOf: "is a member of", withdrewFrom: "withdrew from", roleIn: "has a role in",
  partOf: "is part of", basedIn: "is based in", issuedBy: "is issued by", targets: "targets",
  investsIn: "invests in",
};

// -- small helpers ------------------------------------------------------------------------

/** h("a", {href: "#/"}, "text", child) builds an element; text is never parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, options) {
  const response = await fetch(path, options);
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

function render(...nodes) {
  main.replaceChildren(...nodes.flat(2).filter((node) => node !== null && node !== undefined));
  const heading = main.querySelector("h1");
  if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
}

function showError(error) {
  render(h("h1", {}, "Something went wrong"), h("p", { class: "error", role: "alert" },
    error.message));
}

function badge(type) { return h("span", { class: `badge ${type || ""}` }, type || "?"); }

function entityLink(ref) {
  return h("a", { href: `#/entity/${ref.id}`, "data-entity": ref.id }, ref.label);
}

function setTitle(text) { document.title = `${text} — aikg explorer`; }

function markCurrentNav(view) {
  for (const link of document.querySelectorAll(".top nav a")) {
    const current = link.getAttribute("href") === `#/${view}`;
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// -- evidence in context ------------------------------------------------------------------

const articleCache = new Map();

function articleText(articleId) {
  if (!articleCache.has(articleId)) {
    articleCache.set(articleId, api(`/articles/${encodeURIComponent(articleId)}/text`));
  }
  return articleCache.get(articleId);
}

/** The evidence sentence highlighted inside the text around it, and a link to the article. */
function evidenceBlock(evidence) {
  const quote = h("blockquote", { class: "evidence" }, h("mark", {}, evidence.sentence));
  const article = evidence.article || {};
  const link = article.id
    ? h("a", { href: `#/article/${encodeURIComponent(article.id)}?start=${evidence.start}`
        + `&end=${evidence.end}`, class: "article-link" }, article.title || article.id)
    : h("span", {}, article.title || article.iri);
  const meta = h("div", { class: "meta" }, "Source: ", link,
    article.date ? ` (${article.date})` : "");
  if (article.id) {
    articleText(article.id).then((full) => {
      const before = full.text.slice(Math.max(0, evidence.start - 220), evidence.start);
      const after = full.text.slice(evidence.end, evidence.end + 220);
      quote.replaceChildren(
        before ? `…${before.replace(/^\S*\s/, "")}` : "",
        h("mark", {}, full.text.slice(evidence.start, evidence.end) || evidence.sentence),
        after ? `${after.replace(/\s\S*$/, "")}…` : "");
    }).catch(() => { /* keep the bare sentence */ });
  }
  return h("div", { class: "evidence-wrap" }, quote, meta);
}

// -- search with type-ahead ---------------------------------------------------------------

const searchInput = document.getElementById("search-input");
const searchOptions = document.getElementById("search-options");
let searchItems = [];
let activeOption = -1;
let searchTimer = null;
let searchSeq = 0;

function closeOptions() {
  searchOptions.hidden = true;
  searchInput.setAttribute("aria-expanded", "false");
  searchInput.removeAttribute("aria-activedescendant");
  activeOption = -1;
}

function highlightOption(index) {
  activeOption = index;
  [...searchOptions.children].forEach((li, i) => li.setAttribute("aria-selected", i === index));
  if (index >= 0) {
    searchInput.setAttribute("aria-activedescendant", `search-option-${index}`);
    searchOptions.children[index].scrollIntoView({ block: "nearest" });
  }
}

async function suggest() {
  const text = searchInput.value.trim();
  const seq = ++searchSeq;
  if (!text) { closeOptions(); return; }
  const page = await api(`/entities?q=${encodeURIComponent(text)}&limit=8`);
  if (seq !== searchSeq) return; // a newer keystroke won
  searchItems = page.items;
  searchOptions.replaceChildren(...searchItems.map((item, i) => h("li", {
    id: `search-option-${i}`, role: "option", "aria-selected": "false", "data-entity": item.id,
    onmousedown: (event) => { event.preventDefault(); openEntity(item.id); },
  }, badge(item.type), h("span", {}, item.label),
  item.aliases.length ? h("span", { class: "aliases" }, item.aliases.slice(0, 3).join(", "))
    : null)));
  if (!searchItems.length) {
    searchOptions.replaceChildren(h("li", { role: "option", "aria-disabled": "true" },
      `No entity matches “${text}”`));
  }
  searchOptions.hidden = false;
  searchInput.setAttribute("aria-expanded", "true");
  highlightOption(searchItems.length ? 0 : -1);
}

function openEntity(id) {
  closeOptions();
  searchInput.value = "";
  location.hash = `#/entity/${id}`;
}

searchInput.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => suggest().catch(closeOptions), 120);
});
searchInput.addEventListener("keydown", (event) => {
  const open = !searchOptions.hidden && searchItems.length;
  if (event.key === "ArrowDown" && open) {
    event.preventDefault(); highlightOption((activeOption + 1) % searchItems.length);
  } else if (event.key === "ArrowUp" && open) {
    event.preventDefault();
    highlightOption((activeOption - 1 + searchItems.length) % searchItems.length);
  } else if (event.key === "Enter") {
    event.preventDefault();
    if (open && activeOption >= 0) openEntity(searchItems[activeOption].id);
    else if (searchInput.value.trim()) {
      location.hash = `#/search?q=${encodeURIComponent(searchInput.value.trim())}`;
      closeOptions();
    }
  } else if (event.key === "Escape") {
    closeOptions();
  }
});
searchInput.addEventListener("blur", () => setTimeout(closeOptions, 150));
document.addEventListener("keydown", (event) => {
  const typing = /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName);
  if (event.key === "/" && !typing) { event.preventDefault(); searchInput.focus(); }
});

// -- views ----------------------------------------------------------------------------------

async function viewHome() {
  setTitle("Home");
  const [stats, articles] = await Promise.all([api("/stats"), api("/articles?limit=100")]);
  const examples = ["company/baidu", "company/huawei", "person/brad-smith", "person/li-qiang",
    "government/government-of-china"];
  render(
    h("h1", {}, "US–China relations on AI"),
    h("p", {}, `${stats.articles} articles, ${stats.triples} triples. Search an entity above `
      + "(press ", h("kbd", {}, "/"), "), or start from one of these:"),
    h("div", { class: "actions" }, examples.map((id) => h("a", { class: "button",
      href: `#/entity/${id}` }, id.split("/")[1].replace(/-/g, " ")))),
    h("h2", {}, "What is in the graph"),
    h("div", { class: "grid" },
      countCard("Entities", stats.entities), countCard("Facts", stats.facts),
      countCard("Events", stats.events)),
    h("h2", {}, "Articles"),
    h("ul", {}, articles.items.map((a) => h("li", {},
      h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title),
      h("span", { class: "meta" }, ` ${a.date || "undated"} · ${a.triples} triples`)))),
  );
}

function countCard(title, counts) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return h("section", { class: "card", "aria-label": title }, h("strong", {}, title),
    h("ul", {}, rows.map(([name, n]) => h("li", {}, `${name}: ${n}`))));
}

async function viewSearch(params) {
  const q = params.get("q") || "";
  setTitle(`Search ${q}`);
  const page = await api(`/entities?q=${encodeURIComponent(q)}&limit=100`);
  render(
    h("h1", {}, `Entities matching “${q}”`),
    h("p", { class: "muted" }, `${page.total} found`),
    h("ul", { class: "search-results" }, page.items.map((e) => h("li", {}, badge(e.type), " ",
      entityLink(e), e.aliases.length ? h("span", { class: "meta" },
        ` also ${e.aliases.join(", ")}`) : null))),
  );
}

async function viewEntity(id) {
  const [entity, events] = await Promise.all([
    api(`/entities/${id}`),
    api(`/events?participant=${encodeURIComponent(id)}&limit=500`),
  ]);
  setTitle(entity.label);
  const facts = [...entity.facts_out, ...entity.facts_in];
  render(
    h("p", { class: "meta" }, badge(entity.type), " ", entity.id),
    h("h1", {}, entity.label),
    entity.description ? h("p", {}, entity.description) : null,
    entity.aliases.length ? h("p", { class: "meta" }, `Also: ${entity.aliases.join(", ")}`)
      : null,
    entity.same_as.length ? h("p", { class: "meta" }, "Same as: ", entity.same_as.map(
      (iri) => h("a", { href: iri, rel: "noopener" }, iri.split("/").pop()))) : null,
    h("div", { class: "actions" },
      h("a", { class: "button primary", href: `#/graph/${id}` }, "Graph of its neighbourhood"),
      h("a", { class: "button", href: `#/timeline?entity=${encodeURIComponent(id)}` },
        "Its timeline")),
    h("section", { "aria-labelledby": "facts-heading" },
      h("h2", { id: "facts-heading" }, `Facts (${facts.length})`),
      facts.length ? facts.map((fact) => factCard(fact, id))
        : h("p", { class: "muted" }, "No facts about this entity.")),
    h("section", { "aria-labelledby": "events-heading" },
      h("h2", { id: "events-heading" }, `Events (${events.total})`),
      events.items.length ? events.items.map((event) => eventCard(event, id))
        : h("p", { class: "muted" }, "No events with this entity.")),
  );
}

function factCard(fact, focusId) {
  const direction = fact.subject.id === focusId ? "out" : "in";
  return h("article", { class: `card fact ${fact.predicate}`, "data-predicate": fact.predicate,
    "data-direction": direction },
  h("div", { class: "statement-line" }, entityLink(fact.subject), " ",
    h("span", { class: `relation ${fact.predicate}` },
      RELATION_WORDS[fact.predicate] || fact.predicate), " ", entityLink(fact.object),
    fact.title ? h("span", { class: "meta" }, ` as ${fact.title}`) : null,
    fact.date ? h("span", { class: "meta" }, ` · ${fact.date}`) : null,
    h("span", { class: "meta" }, ` · confidence ${fact.confidence.toFixed(2)}`)),
  evidenceBlock(fact.evidence));
}

function eventRoles(event) {
  if (event.participants.length) {
    return event.participants.flatMap((p, i) => (i ? [", ", entityLink(p)] : [entityLink(p)]));
  }
  const other = event.target || event.proposed;
  return [event.actor ? entityLink(event.actor) : "?", event.proposed ? " proposed " : " → ",
    other ? entityLink(other) : "?"];
}

function eventCard(event) {
  return h("article", { class: `card event ${event.type}`, "data-event-type": event.type },
    h("div", { class: "statement-line" }, h("span", { class: "relation" }, event.type), ": ",
      eventRoles(event),
      event.topics.length ? h("span", { class: "meta" }, ` · about ${event.topics.join(", ")}`)
        : null,
      event.date ? h("span", { class: "meta" }, ` · ${event.date}`) : null,
      event.location ? h("span", { class: "meta" }, ` · in ${event.location}`) : null),
    evidenceBlock(event.evidence));
}

// -- graph view -------------------------------------------------------------------------------

let cy = null;

async function viewGraph(id) {
  const legend = h("div", { class: "legend", "aria-label": "Node colours" },
    Object.keys(TYPE_COLORS).map((t) => badge(t)));
  const container = h("div", { id: "cy", role: "img",
    "aria-label": "Network of the entity's neighbourhood; the list beside it has the same nodes" });
  const summary = h("p", { id: "graph-summary", class: "meta" });
  const details = h("div", { id: "graph-details" },
    h("p", { class: "muted" }, "Click a node to expand it; click a link to read its evidence."));
  const list = h("ul", { class: "node-list", id: "graph-nodes", "aria-label": "Nodes" });
  render(
    h("h1", {}, "Neighbourhood graph"),
    h("p", {}, "Start: ", h("a", { href: `#/entity/${id}` }, id), ". Click (or press ",
      h("kbd", {}, "Expand"), " beside) a node to add its neighbours."),
    legend,
    h("div", { class: "graph-layout" }, container,
      h("aside", { class: "side", "aria-label": "Graph details" }, summary, details,
        h("h2", {}, "Nodes"), list)),
  );
  cy = cytoscape({
    container,
    elements: [],
    minZoom: 0.2,
    maxZoom: 1.6,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", label: "data(label)", "font-size": 12,
        "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 110,
        width: 22, height: 22, color: "#1d2330" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#1d2330" } },
      { selector: "node.center", style: { width: 34, height: 34 } },
      { selector: "edge", style: {
        width: 1.6, "line-color": "#aab2c0", "target-arrow-color": "#aab2c0",
        "target-arrow-shape": "data(arrow)", "curve-style": "bezier", label: "data(relation)",
        "font-size": 9, color: "#5b6475", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "edge.withdrewFrom", style: { "line-color": "#b3261e",
        "target-arrow-color": "#b3261e", color: "#b3261e" } },
      { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#ff9d00" } },
    ],
  });
  window.aikgGraph = cy; // for tests and the curious: the live Cytoscape instance
  const refresh = () => {
    summary.textContent = `${cy.nodes().length} entities, ${cy.edges().length} links`;
    list.replaceChildren(...cy.nodes().sort((a, b) => a.data("label").localeCompare(
      b.data("label"))).map((node) => h("li", {}, badge(node.data("type")),
      h("a", { href: `#/entity/${node.id()}` }, node.data("label")),
      h("button", { type: "button", disabled: node.hasClass("expanded"),
        "aria-label": `Expand ${node.data("label")}`, "data-expand": node.id(),
        onclick: () => expand(node.id()).catch(showError) }, "Expand"))));
  };
  const expand = async (nodeId) => {
    const node = cy.getElementById(nodeId);
    if (node.nonempty() && node.hasClass("expanded")) return;
    const hood = await api(`/entities/${nodeId}/neighbors?depth=1`);
    const origin = node.nonempty() ? { ...node.position() } : { x: 0, y: 0 };
    const fresh = [hood.center, ...hood.nodes.map((n) => n.entity)]
      .filter((entity) => cy.getElementById(entity.id).empty());
    // new neighbours start on a ring around the expanded node; the layout then settles them
    fresh.forEach((entity, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
      const radius = entity.id === hood.center.id ? 0 : 160;
      cy.add({ group: "nodes", data: { id: entity.id, label: entity.label, type: entity.type,
        color: TYPE_COLORS[entity.type] || "#888" },
      position: { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) },
      });
    });
    for (const edge of hood.edges) {
      const edgeId = `${edge.statement}|${edge.source.id}|${edge.target.id}`;
      if (cy.getElementById(edgeId).empty()) {
        cy.add({ group: "edges", classes: edge.relation, data: {
          id: edgeId, source: edge.source.id, target: edge.target.id, relation: edge.relation,
          arrow: edge.directed ? "triangle" : "none", edge } });
      }
    }
    cy.getElementById(hood.center.id).addClass("expanded");
    cy.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 40,
      nodeRepulsion: () => 30000, nodeOverlap: 40, idealEdgeLength: () => 70,
      edgeElasticity: () => 100, gravity: 0.6, numIter: 2000, componentSpacing: 60 }).run();
    refresh();
    details.replaceChildren(h("p", {}, `Expanded ${hood.center.label}: `
      + `${hood.nodes.length} neighbours, ${hood.edges.length} links.`));
  };
  cy.on("tap", "node", (event) => expand(event.target.id()).catch(showError));
  cy.on("tap", "edge", (event) => {
    const edge = event.target.data("edge");
    details.replaceChildren(h("h2", {}, "Link"),
      h("p", {}, entityLink(edge.source), " ", h("span", { class: `relation ${edge.relation}` },
        edge.relation), " ", entityLink(edge.target)), evidenceBlock(edge.evidence));
  });
  await expand(id);
  cy.getElementById(id).addClass("center");
  main.querySelector("h1").textContent = `Neighbourhood of ${cy.getElementById(id).data("label")}`;
}

// -- timeline -----------------------------------------------------------------------------------

async function viewTimeline(params) {
  const entity = params.get("entity");
  const filter = entity ? `?entity=${encodeURIComponent(entity)}` : "";
  const events = await api(`/events?limit=500${entity
    ? `&participant=${encodeURIComponent(entity)}` : ""}`);
  const timeline = await api(`/timeline${filter}`);
  setTitle("Timeline");
  const max = Math.max(1, ...timeline.months.map((m) => m.total));
  const chart = h("div", { class: "chart", role: "img", "aria-label":
    `Events per month: ${timeline.months.map((m) => `${m.month} ${m.total}`).join(", ")}` },
  timeline.months.map((month) => h("div", { class: "bar", "data-month": month.month },
    h("span", { class: "count" }, month.total),
    h("div", { class: "stack", style: `height:${(month.total / max) * 150}px` },
      EVENT_TYPES.filter((t) => month.by_type[t]).map((t) => h("div", { class: `seg ${t}`,
        title: `${t}: ${month.by_type[t]}`,
        style: `height:${(month.by_type[t] / month.total) * 100}%` }))),
    h("span", { class: "label" }, month.month))));
  const byMonth = new Map();
  for (const event of events.items) {
    const month = (event.date || event.evidence.article.date || "undated").slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, []);
    byMonth.get(month).push(event);
  }
  render(
    h("h1", {}, entity ? `Timeline of ${entity}` : "Timeline"),
    h("p", { class: "muted" }, "Events per month, by the event's own date or else its "
      + "article's. ", entity ? h("a", { href: "#/timeline" }, "Show all entities") : null),
    h("div", { class: "legend" }, EVENT_TYPES.map((t) => h("span", {},
      h("span", { class: `swatch seg ${t}` }), t))),
    timeline.months.length ? chart : h("p", { class: "muted" }, "No dated events."),
    h("h2", {}, `Events (${events.total})`),
    [...byMonth.entries()].sort().map(([month, items]) => h("section", {},
      h("h3", {}, month), items.map((event) => eventCard(event)))),
  );
}

// -- SPARQL -----------------------------------------------------------------------------------

const EXAMPLES = {
  "Who met whom about AI": `# aikg:, rdf:, rdfs:, skos:, prov:, schema:, topic: are pre-bound
SELECT ?meeting (GROUP_CONCAT(DISTINCT ?name; SEPARATOR=" & ") AS ?participants)
       ?date ?location ?sentence
WHERE {
  ?meeting a aikg:Meeting ;
           aikg:topic/skos:broader* topic:ai ;
           aikg:participant ?who ;
           aikg:evidence/rdf:value ?sentence .
  ?who rdfs:label ?name .
  OPTIONAL { ?meeting aikg:date ?date }
  OPTIONAL { ?meeting aikg:location ?location }
}
GROUP BY ?meeting ?date ?location ?sentence
ORDER BY ?date`,
  "Policies and their targets": `SELECT DISTINCT ?policy ?issuer ?target ?sentence WHERE {
  ?fact a aikg:FactStatement ; rdf:subject ?p ; rdf:predicate aikg:targets ;
        rdf:object ?t ; aikg:evidence/rdf:value ?sentence .
  ?p rdfs:label ?policy . ?t rdfs:label ?target .
  OPTIONAL { ?p aikg:issuedBy/rdfs:label ?issuer }
}
ORDER BY ?policy ?target`,
  "Alliance withdrawals": `SELECT DISTINCT ?who ?alliance ?date ?sentence WHERE {
  ?fact a aikg:FactStatement ; rdf:subject ?o ; rdf:predicate aikg:withdrewFrom ;
        rdf:object ?a ; aikg:evidence/rdf:value ?sentence .
  ?o rdfs:label ?who . ?a rdfs:label ?alliance .
  OPTIONAL { ?fact aikg:date ?date }
}`,
  "People and their roles": `SELECT DISTINCT ?person ?title ?organization WHERE {
  ?fact a aikg:FactStatement ; rdf:subject ?p ; rdf:predicate aikg:roleIn ; rdf:object ?o .
  OPTIONAL { ?fact aikg:title ?title }
  ?p rdfs:label ?person . ?o rdfs:label ?organization .
}
ORDER BY ?organization ?person`,
  "Entities per type": `SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?type { aikg:Person aikg:Company aikg:Government aikg:Alliance aikg:Country aikg:Policy }
  ?e a ?type .
}
GROUP BY ?type ORDER BY DESC(?n)`,
};

function viewSparql() {
  setTitle("SPARQL");
  const editor = h("textarea", { id: "sparql-editor", spellcheck: "false",
    "aria-describedby": "sparql-help" }, EXAMPLES["Who met whom about AI"]);
  const picker = h("select", { id: "sparql-example" }, Object.keys(EXAMPLES).map(
    (name) => h("option", { value: name }, name)));
  const output = h("div", { id: "sparql-output", "aria-live": "polite" });
  const run = () => runSparql(editor.value, output);
  picker.addEventListener("change", () => { editor.value = EXAMPLES[picker.value]; });
  editor.addEventListener("keydown", (event) => {
    // Tab is left alone so the editor is no keyboard trap; Ctrl+Enter (or Cmd+Enter) runs.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  render(
    h("h1", {}, "SPARQL"),
    h("p", { id: "sparql-help", class: "muted" }, "Queries run read-only over all graphs at ",
      h("code", {}, "/sparql"), ". ", h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"),
      " runs the query; prefixes aikg:, rdf:, rdfs:, skos:, owl:, prov:, schema:, topic: are "
      + "pre-bound."),
    h("div", { class: "actions" }, h("label", { for: "sparql-example" }, "Example: "), picker),
    h("label", { for: "sparql-editor", class: "visually-hidden" }, "SPARQL query"),
    editor,
    h("div", { class: "actions" }, h("button", { type: "button", class: "primary",
      id: "sparql-run", onclick: run }, "Run query")),
    output,
  );
}

async function runSparql(query, output) {
  output.replaceChildren(h("p", { class: "muted" }, "Running…"));
  const started = performance.now();
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    body: new URLSearchParams({ query }),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    output.replaceChildren(h("p", { class: "error", role: "alert" }, detail));
    return;
  }
  if (!type.includes("json")) {
    output.replaceChildren(h("p", { class: "meta" }, `Graph result in ${seconds} s`),
      h("pre", { class: "article-text" }, await response.text()));
    return;
  }
  const data = await response.json();
  if ("boolean" in data) {
    output.replaceChildren(h("p", { id: "sparql-count" }, `ASK: ${data.boolean}`));
    return;
  }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  output.replaceChildren(
    h("p", { id: "sparql-count", class: "meta" },
      `${rows.length} row${rows.length === 1 ? "" : "s"} in ${seconds} s`),
    h("div", { class: "results-wrap" }, h("table", { class: "results" },
      h("thead", {}, h("tr", {}, vars.map((v) => h("th", { scope: "col" }, v)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, vars.map((v) => h("td", {},
        cellValue(row[v])))))))));
}

function cellValue(term) {
  if (!term) return "";
  const entity = term.type === "uri" && term.value.match(/^https:\/\/w3id\.org\/aikg\/id\/(.+)$/);
  if (entity) return h("a", { href: `#/entity/${entity[1]}` }, entity[1]);
  return term.value;
}

// -- article --------------------------------------------------------------------------------

async function viewArticle(id, params) {
  const article = await api(`/articles/${encodeURIComponent(id)}/text`);
  setTitle(article.title);
  const start = Number(params.get("start"));
  const end = Number(params.get("end"));
  const text = h("div", { class: "article-text" });
  const highlight = params.has("start") && end > start;
  if (highlight) {
    text.append(article.text.slice(0, start), h("mark", { id: "evidence" },
      article.text.slice(start, end)), article.text.slice(end));
  } else {
    text.append(article.text);
  }
  render(
    h("h1", {}, article.title),
    h("p", { class: "meta" }, `${article.date || "undated"} · ${article.source || ""}`,
      article.url ? [" · ", h("a", { href: article.url, rel: "noopener" }, "original")] : null),
    text,
  );
  if (highlight) document.getElementById("evidence").scrollIntoView({ block: "center" });
}

// -- router -----------------------------------------------------------------------------------

async function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  markCurrentNav(parts[0] || "");
  main.dataset.view = "loading";
  if (cy) { cy.destroy(); cy = null; window.aikgGraph = null; }
  try {
    if (!parts.length) await viewHome();
    else if (parts[0] === "search") await viewSearch(params);
    else if (parts[0] === "entity" && parts.length === 3) await viewEntity(parts.slice(1).join("/"));
    else if (parts[0] === "graph" && parts.length === 3) await viewGraph(parts.slice(1).join("/"));
    else if (parts[0] === "timeline") await viewTimeline(params);
    else if (parts[0] === "sparql") viewSparql();
    else if (parts[0] === "article" && parts[1]) await viewArticle(parts[1], params);
    else render(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "Home")));
    main.dataset.view = parts[0] || "home";
  } catch (error) {
    showError(error);
  }
}

window.addEventListener("hashchange", route);
route();
