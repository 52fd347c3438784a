"""Meetings at conferences and summits: the persons and governments an article places at one
named gathering (DESIGN.md ruling 6).

"Speaking at the annual X Conference in Y, he ..." / "The event featured speakers including A
and B" / "A attended the ceremony of the X Expo, at which B delivered a speech" give one Meeting
whose participants are all of them, with the place and date of the first sentence. Companies
and exhibitors are not participants ("the exhibition featured C", "companies, including C
and D, also participated"): ruling 6 admits companies only when they took part in talks,
which a gathering's listing does not say.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.entities import event_names
from kg.extract.factuality import is_factual
from kg.extract.lexicon import matches, words
from kg.extract.meetings import levelled, location_in
from kg.extract.topics import topics_for

NOUNS = words("gatherings", "nouns")
#: Heads that end a gathering's name when capitalised ("Congress" names a legislature instead).
CAPITALISED = words("gatherings", "event_heads") - {"congress", "games", "olympics"}
PARTICIPATE = words("gatherings", "participate")
FEATURE = words("gatherings", "feature")
FUTURE_AUX = words("meetings", "future_aux")
AGENT_TYPES = frozenset({"Person", "Government"})


def _is_gathering(token: Token, names: set[str]) -> bool:
    if token.ent_type_ == "EVENT" or token.text in names or any(
        token.text in name.split() and token.is_title for name in names
    ):
        return True
    return token.lemma_.lower() in NOUNS and token.pos_ in ("NOUN", "PROPN")


def extract_gatherings(ctx: ArticleContext) -> None:
    names = event_names(ctx.ents) | _capitalised_heads(ctx)
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
    refs = levelled(ctx, refs)
    if first is not None and len({r.candidate.id for r in refs}) >= 2:
        ctx.add_event("Meeting", first, 0.6, participants=refs, topics=topics_for(ctx, first),
                      date=date_in(ctx, first), location=location_in(ctx, first, refs))


def _capitalised_heads(ctx: ArticleContext) -> set[str]:
    """Last words of gathering names the model did not tag ("the Third X Supply Chain Expo"):
    a capitalised gathering noun inside a sentence ends a proper name."""
    return {t.text for t in ctx.tokens if t.pos_ == "PROPN" and t.lower_ in CAPITALISED
            and t.is_title and t.i > t.sent.start}


def _participants(ctx: ArticleContext, sent: Span, names: set[str], *, loose: bool) -> list[Ref]:
    refs: list[Ref] = []
    for verb in sent:
        if verb.pos_ != "VERB" or not is_factual(verb) or _future(verb):
            continue
        if matches(verb, PARTICIPATE) and (
                _at_gathering(verb, names) or (loose and _intransitive(verb))):
            refs += _subjects(ctx, verb)
        elif matches(verb, FEATURE) and any(
            (c.dep_ == "nsubj" and _is_gathering(c, names)) or
            (c.dep_ == "nsubj" and any(_is_gathering(g, names) for g in c.subtree))
            for c in verb.children
        ):
            refs += _mentions_in(ctx, [t for c in verb.children if c.dep_ != "nsubj"
                                       for t in c.subtree])
    return [r for r in refs if r.candidate.type in AGENT_TYPES]


def _future(verb: Token) -> bool:
    """"Zhang will attend the summit": a gathering still to come places no one at it (ruling 5);
    is_factual lets "will" through, since a future statement is still asserted."""
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _intransitive(verb: Token) -> bool:
    """Right after a sentence on the gathering, "X also spoke" / "Y took part" place X and Y
    there; "China will take measures" or "Nvidia presented results" do not."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "ccomp", "xcomp")]
    return all(o.lower_ == "part" for o in objects) and not _future(verb)


def _at_gathering(verb: Token, names: set[str]) -> bool:
    """The verb places its subject at a gathering: "spoke at the X Summit", or through a
    relative clause on it: "the X Expo, at which B delivered a speech"."""
    if verb.dep_ == "relcl" and any(_is_gathering(t, names) for t in verb.head.subtree
                                    if t.i < verb.i):
        return True
    return any(_is_gathering(t, names) for c in verb.children if c.dep_ in ("prep", "dobj")
               for t in c.subtree)


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject with its conjuncts and listed examples ("companies, including A and B");
    a participle clause ("Speaking at X, he ...") takes its main clause's subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                and not _speaker_label(c)]
    if not subjects and verb.dep_ in ("advcl", "xcomp"):
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    tokens = [t for s in subjects for t in s.subtree]
    return _mentions_in(ctx, tokens)


def _speaker_label(token: Token) -> bool:
    """"Guo Jiakun: Zhang attended ...": the model hangs a transcript's speaker label on the
    answer's verb as a second subject; the speaker is not placed at the gathering."""
    end = token.i + 1
    return end < len(token.doc) and token.doc[end].text == ":"


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
