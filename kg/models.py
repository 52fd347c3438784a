"""Plain, frozen records that flow between the stages: read -> extract -> rdf.

They mirror the JSON interchange format of DESIGN.md ("Extraction output"), so an
Extraction round-trips through `to_json()` / `Extraction.from_json()` unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

EntityType = Literal["Person", "Company", "Government", "Alliance", "Country", "Policy"]
Predicate = Literal[
    "memberOf", "withdrewFrom", "roleIn", "partOf", "basedIn", "issuedBy", "targets", "investsIn"
]
EventType = Literal["Meeting", "Criticism", "Demand", "Proposal", "Cooperation"]

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
PREDICATES: tuple[str, ...] = get_args(Predicate)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
#: Events whose roles are an unordered set of participants (the rest have actor -> target).
PARTICIPANT_EVENTS: frozenset[str] = frozenset({"Meeting", "Cooperation"})


def slugify(label: str) -> str:
    """Lower-case ASCII words joined by '-': the local name of an entity IRI."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity_key(entity_type: str, label: str) -> str:
    """The stable id of an entity: same type and normalised label, same node in every article."""
    slug = slugify(label) or content_hash(label)[:16]
    return f"{entity_type.lower()}/{slug}"


def content_hash(text: str) -> str:
    """The article's identity: sha256 of its text, so the same text is the same graph."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article as read from disk; `id` is a readable name, `hash` its identity."""

    id: str
    title: str
    text: str
    date: dt.date | None = None
    source: str = ""
    url: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "url": self.url,
        }


@dataclass(frozen=True)
class Evidence:
    """The sentence a statement came from, with character offsets into Article.text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """An entity as extracted; `id` is the stable key that kg.rdf turns into an IRI."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "aliases": list(self.aliases),
        }
        if self.wikidata:
            out["wikidata"] = self.wikidata
        return out


@dataclass(frozen=True)
class Fact:
    """A direct triple of the relation inventory, with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    confidence: float
    title: str | None = None
    date: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
        }
        if self.title:
            out["title"] = self.title
        if self.date:
            out["date"] = self.date
        out.update(_evidence_json(self.evidence, self.confidence))
        return out


@dataclass(frozen=True)
class Event:
    """An n-ary event. Meeting/Cooperation use `participants`; the others actor/target/proposed."""

    type: str
    evidence: Evidence
    confidence: float
    participants: tuple[str, ...] = ()
    actor: str | None = None
    target: str | None = None
    proposed: str | None = None
    topics: tuple[str, ...] = ()
    date: str | None = None
    location: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.type in PARTICIPANT_EVENTS:
            out["participants"] = list(self.participants)
        else:
            out["actor"] = self.actor
            if self.type == "Proposal":
                out["proposed"] = self.proposed
            else:
                out["target"] = self.target
        out["topics"] = list(self.topics)
        if self.date:
            out["date"] = self.date
        if self.location:
            out["location"] = self.location
        out.update(_evidence_json(self.evidence, self.confidence))
        return out


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        article = self.article.to_json()
        article.pop("url", None)
        return {
            "article": article,
            "entities": [e.to_json() for e in self.entities],
            "facts": [f.to_json() for f in self.facts],
            "events": [e.to_json() for e in self.events],
        }


def _evidence_json(evidence: Evidence, confidence: float) -> dict[str, Any]:
    return {
        "evidence": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "confidence": round(confidence, 3),
    }
