"""The index's SQLite schema: tables of what each graph says, and the counters triggers keep.

One row per fact, event and event role, each tagged with (or owned through its event by)
the named graph it came from, so a graph is dropped by deleting its rows. Descriptive values
(`props`) and aikg: types (`type_members`) are shared by graphs (an entity's label in every
article naming it), so they are counted per graph stating them, and each graph keeps its own
as one compressed list (`graph_props`, `graph_types`) to take them back when it is dropped.
Keys are the rows themselves (WITHOUT ROWID) where a row is unique, so no table stores its
text twice. Counters the routes read in one look-up (`class_sizes`, `predicate_counts`,
`months`, `mentions`) are kept by triggers in the same transaction as the rows, in C, rather
than recounted per request. `entities` and `entity_names` are the search table of entities
(their least label, lower-cased, for ordering; every label and alias, lower-cased, for
substring search), refreshed for the subjects a write touches.

SCHEMA_VERSION is stored in `meta`; an index file of another version is rebuilt.
"""

from __future__ import annotations

from rdflib.namespace import SKOS

from kg.rows import ROLES

#: Bump when a table changes: an index of another version is rebuilt from the store.
SCHEMA_VERSION = "5"

_AGENT_ROLES = ", ".join(f"'{role}'" for role in ROLES)
BROADER = str(SKOS.broader)

#: Indexes only the answers read: a rebuild drops them and creates them once at the end,
#: a sort instead of a B-tree insert per row (the write path's own look-ups keep theirs).
ANSWER_INDEXES = ("facts_order", "facts_subject", "facts_object", "facts_article",
                  "events_order", "events_type", "events_article", "roles_value", "edges_a",
                  "edges_b")

DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- Graphs a write has announced and the index has not re-read yet (kg.index.GraphIndex);
-- graph NULL: anything may have changed (a rebuild is due).
CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, graph TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, triples INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
    graph TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, date TEXT, source TEXT,
    hash TEXT NOT NULL, triples INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS articles_graph ON articles (graph);
-- One row per (subject, property, value), with the number of graphs that state it: an
-- entity's label repeated by every article that names it is one row.
CREATE TABLE IF NOT EXISTS props (subject TEXT NOT NULL, prop TEXT NOT NULL,
                                  value TEXT NOT NULL, n INTEGER NOT NULL,
                                  PRIMARY KEY (subject, prop, value)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS props_broader ON props (subject, value)
    WHERE prop = '{BROADER}';
-- Each graph's descriptive values, as zlib-compressed "subject<TAB>prop<TAB>value" lines:
-- read back only to drop the graph.
CREATE TABLE IF NOT EXISTS graph_props (graph TEXT PRIMARY KEY, members BLOB NOT NULL)
    WITHOUT ROWID;
-- Each graph's aikg: types, as zlib-compressed "class<TAB>subject" lines: read back only to
-- drop the graph, so a blob costs a fraction of a row per type.
CREATE TABLE IF NOT EXISTS graph_types (graph TEXT PRIMARY KEY, members BLOB NOT NULL)
    WITHOUT ROWID;
-- How many graphs give each subject each class (a class counts a subject once).
CREATE TABLE IF NOT EXISTS type_members (subject TEXT NOT NULL, cls TEXT NOT NULL,
                                         n INTEGER NOT NULL, PRIMARY KEY (subject, cls))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_sizes (cls TEXT PRIMARY KEY, n INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    node TEXT PRIMARY KEY, graph TEXT NOT NULL, subject TEXT NOT NULL, predicate TEXT NOT NULL,
    object TEXT NOT NULL, title TEXT, date TEXT, confidence REAL, article TEXT,
    sentence TEXT, start INTEGER, "end" INTEGER, listed INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS facts_order ON facts (predicate, subject, object, node)
    WHERE listed;
CREATE INDEX IF NOT EXISTS facts_subject ON facts (subject) WHERE listed;
CREATE INDEX IF NOT EXISTS facts_object ON facts (object) WHERE listed;
CREATE INDEX IF NOT EXISTS facts_article ON facts (article) WHERE listed;
CREATE INDEX IF NOT EXISTS facts_graph ON facts (graph);
CREATE TABLE IF NOT EXISTS events (
    node TEXT PRIMARY KEY, graph TEXT NOT NULL, type TEXT NOT NULL, date TEXT,
    location TEXT, confidence REAL, article TEXT, sentence TEXT, start INTEGER,
    "end" INTEGER, listed INTEGER NOT NULL, dated INTEGER NOT NULL, sort_when TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_order ON events (dated, sort_when, node) WHERE listed;
CREATE INDEX IF NOT EXISTS events_type ON events (type, dated, sort_when, node) WHERE listed;
CREATE INDEX IF NOT EXISTS events_article ON events (article) WHERE listed;
CREATE INDEX IF NOT EXISTS events_graph ON events (graph);
-- Roles only of events this index keeps (the first graph read owns a node).
CREATE TABLE IF NOT EXISTS roles (node TEXT NOT NULL, role TEXT NOT NULL,
                                  value TEXT NOT NULL, PRIMARY KEY (node, role, value))
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS roles_value ON roles (value, role);
-- The edges of listed facts and events as kg.rows.Edge has them, less the evidence: a fact
-- is one (subject, object) edge, an event one row per pair in kg.rows.agent_pairs order
-- (pos), with its topic IRIs as a JSON list. A neighbourhood is then one indexed read.
CREATE TABLE IF NOT EXISTS edges (
    node TEXT NOT NULL, pos INTEGER NOT NULL, fact INTEGER NOT NULL, a TEXT NOT NULL,
    b TEXT NOT NULL, relation TEXT NOT NULL, directed INTEGER NOT NULL, confidence REAL,
    date TEXT, title TEXT, topics TEXT, PRIMARY KEY (node, pos)) WITHOUT ROWID;
-- Covering (with the key, node and pos, every index of a WITHOUT ROWID table carries): a
-- neighbourhood's or a path frontier's edge keys (kg.rows.EdgeKey) are one index range per
-- end, whatever the hub's degree, with no row look-ups.
CREATE INDEX IF NOT EXISTS edges_a ON edges (a, relation, b, fact, confidence);
CREATE INDEX IF NOT EXISTS edges_b ON edges (b, relation, a, fact, confidence);
CREATE TABLE IF NOT EXISTS predicate_counts (predicate TEXT PRIMARY KEY, n INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS months (month TEXT NOT NULL, type TEXT NOT NULL,
                                   n INTEGER NOT NULL, PRIMARY KEY (month, type))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (iri TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities (iri TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_key ON entities (key, iri);
-- kind 'label' (rank: its place among the entity's labels, sorted) or 'alias'.
CREATE TABLE IF NOT EXISTS entity_names (iri TEXT NOT NULL, kind TEXT NOT NULL,
                                         rank INTEGER NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_names_iri ON entity_names (iri);

CREATE TRIGGER IF NOT EXISTS members_in AFTER INSERT ON type_members BEGIN
    INSERT INTO class_sizes (cls, n) VALUES (new.cls, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS members_out AFTER DELETE ON type_members BEGIN
    UPDATE class_sizes SET n = n - 1 WHERE cls = old.cls;
END;
CREATE TRIGGER IF NOT EXISTS facts_in AFTER INSERT ON facts BEGIN
    INSERT INTO predicate_counts (predicate, n) VALUES (new.predicate, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO mentions (iri, n) SELECT new.subject, 1 WHERE new.listed
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO mentions (iri, n) SELECT new.object, 1 WHERE new.listed
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS facts_out AFTER DELETE ON facts BEGIN
    UPDATE predicate_counts SET n = n - 1 WHERE predicate = old.predicate;
    UPDATE mentions SET n = n - 1 WHERE old.listed AND iri IN (old.subject, old.object);
    UPDATE mentions SET n = n - 1 WHERE old.listed AND old.subject = old.object
        AND iri = old.subject;
END;
CREATE TRIGGER IF NOT EXISTS events_in AFTER INSERT ON events
    WHEN new.listed AND new.dated BEGIN
    INSERT INTO months (month, type, n) VALUES (substr(new.sort_when, 1, 7), new.type, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS events_out AFTER DELETE ON events
    WHEN old.listed AND old.dated BEGIN
    UPDATE months SET n = n - 1 WHERE month = substr(old.sort_when, 1, 7) AND type = old.type;
END;
CREATE TRIGGER IF NOT EXISTS roles_in AFTER INSERT ON roles
    WHEN new.role IN ({_AGENT_ROLES})
    AND (SELECT listed FROM events WHERE node = new.node) BEGIN
    INSERT INTO mentions (iri, n) VALUES (new.value, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS roles_out AFTER DELETE ON roles
    WHEN old.role IN ({_AGENT_ROLES})
    AND (SELECT listed FROM events WHERE node = old.node) BEGIN
    UPDATE mentions SET n = n - 1 WHERE iri = old.value;
END;
"""
