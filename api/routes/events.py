"""Events: who met whom, every event type with the same filters, and events per month."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import Limit, Offset, StoreDep
from api.request_rules import REQUEST_RULES
from api.responses import (
    consolidated_event_outs,
    consolidated_meeting_outs,
    event_outs,
    meeting_outs,
    model_response,
)
from api.schemas import EventOut, EventType, MeetingOut, MonthOut, Page, TimelineOut
from kg.errors import InputError
from kg.queries import (
    EventFilter,
    consolidated_events,
    consolidated_timeline,
    events,
    timeline,
)

router = APIRouter(tags=["events"], dependencies=[REQUEST_RULES])
Participants = Annotated[list[str], Query(
    alias="participant", description="entity ids that all take part, e.g. person/brad-smith")]
Topic = Annotated[str | None, Query(max_length=100, description="topic label, e.g. AI "
                                    "(narrower topics count too)")]
Since = Annotated[dt.date | None, Query(description="on or after (ISO date)")]
Until = Annotated[dt.date | None, Query(description="on or before (ISO date)")]
Types = Annotated[list[EventType], Query(alias="type", description="event classes")]
PerReport = Annotated[bool, Query(description=(
    "false (default): one item per real-world event, however many articles reported it, "
    "with every report, the number of sources and any disagreement of dates or places "
    "(docs/consolidation.md); filters select an event when any of its reports matches, and "
    "a participant matches through entity merges. true: one item per article's report, "
    "as before consolidation."))]


@router.get("/meetings", response_model=Page[MeetingOut])
def list_meetings(
    store: StoreDep, participant: Participants = [], topic: Topic = None,  # noqa: B006
    since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0,
    per_report: PerReport = False,
) -> Response:
    """Who met whom: participants, topics, date, place, and the sentences that say so; one
    item per meeting with all its reports (or per report with `per_report=true`)."""
    where = _filter(("Meeting",), participant, topic, since, until)
    if per_report:
        total, rows = events(store, where, limit=limit, offset=offset)
        items = meeting_outs(store, rows)
    else:
        total, groups = consolidated_events(store, where, limit=limit, offset=offset)
        items = consolidated_meeting_outs(store, groups)
    return model_response(Page[MeetingOut](items=items, total=total, limit=limit,
                                           offset=offset))


@router.get("/events", response_model=Page[EventOut])
def list_events(
    store: StoreDep, type: Types = [], participant: Participants = [],  # noqa: B006
    topic: Topic = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0, per_report: PerReport = False,
) -> Response:
    """Meetings, criticisms, demands, proposals and cooperations, with their evidence; one
    item per event with all its reports (or per report with `per_report=true`)."""
    where = _filter(tuple(t.value for t in type), participant, topic, since, until)
    if per_report:
        total, rows = events(store, where, limit=limit, offset=offset)
        items = event_outs(store, rows)
    else:
        total, groups = consolidated_events(store, where, limit=limit, offset=offset)
        items = consolidated_event_outs(store, groups)
    return model_response(Page[EventOut](items=items, total=total, limit=limit,
                                         offset=offset))


@router.get("/timeline", response_model=TimelineOut)
def get_timeline(
    store: StoreDep, type: Types = [],  # noqa: B006
    entity: Annotated[str | None, Query(description="entity id taking part")] = None,
    topic: Topic = None, since: Since = None, until: Until = None,
    per_report: PerReport = False,
) -> Response:
    """Events per month (by the event's date, else its article's), optionally filtered: each
    consolidated event once, in the month of its earliest matching report (or every report
    with `per_report=true`)."""
    where = _filter(tuple(t.value for t in type), [entity] if entity else [], topic, since, until)
    months: dict[str, MonthOut] = {}
    counted = timeline(store, where) if per_report else consolidated_timeline(store, where)
    for month, event_type, count in counted:
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
