"""partOf: a ministry, agency or council belongs to its national government.

Only where the text makes the nationality explicit: inside or right before the name ("China's
Foreign Ministry", "the US Department of Commerce") or, for a body the gazetteer places, a
nationality of that same country in the sentence that names it.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import candidate_of, nationality

#: How many tokens before a name may carry its nationality ("China 's", "the Chinese").
PREFIX_TOKENS = 2


def extract_part_of(ctx: ArticleContext) -> None:
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is None or agent.type != "Government" or mention.place is not None:
            continue
        entry = ctx.gazetteer.get(agent.id)
        parent_entry = ctx.gazetteer.get(entry.part_of) if entry and entry.part_of else None
        sent = ctx.doc[mention.start].sent
        if parent_entry is not None:
            if _sentence_nationalities(ctx, sent, mention) & {parent_entry.id}:
                _add(ctx, mention, candidate_of(parent_entry), sent, 0.85)
            continue
        if entry is not None and entry.part_of is None and not _looks_like_body(agent):
            continue
        country = _prefix_nationality(ctx, mention)
        if country is not None and country.id != agent.id:
            _add(ctx, mention, country, sent, 0.75)


def _add(ctx: ArticleContext, mention: Mention, parent: Candidate, sent: Span,
         confidence: float) -> None:
    assert mention.agent is not None
    ctx.add_fact(Ref(mention.agent, mention.surface, mention.confidence), "partOf",
                 Ref(parent, parent.label, 1.0), sent, confidence)


def _looks_like_body(agent: Candidate) -> bool:
    return not agent.label.lower().startswith("government of")


def _sentence_nationalities(ctx: ArticleContext, sent: Span, mention: Mention) -> set[str]:
    """Ids of the national governments whose nationality the sentence states."""
    found = set()
    for token in sent:
        named = ctx.mention_at(token)
        if token.ent_type_ in ("NORP", "GPE") or (named is not None and named.place):
            readings = nationality(ctx, token)
            if readings is not None:
                found.add(readings[0].id)
    for token in ctx.doc[mention.start:mention.end]:
        if readings := nationality(ctx, token):
            found.add(readings[0].id)
    return found


def _prefix_nationality(ctx: ArticleContext, mention: Mention) -> Candidate | None:
    doc = ctx.doc
    span = doc[max(0, mention.start - PREFIX_TOKENS):mention.end]
    for token in span:
        readings = nationality(ctx, token)
        if readings is not None:
            return readings[0]
    return None
