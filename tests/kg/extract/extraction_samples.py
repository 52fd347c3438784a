"""What the extraction rule tests share: a short text extracted as an article, and its events
named by entity label (the tests assert on names a reader checks, not on ids)."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

#: The date every sample is published on: relative dates ("on Monday") resolve against it.
PUBLISHED = dt.date(2025, 6, 3)


def extract(nlp: Language, text: str) -> Extraction:
    return extract_article(Article(id="t", title="", text=text, date=PUBLISHED), nlp=nlp)


def events_by_label(nlp: Language, text: str) -> list[tuple[str, list[str]]]:
    """(type, labels of its participants, then actor and target) of each event, in order."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return [(e.type, [labels[i] for i in (*e.participants, e.actor, e.target) if i])
            for e in extraction.events]


def sides(nlp: Language, text: str, event_type: str) -> list[tuple[str, str]]:
    """(actor label, target label) of each event of `event_type` that has both, in order."""
    extraction = extract(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return [(labels[e.actor], labels[e.target]) for e in extraction.events
            if e.type == event_type and e.actor and e.target]
