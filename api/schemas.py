"""Response and request models: the stable JSON shapes of the REST API (and its OpenAPI docs)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel

from kg.models import ENTITY_TYPES, EVENT_TYPES, PREDICATES

T = TypeVar("T")

EntityType = Enum("EntityType", {name: name for name in ENTITY_TYPES}, type=str)  # type: ignore[misc]
EntityKind = Enum("EntityKind", {name.lower(): name.lower() for name in ENTITY_TYPES}, type=str)  # type: ignore[misc]
EventType = Enum("EventType", {name: name for name in EVENT_TYPES}, type=str)  # type: ignore[misc]
PredicateName = Enum("PredicateName", {name: name for name in PREDICATES}, type=str)  # type: ignore[misc]
RelationName = Enum("RelationName", {n: n for n in PREDICATES + EVENT_TYPES}, type=str)  # type: ignore[misc]


class Page(BaseModel, Generic[T]):
    """One page of a longer list; `total` counts every match."""

    items: list[T]
    total: int
    limit: int
    offset: int


class ArticleRef(BaseModel):
    id: str | None = Field(description="the article's readable id (its file name)")
    iri: str
    title: str | None = None
    date: str | None = None


class EvidenceOut(BaseModel):
    """Provenance: the sentence a statement came from, with offsets into its article's text."""

    sentence: str
    start: int
    end: int
    article: ArticleRef


class EntityRef(BaseModel):
    id: str = Field(description="TYPE/SLUG, usable in /entities/{id}",
                    examples=["person/xi-jinping"])
    iri: str
    label: str
    type: str | None = None


class EntityOut(EntityRef):
    aliases: list[str] = []
    same_as: list[str] = Field(default=[], description="owl:sameAs, e.g. Wikidata entities")
    description: str | None = None


class FactOut(BaseModel):
    statement: str = Field(description="IRI of the aikg:FactStatement node")
    subject: EntityRef
    predicate: str
    object: EntityRef
    title: str | None = None
    date: str | None = None
    confidence: float
    evidence: EvidenceOut


class EntityDetailOut(EntityOut):
    facts_out: list[FactOut] = Field(description="facts with this entity as subject")
    facts_in: list[FactOut] = Field(description="facts with this entity as object")


class ReportOut(BaseModel):
    """One article's report of a consolidated event: its own event node and evidence."""

    iri: str = Field(description="IRI of the report's event node in its article graph")
    evidence: EvidenceOut
    confidence: float


class Consolidated(BaseModel):
    """What a consolidated answer adds (docs/consolidation.md); a `per_report=true` answer
    leaves these at their defaults."""

    dates: list[str] = Field(default=[], description="every reported date; two or more "
                             "disagree")
    locations: list[str] = Field(default=[], description="every reported place")
    sources: int = Field(default=1, description="distinct articles reporting the event")
    first_reported: str | None = Field(default=None, description="earliest publication date")
    last_reported: str | None = Field(default=None, description="latest publication date")
    reports: list[ReportOut] = Field(default=[], description="every report, by date")
    disagreements: dict[str, list[str]] = Field(
        default={}, description='{"date": [...], "location": [...]} where reports differ')


class EventOut(Consolidated):
    """An event. Consolidated (the default): `iri` is the consolidated event, `date`,
    `location` and `evidence` the earliest report's, `confidence` the highest."""

    iri: str
    type: str
    label: str | None = None
    participants: list[EntityRef] = []
    actor: EntityRef | None = None
    target: EntityRef | None = None
    proposed: EntityRef | None = None
    topics: list[str] = []
    date: str | None = None
    location: str | None = None
    confidence: float
    evidence: EvidenceOut


class MeetingOut(Consolidated):
    """Who met whom: the participants, what about, when, where, and the evidence (for a
    consolidated meeting, the earliest report's; every report in `reports`)."""

    iri: str
    participants: list[EntityRef]
    topics: list[str]
    date: str | None = None
    location: str | None = None
    confidence: float
    evidence: EvidenceOut


class TopicOut(BaseModel):
    """A topic of the scheme; `topic=` accepts its label or any of `labels`."""

    iri: str = Field(examples=["https://w3id.org/aikg/topic/semiconductors"])
    label: str = Field(examples=["semiconductors"])
    labels: list[str] = Field(examples=[["chip", "chips", "chipmaking"]])
    broader: list[str] = []


class TopicList(RootModel[list[TopicOut]]):
    """Every topic, by preferred label."""


class MonthOut(BaseModel):
    month: str = Field(examples=["2023-12"])
    total: int
    by_type: dict[str, int]


class TimelineOut(BaseModel):
    months: list[MonthOut]


class EdgeOut(BaseModel):
    source: EntityRef
    target: EntityRef
    relation: str = Field(description="a fact predicate or an event type")
    kind: str = Field(description="'fact' or 'event'")
    statement: str = Field(description="IRI of the fact statement or event node")
    directed: bool
    confidence: float
    evidence: EvidenceOut


class NodeOut(BaseModel):
    entity: EntityRef
    depth: int


class NeighborhoodOut(BaseModel):
    """Every entity within the hops asked, and one page of the edges that reach them."""

    center: EntityRef
    nodes: list[NodeOut]
    edges: list[EdgeOut] = Field(description="the page [offset, offset + limit) of the edges, "
                                 "hop by hop, facts before events, by statement")
    edges_total: int = Field(description="every edge reaching the nodes")
    limit: int
    offset: int


class PathOut(BaseModel):
    source: EntityRef
    target: EntityRef
    hops: int
    nodes: list[EntityRef]
    edges: list[EdgeOut]


class ArticleOut(BaseModel):
    id: str
    iri: str
    graph: str
    title: str
    date: str | None = None
    source: str | None = None
    hash: str
    triples: int


class ArticleDetailOut(ArticleOut):
    extraction: dict[str, object] = Field(description="the DESIGN.md extraction JSON")


class ArticleIn(BaseModel):
    # A misspelt field ("published" for "date") is a 422 naming it, not silently dropped.
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, examples=["smith-wang-2023"])
    text: str = Field(min_length=1)
    title: str | None = None
    date: dt.date | None = None
    source: str = ""
    url: str | None = None


class IngestOut(BaseModel):
    article: ArticleOut
    entities: int
    facts: int
    events: int


class GraphOut(BaseModel):
    iri: str
    triples: int
    kind: str = Field(description="'article', 'entities', 'ontology' or 'other'")
    article: ArticleOut | None = None


class StatsOut(BaseModel):
    articles: int
    triples: int
    graphs: int
    #: Entities per type that the articles name in a fact or an event.
    entities: dict[str, int]
    #: Entities per type that the gazetteer describes (known names, mentioned or not).
    gazetteer: dict[str, int]
    events: dict[str, int]
    facts: dict[str, int]


class HealthOut(BaseModel):
    status: str
    triples: int
    #: The query index (kg.index): "ready", "building" (answers come from SPARQL meanwhile),
    #: or "off" (AIKG_INDEX=off, or a remote store without an index file named).
    index: str = "off"
    index_progress: float | None = Field(
        None, description="while the index is built: the share of the store's graphs read "
        "into it so far, 0 to 1 (its answer indexes are made after the last)")
