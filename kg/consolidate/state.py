"""What the derived graphs already say: stored clusters, their members and keys, the merges.

The incremental refresh asks these questions of the store instead of keeping state in
memory, so a fresh process refreshes as correctly as the one that wrote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.consolidate.graph import ENTITY_MERGES_GRAPH
from kg.consolidate.reports import chunks, select, values
from kg.store import Store


def clusters_with_keys(store: Store, keys: Iterable[str]) -> set[str]:
    """Stored consolidated events with any of these blocking keys."""
    found: set[str] = set()
    for batch in chunks(sorted(set(keys))):
        literals = " ".join(_literal(key) for key in batch)
        found.update(row[0] for row in select(store, f"""SELECT DISTINCT ?c WHERE {{
            VALUES ?k {{ {literals} }} ?c aikg:blockKey ?k }}"""))
    return found


def clusters_of_articles(store: Store, articles: Iterable[str]) -> set[str]:
    """Stored consolidated events derived from any of these articles."""
    found: set[str] = set()
    for batch in chunks(sorted(set(articles))):
        found.update(row[0] for row in select(store, f"""SELECT DISTINCT ?c WHERE {{
            {values("a", batch)} ?c prov:wasDerivedFrom ?a ; a aikg:ConsolidatedEvent }}"""))
    return found


def clusters_of_entities(store: Store, entities: Iterable[str]) -> set[str]:
    """Stored consolidated events with any of these (resolved) entities in a role."""
    found: set[str] = set()
    for batch in chunks(sorted(set(entities))):
        found.update(row[0] for row in select(store, f"""SELECT DISTINCT ?c WHERE {{
            {values("x", batch)} ?c ?role ?x ; a aikg:ConsolidatedEvent
            VALUES ?role {{ aikg:participant aikg:actor aikg:target aikg:proposed }} }}"""))
    return found


def cluster_members(store: Store, clusters: Iterable[str] | None = None
                    ) -> dict[str, set[str]]:
    """Consolidated event -> its report nodes (of the given events, or of all)."""
    members: dict[str, set[str]] = defaultdict(set)
    scopes = ([values("c", batch) for batch in chunks(sorted(set(clusters)))]
              if clusters is not None else [""])
    for scope in scopes:
        for cluster, report in select(store, f"""SELECT ?c ?r WHERE {{ {scope}
                ?c aikg:consolidates ?r }}"""):
            members[cluster].add(report)
    return members


def consolidated_graphs(store: Store) -> set[str]:
    """Every derived graph of consolidated events."""
    return {row[0] for row in select(store, """SELECT DISTINCT ?g WHERE {
        GRAPH ?g { ?c a aikg:ConsolidatedEvent } }""")}


def stored_resolution(store: Store) -> dict[str, str]:
    """Entity -> canonical entity, as the merges graph says."""
    return {entity: canonical for entity, canonical in select(store, f"""
        SELECT ?e ?c WHERE {{ GRAPH <{ENTITY_MERGES_GRAPH}> {{ ?e aikg:sameEntityAs ?c }} }}""")}


def stored_merge_lines(store: Store) -> int:
    """How many triples the merges graph holds (0 when absent)."""
    rows = list(select(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{
        GRAPH <{ENTITY_MERGES_GRAPH}> {{ ?s ?p ?o }} }}"""))
    return int(rows[0][0]) if rows else 0


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
