"""The index's database: one SQLite file, and the rows each graph adds and takes back.

`IndexDatabase` opens the file (WAL, a bounded page cache), empties one of another schema
version (kg.index.schema), and replaces what a set of graphs says in one transaction:
facts, events, roles, edges and articles tagged with their graph, descriptive values and
types counted per stating graph. kg.index.tables asks the questions over it. Not
thread-safe by itself: kg.index.GraphIndex serialises every call with one lock.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib.namespace import DCTERMS, SKOS

from kg.index.parts import RDFS_LABEL, Part
from kg.index.schema import ANSWER_INDEXES, DDL, SCHEMA_VERSION
from kg.models import ENTITY_TYPES
from kg.namespaces import AIKG, SCHEMA
from kg.rows import EntityRow, agent_pairs

ALT_LABEL, BROADER = str(SKOS.altLabel), str(SKOS.broader)
PUBLISHED = str(SCHEMA.datePublished)
_IDENTIFIER, _HEADLINE = str(SCHEMA.identifier), str(SCHEMA.headline)
_CONTENT_HASH = str(AIKG.contentHash)
_SOURCE = str(DCTERMS.source)
ENTITY_CLASSES = frozenset(ENTITY_TYPES)
_NAMES = frozenset({RDFS_LABEL, ALT_LABEL})
#: SQLite's page cache per connection, in KiB (negative cache_size): the index's own memory.
CACHE_KIB = 64 * 1024
#: How long a write waits for another process's transaction on the same file, in ms.
BUSY_MS = 30_000


def json_list(values: Iterable[str]) -> str:
    """A list bound as one parameter and read back with json_each (no variable limit)."""
    return json.dumps(sorted(values))


class IndexDatabase:
    """The index's rows of every graph, in one SQLite database (kg.index.schema).

    `path` None keeps the database in memory (an in-memory store's index).

    Raises:
        sqlite3.Error: the file cannot be opened or written (kg.index.GraphIndex reports it).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db = sqlite3.connect(":memory:" if path is None else str(path),
                                  isolation_level=None, check_same_thread=False)
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Processes sharing a remote store's index file (`kg serve --workers N`) wait for
        # each other's transactions rather than fail.
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        if path is not None:
            self.db.execute("PRAGMA journal_mode = WAL")
            # A commit reaches the OS at once (a process crash loses nothing); only a power
            # cut can lose the last ones, which the pending list then replays from the store.
            self.db.execute("PRAGMA synchronous = NORMAL")
        if not self._fits_schema():
            self._drop_everything()
        self.db.executescript(DDL)
        self._entities: dict[str, EntityRow | None] = {}
        self._topic_names: dict[str, frozenset[str]] = {}
        self._narrower: dict[str, set[str]] | None = None

    def close(self) -> None:
        self.db.close()

    def _fits_schema(self) -> bool:
        """Whether the file is empty or was written by this schema version."""
        names = {name for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not names:
            return True
        if "meta" not in names:
            return False
        return self.meta("schema") in (None, SCHEMA_VERSION)

    def _drop_everything(self) -> None:
        """Empty a file of another schema version (it is rebuilt from the store)."""
        objects = self.db.execute("SELECT type, name FROM sqlite_master WHERE type IN "
                                  "('table', 'trigger') AND name NOT LIKE 'sqlite_%'").fetchall()
        for kind, name in objects:
            self.db.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        self.db.execute("VACUUM")

    # -- metadata -------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE "
                        "SET value = excluded.value", (key, value))

    @property
    def compatible(self) -> bool:
        """Whether the file was written by this schema version (else it must be rebuilt)."""
        return self.meta("schema") == SCHEMA_VERSION

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write (nested calls join the outer one)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def drop_answer_indexes(self) -> None:
        """Before a rebuild: rows are then written without the indexes only answers read."""
        for name in ANSWER_INDEXES:
            self.db.execute(f"DROP INDEX IF EXISTS {name}")

    def create_indexes(self) -> None:
        """After a rebuild: every index made from the rows at once, statistics refreshed."""
        self.db.executescript(DDL)
        # Statistics from a sample of each index (SQLite's analysis_limit): a full ANALYZE
        # reads every index, minutes at 100k articles, for a plan that a sample settles.
        self.db.execute("PRAGMA analysis_limit = 1000")
        self.db.execute("ANALYZE")

    def clear(self) -> None:
        """Forget every row (a rebuild starts here); the pending list stays."""
        with self.transaction():
            for table in ("graphs", "articles", "props", "graph_props", "graph_types", "edges",
                          "type_members",
                          "class_sizes",
                          "facts", "events", "roles", "predicate_counts", "months", "mentions",
                          "entities", "entity_names"):
                self.db.execute(f"DELETE FROM {table}")
            self.set_meta("schema", SCHEMA_VERSION)
            for key in ("triples", "named_graphs", "named_triples"):
                self.set_meta(key, "0")
        self._forget()

    def _forget(self) -> None:
        """Drop what is cached from rows a write may have changed (the topic hierarchy is
        dropped only by a write of skos:broader, in _add and _drop)."""
        self._entities.clear()
        self._topic_names.clear()

    # -- maintenance ----------------------------------------------------------------------

    def replace(self, parts: dict[str, Part]) -> None:
        """Drop what the given graphs said before and add what they say now, atomically."""
        touched: set[str] = set()
        with self.transaction():
            for graph in parts:
                touched |= self._drop(graph)
            for part in parts.values():
                if part.triples:
                    touched |= self._add(part)
            self._refresh_entities(touched)
        self._forget()

    def _count(self, graph: str, triples: int) -> None:
        """Add (or with a negative count, take away) one graph's triples from the totals."""
        named = 1 if graph else 0
        for key, delta in (("triples", triples), ("named_graphs", named * (1 if triples > 0
                                                                             else -1)),
                           ("named_triples", named * triples)):
            self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?",
                            (delta, key))

    def _drop(self, graph: str) -> set[str]:
        db = self.db
        row = db.execute("SELECT triples FROM graphs WHERE graph = ?", (graph,)).fetchone()
        if row is None:
            return set()
        self._count(graph, -int(row[0]))
        found = db.execute("SELECT members FROM graph_props WHERE graph = ?",
                           (graph,)).fetchone()
        values = _unpack(found[0], 3) if found else []
        db.executemany("UPDATE props SET n = n - 1 WHERE subject = ? AND prop = ? AND value = ?",
                       values)
        db.executemany("DELETE FROM props WHERE subject = ? AND prop = ? AND value = ? "
                       "AND n <= 0", values)
        touched = {subject for subject, prop, _ in values if prop in _NAMES}
        if any(prop == BROADER for _, prop, _ in values):
            self._narrower = None
        found = db.execute("SELECT members FROM graph_types WHERE graph = ?",
                           (graph,)).fetchone()
        members = _unpack(found[0], 2) if found else []
        db.executemany("UPDATE type_members SET n = n - 1 WHERE subject = ? AND cls = ?",
                       members)
        db.executemany("DELETE FROM type_members WHERE subject = ? AND cls = ? AND n <= 0",
                       members)
        touched |= {subject for subject, cls in members if cls in ENTITY_CLASSES}
        db.execute("DELETE FROM roles WHERE node IN (SELECT node FROM events WHERE graph = ?)",
                   (graph,))
        for table in ("facts", "events"):
            db.execute(f"DELETE FROM edges WHERE node IN (SELECT node FROM {table} "
                       "WHERE graph = ?)", (graph,))
        for table in ("events", "facts", "graph_props", "graph_types", "articles", "graphs"):
            db.execute(f"DELETE FROM {table} WHERE graph = ?", (graph,))
        return touched

    def _add(self, part: Part) -> set[str]:
        db, graph = self.db, part.graph
        db.execute("INSERT INTO graphs (graph, triples) VALUES (?, ?)", (graph, part.triples))
        self._count(graph, part.triples)
        values = sorted((subject, prop, value) for subject, properties in part.properties.items()
                        for prop, found in properties.items() for value in found)
        db.executemany("INSERT INTO props (subject, prop, value, n) VALUES (?, ?, ?, 1) "
                       "ON CONFLICT DO UPDATE SET n = n + 1", values)
        db.execute("INSERT INTO graph_props VALUES (?, ?)", (graph, _pack(values)))
        members = sorted(part.types)
        db.executemany("INSERT INTO type_members (subject, cls, n) VALUES (?, ?, 1) "
                       "ON CONFLICT DO UPDATE SET n = n + 1", members)
        db.execute("INSERT INTO graph_types VALUES (?, ?)", (graph, _pack(members)))
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)", _articles(part))
        db.executemany(
            "INSERT OR IGNORE INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((f.node, graph, f.subject, f.predicate, f.object, f.title, f.date, f.confidence,
              f.article, *(f.evidence or (None, None, None)), f.listed)
             for f in part.facts.values()))
        published: dict[str, str | None] = {}
        rows = []
        for event in part.events.values():
            when = event.date
            if when is None and event.article is not None:
                if event.article not in published:
                    published[event.article] = self._first(event.article, PUBLISHED)
                when = published[event.article]
            rows.append((event.node, graph, event.type, event.date, event.location,
                         event.confidence, event.article,
                         *(event.evidence or (None, None, None)), event.listed,
                         when is not None, when or ""))
        db.executemany("INSERT OR IGNORE INTO events VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # Roles and edges only of the statements this graph owns (the first graph read keeps
        # a node that two graphs state).
        owned = {node for table in ("facts", "events") for (node,) in db.execute(
            f"SELECT node FROM {table} WHERE graph = ?", (graph,))}
        if part.roles:
            db.executemany("INSERT INTO roles VALUES (?, ?, ?)", (
                (node, role, value) for node, roles in part.roles.items() if node in owned
                for role, values in roles.items() for value in values))
        db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       _edge_rows(part, owned))
        if any(BROADER in properties for properties in part.properties.values()):
            self._narrower = None
        return {subject for subject, properties in part.properties.items()
                if not _NAMES.isdisjoint(properties)} | \
               {subject for subject, cls in part.types if cls in ENTITY_CLASSES}

    def _refresh_entities(self, subjects: set[str]) -> None:
        """Recompute the search rows of entities whose labels or types a write touched."""
        db = self.db
        for subject in subjects:
            db.execute("DELETE FROM entities WHERE iri = ?", (subject,))
            db.execute("DELETE FROM entity_names WHERE iri = ?", (subject,))
            if not self._entity_types(subject):
                continue
            labels = sorted(self.values(subject, RDFS_LABEL))
            if not labels:
                continue
            db.execute("INSERT INTO entities VALUES (?, ?)", (subject, labels[0].lower()))
            db.executemany("INSERT INTO entity_names VALUES (?, ?, ?, ?)", [
                *((subject, "label", rank, label.lower()) for rank, label in enumerate(labels)),
                *((subject, "alias", 0, alias.lower())
                  for alias in self.values(subject, ALT_LABEL))])

    # -- merged properties ----------------------------------------------------------------

    def values(self, subject: str, prop: str) -> set[str]:
        """Every value of `prop` on `subject`, over every graph."""
        return {value for (value,) in self.db.execute(
            "SELECT value FROM props WHERE subject = ? AND prop = ?", (subject, prop))}

    def _first(self, subject: str, prop: str) -> str | None:
        row = self.db.execute("SELECT min(value) FROM props WHERE subject = ? AND prop = ?",
                              (subject, prop)).fetchone()
        return None if row[0] is None else str(row[0])

    def _entity_types(self, iri: str) -> list[str]:
        return sorted(cls for (cls,) in self.db.execute(
            "SELECT cls FROM type_members WHERE subject = ?", (iri,)) if cls in ENTITY_CLASSES)


def _edge_rows(part: Part, owned: set[str]) -> Iterator[tuple[object, ...]]:
    """The edges table's rows of a part's listed facts and events that its graph owns."""
    for node, fact in part.facts.items():
        if fact.listed and node in owned:
            yield (node, 0, 1, fact.subject, fact.object, fact.predicate, 1, fact.confidence,
                   fact.date, fact.title, None)
    for node, event in part.events.items():
        if not (event.listed and node in owned):
            continue
        roles = part.roles.get(node, {})
        topics = json.dumps(sorted(roles.get("topic", ()))) if roles.get("topic") else None
        for pos, (a, b, directed) in enumerate(agent_pairs(roles)):
            yield (node, pos, 0, a, b, event.type, directed, event.confidence, event.date,
                   None, topics)


def _pack(rows: Sequence[tuple[str, ...]]) -> bytes:
    """Rows of text as zlib-compressed lines of tab-separated fields (graph_props, _types).

    Fields are IRIs and literal values: a tab or a newline inside one is escaped."""
    return zlib.compress("\n".join("\t".join(_escape(field) for field in row)
                                   for row in rows).encode("utf-8"))


def _unpack(blob: bytes, width: int) -> list[tuple[str, ...]]:
    text = zlib.decompress(blob).decode("utf-8")
    rows = [tuple(_unescape(field) for field in line.split("\t"))
            for line in text.split("\n")] if text else []
    return [row for row in rows if len(row) == width]


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(field: str) -> str:
    if "\\" not in field:
        return field
    out, chars = [], iter(field)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)



def _articles(part: Part) -> Iterator[tuple[object, ...]]:
    """The article rows of one part: each Article with a hash, an id and a title."""
    if not part.graph:
        return
    for subject, cls in part.types:
        if cls != "Article":
            continue
        properties = part.properties.get(subject, {})
        hashes, ids, titles = (properties.get(p) for p in (_CONTENT_HASH, _IDENTIFIER,
                                                            _HEADLINE))
        if not (hashes and ids and titles):
            continue
        dates, sources = properties.get(PUBLISHED), properties.get(_SOURCE)
        yield (part.graph, min(ids), min(titles), min(dates) if dates else None,
               min(sources) if sources else None, min(hashes), part.triples)
