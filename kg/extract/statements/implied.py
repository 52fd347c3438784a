"""Implied actors (DESIGN.md ruling 3): the agents a criticism names only by their acts.

Criticising "the controls" targets the government that issued them, stated or implied by the
one foreign government that acted in the sentences before, never the actor's own side; "X
objected to being listed" implies the body that listed it. Also an agent's home government.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Candidate, Ref
from kg.extract.entities import candidate_of, nationality
from kg.extract.lexicon import words
from kg.extract.statements.agents import _agent
from kg.extract.statements.triggers import MODIFIER_DEPS, PRONOUN_WINDOW

LISTING = words("statements", "listing_verbs")
ANAPHORIC_ACTIONS = words("statements", "anaphoric_actions")
ANAPHORIC_MEASURES = words("statements", "anaphoric_measures")


def _not_own_side(ctx: ArticleContext, trigger: Token, actor: Ref | None,
                  targets: list[Ref]) -> list[Ref]:
    """Ruling 3 read with care: a measure stands for its issuer, but when that issuer was only
    inferred (no name of it in the sentence) and is the actor's own national government ("the
    Commerce Department opposed the controls" just after China's controls were reported), the
    measure is the foreign one the text just reported, when exactly one foreign government
    acted in the sentences before; else the target stays (a lawmaker may oppose his own
    government's rules)."""
    if actor is None:
        return targets
    home = _nation_of(ctx, actor.candidate)
    if home is None:
        return targets
    # names on the trigger's own side of the sentence, not on its subject ("The U.S.
    # Commerce Department opposed the controls" names no issuer of the controls)
    subjects = {t.i for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")
                for t in c.subtree}
    scope = [t for t in trigger.subtree if t.i not in subjects]
    named = {m.agent.id for t in scope if (m := ctx.mention_at(t)) is not None
             and m.agent is not None}
    named |= {r[0].id for t in scope if (r := nationality(ctx, t)) is not None}
    kept: list[Ref] = []
    for target in targets:
        candidate = target.candidate
        if candidate.type == "Government" and candidate.label.startswith("Government of") \
                and candidate.id not in named and _nation_of(ctx, candidate) == home:
            foreign = _foreign_government_before(ctx, trigger, actor)
            # only when that government acted in the text just before ("China announced ...
            # controls"), not when it was the measure's destination ("exports to China")
            acted = foreign is not None and _acted_before(ctx, trigger, foreign)
            kept.append(foreign if acted and foreign is not None else target)
        else:
            kept.append(target)
    return kept


def _acted_before(ctx: ArticleContext, trigger: Token, agent: Ref) -> bool:
    """Whether the agent is a subject or possessor in the sentences just before."""
    first = trigger.sent.start
    for _ in range(PRONOUN_WINDOW):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    for mention in ctx.mentions:
        if first <= mention.start < trigger.sent.start and mention.agent is not None:
            root = ctx.doc[mention.start:mention.end].root
            readings = {mention.agent.id} | ({r.id for r in ctx.objects_of(
                mention.agent.id, "partOf")})
            home = _home(ctx, mention.agent)
            if home is not None:
                readings.add(home.id)
            if agent.candidate.id in readings and root.dep_ in ("nsubj", "nsubjpass", "poss"):
                return True
    return False


def _lister(ctx: ArticleContext, verb: Token) -> Ref | None:
    """"Biren objected to being listed": the passive act done to the speaker names its doer
    by "by X", or else the government body that the sentences before say did that act
    ("BIS added 13 entities to its Entity List") - the latest such subject."""
    done = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "against")
            for p in c.children if p.dep_ in ("pcomp", "pobj")]
    done += [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj")]  # "opposed being"
    acts = [p for p in done if p.tag_ == "VBN" and p.lemma_.lower() in LISTING
            and any(a.dep_ == "auxpass" for a in p.children)]
    if not acts:
        return None
    act = acts[0]
    for agent in (c for c in act.children if c.dep_ == "agent"):
        if ref := next((r for p in agent.children if (r := _agent(ctx, p))), None):
            return ref
    first = verb.sent.start
    for _ in range(PRONOUN_WINDOW):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    for token in reversed(ctx.doc[first:verb.sent.start]):
        if token.pos_ == "VERB" and token.lemma_.lower() in LISTING:
            subject = next((r for c in token.children if c.dep_ == "nsubj"
                            and (r := _agent(ctx, c)) is not None), None)
            if subject is not None and subject.candidate.type == "Government":
                return subject
    return None


def _implied_issuer(ctx: ArticleContext, noun: Token, actor: Ref) -> Ref | None:
    """Ruling 3 (the issuer "stated or implied"): "the move", "the decision", bare and definite,
    refer back to what the text just reported; its issuer is the one foreign national
    government named as an agent in the sentences before (never the actor's own)."""
    demonstrative = noun.pos_ == "PRON"  # "China firmly opposes this."
    if noun.lower_ not in ANAPHORIC_ACTIONS or (not demonstrative and not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in noun.children)) or \
            any(c.dep_ in MODIFIER_DEPS or (c.dep_ in ("prep", "acl", "relcl")
                                            and c.lower_ != "as")  # "the move as coercion"
                for c in noun.children):
        return None
    if noun.lower_ not in ANAPHORIC_MEASURES and (
            doer := _last_doer(ctx, noun, actor)) is not None:
        return doer  # "the decision", "the move": an act (measures are found by their sort)
    foreign = _foreign_government_before(ctx, noun, actor)
    if foreign is not None and noun.lower_ in ANAPHORIC_MEASURES and \
            not _acted_before(ctx, noun, foreign):
        return None  # "restrictions on exports to China": China is where, not who
    return foreign


def _last_doer(ctx: ArticleContext, noun: Token, actor: Ref) -> Ref | None:
    """"The department added SMIC to the Entity List. China's Foreign Ministry criticised the
    decision": "the decision" is the act the sentence just before reports, and its doer is
    the first subject of a verb there, when it is a government body of another nation (of
    any nation, when the actor is a company)."""
    sent = noun.sent
    if sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    home = _nation_of(ctx, actor.candidate)
    for verb in previous:  # the first acting subject: the small model often misplaces roots
        if verb.pos_ != "VERB" or verb.tag_ == "VBG":
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.conjuncts:
                return None  # "China and the Netherlands tightened ...": whose is not said
            ref = _agent(ctx, subject)
            if ref is None or ref.candidate.type != "Government" or \
                    ref.candidate.id == actor.candidate.id:
                continue
            nation = _nation_of(ctx, ref.candidate)
            if nation is not None and (home is None or nation != home):
                return ref  # a company (no nation of its own) answers any government's act
    return None


def _foreign_government_before(ctx: ArticleContext, token: Token, actor: Ref) -> Ref | None:
    """The one national government, not the actor's own, named in the sentences before. A
    company has no side of its own: for it, the one national government named before ("the
    controls were a failure", said by a chipmaker's chief after the administration's licence
    rule)."""
    noun = token
    home = _nation_of(ctx, actor.candidate)
    if home is None and not _speaks_for_company(ctx, actor.candidate):
        return None
    first = noun.sent.start
    for _ in range(PRONOUN_WINDOW):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    nations: dict[str, Ref] = {}
    for mention in ctx.mentions:  # "the U.S.", "the Biden administration", "Washington"
        agent = mention.agent
        if agent is not None and agent.type == "Person":  # "President Joe Biden signed ..."
            agent = _home(ctx, agent)
        if agent is not None and agent.label.startswith("Government of") and \
                first <= mention.start < noun.sent.start and _nation_of(ctx, agent) != home:
            nations.setdefault(agent.id, Ref(agent, noun.text, 0.5))
    if len(nations) != 1:
        return None  # none or several foreign governments: the issuer is not implied
    return next(iter(nations.values()))


def _speaks_for_company(ctx: ArticleContext, candidate: Candidate) -> bool:
    """Whether the agent is a company or a person whose role is in a company."""
    if candidate.type == "Company":
        return True
    return candidate.type == "Person" and any(
        org.type == "Company" for org in ctx.objects_of(candidate.id, "roleIn"))


def _home_government(ctx: ArticleContext, candidate: Candidate) -> str | None:
    """The national government an official or body belongs to (roleIn, then partOf): what
    it says its own country should do is policy talk, not a demand on another party."""
    home = _home(ctx, candidate)
    return home.id if home is not None else None


def _nation_of(ctx: ArticleContext, candidate: Candidate) -> str | None:
    """The nation an agent acts for: its national government's, else the one its name
    ends with ("Ministry of Commerce of China")."""
    home = _home(ctx, candidate)
    if home is None and candidate.type == "Person":  # a spokesperson -> her ministry's nation
        return next((n for org in ctx.objects_of(candidate.id, "roleIn")
                     if (n := _nation_of(ctx, org))), None)
    named = home if home is not None else candidate
    if " of " not in named.label or named.type != "Government":
        return None
    tail = named.label.rsplit(" of ", 1)[1].removeprefix("the ")
    # "Ministry of Commerce of China" -> China; never "US Department of Commerce" -> Commerce
    return tail if ctx.gazetteer.is_country_name(tail) else None


def _home(ctx: ArticleContext, candidate: Candidate) -> Candidate | None:
    current = [candidate]
    for _ in range(4):
        nxt: list[Candidate] = []
        for c in current:
            if c.type == "Government" and c.label.startswith("Government of"):
                return c
            found = ctx.objects_of(c.id, "roleIn" if c.type == "Person" else "partOf")
            entry = ctx.gazetteer.get(c.id) if not found else None
            parent = ctx.gazetteer.get(entry.part_of) if entry and entry.part_of else None
            if parent is not None:  # the gazetteer's partOf: structure facts come later
                found = [candidate_of(parent)]
            nxt += found
        if not nxt:
            return None
        current = nxt
    return None
