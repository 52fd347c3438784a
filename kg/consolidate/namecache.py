"""Entity resolution kept between refreshes: names read whole once, then per changed graph.

Resolving entities needs every entity name in the store, and reading them is a scan of every
article graph's entity triples: it grows with the corpus (at 10k articles it was most of the
cost of refreshing one new article). Here the names are kept per graph, with the store
generation they were read at; the next refresh re-reads only the graphs the store's change
log names (Store.changed_graphs), and recomputes the resolution only when the set of names
changed. A store that is not its own sole writer (a remote server), an update of arbitrary
triples or a bulk load (the log says None), or a log that no longer reaches back: all read
the names whole again, so the cache is never staler than the store.
"""

from __future__ import annotations

import contextlib
import weakref
from collections import Counter
from dataclasses import dataclass, field

from kg.consolidate.entities import Resolution, resolve_entities
from kg.consolidate.reports import Name, entity_names_of, read_names_by_graph
from kg.namespaces import ENTITIES_GRAPH, GRAPH
from kg.store import Store

#: The derived graphs hold no entity names: their writes never call for a re-read.
DERIVED_PREFIX = str(GRAPH["consolidated/"])


#: A name as the resolution sees it: whether the gazetteer's graph holds it, and the name.
_Held = tuple[bool, Name]


@dataclass
class _Names:
    generation: int
    by_graph: dict[str, frozenset[_Held]]
    counts: Counter[_Held]  # how many graphs hold each name
    resolution: Resolution = field(default_factory=Resolution)

    def replace(self, graph: str, names: frozenset[_Held]) -> bool:
        """Put a graph's names in place of its old ones; whether the set of names changed."""
        old = self.by_graph.pop(graph, frozenset())
        if names:
            self.by_graph[graph] = names
        changed = False
        for held in old - names:
            self.counts[held] -= 1
            if not self.counts[held]:
                del self.counts[held]
                changed = True
        for held in names - old:
            changed |= not self.counts[held]
            self.counts[held] += 1
        return changed

    def resolve(self) -> Resolution:
        self.resolution = resolve_entities(entity_names_of(
            (str(ENTITIES_GRAPH) if known else "", [name]) for known, name in self.counts))
        return self.resolution


_CACHE: weakref.WeakKeyDictionary[Store, _Names] = weakref.WeakKeyDictionary()


def current_resolution(store: Store) -> Resolution:
    """The entity resolution of the store's names now (kg.consolidate.entities' rules).

    Raises:
        kg.errors.QueryError: the store refused a read.
    """
    cached = _CACHE.get(store) if store.sole_writer else None
    changed = store.changed_graphs(cached.generation) if cached is not None else None
    if cached is None or changed is None:
        cached = _Names(store.generation, {}, Counter())
        for graph, names in read_names_by_graph(store).items():
            cached.replace(graph, _held(graph, names))
        _remember(store, cached)
        return cached.resolve()
    wanted = {graph for graph in changed if not graph.startswith(DERIVED_PREFIX)}
    fresh = read_names_by_graph(store, wanted) if wanted else {}
    moved = False
    for graph in sorted(wanted):
        moved |= cached.replace(graph, _held(graph, fresh.get(graph, set())))
    cached.generation = store.generation
    return cached.resolve() if moved else cached.resolution


def settle(store: Store) -> None:
    """Count the store's writes since the names were read as seen: call right after
    consolidation's own writes (derived graphs, which hold no names), under the same lock."""
    cached = _CACHE.get(store) if store.sole_writer else None
    if cached is not None:
        cached.generation = store.generation


def _held(graph: str, names: set[Name]) -> frozenset[_Held]:
    known = graph == str(ENTITIES_GRAPH)
    return frozenset((known, name) for name in names)


def _remember(store: Store, names: _Names) -> None:
    # a store that cannot be weakly referenced is simply not cached
    with contextlib.suppress(TypeError):
        _CACHE[store] = names
