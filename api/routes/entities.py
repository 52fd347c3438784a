"""Entities: search, one entity with its facts, its neighbourhood, and paths between two."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.deps import Limit, Offset, StoreDep
from api.errors import NotFoundError
from api.request_rules import REQUEST_RULES
from api.responses import Labels, edge_outs, entity_out, entity_ref, fact_outs, model_response
from api.schemas import (
    EntityDetailOut,
    EntityKind,
    EntityOut,
    EntityType,
    NeighborhoodOut,
    NodeOut,
    Page,
    PathOut,
    RelationName,
)
from kg.graph import MAX_PATH_HOPS, neighbors, shortest_connection
from kg.queries import EntityRow, entity, facts, search_entities
from kg.store import Store

router = APIRouter(tags=["entities"], dependencies=[REQUEST_RULES])
Kind = Annotated[EntityKind, Path(description="entity type, lower case")]
Slug = Annotated[str, Path(description="the entity's slug", pattern=r"^[a-z0-9][a-z0-9-]*$")]
MAX_FACTS = 1000
#: Edges per neighbourhood page unless asked: a hub has thousands, each with its evidence.
NEIGHBOR_EDGES = 100


@router.get("/entities", response_model=Page[EntityOut])
def list_entities(
    store: StoreDep, limit: Limit = 50, offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
    type: Annotated[EntityType | None, Query(description="entity class")] = None,
) -> Response:
    """Entities whose name or an alias contains `q` (case-insensitive), by name."""
    total, rows = search_entities(store, text=q, entity_type=type.value if type else None,
                                  limit=limit, offset=offset)
    return model_response(Page[EntityOut](items=[entity_out(r) for r in rows], total=total,
                                          limit=limit, offset=offset))


@router.get("/entities/{kind}/{slug}", response_model=EntityDetailOut)
def get_entity(store: StoreDep, kind: Kind, slug: Slug) -> Response:
    """One entity: labels, aliases, sameAs, and every fact about it with its evidence."""
    row = _entity(store, f"{kind.value}/{slug}")
    entity_id = f"{kind.value}/{slug}"
    _, out = facts(store, subject=entity_id, limit=MAX_FACTS)
    _, into = facts(store, object=entity_id, limit=MAX_FACTS)
    return model_response(EntityDetailOut(
        **entity_out(row).model_dump(), facts_out=fact_outs(store, out),
        facts_in=fact_outs(store, into)))


@router.get("/entities/{kind}/{slug}/neighbors", response_model=NeighborhoodOut)
def get_neighbors(
    store: StoreDep, kind: Kind, slug: Slug,
    depth: Annotated[int, Query(ge=1, le=2, description="hops from the entity")] = 1,
    relation: Annotated[list[RelationName], Query(description="fact predicates or event types")
                        ] = [],  # noqa: B006
    limit: Limit = NEIGHBOR_EDGES,
    offset: Offset = 0,
) -> Response:
    """Entities linked to this one by facts or events, up to two hops, and a page of the edges
    that link them, each with its evidence (`edges_total` counts them all)."""
    center = _entity(store, f"{kind.value}/{slug}")
    hood = neighbors(store, f"{kind.value}/{slug}", depth=depth,
                     relations=[r.value for r in relation], limit=limit, offset=offset)
    labels = Labels(store, hood.depth)
    return model_response(NeighborhoodOut(
        center=entity_ref(center),
        nodes=[NodeOut(entity=labels.ref(iri), depth=d) for iri, d in hood.depth.items() if d],
        edges=edge_outs(labels, hood.edges), edges_total=hood.edges_total, limit=limit,
        offset=offset))


@router.get("/path", response_model=PathOut)
def get_path(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", description="entity id, e.g. person/brad-smith")],
    target: Annotated[str, Query(alias="to", description="entity id")],
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = MAX_PATH_HOPS,
) -> Response:
    """A shortest chain of facts and events from one entity to another, with evidence."""
    start, end = _entity(store, source), _entity(store, target)
    edges = shortest_connection(store, source, target, max_hops=max_hops)
    if edges is None:
        raise NotFoundError(f"no connection between {source!r} and {target!r} "
                            f"within {max_hops} hops")
    nodes, current = [start.iri], start.iri
    for edge in edges:
        current = edge.target if edge.source == current else edge.source
        nodes.append(current)
    labels = Labels(store, nodes)
    return model_response(PathOut(
        source=entity_ref(start), target=entity_ref(end), hops=len(edges),
        nodes=[labels.ref(n) for n in nodes], edges=edge_outs(labels, edges)))


def _entity(store: Store, entity_id: str) -> EntityRow:
    row = entity(store, entity_id)
    if row is None:
        raise NotFoundError(f"no entity {entity_id!r}; search with GET /entities?q=")
    return row
