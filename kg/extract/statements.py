"""Criticism, Demand and Proposal: what one agent says to or about another.

The actor is the grammatical speaker (a spokesperson -> the person, "the ministry said" -> the
ministry); passive agents, relative pronouns and reported speech are followed.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.entities import new_candidate
from kg.extract.factuality import is_factual, is_negated
from kg.extract.lexicon import matches, word_forms, words
from kg.extract.meetings import participants
from kg.extract.topics import topics_for

CRITICISM = words("statements", "criticism")
CRITICISM_NOUNS = words("statements", "criticism_nouns")
DEMAND = words("statements", "demand")
HOPE = words("statements", "hope")
SPEECH = words("statements", "speech")
PROPOSAL = words("statements", "proposal")
ESTABLISHMENT = words("statements", "establishment")
ALLIANCE_WORDS = frozenset({"organization", "organisation", "alliance", "body", "forum",
                            "partnership", "coalition", "institution", "agency", "group"})
POLICY_WORDS = frozenset({"framework", "treaty", "agreement", "rules", "code", "plan",
                          "initiative", "regulation", "ban", "standard", "standards",
                          "convention", "pact", "mechanism", "declaration"})


def extract_statements(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        pos = token.pos_
        if pos not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        lemma = token.lemma_.lower()
        forms = word_forms(token)  # what `matches` looks up, computed once per token
        verb = pos == "VERB"
        if verb and not forms.isdisjoint(CRITICISM):
            _directed(ctx, token, "Criticism", ("dobj",), ("of", "over", "against"))
        elif pos == "NOUN" and token.lower_ in CRITICISM_NOUNS and token.dep_ == "dobj":
            _directed(ctx, token.head, "Criticism", (), ("about", "over"), objects_of=token)
        if verb and not forms.isdisjoint(DEMAND) and lemma != "call":
            _directed(ctx, token, "Demand", ("dobj",), ())
        elif verb and lemma == "call":
            _directed(ctx, token, "Demand", (), ("on", "upon"))
        if verb and not forms.isdisjoint(HOPE):
            _hope(ctx, token)
        if token.lower_ == "must" and token.dep_ == "aux" and is_negated(token.head):
            _must_not(ctx, token.head)
        if verb and not forms.isdisjoint(PROPOSAL):
            _proposal(ctx, token)


def speaker(ctx: ArticleContext, verb: Token) -> Ref | None:
    """The grammatical subject (or passive agent) of a verb, climbing through xcomp/advcl."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            break
        for child in token.children:
            if child.dep_ == "nsubj" and (ref := ctx.ref(child)):
                return ref
            if child.dep_ == "agent":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if ref := ctx.ref(pobj):
                        return ref
        if token.dep_ in ("xcomp", "advcl", "pcomp", "prep", "conj", "acomp"):
            token = token.head
        else:
            break
    return None


def _targets(ctx: ArticleContext, verb: Token, deps: tuple[str, ...],
             preps: tuple[str, ...]) -> list[Ref]:
    refs = participants(ctx, verb, deps, preps)
    if not refs:  # "opposes the US's plan": the possessor of the object
        for obj in (c for c in verb.children if c.dep_ in deps):
            refs += [r for c in obj.children if c.dep_ in ("poss", "compound")
                     and (r := ctx.ref(c))]
    return [r for r in refs if r.candidate.type in ("Person", "Company", "Government",
                                                    "Alliance")]


def _directed(ctx: ArticleContext, verb: Token, event_type: str, deps: tuple[str, ...],
              preps: tuple[str, ...], objects_of: Token | None = None) -> None:
    if not is_factual(verb):
        return
    actor = speaker(ctx, verb)
    targets = _targets(ctx, objects_of or verb, deps, preps)
    if objects_of is not None:
        targets += _targets(ctx, verb, (), preps)
    if actor is None:
        return
    for target in targets:
        ctx.add_event(event_type, verb.sent, 0.8, actor=actor, target=target,
                      topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _hope(ctx: ArticleContext, verb: Token) -> None:
    """"X hopes Y will play a constructive role" is X's demand on Y."""
    if is_negated(verb) or verb.sent.text.rstrip().endswith("?"):
        return
    actor = speaker(ctx, verb)
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if not any(a.lower_ in ("will", "would") for a in clause.children if a.dep_ == "aux"):
            continue
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            target = ctx.ref(subject)
            if actor and target:
                ctx.add_event("Demand", verb.sent, 0.6, actor=actor, target=target,
                              topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _must_not(ctx: ArticleContext, clause: Token) -> None:
    """"Y must not ..., X said" is X's demand on Y."""
    speech = clause.head if clause.dep_ == "ccomp" else None
    if speech is None or not matches(speech, SPEECH):
        return
    actor = speaker(ctx, speech)
    target = next((r for c in clause.children if c.dep_ == "nsubj" and (r := ctx.ref(c))), None)
    if actor and target:
        ctx.add_event("Demand", clause.sent, 0.7, actor=actor, target=target,
                      topics=topics_for(ctx, clause.sent), date=date_in(ctx, clause.sent))


def _proposal(ctx: ArticleContext, verb: Token) -> None:
    if verb.lemma_.lower() == "call" and not any(c.lower_ == "for" for c in verb.children):
        return
    if not is_factual(verb):
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for c in verb.children if c.lower_ == "for" for p in c.children
                if p.dep_ == "pobj"]
    for obj in objects:
        if obj.lemma_.lower() in ESTABLISHMENT:
            obj = next((p for c in obj.children if c.lower_ == "of" for p in c.children
                        if p.dep_ == "pobj"), obj)
        proposed = _proposed_entity(ctx, obj)
        actor = speaker(ctx, verb)
        if proposed and actor:
            ctx.add_event("Proposal", verb.sent, 0.75, actor=actor, proposed=proposed,
                          topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _proposed_entity(ctx: ArticleContext, noun: Token) -> Ref | None:
    known = ctx.ref(noun)
    if known is not None and known.candidate.type in ("Alliance", "Policy"):
        return known
    lemma = noun.lemma_.lower()
    entity_type = "Alliance" if lemma in ALLIANCE_WORDS else "Policy" if lemma in POLICY_WORDS \
        else None
    if entity_type is None:
        return None
    words_before = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod")]
    start = min([t.left_edge.i for t in words_before] + [noun.i])
    label = ctx.doc[start:noun.i + 1].text
    return Ref(new_candidate(entity_type, label), label, 0.7)
