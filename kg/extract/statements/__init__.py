"""Criticism, Demand and Proposal: what one agent says to or about another.

DESIGN.md, "What goes into the graph" and rulings 1-5, 14-16: the actor is the outermost named
speaker of a speech frame (a spokesperson -> the person, "the ministry said" -> the ministry, a
transcript line "Name: ..." -> that person), else the grammatical subject; only agents acting
in office can act; targets are agents, a measure standing for its issuer.

This module dispatches each trigger to its frame: criticism.py, demands.py, proposals.py; the
actor comes from speakers.py, agents from agents.py, implied sides from implied.py.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext
from kg.extract.lexicon import word_forms, words
from kg.extract.statements.criticism import (
    _branding,
    _criticism_adjective,
    _criticism_noun,
    _criticism_verb,
    _damning_clause,
    _damning_description,
    _listing,
    _penalty,
    _sanction,
    _to_court,
    _wrongdoing,
)
from kg.extract.statements.demands import _demand, _hope, _obligation, _told_to
from kg.extract.statements.proposals import _compound_proposal, _nominal_proposal, _proposal
from kg.extract.statements.speakers import (
    _Article,
    _non_actor_people,
    _transcript_speakers,
    speaker,
)
from kg.extract.statements.triggers import (
    CRITICISM,
    DEMAND,
    LAUNCH,
    LIGHT_VERBS,
    OBLIGATION,
    PROPOSAL,
)

__all__ = ["extract_statements", "speaker"]

CRITICISM_PHRASAL = words("statements", "criticism_phrasal")
CRITICISM_NOUNS = words("statements", "criticism_nouns")
CRITICISM_ADJECTIVES = words("statements", "criticism_adjectives")
SANCTION = words("statements", "sanction")
WRONGDOING = words("statements", "wrongdoing")
POSE_VERBS = words("statements", "pose_verbs")
THREAT_NOUNS = words("statements", "threat_nouns")
LABEL_VERBS = words("statements", "label_verbs")
IMPOSE = words("statements", "impose")
BRAND = words("statements", "brand")
DAMNING = words("statements", "damning")
HOPE = words("statements", "hope")
HOPE_NOUNS = words("statements", "hope_nouns")
TELL = words("statements", "tell")
LIST_VERBS = words("statements", "list_verbs")
PROPOSAL_NOUNS = words("statements", "proposal_nouns")


def extract_statements(ctx: ArticleContext) -> None:
    art = _Article(ctx, _transcript_speakers(ctx), _non_actor_people(ctx))
    for token in ctx.tokens:
        pos = token.pos_
        if pos not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        forms = word_forms(token)  # what `matches` looks up, computed once per token
        lemma = token.lemma_.lower()
        if pos == "NOUN" and token.dep_ == "ROOT" and not forms.isdisjoint(CRITICISM) and any(
                c.dep_ == "nsubj" for c in token.children):
            pos = "VERB"  # "The ministry disapproves of ...": a verb the tagger took for a noun
        if pos in ("VERB", "ADJ") and (not forms.isdisjoint(CRITICISM) or _phrasal(
                token, lemma) in CRITICISM_PHRASAL or _to_court(token)):
            _criticism_verb(art, token)
        elif pos == "NOUN" and token.lower_ in CRITICISM_NOUNS:
            _criticism_noun(art, token)
        elif pos in ("ADJ", "VERB") and token.lower_ in CRITICISM_ADJECTIVES and (
                token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in token.children)):
            # "said it was (seriously) concerned about X": a participle the tagger calls a
            # verb, even a passive one, is still the adjective
            _criticism_adjective(art, token)
        if pos == "ADJ" and token.dep_ == "amod" and (token.lower_ in DAMNING
                                                     or token.lemma_.lower() in DAMNING):
            _damning_description(art, token)
        if pos == "VERB" and not forms.isdisjoint(BRAND):
            _branding(art, token)
        if pos == "VERB" and not forms.isdisjoint(SANCTION):
            _sanction(art, token)
        elif pos == "VERB" and lemma in IMPOSE:
            _penalty(art, token)
        if pos == "VERB" and lemma in LIST_VERBS:
            _listing(art, token)
        if pos == "VERB" and lemma in WRONGDOING:
            _wrongdoing(art, token)
        elif pos == "VERB" and lemma in POSE_VERBS and any(
                c.dep_ == "dobj" and c.lemma_.lower() in THREAT_NOUNS and not any(
                    d.lower_ in ("no", "little") for d in c.children) for c in token.children):
            _wrongdoing(art, token)  # "said X posed a threat to ..."
        elif pos == "VERB" and any(c.dep_ == "nsubj" for c in token.children):
            _wrongdoing(art, token, qualified=True)
        if lemma in LABEL_VERBS and token.dep_ in ("ccomp", "conj"):
            _damning_clause(art, token)
        if pos == "VERB" and not forms.isdisjoint(DEMAND):
            _demand(art, token, lemma)
        elif pos == "VERB" and lemma in TELL:
            _told_to(art, token)
        if pos == "VERB" and not forms.isdisjoint(HOPE):
            _hope(art, token)
        elif pos == "NOUN" and token.lower_ in HOPE_NOUNS and token.dep_ == "dobj" and \
                token.head.lemma_.lower() in LIGHT_VERBS:
            _hope(art, token.head, token)
        if token.lower_ in OBLIGATION and token.dep_ == "aux":
            _obligation(art, token)
        if pos == "VERB" and not forms.isdisjoint(PROPOSAL | LAUNCH):
            _proposal(art, token, lemma)
        elif pos in ("VERB", "ADJ") and token.dep_ == "amod" and lemma in PROPOSAL:
            _compound_proposal(art, token)
        elif pos == "NOUN" and lemma in PROPOSAL_NOUNS:
            _nominal_proposal(art, token)


def _phrasal(verb: Token, lemma: str) -> str:
    """"lash out", "hit back": the verb with its particle."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in ("out", "back"))), None)
    return f"{lemma} {particle}" if particle else lemma
