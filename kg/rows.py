"""The answers' value types and the checked questions: what both answerers share.

The two answerers (kg.sparql over the store, kg.index in SQLite) and the facade above them
(kg.queries) all speak these types, so neither answerer imports the other. Every user value
is checked here once, before any answerer sees it: an entity id becomes an IRI, a topic label
becomes a topic IRI, an event type must be one of the ontology's (kg.models.EVENT_TYPES).

    >>> entity_id_iri("person/xi-jinping")
    'https://w3id.org/aikg/id/person/xi-jinping'
    >>> EventFilter(types=("Meeting",), participants=("company/baidu",)).participant_iris
    ('https://w3id.org/aikg/id/company/baidu',)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from kg.errors import InputError, QueryError
from kg.models import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.rdf import entity_iri
from kg.topics import resolve_topic

__all__ = [
    "RELATIONS",
    "ROLES",
    "ConsolidatedRow",
    "Edge",
    "EdgeKey",
    "EntityRow",
    "EventFilter",
    "EventRow",
    "EvidenceRow",
    "FactRow",
    "MeetingRow",
    "Neighborhood",
    "agent_pairs",
    "check_choice",
    "check_iri",
    "check_text",
    "disagreements",
    "entity_id_iri",
]

#: The event roles that name an agent (aikg:participant, ...), in DESIGN.md's order.
ROLES: tuple[str, ...] = ("participant", "actor", "target", "proposed")
#: Everything an edge can be: a fact predicate or an event type.
RELATIONS: tuple[str, ...] = PREDICATES + EVENT_TYPES

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # what kg.models.entity_key produces
# Characters an IRI reference may not hold (RFC 3987 and SPARQL's IRIREF production).
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_choice(kind: str, value: str, allowed: Sequence[str]) -> str:
    """`value` when it is one of `allowed`.

    Raises:
        InputError: naming the kind and listing the allowed values.
    """
    if value not in allowed:
        raise InputError(f"unknown {kind} {value!r}; expected one of {', '.join(allowed)}")
    return value


def check_iri(iri: str) -> str:
    """`iri` when it can be written as a SPARQL IRIREF (no space, quote, brace or `<>`).

    Raises:
        QueryError: empty, or holding a character that could end the IRI early.
    """
    if not iri or _IRI_FORBIDDEN.search(iri):
        raise QueryError(f"not a valid IRI: {iri!r}")
    return iri


def check_text(value: str) -> str:
    """`value` when it is text UTF-8 can encode (no lone surrogates).

    Raises:
        InputError: for text that cannot be encoded.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"not valid Unicode text: {value!r}") from None
    return value


def entity_id_iri(entity_id: str) -> str:
    """The IRI of an entity id such as 'person/brad-smith' (type checked, slug escape-safe).

    Raises:
        InputError: not TYPE/SLUG with a known entity type (kg.models.ENTITY_TYPES).
    """
    entity_type, _, slug = entity_id.partition("/")
    if entity_type.capitalize() not in ENTITY_TYPES or not _SLUG.fullmatch(slug):
        raise InputError(f"not an entity id: {entity_id!r}; expected TYPE/SLUG, "
                         "e.g. person/xi-jinping")
    return str(entity_iri(entity_id))


def topic_label_iri(label: str) -> str:
    """The IRI of the topic a user names: any SKOS label, any case or number (kg.topics).

    Raises:
        kg.topics.UnknownTopicError: no topic has that label (an InputError whose
            `suggestions` lists close labels).
    """
    return resolve_topic(label)


# -- rows ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EntityRow:
    """An entity: IRI, least rdfs:label, aikg: class local name, other labels, owl:sameAs."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class EvidenceRow:
    """The sentence a statement came from (offsets in code points into the article text), and
    the article (IRI, id, title, ISO date) it is in."""

    sentence: str
    start: int
    end: int
    article: str
    article_id: str | None
    article_title: str | None
    article_date: str | None


@dataclass(frozen=True)
class FactRow:
    """One direct triple of the relation inventory, with its statement node and evidence."""

    statement: str
    subject: str
    predicate: str
    object: str
    title: str | None
    date: str | None
    confidence: float
    evidence: EvidenceRow


@dataclass(frozen=True)
class EventRow:
    """An event node with its roles (entity IRIs), topic labels and evidence."""

    iri: str
    type: str
    label: str | None
    participants: tuple[str, ...]
    actor: str | None
    target: str | None
    proposed: str | None
    topics: tuple[str, ...]
    date: str | None
    location: str | None
    confidence: float
    evidence: EvidenceRow


@dataclass(frozen=True)
class ConsolidatedRow:
    """One real-world event and every report of it (docs/consolidation.md).

    `iri` is the consolidated node of the derived graph, or the report's own IRI when the
    derived graph does not list it yet (`consolidated` False): an answer never loses an
    event. Roles are canonical entity IRIs (aikg:sameEntityAs), `topics` the union of the
    reports' labels, `dates` and `locations` every distinct reported value (two values are a
    disagreement, kept visible), `source_count` the distinct articles, `first_reported` /
    `last_reported` their ISO publication dates, `reports` every report by date then IRI.
    """

    iri: str
    type: str
    participants: tuple[str, ...]
    actor: str | None
    target: str | None
    proposed: str | None
    topics: tuple[str, ...]
    dates: tuple[str, ...]
    locations: tuple[str, ...]
    source_count: int
    first_reported: str | None
    last_reported: str | None
    reports: tuple[EventRow, ...]
    consolidated: bool = True

    @property
    def lead(self) -> EventRow:
        """The earliest report: its date, place and evidence stand for the event."""
        return self.reports[0]

    @property
    def date(self) -> str | None:
        """The first reported date (the earliest report giving one)."""
        return next((r.date for r in self.reports if r.date), None)

    @property
    def location(self) -> str | None:
        """The first reported place (the earliest report giving one)."""
        return next((r.location for r in self.reports if r.location), None)

    @property
    def confidence(self) -> float:
        """The highest confidence of its reports."""
        return max(r.confidence for r in self.reports)

    @property
    def disagreements(self) -> dict[str, tuple[str, ...]]:
        """{"date": (...), "location": (...)} for each property reported with several values."""
        return disagreements(date=self.dates, location=self.locations)


def disagreements(**reported: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The properties reported with more than one value, i.e. where reports disagree.

    >>> disagreements(date=("2023-11-15",), location=("Woodside", "San Francisco"))
    {'location': ('Woodside', 'San Francisco')}
    """
    return {name: values for name, values in reported.items() if len(values) > 1}


@dataclass(frozen=True)
class MeetingRow:
    """One meeting, with the sentence and article it came from (participants by name)."""

    event: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]
    date: str | None
    location: str | None
    evidence: str
    start: int
    end: int
    confidence: float
    article: str
    article_title: str


@dataclass(frozen=True)
class Edge:
    """A fact or an event linking two entities; `directed` is False for co-participants."""

    source: str
    target: str
    relation: str
    kind: str  # "fact" or "event"
    statement: str
    directed: bool
    confidence: float
    evidence: EvidenceRow
    date: str | None = None  # the fact's or event's own date, where the text gives one
    title: str | None = None  # a roleIn fact's title ("President")
    topics: tuple[str, ...] = ()  # an event's topic labels


class EdgeKey(NamedTuple):
    """An edge without what it says: the part a path search walks and a neighbourhood pages
    over, read from an index's covering entries. (statement, source, target) is its identity;
    kg.queries.edges_by_key reads the whole Edge."""

    statement: str
    source: str
    target: str
    kind: str  # "fact" or "event"
    confidence: float

    @classmethod
    def of(cls, edge: Edge) -> EdgeKey:
        return cls(edge.statement, edge.source, edge.target, edge.kind, edge.confidence)


@dataclass
class Neighborhood:
    """Entities around a centre, each with its distance in hops, and the edges between them.

    `edges` is one page (kg.graph.neighbors' `limit`, `offset`) of the `edges_total` edges
    that reach the entities of `depth`, in hop order, then as kg.queries.edges_touching
    orders them."""

    center: str
    depth: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    edges_total: int = 0


def agent_pairs(roles: dict[str, set[str]]) -> list[tuple[str, str, bool]]:
    """An event's edges as (source, target, directed): co-participants pairwise (undirected),
    actor -> target and actor -> proposed (DESIGN.md, "edges").

    >>> agent_pairs({"participant": {"b", "a"}, "actor": {"x"}, "target": {"y"}})
    [('a', 'b', False), ('x', 'y', True)]
    """
    pairs = [(a, b, False) for a, b in combinations(sorted(roles.get("participant", ())), 2)]
    pairs += [(actor, other, True) for actor in sorted(roles.get("actor", ()))
              for other in sorted(roles.get("target", set()) | roles.get("proposed", set()))]
    return pairs


# -- the checked question ------------------------------------------------------------------

@dataclass(frozen=True)
class EventFilter:
    """Which events to return; every value is checked when the filter is made.

    `participant_iris` and `topic_iri` are derived here, so both answerers read the same
    checked IRIs.

    Raises:
        InputError: an unknown event type, a malformed entity id, an unknown topic
            (kg.topics.UnknownTopicError), `since` after `until`, or a value of the wrong type.
        QueryError: an article IRI that cannot be written in SPARQL.
    """

    types: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # entity ids that must all take part (in any role)
    topic: str | None = None  # a topic label; its narrower topics count too
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None  # an article IRI
    participant_iris: tuple[str, ...] = field(init=False, repr=False, compare=False)
    topic_iri: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("types", "participants"):
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise InputError(f"{name} must be a sequence of strings, not {value!r}")
            object.__setattr__(self, name, tuple(value))
        for event_type in self.types:
            check_choice("event type", event_type, EVENT_TYPES)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, dt.date):
                raise InputError(f"{name} must be a date, not {value!r}")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since ({self.since}) is after until ({self.until})")
        if self.article is not None:
            check_iri(self.article)
        object.__setattr__(self, "participant_iris",
                           tuple(entity_id_iri(entity_id) for entity_id in self.participants))
        object.__setattr__(self, "topic_iri",
                           topic_label_iri(self.topic) if self.topic else None)
