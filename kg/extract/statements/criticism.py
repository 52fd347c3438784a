"""Criticism frames: criticising verbs, nouns and adjectives, sanctions and wrongdoing.

Also branding ("labelled X a threat"), penalties, drawn criticism and damning clauses.
DESIGN.md rulings 1-3, 5 and 16: an accusation stated with a listing or sanction is a Criticism
by that agency; "lodged protests with X", "raised concerns with X" are Criticisms of X.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.factuality import is_factual
from kg.extract.lexicon import table, word_forms, words
from kg.extract.statements.agents import ACTION_NOUNS, _agent, _issuer, _modifier_agent, _targets
from kg.extract.statements.implied import (
    _foreign_government_before,
    _implied_issuer,
    _lister,
    _nation_of,
    _not_own_side,
)
from kg.extract.statements.speakers import (
    _according_to,
    _actor,
    _Article,
    _can_act,
    _emit,
    _enclosing,
    _own_subject,
)
from kg.extract.statements.triggers import (
    AGENT_TYPES,
    CRITICISM,
    DEMAND,
    LIGHT_VERBS,
    OBLIGATION,
    SPEECH,
)

CRITICISM_PREPS = tuple(words("statements", "criticism_preps"))
PHRASAL_PREPS = tuple(words("statements", "phrasal_preps"))
COURT_VERBS = words("statements", "court_verbs")
#: Conjunctions of a clause that reports what a criticism answers ("after X banned ...").
REACTION_MARKS = frozenset({"after", "following"})
DRAW_VERBS = words("statements", "draw_verbs")
NOUN_PREPS = tuple(words("statements", "criticism_noun_preps"))
#: Prepositions of the party a protest or concern is addressed to ("lodged protests with X").
ADDRESSEE_PREPS = ("with", "to")
#: Head words of measures (policy.toml head_kinds): "the controls", "the new rules".
MEASURE_HEADS = frozenset(table("policy", "head_kinds"))
LIST_VERBS = words("statements", "list_verbs")
LIST_NOUNS = words("statements", "list_nouns")
REASON_PARTICIPLES = words("statements", "reason_participles")
SANCTION_REASONS = words("statements", "sanction_reasons")
WRONG_NOUNS = words("statements", "wrong_nouns")
BREACH_PREPS = words("statements", "breach_preps")
WRONG_MANNER = words("statements", "wrong_manner")
PENALTY_NOUNS = words("statements", "penalty_nouns")
SUSPICION = words("statements", "suspicion")
FINDING = words("statements", "finding")
POSE_VERBS = words("statements", "pose_verbs")
UTTERANCE_NOUNS = words("statements", "utterance_nouns")
ISSUE_NOUNS = words("statements", "issue_nouns")
DAMNING = words("statements", "damning")
BARE_PROTESTS = words("statements", "bare_protests")


# --- Criticism -----------------------------------------------------------------------------------

def _criticism_verb(art: _Article, verb: Token) -> None:
    """"opposes X", "accused X of ...", "disapproves of X", "is opposed to X", "sued X";
    passive "X was condemned by Y" (ruling 16 for lawsuits)."""
    if not is_factual(verb) or _names_conduct(verb):
        return
    ctx = art.ctx
    if word_forms(verb).isdisjoint(CRITICISM) and not _to_court(verb):
        # "hit back at X", "lashed out at X": a phrasal verb criticises only whom it is aimed
        # at; "Washington hits back" alone is retaliation, and its clause no target
        _emit(art, "Criticism", verb, _actor(art, verb),
              _targets(ctx, verb, (), PHRASAL_PREPS), 0.8)
        return
    targets = _targets(ctx, verb, ("dobj", "ccomp"), CRITICISM_PREPS)
    if any(c.dep_ == "agent" for c in verb.children):
        targets += _targets(ctx, verb, ("nsubjpass",), ())
    if not targets:  # "opposes the smearing of Chinese firms by the U.S. side"
        targets = _targets(ctx, verb, (), ("by",))
    actor = _actor(art, verb)
    if not targets and actor is not None:  # "China firmly opposes the move"
        targets = [r for c in verb.children if c.dep_ == "dobj"
                   if (r := _implied_issuer(ctx, c, actor))]
    if not targets and actor is not None:  # "disagreed with the conclusion", "objected to"
        targets = [r for c in verb.children if c.dep_ == "prep" and c.lower_ in CRITICISM_PREPS
                   for p in c.children if p.dep_ == "pobj"
                   if (r := _implied_issuer(ctx, p, actor))]
    if not targets and actor is not None:  # "objected to being listed": who listed it
        targets = [r for r in [_lister(ctx, verb)] if r is not None]
    if not targets:  # "criticized China's approach": the owner of the conduct criticised
        targets = [r for c in verb.children if c.dep_ == "dobj" for p in c.children
                   if p.dep_ == "poss" and (r := _agent(ctx, p)) is not None]
    if not targets:
        targets = _addressee_alongside(ctx, verb) or _provoker(ctx, verb)
    targets = _not_own_side(ctx, verb, actor, targets)
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    doer = _agent(ctx, own[0]) if own else None
    if own and actor is not None and (doer is None or doer.candidate.id != actor.candidate.id) \
            and (home := _nation_of(ctx, actor.candidate)) is not None:
        # "the embassy said the bill (Washington) smeared China": what another does to the
        # speaker's own country is no criticism of his own government by the speaker
        targets = [t for t in targets if t.candidate.type != "Government"
                   or _nation_of(ctx, t.candidate) != home]
    _emit(art, "Criticism", verb, actor, targets, 0.8)


def _provoker(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"China opposed the politicisation of technology after the US Navy banned DeepSeek": an
    opposition naming no one, voiced in answer to an act the sentence reports ("after",
    "following"), is aimed at the doer of that act (ruling 3: the issuer stands for it)."""
    return [r for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"
            and any(m.dep_ == "mark" and m.lower_ in REACTION_MARKS for m in c.children)
            for s in c.children if s.dep_ == "nsubj"  # "the US Navy": of the US side
            and (r := _agent(ctx, s) or _modifier_agent(ctx, s)) is not None
            and r.candidate.type in AGENT_TYPES]


def _addressee_alongside(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"opposed the politicisation of trade and urged the United States to ...": what a
    speaker opposes without naming whose it is, in the same breath as a demand on a named
    party, is that party's (the demand says who is meant). Only a demand coordinated with
    the verb, and only its object."""
    return [r for c in verb.conjuncts if c.pos_ == "VERB" and c.i > verb.i
            and not word_forms(c).isdisjoint(DEMAND) and is_factual(c)
            for r in _targets(ctx, c, ("dobj",), ())]


def _to_court(verb: Token) -> bool:
    """"Huawei took the FCC to court": a lawsuit against the object (ruling 16)."""
    return verb.lemma_.lower() in COURT_VERBS and any(
        (c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "court" for p in c.children))
        or (c.dep_ == "xcomp" and c.lower_ == "court")  # "to court" read as an infinitive
        for c in verb.children)


def _names_conduct(verb: Token) -> bool:
    """"opposes the US practice of smearing China", "efforts to vilify X": a criticising verb
    that completes a noun names conduct the sentence speaks of, not an accusation anyone
    makes (the victim is not the target of whoever opposes the practice)."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "NOUN":
        return True
    # "issued a statement condemning X": the statement's author speaks
    return verb.dep_ == "acl" and verb.tag_ in ("VBG", "VB") and verb.head.pos_ == "NOUN" \
        and verb.head.lemma_.lower() not in UTTERANCE_NOUNS


def _unique_refs(refs: list[Ref]) -> list[Ref]:
    """The refs in order, each entity once."""
    seen: set[str] = set()
    return [r for r in refs if not (r.candidate.id in seen or seen.add(r.candidate.id))]


def _criticism_noun(art: _Article, noun: Token) -> None:
    """"raised concerns over X", "lodged protests with X", "expressed strong opposition to X",
    "filed a lawsuit against X" (DESIGN.md: raises concerns; ruling 16)."""
    verb = noun.head
    if noun.dep_ == "conj":  # "voiced strong dissatisfaction and firm opposition"
        verb = noun.head.head
    if verb.lemma_.lower() in DRAW_VERBS and noun.dep_ == "dobj":
        _drawn_criticism(art, verb, noun)
        return
    if noun.dep_ not in ("dobj", "conj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return
    if verb.lemma_.lower() not in LIGHT_VERBS or not is_factual(verb):
        return
    ctx = art.ctx
    against = _targets(ctx, noun, (), ("against",)) + _targets(ctx, verb, (), ("against",))
    # "filed a complaint with the WTO against X": the party complained against, not the forum
    # Ruling 16: "raised concerns with X", "lodged protests with X" criticise X, the party
    # addressed, before whatever the concern is about: "raised her concerns about the new
    # controls with Chinese officials" criticises China whoever the controls' issuer resolves to.
    addressed = _targets(ctx, noun, (), ADDRESSEE_PREPS) + _targets(ctx, verb, (),
                                                                    ADDRESSEE_PREPS)
    # Deeper, only on a measure, which takes no "with"-partner of its own (the parser hangs
    # the addressee there); "concerns about Beijing's ties with Moscow" stay Beijing's.
    addressed += [r for t in noun.subtree if t.dep_ == "prep" and t.lower_ in ADDRESSEE_PREPS
                  and t.head.i != noun.i and t.head.lower_ in MEASURE_HEADS
                  and not any(c.dep_ == "poss" for c in t.head.children)
                  for p in t.children if p.dep_ == "pobj" and (r := _agent(ctx, p))]
    targets = against or _unique_refs(addressed) or _targets(ctx, noun, (), NOUN_PREPS)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):  # "concerns about X's Y"
            if not targets and (ref := _modifier_agent(ctx, pobj)):
                targets.append(ref)
    if not targets:  # "raised concerns over the misuse of AI, including by China"
        targets = [r for t in verb.children if t.lower_ == "including"
                   for by in t.children if by.lower_ == "by"
                   for p in by.children if p.dep_ == "pobj" and (r := _agent(ctx, p))]
    if not targets:  # "raised concerns about the controls with Chinese officials"
        targets = [r for t in noun.subtree if t.dep_ == "prep" and t.lower_ in ("with", "to")
                   for p in t.children if p.dep_ == "pobj" and (r := _agent(ctx, p))]
    actor = _actor(art, verb)
    if not targets and actor is not None and noun.lower_ in BARE_PROTESTS and not any(
            c.dep_ == "prep" for c in [*noun.children, *verb.children]):
        # "voiced strong dissatisfaction and firm opposition the following day": a protest
        # at what was just reported; its issuer is implied (ruling 3)
        targets = [r for r in [_foreign_government_before(ctx, noun, actor)] if r]
    _emit(art, "Criticism", verb, actor, _not_own_side(ctx, verb, actor, targets), 0.75)


def _branding(art: _Article, verb: Token) -> None:
    """"described China as a belligerent adversary", "what he called China's malicious
    harvesting of data": a damning label of an agent or its conduct criticises the agent."""
    labels = [c for c in verb.children if c.dep_ in ("oprd", "attr", "acomp", "xcomp")]
    labels += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
               for p in c.children if p.dep_ in ("pobj", "amod", "acomp")]
    labels += [p for o in verb.children if o.dep_ == "dobj"  # "saw [the move as coercion]"
               for c in o.children if c.dep_ == "prep" and c.lower_ == "as"
               for p in c.children if p.dep_ in ("pobj", "amod", "acomp")]
    # 'called X's actions "dangerous"': a quoted label after the object, parsed as its modifier
    labels += [a for c in verb.children if c.dep_ == "dobj" for a in c.children
               if a.dep_ == "amod" and a.i > c.i]
    if not any(t.lemma_.lower() in DAMNING or t.lower_ in DAMNING
               for label in labels for t in label.subtree):
        return
    if not is_factual(verb):
        return
    ctx = art.ctx
    targets = [r for c in verb.children if c.dep_ == "dobj" and c.lower_ not in ("what",)
               and (r := _agent(ctx, c, issuer=True))]
    if not targets:
        targets = [r for label in labels if (r := _modifier_agent(ctx, label))]
    if not targets:  # 'what he called U.S. "bullying"': the name parsed as a label of its own
        targets = [r for label in labels if label.pos_ == "PROPN"
                   and (r := _agent(ctx, label)) is not None]
    if not targets:  # "called the incident a sign of Beijing's contempt": whose the damning is
        targets = [r for label in labels for t in label.subtree
                   if t.lemma_.lower() in DAMNING or t.lower_ in DAMNING
                   for p in t.children if p.dep_ == "poss" and (r := _agent(ctx, p))]
    actor = _actor(art, verb)
    if not targets and actor is not None:  # "saw the move as coercion": whose move (ruling 3)
        targets = [r for c in verb.children if c.dep_ == "dobj"
                   if (r := _implied_issuer(ctx, c, actor))]
    _emit(art, "Criticism", verb, actor, targets, 0.65)


def _criticism_adjective(art: _Article, adjective: Token) -> None:
    """"China is strongly dissatisfied with the US decision", "was critical of X"."""
    if not is_factual(adjective):
        return
    targets = _targets(art.ctx, adjective, (), ("with", "of", "about", "over", "at"))
    _emit(art, "Criticism", adjective, _actor(art, adjective), targets, 0.7)


def _drawn_criticism(art: _Article, verb: Token, noun: Token) -> None:
    """"The rules drew sharp criticism from Beijing": the one it came from criticises the
    subject (a measure standing for its issuer, ruling 3)."""
    if not is_factual(verb):
        return
    ctx = art.ctx
    actors = [r for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
              for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
              if (r := _agent(ctx, t)) and _can_act(art, r)]
    actors += [r for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
               for p in c.children if p.dep_ == "pobj" and (r := _agent(ctx, p))
               and _can_act(art, r)]
    targets = [r for c in verb.children if c.dep_ == "nsubj"
               if (r := _agent(ctx, c, issuer=True))]
    for actor in actors:
        _emit(art, "Criticism", verb, actor, targets, 0.7)


def _sanction(art: _Article, verb: Token) -> None:
    """Ruling 16: a sanction stated with its reason ("fined X for abusing ...") accuses X."""
    if not any(c.dep_ == "prep" and c.lower_ in SANCTION_REASONS and any(
            _is_wrong(g) for g in c.subtree) for c in verb.children):
        return
    if not is_factual(verb):
        return
    ctx = art.ctx
    targets = _targets(ctx, verb, ("dobj", "dative"), ("on",))
    _emit(art, "Criticism", verb, _actor(art, verb), targets, 0.7)


def _listing(art: _Article, verb: Token) -> None:
    """Ruling 16: a listing stated with its reason accuses the listed: "added a dozen companies,
    including X, to its Entity List, saying they had helped develop ...", "blacklisted X for
    helping ...". A bare listing is no event."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "to" may hang on it
    lists = verb.lemma_.lower() == "blacklist" or any(
        c.dep_ == "prep" and c.lower_ in ("to", "on") and any(
            t.lemma_.lower() in LIST_NOUNS for t in c.subtree)
        for h in holders for c in h.children)
    if not lists or not is_factual(verb):
        return
    said = any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in REASON_PARTICIPLES
               and any(d.dep_ in ("ccomp", "dobj", "prep") for d in c.children)
               for c in verb.children)
    reasoned = any(c.dep_ == "prep" and c.lower_ in SANCTION_REASONS and any(
        _is_wrong(g) for g in c.subtree) for c in verb.children)
    if not said and not reasoned:
        return
    ctx = art.ctx
    targets = _targets(ctx, verb, ("dobj",), ())
    targets += [r for o in verb.children if o.dep_ == "dobj"  # "companies, including X"
                for r in _targets(ctx, o, (), ("including",))]
    _emit(art, "Criticism", verb, _actor(art, verb),
          [r for r in targets if r.candidate.type != "Policy"], 0.7)


def _penalty(art: _Article, verb: Token) -> None:
    """Ruling 16: "imposed a fine on X for abusing ...", "opened an investigation into X on
    suspicion of violating ...": a penalty or probe stated with the conduct accuses X; a bare
    probe is a Policy, no event (ruling 8)."""
    penalties = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower()
                 in PENALTY_NOUNS]
    if not penalties or not is_factual(verb):
        return
    holders = [verb, *penalties]
    probe = penalties[0].lemma_.lower() in ("investigation", "probe", "inquiry")
    reasons = [c for h in holders for c in h.children if c.dep_ == "prep" and (
        (c.lower_ in ("on", "over", "for") and any(
            t.lower_ in SUSPICION for t in c.subtree)) or (
            not probe and c.lower_ in SANCTION_REASONS and any(_is_wrong(t) for t in c.subtree)))]
    if not reasons:
        return
    ctx = art.ctx
    targets = [r for h in holders for r in _targets(ctx, h, (), ("on", "into", "against"))
               if r.candidate.type != "Policy"]
    _emit(art, "Criticism", verb, _actor(art, verb), targets, 0.7)


def _is_wrong(token: Token) -> bool:
    """A reason that states conduct ("for shipping ...", "for abusing ...", "for violations")."""
    return token.tag_ == "VBG" or token.pos_ == "VERB" or token.lower_.endswith("ing") or \
        token.lemma_.lower() in WRONG_NOUNS


def _wrongdoing(art: _Article, verb: Token, *, qualified: bool = False) -> None:
    """"The regulator found that X violated the law", "said Washington was using state power
    to suppress companies": a wrong said of a named party by a speaker criticises it
    (DESIGN.md: Criticism = accuses; ruling 16). With `qualified`, the verb names no wrong
    itself and the clause must be said to breach something or be done unlawfully ("said it
    had evidence that X used its models in breach of its terms"). A transcript line is its
    speaker's word without a frame ("Lin Jian: The U.S. has been abusing ...")."""
    frame = _enclosing(verb, FINDING, ("acl", "dobj") if qualified else ())
    spoken = _transcript_line(art, verb) if frame is None else None
    if frame is None and spoken is None:
        return
    path = [t for t in verb.ancestors if frame is not None and t.i != frame.i
            and frame in t.ancestors]
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # "used its models in breach of"
    if qualified and not any(_breaches(t) for t in [verb, *path, *objects]):
        return
    if not is_factual(verb, stop=frame) or (frame is not None and not is_factual(frame)):
        return
    if any(not word_forms(t).isdisjoint(CRITICISM | DEMAND) or any(
            a.dep_ == "aux" and a.lower_ in OBLIGATION for a in t.children)
           for t in [verb, *path]):
        return  # "accused X of abusing ...", "X should stop bullying": other rules decide
    ctx = art.ctx
    subjects = [r for c in verb.children if c.dep_ == "nsubj"  # "the two companies ..."
                for r in ctx.group_members(c)]
    if spoken is not None:  # a line without a frame: only a clause with its own subject
        subjects += [r for c in verb.children if c.dep_ == "nsubj"
                     if (r := _agent(ctx, c, issuer=True)) is not None]
    elif not subjects and (subject := _own_subject(ctx, verb, issuer=True)) is not None:
        subjects = [subject]
    if not subjects and verb.lemma_.lower() in POSE_VERBS:
        # "said Micron's products posed serious security risks": a threat said of what a
        # party makes or owns accuses its owner (DESIGN.md: Criticism = accuses; ruling 16)
        subjects = [r for c in verb.children if c.dep_ == "nsubj" for p in c.children
                    if p.dep_ == "poss" and (r := _agent(ctx, p)) is not None]
    subjects = [r for r in subjects if r.candidate.type in AGENT_TYPES]
    actor = _actor(art, frame) if frame is not None else spoken
    home = _nation_of(ctx, actor.candidate) if actor is not None else None
    if home is not None:  # a speaker does not accuse his own government
        subjects = [r for r in subjects if r.candidate.type != "Government"
                    or _nation_of(ctx, r.candidate) != home]
    if actor is not None and subjects and all(
            actor.candidate.id != r.candidate.id for r in subjects):
        _emit(art, "Criticism", verb, actor, subjects, 0.6)


def _transcript_line(art: _Article, verb: Token) -> Ref | None:
    """The speaker of a transcript line whose main clause the verb is (ruling 2: "Guo Jiakun:
    we oppose ..." -> Guo Jiakun), or of the clause's "according to X"."""
    top = verb
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ != "ROOT":
        return None
    spoken = art.transcript.get(verb.sent.start) or next(
        (r for c in top.children if c.lower_ == "according"
         and (r := _according_to(art.ctx, c)) is not None), None)
    return spoken if spoken is not None and _can_act(art, spoken) else None


def _breaches(token: Token) -> bool:
    """"... in breach of its terms", "... in violation of the rules", "... illegally"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in BREACH_PREPS and any(
                p.dep_ == "pobj" and p.lemma_.lower() in WRONG_NOUNS for p in child.children):
            return True
        if child.dep_ == "advmod" and child.lower_ in WRONG_MANNER:
            return True
    return False


def _damning_clause(art: _Article, be: Token) -> None:
    """"Beijing answered that Washington was the violator", "said the U.S. rules amounted to
    coercion": a damning label given to a named party (or its measure) in reported speech
    criticises it."""
    frame = _enclosing(be, SPEECH | FINDING)
    if frame is None or not is_factual(be, stop=frame) or not is_factual(frame):
        return
    labels = [c for c in be.children if c.dep_ in ("attr", "acomp")]
    if be.lemma_.lower() != "be":  # "constituted a violation", "amounted to coercion"
        labels += [c for c in be.children if c.dep_ == "dobj"]
        labels += [p for c in be.children if c.dep_ == "prep" and c.lower_ == "to"
                   for p in c.children if p.dep_ == "pobj"]
    if not any(t.lemma_.lower() in DAMNING or t.lower_ in DAMNING
               for label in labels for t in label.subtree):
        return
    if any(label.lemma_.lower() in ISSUE_NOUNS or label.lower_ in ISSUE_NOUNS
           for label in labels):
        return  # "Taiwan was the most dangerous issue": a subject of talks, not accused
    ctx = art.ctx
    if any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in be.children) and \
            any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in be.children):
        return  # "it was a mistake to underestimate X": the "it" stands for the clause
    subject = next((r for c in be.children if c.dep_ == "nsubj"
                    and (r := _agent(ctx, c, issuer=True))), None)
    actor = _actor(art, frame)
    if subject is None and actor is not None:  # "said the controls were a failure" (ruling 3)
        subject = next((r for c in be.children if c.dep_ == "nsubj"
                        and (r := _implied_issuer(ctx, c, actor))), None)
    if subject is not None and actor is not None and actor.candidate.id != subject.candidate.id:
        _emit(art, "Criticism", be, actor, [subject], 0.6)


def _damning_description(art: _Article, adjective: Token) -> None:
    """"urged the US to remove its unreasonable restrictions", "what he called Beijing's
    unlawful coercion": a speaker who gives a party's conduct or measure a damning epithet
    accuses that party (DESIGN.md: Criticism = accuses; ruling 3, a measure stands for its
    issuer). The epithet holds whatever the mood of the clause ("should remove its unfair
    rules"), so only a negation or a question undoes it; the speaker is the actor. Inside a
    demand ("urged X to end its arbitrary suppression") the demand alone is the event, as
    the gold files annotate it."""
    noun = adjective.head
    if adjective.dep_ != "amod" or noun.pos_ != "NOUN" or not (
            noun.lower_ in ACTION_NOUNS or noun.lemma_.lower() in ACTION_NOUNS):
        return
    if any(c.dep_ == "neg" or c.lower_ in ("not", "never") for c in adjective.children):
        return
    verb = noun
    while verb.dep_ in ("dobj", "pobj", "prep", "pcomp", "attr", "oprd", "nsubj", "nsubjpass",
                        "conj", "appos") and verb.head.i != verb.i and verb.pos_ != "VERB":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not is_factual(verb, allow_modal=True):
        return
    if any(_demands(t) for t in (verb, *verb.ancestors)):
        return  # "urged X to end its arbitrary suppression": the demand is the event
    ctx = art.ctx
    actor = _actor(art, verb)
    if actor is None:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    target = _possessor(ctx, owner, actor) if owner is not None else None
    if target is None:
        target = _issuer(ctx, noun)
    if target is None or target.candidate.type not in AGENT_TYPES or \
            target.candidate.id == actor.candidate.id:
        return
    home = _nation_of(ctx, actor.candidate)
    if home is not None and target.candidate.type == "Government" and \
            _nation_of(ctx, target.candidate) == home:
        return  # a speaker does not accuse his own government
    _emit(art, "Criticism", verb, actor, [target], 0.6)


def _demands(verb: Token) -> bool:
    """A demand verb ("urged", "called on"), not "called" naming something ("what he called")."""
    if word_forms(verb).isdisjoint(DEMAND):
        return False
    return verb.lemma_.lower() != "call" or any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children)


def _possessor(ctx: ArticleContext, owner: Token, actor: Ref) -> Ref | None:
    """The party a possessive names: a name ("Beijing's"), or for "its"/"their" the nearest
    organisation named before it in the sentence other than the speaker."""
    if owner.lower_ not in ("its", "their"):
        return _agent(ctx, owner)
    for token in reversed(ctx.doc[owner.sent.start:owner.i]):
        mention = ctx.mention_at(token)
        if mention is None or mention.agent is None or token.i != mention.end - 1:
            continue
        if mention.agent.type in ("Government", "Company", "Alliance") and \
                mention.agent.id != actor.candidate.id:
            return Ref(mention.agent, mention.surface, mention.confidence)
    return None
