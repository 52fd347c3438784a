"""Meetings at conferences and summits: everyone the article places at one gathering.

"Speaking at the annual X Conference in Y, he ..." / "The event featured speakers including A
and B" / "Companies, including C and D, also participated." give one Meeting whose
participants are all of them, with the place and date of the first sentence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.entities import event_names
from kg.extract.factuality import is_factual
from kg.extract.lexicon import matches, words
from kg.extract.meetings import location_in
from kg.extract.topics import topics_for

NOUNS = words("gatherings", "nouns")
PARTICIPATE = words("gatherings", "participate")
FEATURE = words("gatherings", "feature")
AGENT_TYPES = frozenset({"Person", "Company", "Government", "Alliance"})


def _is_gathering(token: Token, names: set[str]) -> bool:
    if token.ent_type_ == "EVENT" or token.text in names or any(
        token.text in name.split() and token.is_title for name in names
    ):
        return True
    return token.lemma_.lower() in NOUNS and token.pos_ in ("NOUN", "PROPN")


def extract_gatherings(ctx: ArticleContext) -> None:
    names = event_names(ctx.ents)
    if not names:
        return  # only a named gathering collects participants across sentences
    refs: list[Ref] = []
    first: Span | None = None
    previous_mentions_gathering = False
    for sent in ctx.doc.sents:
        here = any(_is_gathering(t, names) for t in sent)
        found = _participants(ctx, sent, names, loose=previous_mentions_gathering and not here)
        if found:
            refs += found
            first = first or sent
        previous_mentions_gathering = here
    if first is not None and len({r.candidate.id for r in refs}) >= 2:
        ctx.add_event("Meeting", first, 0.6, participants=refs, topics=topics_for(ctx, first),
                      date=date_in(ctx, first), location=location_in(ctx, first, refs))


def _participants(ctx: ArticleContext, sent: Span, names: set[str], *, loose: bool) -> list[Ref]:
    refs: list[Ref] = []
    for verb in sent:
        if verb.pos_ != "VERB" or not is_factual(verb):
            continue
        if matches(verb, PARTICIPATE) and (loose or _at_gathering(verb, names)):
            refs += _subjects(ctx, verb)
        elif matches(verb, FEATURE) and any(
            (c.dep_ == "nsubj" and _is_gathering(c, names)) or
            (c.dep_ == "nsubj" and any(_is_gathering(g, names) for g in c.subtree))
            for c in verb.children
        ):
            refs += _mentions_in(ctx, [t for c in verb.children if c.dep_ != "nsubj"
                                       for t in c.subtree])
    return [r for r in refs if r.candidate.type in AGENT_TYPES]


def _at_gathering(verb: Token, names: set[str]) -> bool:
    return any(_is_gathering(t, names) for c in verb.children if c.dep_ in ("prep", "dobj")
               for t in c.subtree)


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject with its conjuncts and listed examples ("companies, including A and B");
    a participle clause ("Speaking at X, he ...") takes its main clause's subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("advcl", "xcomp"):
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    tokens = [t for s in subjects for t in s.subtree]
    return _mentions_in(ctx, tokens)


def _mentions_in(ctx: ArticleContext, tokens: list[Token]) -> list[Ref]:
    refs = []
    seen: set[int] = set()
    for token in tokens:
        mention = ctx.mention_at(token)
        key = mention.start if mention else token.i
        if key in seen:
            continue
        seen.add(key)
        ref = ctx.ref(token)
        if ref is not None:
            refs.append(ref)
    return refs
