"""The read side: consolidated events and entity merges as plain records, for the query layer.

    >>> events = consolidated_events(store, types=("Meeting",))       # doctest: +SKIP
    >>> events[0].participants, events[0].source_count, events[0].reports

Records carry IRIs (entities, topics, report events, articles) and lexical values; labels and
evidence sentences are the query layer's to join (each report event keeps its own evidence).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.consolidate.graph import ENTITY_MERGES_GRAPH
from kg.consolidate.reports import AIKG_NS, DERIVED_FROM, chunks, select, values
from kg.rows import disagreements
from kg.store import Store


@dataclass(frozen=True)
class ConsolidatedEvent:
    """One real-world event and the reports of it.

    `dates` and `locations` hold every distinct reported value: more than one is a
    disagreement between reports, kept rather than resolved. Dates are ISO strings
    ("2023-11-15" or "2023-11"); `first_reported` / `last_reported` are publication dates.
    """

    node: str
    type: str  # "Meeting"
    participants: tuple[str, ...]
    actor: str | None
    target: str | None
    proposed: str | None
    topics: tuple[str, ...]
    dates: tuple[str, ...]
    locations: tuple[str, ...]
    reports: tuple[str, ...]  # report event IRIs, one per article graph's event node
    articles: tuple[str, ...]
    source_count: int
    first_reported: dt.date | None
    last_reported: dt.date | None

    @property
    def disagreements(self) -> dict[str, tuple[str, ...]]:
        """{"date": (...), "location": (...)} for each property reported with several values."""
        return disagreements(date=self.dates, location=self.locations)


@dataclass(frozen=True)
class EntityMergeRow:
    """Why `entity` is the same as `matched`: rule ("core-name" | "fuzzy") and score 0..100;
    `canonical` is the entity the whole merged set resolves to."""

    entity: str
    matched: str
    canonical: str
    rule: str
    score: float


def consolidated_events(store: Store, *, types: Iterable[str] | None = None,
                        entity: str | None = None, nodes: Iterable[str] | None = None
                        ) -> list[ConsolidatedEvent]:
    """Consolidated events, by (first date or first report, node): all, or those of the
    given types ("Meeting"), with an entity IRI in a role (resolved: pass the canonical IRI),
    or with the given node IRIs."""
    scope = ""
    if types is not None:
        scope += values("cls", (AIKG_NS + t for t in types)) + " ?c aikg:eventClass ?cls ."
    if entity is not None:
        scope += (values("who", [entity]) + " ?c ?role ?who VALUES ?role { aikg:participant "
                  "aikg:actor aikg:target aikg:proposed }")
    scopes = ([values("c", batch) + scope for batch in chunks(sorted(set(nodes)))]
              if nodes is not None else [scope])
    props: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for where in scopes:
        for node, prop, value in select(store, f"""SELECT ?c ?p ?v WHERE {{ {where}
                ?c a aikg:ConsolidatedEvent ; ?p ?v }}"""):
            props[node][prop].add(value)
    events = [_event(node, found) for node, found in props.items()]
    return sorted(events, key=lambda e: (e.dates[0] if e.dates else str(
        e.first_reported or "9999"), e.node))


def consolidated_event_of(store: Store, report: str) -> ConsolidatedEvent | None:
    """The consolidated event a report event belongs to (None if not consolidated yet)."""
    rows = list(select(store, f"SELECT ?c WHERE {{ ?c aikg:consolidates <{report}> }}"))
    return consolidated_events(store, nodes=[rows[0][0]])[0] if rows else None


def entity_merges(store: Store) -> list[EntityMergeRow]:
    """Every entity merge with its rule and score, by entity."""
    rows = select(store, f"""SELECT ?e ?m ?c ?rule ?score WHERE {{
        GRAPH <{ENTITY_MERGES_GRAPH}> {{ ?n a aikg:EntityMerge ; aikg:mergedEntity ?e ;
        aikg:mergedWith ?m ; aikg:mergeRule ?rule ; aikg:mergeScore ?score .
        OPTIONAL {{ ?e aikg:sameEntityAs ?c }} }} }} ORDER BY ?e ?m""")
    return [EntityMergeRow(entity, matched, canonical or entity, rule, float(score))
            for entity, matched, canonical, rule, score in rows]


def canonical_entities(store: Store) -> dict[str, str]:
    """Entity IRI -> its canonical IRI, for every merged entity."""
    return dict(select(store, f"""SELECT ?e ?c WHERE {{ GRAPH <{ENTITY_MERGES_GRAPH}> {{
        ?e aikg:sameEntityAs ?c }} }}"""))


def _event(node: str, props: dict[str, set[str]]) -> ConsolidatedEvent:
    def one(name: str) -> str | None:
        found = props.get(AIKG_NS + name)
        return min(found) if found else None

    def many(name: str) -> tuple[str, ...]:
        return tuple(sorted(props.get(AIKG_NS + name, ())))

    first, last = one("firstReported"), one("lastReported")
    return ConsolidatedEvent(
        node=node, type=(one("eventClass") or "")[len(AIKG_NS):],
        participants=many("participant"), actor=one("actor"), target=one("target"),
        proposed=one("proposed"), topics=many("topic"), dates=many("date"),
        locations=many("location"), reports=many("consolidates"),
        articles=tuple(sorted(props.get(DERIVED_FROM, ()))),
        source_count=int(one("sourceCount") or 0),
        first_reported=dt.date.fromisoformat(first) if first else None,
        last_reported=dt.date.fromisoformat(last) if last else None)
