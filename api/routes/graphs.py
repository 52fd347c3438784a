"""Graph Store access: the named graphs with their article metadata, and streamed exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from api.errors import NotFoundError
from api.request_rules import REQUEST_RULES
from api.responses import article_out
from api.schemas import GraphOut
from api.sparql import absolute_iri
from api.streaming import stream_writes
from kg.namespaces import ENTITIES_GRAPH, GRAPH, ONTOLOGY_GRAPH
from kg.queries import articles, graph_counts
from kg.store import ExportFormat, Store

router = APIRouter(tags=["graphs"], dependencies=[REQUEST_RULES])


@router.get("/graphs", response_model=list[GraphOut])
def list_graphs(store: StoreDep) -> list[GraphOut]:
    """Every named graph with its size; article graphs carry the article's metadata."""
    by_graph = {info.graph: info for info in articles(store)}
    return [
        GraphOut(iri=iri, triples=count, kind=_kind(iri),
                 article=article_out(by_graph[iri]) if iri in by_graph else None)
        for iri, count in sorted(graph_counts(store).items())
    ]


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {f.media_type: {} for f in ExportFormat}}})
def export(
    store: StoreDep,
    format: Annotated[ExportFormat, Query(description="serialization")] = ExportFormat.trig,
    graph: Annotated[str | None, Query(description="IRI of one named graph")] = None,
) -> StreamingResponse:
    """The whole dataset (or one graph), streamed as it is serialized."""
    return export_response(store, format, graph)


def export_response(store: Store, fmt: ExportFormat, graph: str | None
                    ) -> StreamingResponse:
    if graph is not None and graph not in graph_counts(store):
        absolute_iri(graph)  # a malformed IRI is a 400, an unknown one a 404
        raise NotFoundError(f"no graph <{graph}> in the store; see GET /graphs")
    chunks = stream_writes(lambda output: store.export(output, fmt, graph=graph))
    return StreamingResponse(chunks, media_type=fmt.media_type)


def _kind(iri: str) -> str:
    if iri == str(ENTITIES_GRAPH):
        return "entities"
    if iri == str(ONTOLOGY_GRAPH):
        return "ontology"
    return "article" if iri.startswith(str(GRAPH["article/"])) else "other"
