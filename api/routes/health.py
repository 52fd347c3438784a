"""Liveness and the size of the store."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.request_rules import REQUEST_RULES
from api.schemas import HealthOut, StatsOut
from kg.models import EVENT_TYPES
from kg.queries import (
    gazetteer_entity_counts,
    graph_totals,
    mentioned_entity_counts,
    predicate_counts,
    triple_count,
    type_counts,
)

router = APIRouter(tags=["store"], dependencies=[REQUEST_RULES])


@router.get("/health", response_model=HealthOut)
def health(store: StoreDep) -> HealthOut:
    """The server is up and its store answers."""
    # Counting a store's quads is a scan (70 ms at 10k articles): the index knows the sum.
    index = store.index
    progress = index.progress if index else None
    return HealthOut(status="ok", triples=triple_count(store),
                     index=index.state if index else "off",
                     index_progress=round(progress[0] / progress[1], 4)
                     if progress and progress[1] else None)


@router.get("/stats", response_model=StatsOut)
def stats(store: StoreDep) -> StatsOut:
    """Articles, triples, entities per type (those the articles name; the gazetteer's apart),
    events per type, facts per predicate."""
    (graphs, triples), types = graph_totals(store), type_counts(store)
    return StatsOut(
        articles=types.get("Article", 0), triples=triples, graphs=graphs,
        entities=mentioned_entity_counts(store), gazetteer=gazetteer_entity_counts(store),
        events={t: types.get(t, 0) for t in EVENT_TYPES},
        facts=predicate_counts(store))
