"""Cooperation: agreements, deals, joint statements and stated willingness to cooperate.

Participants are the sides of the agreement (DESIGN.md, ruling 7): the subjects of the
agreeing verb and the "with/between" objects of the cooperation word.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.factuality import is_factual
from kg.extract.lexicon import matches, word_forms, words
from kg.extract.meetings import participants
from kg.extract.topics import topics_for

COOPERATE = words("cooperation", "verbs")
COOPERATION_NOUNS = words("cooperation", "nouns")
COMMITMENT = words("cooperation", "commitment")
AGREEMENT_VERBS = words("cooperation", "agreement_verbs")


def extract_cooperation(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        pos = token.pos_
        if pos not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        forms = word_forms(token)
        verb = pos == "VERB"
        if (verb and not forms.isdisjoint(COOPERATE)) or not forms.isdisjoint(COMMITMENT):
            _cooperation(ctx, token)
        elif verb and not forms.isdisjoint(AGREEMENT_VERBS):
            _agreement(ctx, token)


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject and its conjuncts, climbing from "agreed to cooperate" to "agreed"."""
    token = verb
    for _ in range(3):
        refs = participants(ctx, token, ("nsubj",), ())
        if refs or token.dep_ not in ("xcomp", "acomp", "conj", "pcomp", "prep"):
            return refs
        token = token.head
    return []


def _agreement(ctx: ArticleContext, verb: Token) -> None:
    """"A and B announced a partnership", "A struck a deal with B": a cooperation noun as the
    direct object; the parties are the subjects and the noun's "with/between" objects."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in COOPERATION_NOUNS]
    if not nouns or not is_factual(verb):
        return
    refs = _subjects(ctx, verb)
    for noun in nouns:
        refs += participants(ctx, noun, (), ("with", "between"))
    refs = [r for r in refs if r.candidate.type in ("Person", "Company", "Government",
                                                    "Alliance")]
    ctx.add_event("Cooperation", verb.sent, 0.75, participants=refs,
                  topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _cooperation(ctx: ArticleContext, token: Token) -> None:
    """"A and B agreed to cooperate", "A cooperates with B", "A is willing to ... / committed
    to promoting cooperation between B and C"."""
    if matches(token, COMMITMENT):
        if not is_factual(token):
            return
        nouns = [t for t in token.subtree if t.lower_ in COOPERATION_NOUNS or
                 (t.lemma_.lower() in COOPERATE and t.pos_ == "VERB")]
        if not nouns:
            return
        refs = _subjects(ctx, token)
        for noun in nouns:
            refs += participants(ctx, noun, (), ("with", "between"))
        confidence = 0.7
    else:
        if not is_factual(token) or (token.lemma_.lower() == "work" and not any(
            c.lower_ == "with" for c in token.children
        )):
            return
        refs = _subjects(ctx, token) + participants(ctx, token, (), ("with", "between"))
        confidence = 0.8
    refs = [r for r in refs if r.candidate.type in ("Person", "Company", "Government",
                                                    "Alliance")]
    ctx.add_event("Cooperation", token.sent, confidence, participants=refs,
                  topics=topics_for(ctx, token.sent), date=date_in(ctx, token.sent))
