"""The topic scheme: what `topic=` accepts on /meetings, /events and /timeline."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.request_rules import REQUEST_RULES
from api.schemas import TopicList, TopicOut
from kg.topics import topic_scheme

router = APIRouter(tags=["topics"], dependencies=[REQUEST_RULES])


@router.get("/topics", response_model=list[TopicOut])
def list_topics() -> Response:
    """Every topic with its preferred label, the other labels `topic=` accepts (any case,
    singular or plural) and its broader topics (a topic filter includes the narrower ones)."""
    topics = TopicList([
        TopicOut(iri=topic.iri, label=topic.label, labels=list(topic.labels),
                 broader=list(topic.broader))
        for topic in topic_scheme()
    ])
    return Response(topics.model_dump_json(), media_type="application/json")
