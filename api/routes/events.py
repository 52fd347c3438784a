"""Events: who met whom, every event type with the same filters, and events per month."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import Limit, Offset, StoreDep
from api.responses import event_outs, meeting_outs, model_response
from api.schemas import EventOut, EventType, MeetingOut, MonthOut, Page, TimelineOut
from kg.errors import InputError
from kg.queries import EventFilter, events, timeline

router = APIRouter(tags=["events"])
Participants = Annotated[list[str], Query(
    alias="participant", description="entity ids that all take part, e.g. person/brad-smith")]
Topic = Annotated[str | None, Query(max_length=100, description="topic label, e.g. AI "
                                    "(narrower topics count too)")]
Since = Annotated[dt.date | None, Query(description="on or after (ISO date)")]
Until = Annotated[dt.date | None, Query(description="on or before (ISO date)")]
Types = Annotated[list[EventType], Query(alias="type", description="event classes")]


@router.get("/meetings", response_model=Page[MeetingOut])
def list_meetings(
    store: StoreDep, participant: Participants = [], topic: Topic = None,  # noqa: B006
    since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0,
) -> Response:
    """Who met whom: participants, topics, date, place, and the sentence that says so."""
    where = _filter(("Meeting",), participant, topic, since, until)
    total, rows = events(store, where, limit=limit, offset=offset)
    return model_response(Page[MeetingOut](items=meeting_outs(store, rows), total=total,
                                           limit=limit, offset=offset))


@router.get("/events", response_model=Page[EventOut])
def list_events(
    store: StoreDep, type: Types = [], participant: Participants = [],  # noqa: B006
    topic: Topic = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Response:
    """Meetings, criticisms, demands, proposals and cooperations, with their evidence."""
    where = _filter(tuple(t.value for t in type), participant, topic, since, until)
    total, rows = events(store, where, limit=limit, offset=offset)
    return model_response(Page[EventOut](items=event_outs(store, rows), total=total,
                                         limit=limit, offset=offset))


@router.get("/timeline", response_model=TimelineOut)
def get_timeline(
    store: StoreDep, type: Types = [],  # noqa: B006
    entity: Annotated[str | None, Query(description="entity id taking part")] = None,
    topic: Topic = None, since: Since = None, until: Until = None,
) -> Response:
    """Events per month (by the event's date, else its article's), optionally filtered."""
    where = _filter(tuple(t.value for t in type), [entity] if entity else [], topic, since, until)
    months: dict[str, MonthOut] = {}
    for month, event_type, count in timeline(store, where):
        out = months.setdefault(month, MonthOut(month=month, total=0, by_type={}))
        out.total += count
        out.by_type[event_type] = count
    return model_response(TimelineOut(months=list(months.values())))


def _filter(types: tuple[str, ...], participants: list[str], topic: str | None,
            since: dt.date | None, until: dt.date | None) -> EventFilter:
    if since and until and since > until:
        raise InputError(f"since ({since}) is after until ({until})")
    return EventFilter(types=types, participants=tuple(participants), topic=topic or None,
                       since=since, until=until)
