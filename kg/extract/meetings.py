"""Meeting events: "A met (with) B", "A and B met", "talks between A and B", "A held talks with
B", "the A and B meeting", "A and B's meeting"; with date, place and topics."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.factuality import is_factual
from kg.extract.lexicon import matches, words
from kg.extract.topics import topics_for

VERBS = words("meetings", "verbs")
MEET = frozenset({"meet", "met"})
NOUNS = words("meetings", "nouns")
HOLD_OBJECTS = words("meetings", "hold_objects")
#: Sentences after a meeting that may give its date or place ("The talks are on Tuesday in X").
FOLLOW_UP = 2


def extract_meetings(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        if token.pos_ == "VERB" and matches(token, MEET):
            refs = participants(ctx, token, ("nsubj", "dobj"), ("with",))
        elif token.pos_ == "VERB" and matches(token, VERBS) and any(
            c.dep_ == "dobj" and c.lower_ in HOLD_OBJECTS for c in token.children
        ):
            refs = participants(ctx, token, ("nsubj",), ("with", "between"))
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                refs += participants(ctx, obj, (), ("with", "between"))
        elif token.pos_ == "NOUN" and token.lower_ in NOUNS:
            refs = participants(ctx, token, ("poss", "compound", "nmod", "amod"),
                                ("between", "with"))
        else:
            continue
        if len({r.candidate.id for r in refs}) < 2 or not is_factual(token):
            continue
        if any(r.candidate.type in ("Country", "Policy") for r in refs):
            continue
        sent = token.sent
        date, location = date_in(ctx, sent), location_in(ctx, sent, refs)
        if date is None or location is None:
            date, location = _follow_up(ctx, token, date, location, refs)
        ctx.add_event("Meeting", sent, 0.85, participants=refs, topics=topics_for(ctx, sent),
                      date=date, location=location)


def participants(ctx: ArticleContext, head: Token, deps: tuple[str, ...],
                 preps: tuple[str, ...]) -> list[Ref]:
    """Agents attached to a trigger by the given dependencies or prepositions, with their
    coordinated conjuncts ("Biden and Xi")."""
    tokens: list[Token] = []
    for child in head.children:
        if child.dep_ in deps:
            tokens.append(child)
        elif child.dep_ == "prep" and child.lower_ in preps:
            tokens += [c for c in child.children if c.dep_ == "pobj"]
    refs = []
    for token in tokens:
        found = ctx.refs(token) + [r for t in _hyphen_pair(ctx, token) if (r := ctx.ref(t))]
        refs += [ref for ref in found if ref.candidate.type != "Policy"]
    return refs


def _hyphen_pair(ctx: ArticleContext, token: Token) -> list[Token]:
    """"China-US talks": both names of a hyphenated compound."""
    left = ctx.doc[token.left_edge.i:token.i]
    if not any(t.text in ("-", "–") for t in left):
        return []
    return [t for t in left if ctx.mention_at(t)]


def location_in(ctx: ArticleContext, sent: Span, refs: list[Ref]) -> str | None:
    """The stated city or site: a place after "in"/"at" that is not a participant."""
    ids = {r.candidate.id for r in refs}
    for token in sent:
        if token.lower_ not in ("in", "at") or token.dep_ != "prep":
            continue
        for pobj in (c for c in token.children if c.dep_ == "pobj"):
            mention = ctx.mention_at(pobj)
            if pobj.ent_type_ in ("GPE", "LOC", "FAC") or (mention and mention.place):
                if mention and mention.agent and mention.agent.id in ids:
                    continue
                ent = next((e for e in ctx.ents_in(sent) if e.start <= pobj.i < e.end), None)
                return ent.text if ent is not None else pobj.text
    return None


def _follow_up(ctx: ArticleContext, trigger: Token, date: str | None, location: str | None,
               refs: list[Ref]) -> tuple[str | None, str | None]:
    sent = trigger.sent
    for _ in range(FOLLOW_UP):
        if sent.end >= len(ctx.doc):
            break
        sent = ctx.doc[sent.end].sent
        if not any(t.lower_ in NOUNS and t.dep_ in ("nsubj", "nsubjpass") for t in sent):
            continue
        date = date or date_in(ctx, sent)
        location = location or location_in(ctx, sent, refs)
    return date, location
