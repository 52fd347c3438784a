"""The nation of a title: nationality written in the title zone or stated elsewhere.

A title without nationality takes the nationality the article states for the same person
elsewhere, or the one the gazetteer's description gives (DESIGN.md rulings 10 and 17).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate
from kg.extract.entities import country_readings, nationality
from kg.gazetteer import Gazetteer, GazetteerEntry

#: Prepositions whose object is where a title points, not its nationality ("envoy to China").
NOT_NATIONALITY_PREPS = frozenset({"to", "for", "on", "with", "against", "toward", "towards"})

Country = tuple[Candidate, Candidate]  # (national Government, Country)


def _zone_country(ctx: ArticleContext, zone: Span) -> Country | None:
    """The nationality the zone states: "Chinese", "China's", "U.S."; not the place a title
    points at ("ambassador to China", "envoy for Asia")."""
    for token in zone:
        if token.dep_ == "pobj" and token.head.lower_ in NOT_NATIONALITY_PREPS:
            continue
        mention = ctx.mention_at(token)
        if mention is not None and mention.place is None and mention.start != token.i:
            continue
        if readings := _nationality(ctx, token):
            return readings
    return None


def _nationality(ctx: ArticleContext, token: Token) -> Country | None:
    """A nationality word, also where the model took it into an organisation name it then
    dropped ("British Technology Secretary")."""
    if (readings := nationality(ctx, token)) is not None:
        return readings
    if ctx.mention_at(token) is None and token.is_title and token.pos_ in ("ADJ", "PROPN") \
            and (country := ctx.gazetteer.country_of_demonym(token.text)) is not None:
        return country_readings(ctx.gazetteer, country.label)
    return None


# --- who a title's nationality is, when the text does not say ----------------------------

def _described_country(ctx: ArticleContext, person: Candidate) -> Country | None:
    """The country the gazetteer's description of a known person names ("Vice Premier of
    China"): world knowledge for "President Xi Jinping", whose nationality news leaves
    implicit."""
    key = (id(ctx.gazetteer), person.id)
    if key not in _COUNTRY_OF_PERSON:
        _COUNTRY_OF_PERSON[key] = _country_described(ctx.gazetteer, person) \
            if person.known else None
    return _COUNTRY_OF_PERSON[key]


_COUNTRY_OF_PERSON: dict[tuple[int, str], Country | None] = {}


def _country_described(gazetteer: Gazetteer, person: Candidate) -> Country | None:
    description = _description(gazetteer, person.id)
    if not description:
        return None
    best: tuple[int, GazetteerEntry] | None = None
    for entry in gazetteer.entries:
        if entry.type != "Country":
            continue
        for form in (*entry.surface_forms, *entry.demonyms):
            if not form[:1].isupper():
                continue
            match = re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", description)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), entry)
    if best is None:
        return None
    return country_readings(gazetteer, best[1].label)


def _description(gazetteer: Gazetteer, entity_id: str) -> str:
    """The gazetteer's rdfs:comment of a known entity ("" if none)."""
    entry = gazetteer.get(entity_id)
    return entry.description or "" if entry is not None else ""
