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
// Links per neighbourhood page in the graph view unless #/graph/...?links=N asks for another
// number (GET .../neighbors allows 1 to 500).
const LINKS_PER_PAGE = 100;
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

/** `text` cut at the API's offsets, which count code points (as Python does), not the UTF-16
 * units JavaScript strings index by: an emoji before the evidence counts 1, not 2.
 * Returns [before, between, after]. */
function splitAtCodePoints(text, start, end) {
  const units = [];
  let index = 0;
  for (const target of [start, end]) {
    for (let n = units.length ? start : 0; n < target && index < text.length; n++) {
      index += text.codePointAt(index) > 0xffff ? 2 : 1;
    }
    units.push(index);
  }
  return [text.slice(0, units[0]), text.slice(units[0], units[1]), text.slice(units[1])];
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
      const [head, sentence, tail] = splitAtCodePoints(full.text, evidence.start, evidence.end);
      const before = head.slice(-220);
      const after = tail.slice(0, 220);
      quote.replaceChildren(
        before ? `…${before.replace(/^\S*\s/, "")}` : "",
        h("mark", {}, sentence || evidence.sentence),
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
  const examples = ["company/baidu", "company/huawei", "person/brad-smith", "person/li-qiang",
    "government/government-of-china"];
  // Each chip shows the entity's own label; one the store does not hold is left out.
  const [stats, articles, ...entities] = await Promise.all([api("/stats"),
    api("/articles?limit=100"), ...examples.map((id) => api(`/entities/${id}`).catch(() => null))]);
  render(
    h("h1", {}, "US–China relations on AI"),
    h("p", {}, `${stats.articles} articles, ${stats.triples} triples. Search an entity above `
      + "(press ", h("kbd", {}, "/"), "), or start from one of these:"),
    h("div", { class: "actions", id: "example-entities" }, entities.filter(Boolean).map(
      (entity) => h("a", { class: "button", href: `#/entity/${entity.id}`,
        "data-entity": entity.id }, entity.label))),
    h("h2", {}, "What is in the graph"),
    h("p", { class: "muted" }, `What the ${stats.articles} articles say: the entities they name `
      + "in a fact or an event, their facts and their events. The gazetteer of known names is "
      + "counted apart."),
    h("div", { class: "grid" },
      countCard("Entities named in articles", stats.entities, "entities"),
      countCard("Facts", stats.facts, "facts"), countCard("Events", stats.events, "events"),
      countCard("Gazetteer (known names)", stats.gazetteer, "gazetteer")),
    h("h2", {}, "Articles"),
    h("ul", {}, articles.items.map((a) => h("li", {},
      h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title),
      h("span", { class: "meta" }, ` ${a.date || "undated"} · ${a.triples} triples`)))),
  );
}

function countCard(title, counts, kind) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return h("section", { class: "card", "aria-label": title, "data-counts": kind },
    h("strong", {}, title),
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

/**
 * An event: one real-world event however many articles reported it (the routes answer
 * consolidated). Every reported date and place is shown, a disagreement marked; the earliest
 * report's evidence is shown and the others are one click away.
 */
function eventCard(event) {
  const reports = event.reports || [];
  const sources = event.sources || 1;
  const dates = event.dates && event.dates.length ? event.dates
    : (event.date ? [event.date] : []);
  const places = event.locations && event.locations.length ? event.locations
    : (event.location ? [event.location] : []);
  const disagreement = (values, what) => h("span", {
    class: `meta${values.length > 1 ? " disagreement" : ""}`,
    title: values.length > 1 ? `the reports disagree on the ${what}` : null },
  ` · ${what === "place" ? "in " : ""}${values.join(" or ")}`);
  return h("article", { class: `card event ${event.type}`, "data-event-type": event.type,
    "data-sources": sources },
  h("div", { class: "statement-line" }, h("span", { class: "relation" }, event.type), ": ",
    eventRoles(event),
    event.topics.length ? h("span", { class: "meta" }, ` · about ${event.topics.join(", ")}`)
      : null,
    dates.length ? disagreement(dates, "date") : null,
    places.length ? disagreement(places, "place") : null,
    sources > 1 ? h("span", { class: "sources" }, `${sources} sources`) : null),
  evidenceBlock(event.evidence),
  reports.length > 1 ? h("details", { class: "reports" },
    h("summary", {}, `${reports.length - 1} more report${reports.length > 2 ? "s" : ""}`),
    reports.slice(1).map((report) => h("div", { class: "report", "data-report": report.iri },
      evidenceBlock(report.evidence)))) : null);
}

// -- graph view -------------------------------------------------------------------------------

let cy = null;

async function viewGraph(id, params) {
  const asked = Number(params.get("links"));
  const perPage = Number.isInteger(asked) && asked >= 1 && asked <= 500 ? asked : LINKS_PER_PAGE;
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
  // A hub has thousands of links: they come a page at a time, and only the neighbours the
  // page's links reach are drawn.
  const expand = async (nodeId, offset = 0) => {
    const node = cy.getElementById(nodeId);
    if (!offset && node.nonempty() && node.hasClass("expanded")) return;
    const hood = await api(
      `/entities/${nodeId}/neighbors?depth=1&limit=${perPage}&offset=${offset}`);
    const origin = node.nonempty() ? { ...node.position() } : { x: 0, y: 0 };
    const linked = new Set(hood.edges.flatMap((edge) => [edge.source.id, edge.target.id]));
    const fresh = [hood.center, ...hood.nodes.map((n) => n.entity)
      .filter((entity) => linked.has(entity.id))]
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
    const shown = offset + hood.edges.length;
    details.replaceChildren(h("p", {}, `Expanded ${hood.center.label}: `
      + `${hood.nodes.length} neighbours, ${shown} of ${hood.edges_total} links.`),
    shown < hood.edges_total ? h("button", { type: "button", "data-more": hood.center.id,
      onclick: () => expand(hood.center.id, shown).catch(showError) },
    `Show ${Math.min(perPage, hood.edges_total - shown)} more links`) : null);
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
  // A time axis: every month from the first to the last has its slot, so a gap of years is
  // drawn as one (months with events are not packed side by side as categories).
  const counted = new Map(timeline.months.map((m) => [m.month, m]));
  const slots = monthRange(timeline.months.map((m) => m.month));
  const chart = h("div", { class: "chart time-axis", role: "img", "aria-label":
    `Events per month from ${slots[0]} to ${slots[slots.length - 1]}: `
    + `${timeline.months.map((m) => `${m.month} ${m.total}`).join(", ")}` },
  slots.map((slot, i) => {
    const month = counted.get(slot) || { month: slot, total: 0, by_type: {} };
    const labelled = i === 0 || slot.endsWith("-01") || i === slots.length - 1;
    return h("div", { class: `bar${month.total ? "" : " empty"}`, "data-month": slot,
      title: `${slot}: ${month.total} event${month.total === 1 ? "" : "s"}` },
    month.total ? h("span", { class: "count" }, month.total) : null,
    h("div", { class: "stack", style: `height:${(month.total / max) * 150}px` },
      EVENT_TYPES.filter((t) => month.by_type[t]).map((t) => h("div", { class: `seg ${t}`,
        title: `${t}: ${month.by_type[t]}`,
        style: `height:${(month.by_type[t] / month.total) * 100}%` }))),
    h("span", { class: "label" }, labelled ? (slot.endsWith("-01") && i ? slot.slice(0, 4)
      : slot) : ""));
  }));
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

/** Every "YYYY-MM" from the earliest to the latest of `months` (sorted), gaps included. */
function monthRange(months) {
  if (!months.length) return [];
  const sorted = [...months].sort();
  let [year, month] = sorted[0].split("-").map(Number);
  const [lastYear, lastMonth] = sorted[sorted.length - 1].split("-").map(Number);
  const range = [];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    range.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return range;
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

/** The SPARQL editor: YASGUI (vendored from npm) over this server's /sparql, with the
 * project's prefixes for autocompletion and explorer links for entity and article IRIs. */
async function viewSparql() {
  setTitle("SPARQL");
  // The prefixes /sparql pre-binds (kg.queries.QUERY_PREFIXES): for YASGUI and the examples.
  const [prefixes] = await Promise.all([api("/sparql/prefixes"), loadYasgui()]);
  const example = (name) => withPrefixes(EXAMPLES[name], prefixes);
  const picker = h("select", { id: "sparql-example" }, Object.keys(EXAMPLES).map(
    (name) => h("option", { value: name }, name)));
  const holder = h("div", { id: "yasgui" });
  render(
    h("h1", {}, "SPARQL"),
    h("p", { id: "sparql-help", class: "muted" }, "Queries run read-only over all graphs at ",
      h("code", {}, "/sparql"), ". ", h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"),
      " runs the query; the project's prefixes (aikg:, rdf:, rdfs:, skos:, prov:, schema:, "
      + "topic: …) are pre-bound and offered as you type ", h("code", {}, "PREFIX"), "."),
    h("div", { class: "actions" }, h("label", { for: "sparql-example" }, "Example: "), picker),
    holder,
  );
  // Only autocompleters that need no other server: class and property ask a public service.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const yasgui = new Yasgui(holder, {
    requestConfig: {
      endpoint: `${location.origin}/sparql`, method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [], keys: [] },
    persistenceId: "aikg-sparql",
    // The URL's hash is this app's route: YASGUI must neither read a query from it nor
    // rewrite it (its share links live there).
    populateFromUrl: false,
    yasqe: { value: example(picker.value), consumeShareLink: null, createShareableLink: null,
      prefixCcApi: `${location.origin}/sparql/prefixes`,
      autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes },
  });
  window.aikgYasgui = yasgui; // for tests and the curious
  const tab = yasgui.getTab();
  tab.setQuery(example(picker.value));
  picker.addEventListener("change", () => tab.setQuery(example(picker.value)));
  tab.getYasr().on("drawn", () => linkToExplorer(holder));
}

let yasguiLoading = null;

/** YASGUI's script and stylesheet (1 MB), fetched from this server on the first SPARQL view. */
function loadYasgui() {
  if (!yasguiLoading) {
    yasguiLoading = new Promise((resolve, reject) => {
      document.head.append(h("link", { rel: "stylesheet",
        href: "/static/vendor/yasgui/yasgui.min.css" }));
      document.head.append(h("script", { src: "/static/vendor/yasgui/yasgui.min.js",
        onload: resolve, onerror: () => reject(new Error("YASGUI could not be loaded")) }));
    });
  }
  return yasguiLoading;
}

/** A query with PREFIX lines for the prefixes it uses, so YASGUI checks it and any other
 * endpoint runs it as it is. */
function withPrefixes(query, prefixes) {
  const body = query.replace(/^#.*\n/, "");
  const used = Object.keys(prefixes).filter((p) => new RegExp(`\\b${p}:`).test(body));
  return used.map((p) => `PREFIX ${p}: <${prefixes[p]}>`).join("\n") + "\n\n" + body;
}

/** Result links to entities and articles open their explorer pages instead of the raw IRI. */
function linkToExplorer(root) {
  for (const link of root.querySelectorAll(".yasr a[href^='https://w3id.org/aikg/']")) {
    const iri = link.getAttribute("href");
    const entity = iri.match(/^https:\/\/w3id\.org\/aikg\/id\/([^/]+\/[^/]+)$/);
    // an article, or a fact, event or evidence node of it: its article page
    const article = iri.match(/^https:\/\/w3id\.org\/aikg\/article\/([0-9a-f]{64})(?:\/.*)?$/);
    const target = entity ? `#/entity/${entity[1]}` : article ? `#/article/${article[1]}` : null;
    if (target) {
      link.setAttribute("href", target);
      link.removeAttribute("target");
      link.dataset.iri = iri;
    }
  }
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
    const [before, sentence, after] = splitAtCodePoints(article.text, start, end);
    text.append(before, h("mark", { id: "evidence" }, sentence), after);
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
    else if (parts[0] === "graph" && parts.length === 3) await viewGraph(parts.slice(1).join("/"), params);
    else if (parts[0] === "timeline") await viewTimeline(params);
    else if (parts[0] === "sparql") await viewSparql();
    else if (parts[0] === "article" && parts[1]) await viewArticle(parts[1], params);
    else render(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "Home")));
    main.dataset.view = parts[0] || "home";
  } catch (error) {
    showError(error);
  }
}

window.addEventListener("hashchange", route);
route();
