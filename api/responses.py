"""kg rows -> response models: entity IRIs become labelled refs, evidence names its article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastapi import Response
from pydantic import BaseModel

from api.schemas import (
    ArticleOut,
    ArticleRef,
    EdgeOut,
    EntityOut,
    EntityRef,
    EventOut,
    EvidenceOut,
    FactOut,
    MeetingOut,
    ReportOut,
)
from kg.namespaces import ARTICLE
from kg.queries import entities_by_iri
from kg.rdf import entity_key_of
from kg.rows import ConsolidatedRow, Edge, EntityRow, EventRow, EvidenceRow, FactRow
from kg.store import ArticleInfo, Store


def model_response(model: BaseModel) -> Response:
    """The model as JSON, serialized once.

    A route that returns a model has FastAPI dump it, validate it again against the
    response_model and then serialize it: three passes, most of the time of a large page.
    The model was validated when it was built; the route still declares response_model,
    so the OpenAPI schema (and the tests that check answers against it) are unchanged.
    """
    return Response(model.model_dump_json(), media_type="application/json")


class Labels:
    """EntityRefs for a batch of entity IRIs, looked up in one query."""

    def __init__(self, store: Store, iris: Iterable[str | None]) -> None:
        wanted = sorted({iri for iri in iris if iri})
        self._refs = {row.iri: entity_ref(row) for row in entities_by_iri(store, wanted)}

    def ref(self, iri: str) -> EntityRef:
        if iri in self._refs:
            return self._refs[iri]
        key = entity_key_of(iri) or iri
        return EntityRef(id=key, iri=iri, label=key.rsplit("/", 1)[-1])

    def maybe(self, iri: str | None) -> EntityRef | None:
        return self.ref(iri) if iri else None


def entity_ref(row: EntityRow) -> EntityRef:
    return EntityRef(id=entity_key_of(row.iri) or row.iri, iri=row.iri, label=row.label,
                     type=row.type)


def entity_out(row: EntityRow) -> EntityOut:
    return EntityOut(**entity_ref(row).model_dump(), aliases=list(row.aliases),
                     same_as=list(row.same_as), description=row.description)


def evidence_out(evidence: EvidenceRow) -> EvidenceOut:
    return EvidenceOut(
        sentence=evidence.sentence, start=evidence.start, end=evidence.end,
        article=ArticleRef(id=evidence.article_id, iri=evidence.article,
                           title=evidence.article_title, date=evidence.article_date))


def fact_outs(store: Store, rows: Sequence[FactRow]) -> list[FactOut]:
    labels = Labels(store, [iri for row in rows for iri in (row.subject, row.object)])
    return [
        FactOut(statement=row.statement, subject=labels.ref(row.subject), predicate=row.predicate,
                object=labels.ref(row.object), title=row.title, date=row.date,
                confidence=row.confidence, evidence=evidence_out(row.evidence))
        for row in rows
    ]


def event_outs(store: Store, rows: Sequence[EventRow]) -> list[EventOut]:
    labels = Labels(store, [iri for row in rows
                            for iri in (*row.participants, row.actor, row.target, row.proposed)])
    return [
        EventOut(iri=row.iri, type=row.type, label=row.label,
                 participants=[labels.ref(p) for p in row.participants],
                 actor=labels.maybe(row.actor), target=labels.maybe(row.target),
                 proposed=labels.maybe(row.proposed), topics=list(row.topics), date=row.date,
                 location=row.location, confidence=row.confidence,
                 evidence=evidence_out(row.evidence))
        for row in rows
    ]


def meeting_outs(store: Store, rows: Sequence[EventRow]) -> list[MeetingOut]:
    return [_meeting_out(event) for event in event_outs(store, rows)]


def consolidated_event_outs(store: Store, rows: Sequence[ConsolidatedRow]) -> list[EventOut]:
    """Consolidated events: `iri` the consolidated node, `date`/`location`/`evidence` the
    earliest report's, `confidence` the highest, every report in `reports`."""
    labels = Labels(store, [iri for row in rows
                            for iri in (*row.participants, row.actor, row.target, row.proposed)])
    return [
        EventOut(iri=row.iri, type=row.type, label=row.lead.label,
                 participants=[labels.ref(p) for p in row.participants],
                 actor=labels.maybe(row.actor), target=labels.maybe(row.target),
                 proposed=labels.maybe(row.proposed), topics=list(row.topics), date=row.date,
                 location=row.location, confidence=row.confidence,
                 evidence=evidence_out(row.lead.evidence), dates=list(row.dates),
                 locations=list(row.locations), sources=row.source_count,
                 first_reported=row.first_reported, last_reported=row.last_reported,
                 reports=[ReportOut(iri=report.iri, evidence=evidence_out(report.evidence),
                                    confidence=report.confidence) for report in row.reports],
                 disagreements={k: list(v) for k, v in row.disagreements.items()})
        for row in rows
    ]


def consolidated_meeting_outs(store: Store, rows: Sequence[ConsolidatedRow]
                              ) -> list[MeetingOut]:
    return [_meeting_out(event) for event in consolidated_event_outs(store, rows)]


def _meeting_out(event: EventOut) -> MeetingOut:
    return MeetingOut(**{name: getattr(event, name) for name in MeetingOut.model_fields})


def edge_outs(labels: Labels, edges: Iterable[Edge]) -> list[EdgeOut]:
    return [
        EdgeOut(source=labels.ref(edge.source), target=labels.ref(edge.target),
                relation=edge.relation, kind=edge.kind, statement=edge.statement,
                directed=edge.directed, confidence=edge.confidence,
                evidence=evidence_out(edge.evidence))
        for edge in edges
    ]


def article_out(info: ArticleInfo) -> ArticleOut:
    return ArticleOut(id=info.id, iri=str(ARTICLE[info.hash]), graph=info.graph, title=info.title,
                      date=info.date, source=info.source, hash=info.hash, triples=info.triples)
