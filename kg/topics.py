"""The topic scheme as users name it: any SKOS label, any case, singular or plural.

Questions filter events by topic ("meetings about chips"). A user types what they would say:
"artificial intelligence", "chips", "export control", "Export Controls". Every one of those is
a label of a concept in ontology/topics.ttl (its skos:prefLabel, skos:altLabel or
skos:hiddenLabel), so `resolve_topic` finds the concept by any of its labels after
normalising case, spacing, hyphens and a plural ending. An unknown label is an error that
names the closest labels (rapidfuzz's token_sort_ratio over every label), never an empty answer.

    >>> resolve_topic("Artificial Intelligence")
    'https://w3id.org/aikg/topic/ai'
    >>> resolve_topic("export control")
    'https://w3id.org/aikg/topic/export-controls'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import InputError
from kg.namespaces import TOPIC

__all__ = ["Topic", "UnknownTopicError", "normalise_label", "resolve_topic", "topic_scheme"]

TOPICS_FILE = Path(__file__).resolve().parent.parent / "ontology" / "topics.ttl"
#: Suggestions scoring below this (rapidfuzz token_sort_ratio, 0-100) are noise, not "close
#: ones". WRatio was tried and rejected: its partial matching offers 'AI' for 'huawei'.
SUGGESTION_CUTOFF = 65.0
MAX_SUGGESTIONS = 5

_SEPARATORS = re.compile(r"[\s\-_/]+")


class UnknownTopicError(InputError):
    """No topic has this label; `suggestions` holds the preferred labels of close ones."""

    def __init__(self, label: str, suggestions: list[str]) -> None:
        self.label = label
        self.suggestions = suggestions
        hint = (f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions
                else "; none is close (`kg topics` or GET /topics lists them)")
        super().__init__(f"unknown topic {label!r}{hint}")


@dataclass(frozen=True)
class Topic:
    """One concept of the scheme: IRI, preferred label, other labels, broader concept IRIs."""

    iri: str
    label: str
    labels: tuple[str, ...]
    broader: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


def normalise_label(label: str) -> str:
    """Case-, spacing- and number-insensitive key: 'Export-Controls ' -> 'export control'.

    Number is folded by English plural endings on each word (-ies -> -y, -s dropped except
    after s/u/i, as in "access", "status", "analysis"), which covers the scheme's labels.
    """
    words = _SEPARATORS.sub(" ", label.casefold()).strip().split(" ")
    return " ".join(_singular(word) for word in words if word)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and word[-2] not in "sui":
        return word[:-1]
    return word


@functools.cache
def topic_scheme(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    """Every skos:Concept under the topic/ base, sorted by preferred label (parsed once).

    Raises:
        FileNotFoundError: the scheme file is missing.
    """
    graph = Graph().parse(path, format="turtle")
    topics = []
    for subject in set(graph.subjects(RDF.type, SKOS.Concept)):
        if not isinstance(subject, URIRef) or not str(subject).startswith(str(TOPIC)):
            continue
        label = str(graph.value(subject, SKOS.prefLabel))
        others = {str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel)
                  for o in graph.objects(subject, p)}
        topics.append(Topic(
            iri=str(subject), label=label, labels=tuple(sorted(others - {label})),
            broader=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.broader))),
        ))
    return tuple(sorted(topics, key=lambda t: t.label.casefold()))


@functools.cache
def _by_label(path: Path = TOPICS_FILE) -> dict[str, tuple[Topic, ...]]:
    """Normalised label -> the topics carrying it; preferred labels first."""
    found: dict[str, list[Topic]] = {}
    for pass_ in ("pref", "other"):
        for topic in topic_scheme(path):
            labels = (topic.label,) if pass_ == "pref" else topic.labels
            for label in labels:
                bucket = found.setdefault(normalise_label(label), [])
                if topic not in bucket:
                    bucket.append(topic)
    return {key: tuple(value) for key, value in found.items()}


def find_topic(label: str, path: Path = TOPICS_FILE) -> Topic:
    """The topic one of whose labels is `label` (see normalise_label).

    A label shared by several concepts resolves to the one whose preferred label it is, and
    otherwise to the first by preferred label (the scheme keeps hidden labels distinct, so
    this is a tie-break, not a guess).

    Raises:
        UnknownTopicError: no concept carries the label; it lists the closest labels.
    """
    matches = _by_label(path).get(normalise_label(label))
    if matches:
        return matches[0]
    raise UnknownTopicError(label.strip(), suggest_topics(label, path))


def resolve_topic(label: str, path: Path = TOPICS_FILE) -> str:
    """The IRI of the topic labelled `label`. Raises UnknownTopicError (an InputError)."""
    return find_topic(label, path).iri


def suggest_topics(label: str, path: Path = TOPICS_FILE) -> list[str]:
    """Preferred labels of up to MAX_SUGGESTIONS topics with a label close to `label`."""
    index = _by_label(path)
    choices = list(index)
    scored = process.extract(normalise_label(label), choices, scorer=fuzz.token_sort_ratio,
                             limit=len(choices), score_cutoff=SUGGESTION_CUTOFF)
    suggestions: list[str] = []
    for key, _score, _ in scored:
        for topic in index[key]:
            if topic.label not in suggestions:
                suggestions.append(topic.label)
        if len(suggestions) >= MAX_SUGGESTIONS:
            break
    return suggestions[:MAX_SUGGESTIONS]
