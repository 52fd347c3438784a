"""Demand frames: urges, calls on, told to, "hopes that X will", "X must/should".

DESIGN.md rulings 4 and 14: a demand addressed to a named party; the target is the party named
in the content, not the addressee; "hopes to meet" (one's own future event) is nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import Ref
from kg.extract.factuality import is_factual, is_negated, is_requested
from kg.extract.lexicon import word_forms, words
from kg.extract.statements.agents import _agent, _targets
from kg.extract.statements.implied import _home_government
from kg.extract.statements.speakers import _actor, _Article, _can_act, _emit, _frame_speakers
from kg.extract.statements.triggers import AGENT_TYPES, SPEECH

DEMAND_NEEDS_CLAUSE = words("statements", "demand_needs_clause")
REPLY_VERBS = words("statements", "reply_verbs")
WARN_AGAINST = words("statements", "warn_against")
#: Verbs of being: "X should be/serve as Y" states a view, it asks no act of X.
STATE_VERBS = frozenset({"be", "serve", "become", "remain", "stay", "seem"})
#: Words that make a clause about several parties a joint one: "should respect each other",
#: "should work together".
RECIPROCALS = words("statements", "reciprocals")
#: Words that open an indirect question: "asked whether / if / how / why ...".
QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who"})


# --- Demand --------------------------------------------------------------------------------------

def _demand(art: _Article, verb: Token, lemma: str) -> None:
    """"urged X to ...", "called on X to ...", "pressed X for ...", "asked X to ...",
    "demanded that X ..."; a regulator summoning a company (ruling 6)."""
    if not is_factual(verb) or is_requested(verb) or _questioned(verb, lemma):
        return  # "urged Xi to press Russia": only the urging happened
    ctx = art.ctx
    clause = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
    if any(c.lemma_.lower() in REPLY_VERBS for c in clause):
        return  # "asked the ministry to comment"
    if any(c.dep_ == "agent" for c in verb.children):
        _passive_demand(art, verb, lemma, clause)
        return
    if lemma == "call":  # "called on X to ...", not "On Taiwan, Xi called ..."
        targets = [r for r in _targets(ctx, verb, (), ("on", "upon"))
                   if any(c.i == verb.i + 1 and c.dep_ == "prep" for c in verb.children)]
        targets += [r for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                    for p in c.children if p.dep_ == "pobj" and (r := ctx.ref(p))
                    and r.candidate.type in AGENT_TYPES]
        targets += [r for c in verb.children if c.dep_ in ("advcl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
            for n in c.children if n.dep_ == "nsubj" and (r := _agent(ctx, n))]
        # "called for Washington to stop ...": the party asked to act
    elif lemma in DEMAND_NEEDS_CLAUSE or lemma == "push":
        if not clause and not any(c.lower_ == "for" for c in verb.children):
            return
        targets = _targets(ctx, verb, ("dobj",), ())
    elif lemma == "summon":
        targets = [r for r in _targets(ctx, verb, ("dobj",), ())
                   if r.candidate.type == "Company"]
    elif lemma == "appeal":  # "appealed to X to ..."
        targets = _targets(ctx, verb, (), ("to",)) if clause else []
    else:
        targets = _targets(ctx, verb, ("dobj",), ("on", "from"))
        targets += [r for c in verb.children if c.dep_ == "dobj"  # "demanded an apology from X"
                    for r in _targets(ctx, c, (), ("from",))]
    if not targets and lemma in ("demand", "request", "ask", "insist"):
        # "demanded that X stop ...", "requested that X withdraw ..."
        targets = [r for c in clause for s in c.children if s.dep_ == "nsubj"
                   and (r := _agent(ctx, s))]
    _emit(art, "Demand", verb, _actor(art, verb), targets, 0.8)


def _passive_demand(art: _Article, verb: Token, lemma: str, clause: list[Token]) -> None:
    """"Washington was urged by Beijing to lift the sanctions", "Nvidia was summoned by the
    regulator": the "by" party demands of the subject (the passive of "Beijing urged
    Washington to ..."). Verbs that ask only with what is asked need their clause here too."""
    if lemma in DEMAND_NEEDS_CLAUSE and not clause:
        return
    ctx = art.ctx
    actor = next((r for a in verb.children if a.dep_ == "agent" for p in a.children
                  if p.dep_ == "pobj" and (r := _agent(ctx, p)) is not None), None)
    if actor is None or not _can_act(art, actor):
        return
    targets = _targets(ctx, verb, ("nsubjpass",), ())
    if lemma == "summon":  # ruling 6: a regulator's summons of a company
        targets = [r for r in targets if r.candidate.type == "Company"]
    _emit(art, "Demand", verb, actor, targets, 0.75)


def _questioned(verb: Token, lemma: str) -> bool:
    """"Asked whether Beijing would retaliate, Mao said ...", "asked if X had met Y": a
    question, not a request; and "Asked about X, she said" is the reporter's question put to
    the speaker (a passive participle without a subject), which demands nothing of anyone."""
    if lemma != "ask":
        return False
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return True  # a bare participle clause; "... and had asked X to ..." stays a request
    return any(m.dep_ in ("mark", "advmod", "dobj", "nsubj") and m.lower_ in QUESTION_WORDS
               for c in verb.children if c.dep_ in ("ccomp", "advcl") for m in c.children)


def _told_to(art: _Article, verb: Token) -> None:
    """"Xi told Biden to stop arming Taiwan", "Beijing warned Washington not to ...",
    "ordered X to halt ...": telling a party to act is a demand on it ("told reporters that
    ..." is speech, handled as a frame; "warned of consequences" asks nothing)."""
    clause = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and any(
        a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
    if verb.lemma_.lower() in WARN_AGAINST:  # "warned Washington against following ..."
        clause += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"
                   and any(p.dep_ in ("pobj", "pcomp") for p in c.children)]
    if not clause or not is_factual(verb):
        return
    targets = _targets(art.ctx, verb, ("dobj", "dative"), ())
    _emit(art, "Demand", verb, _actor(art, verb), targets, 0.7)


def _hope(art: _Article, verb: Token, noun: Token | None = None) -> None:
    """Ruling 4: "X hopes Y will play a constructive role" is X's demand on Y; "hopes to meet"
    is X's own future and nothing. With `noun`, the hope is a noun of a light verb ("expressed
    hope that Y will not ...") whose "that"-clause hangs on the noun."""
    if is_negated(verb) or verb.sent.text.rstrip().endswith("?"):
        return
    ctx = art.ctx
    holder, deps = (verb, ("ccomp",)) if noun is None else (noun, ("acl", "ccomp"))
    for clause in (c for c in holder.children if c.dep_ in deps):
        if not any(a.lower_ in ("will", "would", "can", "could") for a in clause.children
                   if a.dep_ == "aux"):
            continue
        targets = [r for s in clause.children if s.dep_ == "nsubj" and (r := _agent(ctx, s))]
        _emit(art, "Demand", verb, _actor(art, verb), targets, 0.6)


def _obligation(art: _Article, modal: Token) -> None:
    """Ruling 4: "X should <act>" / "X must not <act>" said of a named party, in a speech
    frame or a transcript line, is the speaker's demand on X."""
    clause = modal.head
    if clause.pos_ not in ("VERB", "AUX") or clause.sent.text.rstrip().endswith("?"):
        return
    if clause.lemma_.lower() in STATE_VERBS:
        return  # "the UN should serve as the main channel": a view, not a call to act
    ctx = art.ctx
    subjects = [c for c in clause.children if c.dep_ == "nsubj"
                and c.lower_ not in ("that", "which", "who")]
    targets = [r for s in subjects for t in (s, *s.conjuncts) if (r := _agent(ctx, t))]
    if not targets:
        return
    top = clause
    while top.dep_ == "conj":
        top = top.head
    said = top.dep_ == "ccomp" and not word_forms(top.head).isdisjoint(SPEECH)
    said = said or _after_label(top)
    frames = _frame_speakers(ctx, clause) if said or top.dep_ == "ROOT" else []
    transcript = art.transcript.get(clause.sent.start) if said or top.dep_ == "ROOT" else None
    if not frames and transcript is None:
        return
    # The speaker, never the clause's own subject; precedence as in _actor (ruling 2).
    persons = [r for r in frames if r.candidate.type == "Person"]
    actor: Ref | None = persons[-1] if persons else transcript or frames[-1]
    if actor is None or not _can_act(art, actor):
        return
    home = _home_government(ctx, actor.candidate)
    if len(targets) > 1 and any(t.candidate.id in (home, actor.candidate.id) for t in targets):
        return  # "China and the US should respect each other": both sides, the speaker's too
    if len(targets) > 1 and _reciprocal(clause):
        return  # the same exhortation from a speaker whose side the text does not give
    targets = [t for t in targets if t.candidate.id != home]  # "the US should invest more"
    _emit(art, "Demand", clause, actor, targets, 0.65)


def _after_label(top: Token) -> bool:
    """'Lutnick: "China must ..."': the small model hangs a transcript line's clause on the
    speaker's label (the sentence root before the colon), so the clause is the line's own."""
    head = top.head
    return head.dep_ == "ROOT" and head.i < top.i and any(
        t.text == ":" for t in top.doc[head.i + 1:top.left_edge.i])


def _reciprocal(clause: Token) -> bool:
    """"A and B should meet each other halfway / work together": an exhortation to both sides
    jointly, which the speaker addresses to his own side as much as to the other, so it is no
    demand on either (the speaker's own side is unknown when the text gives no role)."""
    tokens = list(clause.subtree)
    return any(t.lower_ in RECIPROCALS or (
        t.lower_ in ("other", "another") and t.i > 0 and t.nbor(-1).lower_ in ("each", "one"))
        for t in tokens)
