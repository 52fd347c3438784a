"""Meeting events (DESIGN.md rulings 5, 6, 11, 12, 17 and 18), with date, place and topics.

Triggers, each read off the dependency parse around one word:

- a meeting verb: "A met (with) B", "A and B met", "A sat down with B", "Xi received Blinken",
  "A phoned B" / "A spoke with B by phone" (a call is a Meeting with no place, ruling 12),
  "the ministry summoned the U.S. ambassador" (ruling 17), "A and B exchanged views",
  "A and B discussed X";
- a verb holding a meeting noun: "A held (four hours of) talks with B", "A held his last summit
  as president with B" (the "with" phrase may hang anywhere inside the noun phrase),
  "A and B concluded talks";
- a meeting noun with its own sides: "talks between A and B", "the A-B summit", "A's call
  with B", "U.S.-China talks took place", "negotiators from A and B were meeting", "a session
  co-chaired by A and B", "talks led by A and B";
- a meeting noun framing its clause: "A and B agreed during a meeting", "A told B during a
  call", "A announced ... following two days of talks with a delegation led by B" (the
  announcers, not the countries that agreed), "A travelled to X for talks with B";
- sides of a group noun: "U.S. and Chinese officials" (both governments), "officials,
  including A and B" (the persons).

Sides are resolved locally: "he"/"she" is the person the passage is about (not a transcript's
speaker label, not the clause's own subject), "the two (negotiators)" the pair named before,
"the two countries" the article's two national governments. Only what happened counts
(ruling 5): negated, modal, future, scheduled, expected, agreed-to, declined, "possible" and
"in talks" (a negotiation under way) meetings are dropped. Sides are named persons where the
text names who talked, otherwise governments, never a person with his own government
(ruling 18).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.cooperation import _heads_no_country, _national_sides, _of_state
from kg.extract.dates import date_in
from kg.extract.entities import nationality
from kg.extract.factuality import is_factual, is_requested
from kg.extract.lexicon import matches, word_forms, words
from kg.extract.statements.speakers import _transcript_speakers
from kg.extract.topics import topics_for

MEET = words("meetings", "meet_verbs")
WITH_VERBS = words("meetings", "with_verbs")
RECEIVE = words("meetings", "receive_verbs")
VERBS = words("meetings", "verbs")
NOUNS = words("meetings", "nouns")
HOLD_OBJECTS = words("meetings", "hold_objects")
SPEAK = words("meetings", "speak_verbs")
CALL_WORDS = words("meetings", "call_words")
UNREAL = words("meetings", "unreal_modifiers")
FUTURE_AUX = words("meetings", "future_aux")
MEANS_PREPS = words("meetings", "means_preps")
FUTURE_DATES = words("meetings", "future_date_words")
FRAME_PREPS = words("meetings", "frame_preps")
LEAD = words("meetings", "lead_verbs")
CHAIR = words("meetings", "chair_verbs")
SIDE_NOUNS = words("meetings", "side_nouns")
COUNTRY_GROUPS = words("meetings", "country_groups")
STAFF_NOUNS = words("meetings", "staff_nouns")
#: Group nouns of persons ("the two ministers"): they stand for persons named before.
PERSON_GROUPS = words("cooperation", "person_groups")
HEAD_GROUPS = words("cooperation", "head_groups")
#: Participles that place a person at a meeting beside its sides ("accompanied by C").
COMPANY_VERBS = words("meetings", "company_verbs")
#: Nouns of the time before an event: "in the run-up to the summit".
AHEAD_NOUNS = words("meetings", "ahead_nouns")
#: "Officials, including A and B": prepositions that list the members of a group noun.
MEMBERS_PREPS = words("meetings", "members_preps")

#: Inflections of the meet verbs, for names that swallowed one in a headline.
MEET_FORMS = frozenset(f for w in MEET for f in (w, w + "s", "met"))
COMMIT = words("meetings", "commit_verbs")
TOGETHER = words("meetings", "together_verbs")
#: "A and B sat down": phrasal verbs (lemma + particle) whose plural subject met.
TOGETHER_PHRASAL = frozenset(tuple(p.split()) for p in words("meetings", "together_phrasal"))
#: "The summit was called off": phrasal verbs that say a meeting was not held.
CANCEL_PHRASAL = frozenset(tuple(p.split()) for p in words("meetings", "cancel_phrasal"))
PHONE = words("meetings", "phone_verbs")
EXCHANGE = words("meetings", "exchange_verbs")
VIEWS = words("meetings", "exchange_objects")
#: Every lexicon a verb must match for _verb_meetings to read anything: most verbs match none,
#: and one set test then replaces its eight lexicon checks.
VERB_TRIGGERS = CHAIR | MEET | PHONE | EXCHANGE | RECEIVE | SPEAK | VERBS | WITH_VERBS
ENVOYS = words("meetings", "envoy_nouns")
CANCEL = words("meetings", "cancel_verbs")
PURPOSE = words("meetings", "purpose_preps")
TRAVEL = words("meetings", "travel_verbs")
QUANTITIES = words("meetings", "quantity_nouns")
AGENT_TYPES = frozenset({"Person", "Government", "Company", "Alliance"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Labels of an interviewer's question lines ("Q: You met ...").
QUESTION_LABELS = frozenset({"q", "question"})
POSSESSIVES = frozenset({"his", "her", "their", "its"})
#: Clausal links a participant search does not cross: another clause has its own event.
CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
#: Sentences after a meeting that may give its date or place ("The talks are on Tuesday in X").
FOLLOW_UP = 2
#: Prepositions that place another meeting before or after this one ("since the meeting").
TIME_PREPS = frozenset({"since", "after", "before", "following", "until", "ahead"})
#: Words on a noun that make its "to" clause a report: "the first leader to meet Xi".
ORDINALS = frozenset({"first", "second", "third", "last", "only", "latest"})
#: How many sentences back a pronoun looks for the person it stands for.
PRONOUN_WINDOW = 5


def extract_meetings(ctx: ArticleContext) -> None:
    held: set[int] = set()  # meeting nouns already read as the object of a holding verb
    # Ruling 6: a summit is one Meeting of everyone the text places at it. "France and India
    # co-chaired the summit, which China and the US attended" names its sides from two
    # triggers; held ones about the same meeting noun are recorded once, with every side.
    gatherings: dict[int, tuple[Token, list[Ref]]] = {}
    for token in ctx.tokens:
        for sides in _meetings_at(ctx, token, held):
            refs = sides + _companions(ctx, token) if sides else sides
            noun = _meeting_noun(token)
            if noun is None or not refs or not _happened(ctx, token):
                _record(ctx, token, refs)
                continue
            gatherings.setdefault(noun.i, (token, []))[1].extend(refs)
    for trigger, refs in gatherings.values():
        _record(ctx, trigger, refs)


def _meeting_noun(trigger: Token) -> Token | None:
    """The meeting noun a trigger is about: itself, the object or passive subject of its
    verb ("co-chaired the summit", "the summit was attended by"), or the noun its relative
    or participial clause describes ("the summit, which A attended", "the summit, co-chaired
    by A and B")."""
    if trigger.lower_ in NOUNS and trigger.pos_ in ("NOUN", "PROPN"):
        return trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    if trigger.dep_ in ("relcl", "acl") and trigger.head.lower_ in NOUNS:
        return trigger.head
    return next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")
                 and c.lower_ in NOUNS), None)


def _companions(ctx: ArticleContext, trigger: Token) -> list[Ref]:
    """"A, accompanied by C, met B", "A met B, joined by C and D": the persons the text places
    at the meeting beside its sides take part in it (DESIGN.md: participants are all agents
    the article places in it)."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return []
    holders = [trigger, *(c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass"))]
    found: list[Ref] = []
    for participle in (c for h in holders for c in h.children
                       if c.dep_ in ("advcl", "acl", "conj") and c.tag_ == "VBN"
                       and c.lemma_.lower() in COMPANY_VERBS):
        for agent in (c for c in participle.children if c.dep_ == "agent"):
            found += [r for p in agent.children if p.dep_ == "pobj"
                      for t in (p, *p.conjuncts) for r in _agents(ctx, t)
                      if r.candidate.type == "Person"]
    return found


def _meetings_at(ctx: ArticleContext, token: Token, held: set[int]) -> list[list[Ref]]:
    """The participant lists of the meetings one token triggers (usually none or one)."""
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "PROPN" and matches(token, MEET)) or \
            _mistagged_meet(token):
        return _verb_meetings(ctx, token, held)
    if token.pos_ in ("NOUN", "PROPN") and token.lower_ in NOUNS and token.i not in held:
        if token.lower_ in CALL_WORDS and not _is_call(token) and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in token.children):
            return []  # an earnings call, a call for action: not a meeting
        return [_noun_sides(ctx, token)]
    return []


def _mistagged_meet(token: Token) -> bool:
    """"Biden and Xi meet in Lima": headlines drop the auxiliary, and the small model then tags
    the present-tense "meet" as a noun; a meeting word with a subject of its own is the verb."""
    return token.pos_ == "NOUN" and token.lower_ in MEET_FORMS and any(
        c.dep_ == "nsubj" for c in token.children)


def _verb_meetings(ctx: ArticleContext, token: Token, held: set[int]) -> list[list[Ref]]:
    """Meetings a verb states: met, phoned, received, sat down with, held talks with..."""
    if word_forms(token).isdisjoint(VERB_TRIGGERS):
        return []
    if matches(token, CHAIR) and _chairs_meeting(token):
        return [_by_agents(ctx, token)]
    if matches(token, MEET):
        return _met(ctx, token)
    if matches(token, PHONE) and not any(
            c.dep_ in ("oprd", "xcomp", "ccomp", "prt") for c in token.children):
        objects = [r for r in _objects(ctx, token, preps=())
                   if r.candidate.type == "Person"]
        return [_subjects(ctx, token) + objects] if objects else []  # "A phoned B"
    if matches(token, EXCHANGE) and any(
            c.dep_ == "dobj" and c.lemma_.lower() in VIEWS for c in token.children):
        partners, subjects = _with_partners(ctx, token), _subjects(ctx, token)
        return [subjects + partners]  # "A and B exchanged views", "A exchanged views with B"
    if matches(token, RECEIVE) and any(c.dep_ == "nsubjpass" for c in token.children) and \
            any(c.dep_ == "agent" for c in token.children):
        # "A was received by B": the received person and the host, persons both
        sides = [r for r in _subjects(ctx, token) if r.candidate.type == "Person"]
        return [sides] if len({r.candidate.id for r in sides}) >= 2 else []
    if matches(token, RECEIVE):
        # a person received or summoned, not "China welcomed the US move"
        objects = [r for r in _objects(ctx, token, preps=())
                   if r.candidate.type == "Person"] or _envoy_of(ctx, token)
        return [_subjects(ctx, token) + objects] if objects else []
    if matches(token, SPEAK) and _is_call(token):
        return [_subjects(ctx, token) + _with_partners(ctx, token)]
    if matches(token, SPEAK) and not matches(token, WITH_VERBS):
        # "Blinken spoke with Wang Yi": two named persons conversed; "spoke with reporters",
        # "spoke with CNBC" name no person on the other side
        subjects = _subjects(ctx, token)
        partners = [r for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj" and not any(
                        d.dep_ == "prep" for d in p.children)  # "with X in the audience"
                    for r in _agents(ctx, p)]
        if partners and subjects and all(r.candidate.type == "Person"
                                         for r in [*subjects, *partners]):
            return [subjects + partners]
        return []
    if matches(token, VERBS) or matches(token, WITH_VERBS):
        return _held_or_talked(ctx, token, held)
    return []


def _met(ctx: ArticleContext, verb: Token) -> list[list[Ref]]:
    """"A met (with) B", "A and B met", "A met B and, separately, C"."""
    subjects, objects = _subjects(ctx, verb), _objects(ctx, verb)
    if objects and not subjects:
        return []  # the subject was not recognised: the objects alone did not meet
    if not objects and any(c.dep_ == "dobj" or c.lower_ == "halfway" for c in verb.children):
        return []  # "A and B met the deadline / met demand / met halfway"
    if any(r.candidate.type == "Person" for r in objects):
        # ruling 18: the named persons met, not the countries listed beside them
        objects = [r for r in objects if r.candidate.type == "Person"]
    return _split(ctx, verb, subjects, objects)


def _held_or_talked(ctx: ArticleContext, verb: Token, held: set[int]) -> list[list[Ref]]:
    """"A held (two days of) talks with B", "A sat down with B", "A and B discussed X"."""
    noun = _held_noun(verb)
    if noun is not None:
        held.add(noun.i)
        # "the dialogue the two countries held ... has not been repeated": it was held
        if not is_factual(verb if noun.i == verb.head.i else noun):
            return []  # "discussed the possibility of talks between A and B"
        return [_subjects(ctx, verb) + _with_partners(ctx, verb) + _with_partners(ctx, noun)]
    if not matches(verb, WITH_VERBS) or matches(verb, VERBS - WITH_VERBS):
        return []
    partners, subjects = _with_partners(ctx, verb), _subjects(ctx, verb)
    if partners:
        return [subjects + partners]  # "A talked with B"
    if (matches(verb, TOGETHER) or _phrasal_together(verb)) and _together(verb, subjects):
        return [subjects]  # "A and B discussed X", "A and B sat down"
    return []


def _phrasal_together(verb: Token) -> bool:
    """"A and B sat down on the sidelines": the particle makes "sit" a meeting of its plural
    subject (DESIGN.md ruling 6, "sat down with"), where plain "sat" would not."""
    return any((verb.lemma_.lower(), c.lower_) in TOGETHER_PHRASAL
               for c in verb.children if c.dep_ == "prt")


def _together(verb: Token, subjects: list[Ref]) -> bool:
    """"A and B discussed X" is their meeting when no one else is named as the partner
    ("A and B discussed X with analysts" is not) and they are people or governments."""
    if any(t.dep_ == "prep" and t.lower_ == "with" for t in _phrase(verb)):
        return False
    return len(subjects) >= 2 and all(r.candidate.type in ("Person", "Government")
                                      for r in subjects)


def _envoy_of(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"Summoned the U.S. ambassador": an unnamed envoy stands for his national government
    (ruling 17: a diplomatic summons of an ambassador is a Meeting)."""
    refs: list[Ref] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ENVOYS):
        for mod in (c for c in obj.children if c.dep_ in ("compound", "amod", "poss")):
            ref = ctx.ref(mod)
            if ref is None and (country := ctx.gazetteer.country_of_demonym(mod.text)):
                government = ctx.gazetteer.national_government(country)
                ref = Ref(Candidate(government.id, government.label, government.type,
                                    government.wikidata, known=True), mod.text, 0.75) \
                    if government is not None else None
            if ref is not None and ref.candidate.type == "Government":
                refs.append(ref)
    return refs


def _chairs_meeting(verb: Token) -> bool:
    """"A session co-chaired by A and B", "ministers met, chaired by A and B": the chairs
    of a meeting take part in it."""
    if verb.dep_ not in ("acl", "advcl") or not any(c.dep_ == "agent" for c in verb.children):
        return False
    head = verb.head
    return head.lower_ in NOUNS or matches(head, MEET) or any(
        c.dep_ == "dobj" and c.lower_ in NOUNS for c in head.children)


def _record(ctx: ArticleContext, trigger: Token, refs: list[Ref]) -> None:
    refs = levelled(ctx, [_unswallowed(ctx, r) for r in refs
                           if r.candidate.type in AGENT_TYPES])
    if len({r.candidate.id for r in refs}) < 2:
        return
    sent = trigger.sent
    date, location = date_in(ctx, sent), location_in(ctx, sent, refs)
    if date is None or location is None:
        date, location = _follow_up(ctx, trigger, date, location, refs)
    if not _happened(ctx, trigger) and not _scheduled_today(ctx, trigger, date):
        return
    if _is_call(trigger) or matches(trigger, PHONE):
        location = None  # a call has no place (ruling 12)
    ctx.add_event("Meeting", sent, 0.85, participants=refs, topics=topics_for(ctx, sent),
                  date=date, location=location)


# --- sides -------------------------------------------------------------------------------------

def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subject side of a verb: its subject (or the subject it shares with the verb it is
    coordinated with or depends on: "She met A and sat down with B"), a passive's subject and
    agent ("B was received by A"), or the noun a relative clause modifies."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        agents = [p for c in verb.children if c.dep_ == "agent"
                  for p in c.children if p.dep_ == "pobj"]
        if subjects or agents:
            return [r for t in subjects + agents for r in _agents(ctx, t)]
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _agents(ctx, verb.head)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "After meeting with B, A said ..."
            continue
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def _objects(ctx: ArticleContext, verb: Token,
             preps: tuple[str, ...] = ("with", "between")) -> list[Ref]:
    """The met side: direct objects and "with"/"between" phrases, and names the parser hung
    on the verb or on its date ("met A and, separately, B", "met A on 11 April and B a day
    later")."""
    refs: list[Ref] = []
    for child in verb.children:
        if child.dep_ == "dobj":
            refs += _agents(ctx, child)
        elif child.dep_ in ("npadvmod", "conj") and child.pos_ == "PROPN":
            # "met A and, separately, B": the parser hangs B on the verb
            refs += [r for r in _agents(ctx, child) if r.candidate.type == "Person"]
        elif child.dep_ == "prep" and child.lower_ in preps:
            refs += [r for p in child.children if p.dep_ == "pobj" for r in _agents(ctx, p)]
    return refs + _dated_names(ctx, verb)


def _dated_names(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"Met A on 11 April and B a day later": the parser makes B a conjunct of the date,
    whose phrase may hang on the verb or on a verb above it."""
    refs: list[Ref] = []
    for head in [verb, *list(verb.ancestors)[:3]]:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.i > verb.i):
            refs += [r for p in prep.children if p.dep_ == "pobj" and p.ent_type_ == "DATE"
                     for c in p.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                     for r in _agents(ctx, c) if r.candidate.type == "Person"]
    return refs


def _with_partners(ctx: ArticleContext, head: Token) -> list[Ref]:
    """Agents of the "with"/"between" phrases inside a verb's or noun's phrase, not crossing
    into other clauses: "held his last summit as president with B"."""
    refs: list[Ref] = []
    other = {t.i for n in _phrase(head) if _other_meeting(n) for t in n.subtree}
    for token in _phrase(head):
        if token.dep_ == "prep" and token.lower_ in ("with", "between") and token.i not in other:
            if token.lower_ == "between" and token.head.i != head.i and \
                    token.head.pos_ in ("NOUN", "PROPN"):
                continue  # "discussed a deal between A and B": the deal's sides, not partners
                # (a meeting noun's own sides, "talks between A and B", are its own meeting)
            refs += [r for p in token.children if p.dep_ == "pobj" for r in _agents(ctx, p)]
    return refs


def _other_meeting(noun: Token) -> bool:
    """"His first call since the meeting with B": a meeting noun after a preposition of time
    is another meeting, whose partners are not this one's."""
    return noun.lower_ in NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in TIME_PREPS


def _phrase(head: Token) -> Iterator[Token]:
    """The head's subtree without its subject and its clausal dependents."""
    stack = [c for c in head.children if c.dep_ not in CLAUSAL and c.dep_ not in (
        "nsubj", "nsubjpass", "conj")]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in CLAUSAL)


def _held_noun(verb: Token) -> Token | None:
    """The meeting noun a holding verb governs: "held talks", "held four hours of talks",
    "sat down for a meeting"; "the talks (that) A held with B": the noun a relative clause
    of holding describes."""
    if verb.dep_ == "relcl" and verb.head.lower_ in HOLD_OBJECTS and not any(
            c.dep_ == "dobj" and c.lower_ not in ("that", "which") for c in verb.children):
        return verb.head
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.lower_ in HOLD_OBJECTS:
            return child
        if child.dep_ == "dobj":
            preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"]
        elif child.dep_ == "prep" and child.lower_ in ("for", "in"):
            preps = [child]
        else:
            continue
        for pobj in (p for prep in preps for p in prep.children if p.dep_ == "pobj"):
            if pobj.lower_ in HOLD_OBJECTS:
                return pobj
    return None


def _noun_sides(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """Sides named on a meeting noun; when it names fewer than two, the subject of the clause
    it frames ("A and B agreed during a meeting", "A ... after talks with B")."""
    refs: list[Ref] = []
    with_only = True  # sides named only after "with": someone else talked with them
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod", "amod") or (
                child.dep_ == "prep" and child.lower_ == "between"):
            with_only = False
        if child.dep_ == "poss":
            refs += _possessor(ctx, child, noun)
        elif child.dep_ in ("compound", "nmod", "amod"):
            refs += _forum_aside(_agents(ctx, child)) + [
                r for t in _hyphen_pair(ctx, child) if (r := ctx.ref(t))] + \
                _hyphen_names(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "between"):
            refs += [r for p in child.children if p.dep_ == "pobj" for r in _agents(ctx, p)]
        elif child.dep_ in ("acl", "relcl") and matches(child, CHAIR):
            refs += _by_agents(ctx, child)
    refs += [r for t in _hyphen_pair(ctx, noun) if (r := ctx.ref(t))]
    if noun.dep_ in ("nsubj", "nsubjpass") and matches(noun.head, MEET | frozenset({"be"})):
        refs += _objects(ctx, noun.head)
    if (len({r.candidate.id for r in refs}) < 2 or (with_only and refs)) and \
            (verb := _framed_verb(noun)) is not None:
        refs += _persons_over_sides(ctx, verb, refs)
        if not any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children):
            # "A told B during a call"; not "in a call with analysts, A praised B"
            refs += [r for c in verb.children if c.dep_ in ("dobj", "dative")
                     for r in _agents(ctx, c) if r.candidate.type == "Person"]
    return refs


def _forum_aside(refs: list[Ref]) -> list[Ref]:
    """"The APEC summit", "a G20 meeting": an alliance named alone before a meeting noun is
    the forum that hosts it, not a side (DESIGN.md ruling 6: the participants are the persons
    and governments the text places at it); "the EU-China summit" names two sides."""
    if len(refs) == 1 and refs[0].candidate.type == "Alliance":
        return []
    return refs


def _persons_over_sides(ctx: ArticleContext, verb: Token, partners: list[Ref]) -> list[Ref]:
    """The subjects of the clause a meeting noun frames. "A and B announced that the US and
    China agreed to ..., following talks with a delegation led by C": when the partner is a
    named person and the clause's subjects are only governments, the persons who report the
    outcome (the subjects of the clause above) are the ones who talked (ruling 18)."""
    subjects = _subjects(ctx, verb)
    if verb.dep_ == "ccomp" and subjects and any(
            r.candidate.type == "Person" for r in partners) and all(
            r.candidate.type == "Government" for r in subjects):
        outer = [r for r in _subjects(ctx, verb.head) if r.candidate.type == "Person"]
        if outer:  # "Secretary A and Trade Representative B": the titles' offices aside
            return outer
    return subjects


def _framed_verb(noun: Token) -> Token | None:
    """The verb whose clause a meeting noun frames: "during a meeting", "after two days of
    talks", "at their summit"."""
    token = noun
    while token.dep_ == "pobj" and token.head.lower_ == "of" and _is_quantity(token.head.head):
        token = token.head.head  # "two days of talks", not "the eve of the summit"
    if token.dep_ != "pobj" or (token.head.lower_ not in FRAME_PREPS and not (
            token.head.lower_ in PURPOSE and _travelled_for(token.head))):
        return None
    verb = token.head.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _is_quantity(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and (noun.lemma_ in QUANTITIES or any(
        c.dep_ == "nummod" for c in noun.children))


def _possessor(ctx: ArticleContext, poss: Token, noun: Token) -> list[Ref]:
    """"Biden's call", or "their summit" / "his summit": the subject of the clause."""
    if poss.lower_ not in POSSESSIVES:
        return _agents(ctx, poss)
    token = noun
    while token.dep_ not in ("ROOT",) and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return _subjects(ctx, token) if token.pos_ in ("VERB", "AUX") else []


def _agents(ctx: ArticleContext, token: Token) -> list[Ref]:
    """The agents a noun phrase names: its head's name and the names coordinated or set in
    apposition with it (also "between A and B" parsed as a modifier of B), the leader of "a
    delegation led by X", the sides of "negotiators from A and B", or a group named before
    ("the two leaders")."""
    found: list[Ref] = []
    stack, seen = [token], set()
    while stack:
        current = stack.pop()
        if current.i in seen:
            continue
        seen.add(current.i)
        ref = _ref(ctx, current)
        if ref is not None:
            found.append(ref)
            continue_deps: tuple[str, ...] = ("conj", "appos", "nmod")
            stack += _titled_names(ctx, current)
        else:
            continue_deps = ("conj", "appos")
            found += _led_by(ctx, current) + _from_sides(ctx, current) + _titled(ctx, current)
            found += _sides_of_officials(ctx, current) + _company_staff(ctx, current)
            stack += _listed(current)
        stack.extend(c for c in current.children if c.dep_ in continue_deps
                     and (c.dep_ != "nmod" or c.pos_ == "PROPN"))
    if not found and token.lower_ in PERSON_GROUPS:
        # "the two ministers exchanged views": persons, never the governments named last
        found = [r for r in ctx.group_members(token) if r.candidate.type == "Person"] or \
            _recent_pair(ctx, token, kinds=("Person",))
        if token.lower_ in HEAD_GROUPS and _of_state(token) and any(
                _heads_no_country(ctx, r) for r in found):
            # "the two heads of state had a call" after two ministers: the sides (ruling 18)
            return _national_sides(ctx, token)
        return found if len({r.candidate.id for r in found}) >= 2 else []
    if not found:
        found = ctx.group_members(token) or _recent_pair(ctx, token) or \
            _two_countries(ctx, token)
    return found


def _company_staff(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Sat down with Samsung Electronics executives", "met executives from Nvidia": unnamed
    executives take part in talks for their company (ruling 6: companies that took part in
    talks are participants)."""
    if noun.lower_ not in STAFF_NOUNS:
        return []
    owners = [c for c in noun.children if c.dep_ in ("compound", "poss")]
    owners += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "at")
               for p in c.children if p.dep_ == "pobj"]
    return [r for o in owners if (r := ctx.ref(o)) is not None
            and r.candidate.type == "Company"][:1]


def _titled_names(ctx: ArticleContext, name: Token) -> list[Token]:
    """"Treasury Secretary Scott Bessent and Trade Representative Jamieson Greer": the small
    model hangs the first titled name inside the title of the last one (a compound outside
    the name's span), from where the walk goes on through its appositions."""
    mention = ctx.mention_at(name)
    if mention is None:
        return []
    return [c for c in name.children if c.dep_ == "compound" and c.i < mention.start
            and ctx.mention_at(c) is None and any(g.dep_ in ("appos", "conj")
                                                  for g in c.children)]


def _listed(noun: Token) -> list[Token]:
    """"Chinese officials, including Premier A and Vice Premier B": the named members."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ in MEMBERS_PREPS
            for p in c.children if p.dep_ == "pobj"]


def _sides_of_officials(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"U.S. and Chinese officials held talks": one noun naming two nationalities gives both
    national governments as the sides (ruling 18, the text gives just the sides); one
    nationality alone says nothing of who sat across the table."""
    if noun.lower_ not in SIDE_NOUNS:
        return []
    found: dict[str, Ref] = {}
    for child in (c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")):
        for word in (child, *child.conjuncts):
            if (readings := nationality(ctx, word)) is not None:
                found.setdefault(readings[0].id, Ref(readings[0], readings[0].label, 0.75))
    return list(found.values()) if len(found) >= 2 else []


def _recent_pair(ctx: ArticleContext, token: Token,
                 kinds: tuple[str, ...] = ("Person", "Government")) -> list[Ref]:
    """"The two negotiators", "the two met": the latest pair of persons (or governments)
    named together in the last sentences (context.py's group words cover "the two leaders",
    "both sides"...)."""
    counted = token.lower_ in SIDE_NOUNS and any(
        c.lower_ in ("two", "both") for c in token.children)
    bare = token.lower_ in ("two", "both") and token.dep_ in ("nsubj", "nsubjpass")
    if not (counted or bare):  # "the two negotiators", "the two met"
        return []
    first = token.sent.start
    for _ in range(PRONOUN_WINDOW - 1):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    for candidate in reversed(ctx.doc[first:token.left_edge.i]):
        if candidate.dep_ == "conj":
            continue
        refs = [r for t in [candidate, *candidate.conjuncts] if (r := ctx.ref(t))]
        for kind in kinds:
            members = [r for r in refs if r.candidate.type == kind]
            if len({r.candidate.id for r in members}) >= 2:
                return members
    return []


def _ref(ctx: ArticleContext, token: Token) -> Ref | None:
    """ctx.ref, with "he"/"she" resolved to the person the passage is about."""
    mention = ctx.mention_at(token)
    if token.lower_ in PERSON_PRONOUNS and mention is None:
        named = ctx.named_person(token)
        return named or _antecedent(ctx, token)  # "Vice Premier He" is a surname
    if token.lower_ == "you" and token.dep_ == "nsubj":
        return _guest(ctx, token)
    if mention is not None and mention.end < len(ctx.doc) and ctx.doc[mention.end].text == ":":
        return None  # a transcript's speaker label ("Lin Jian: ..."), parsed as a subject
    return ctx.ref(token)


def _guest(ctx: ArticleContext, you: Token) -> Ref | None:
    """"Q: You sat down with Samsung executives in Seoul last month": in an interview's
    question, "you" is its guest, the one person whose answers the transcript gives."""
    start = you.sent.start
    while start > 0 and "\n" not in ctx.doc[start - 1].whitespace_ + ctx.doc[start - 1].text:
        start = ctx.doc[start - 1].sent.start  # back to the paragraph's label
    if start + 1 >= len(ctx.doc) or ctx.doc[start].lower_ not in QUESTION_LABELS or \
            ctx.doc[start + 1].text != ":":
        return None
    guests = {r.candidate.id: r for r in _transcript_speakers(ctx).values()
              if r.candidate.type == "Person"}
    return next(iter(guests.values())) if len(guests) == 1 else None


def _antecedent(ctx: ArticleContext, pronoun: Token) -> Ref | None:
    """The person a pronoun stands for: of the people named in the last sentences, the one
    the article names most (the protagonist of a visit is named far more often than each
    official he meets), the nearest on a tie. A transcript's speaker label ("Lin Jian:") is
    the one speaking, never "him"."""
    if (subject := _governing_subject(ctx, pronoun)) is not None:
        return subject
    first = pronoun.sent.start
    for _ in range(PRONOUN_WINDOW - 1):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    counts: dict[str, int] = {}
    recent: dict[str, Mention] = {}
    speakers: set[str] = set()
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is None or agent.type != "Person" or mention.start >= pronoun.i or \
                (mention.end - mention.start == 1 and \
                ctx.doc[mention.start].lower_ in PERSON_PRONOUNS):
            continue
        counts[agent.id] = counts.get(agent.id, 0) + 1
        if mention.end < len(ctx.doc) and ctx.doc[mention.end].text == ":":
            speakers.add(agent.id)
        latest = recent.get(agent.id)
        if mention.start >= first and (latest is None or latest.start < mention.start):
            recent[agent.id] = mention
    for speaker in speakers | _clause_subjects(ctx, pronoun):
        recent.pop(speaker, None)
    if not recent:
        return None
    best = max(recent.values(), key=lambda m: (counts[m.agent.id], m.start))  # type: ignore[union-attr]
    return ctx.ref(ctx.doc[best.start])


def _governing_subject(ctx: ArticleContext, pronoun: Token) -> Ref | None:
    """"Musk has not visited China since April 2024, when he met Li Qiang": a subject pronoun
    in a clause under another clause of its sentence is that clause's named person subject,
    whoever the article names most (the nearer a clause, the stronger its claim)."""
    if pronoun.dep_ != "nsubj" or pronoun.lower_ not in ("he", "she"):
        return None
    for verb in pronoun.head.ancestors:
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i):
            mention = ctx.mention_at(subject)
            if mention is None or mention.agent is None:
                return None  # the clause's subject is someone unnamed or something else
            return ctx.ref(subject) if mention.agent.type == "Person" else None
    return None


def _titled(ctx: ArticleContext, title: Token) -> list[Ref]:
    """"Minister of Public Security X" parsed with the name inside the "of" phrase."""
    if title.pos_ != "PROPN":
        return []
    return [r for c in title.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" and (r := _ref(ctx, p)) is not None
            and r.candidate.type == "Person"]


def _clause_subjects(ctx: ArticleContext, pronoun: Token) -> set[str]:
    """An object pronoun never stands for its own clause's subject ("Xi met with her")."""
    verb = pronoun.head.head if pronoun.head.dep_ == "prep" else pronoun.head
    if pronoun.dep_ not in ("dobj", "pobj"):
        return set()
    return {r.candidate.id for c in verb.children if c.dep_ == "nsubj"
            and (r := ctx.ref(c)) is not None}


def _led_by(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"A Chinese delegation led by Vice Premier X" -> X."""
    return [r for c in noun.children if c.dep_ == "acl" and matches(c, LEAD)
            for r in _by_agents(ctx, c)]


def _by_agents(ctx: ArticleContext, verb: Token) -> list[Ref]:
    return [r for c in verb.children if c.dep_ == "agent"
            for p in c.children if p.dep_ == "pobj" for r in _agents(ctx, p)]


def _from_sides(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """"Negotiators from Washington and Beijing" -> both governments."""
    if noun.lower_ not in SIDE_NOUNS:
        return []
    return [r for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children if p.dep_ == "pobj" for r in ctx.refs(p)
            if r.candidate.type == "Government"]


def _two_countries(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"The two countries held a dialogue" with no pair named just before: the two national
    governments the article names most."""
    if token.lower_ not in COUNTRY_GROUPS or not any(
            c.lower_ in ("two", "both") for c in token.children):
        return []
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in ctx.mentions:
        agent = mention.agent
        entry = ctx.gazetteer.get(agent.id) if agent is not None else None
        if agent is not None and entry is not None and entry.type == "Government" and \
                entry.part_of is None:
            counts[agent.id] = counts.get(agent.id, 0) + 1
            first.setdefault(agent.id, mention)
    top = sorted(counts, key=lambda i: -counts[i])[:2]
    refs = [ctx.ref(ctx.doc[first[i].start]) for i in top]
    return [r for r in refs if r is not None] if len(top) == 2 else []


def participants(ctx: ArticleContext, head: Token, deps: tuple[str, ...],
                 preps: tuple[str, ...]) -> list[Ref]:
    """Agents attached to a trigger by the given dependencies or prepositions, with their
    coordinated conjuncts ("Biden and Xi"). Other rule families share this."""
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


def _hyphen_names(ctx: ArticleContext, token: Token) -> list[Ref]:
    """"U.S.-China talks" parsed as one token: each country name is its national government
    (both sides of the talks)."""
    # "[\w.]": the first name may end in a full stop ("U.S.-China").
    if ctx.mention_at(token) is not None or not re.search(r"[\w.][-–]\w", token.text):
        return []
    refs = []
    for part in re.split(r"[-–]", token.text):
        country = ctx.gazetteer.country_of_demonym(part) if part else None
        government = ctx.gazetteer.national_government(country) if country else None
        if government is not None:
            candidate = Candidate(government.id, government.label, government.type,
                                  government.wikidata, known=True)
            refs.append(Ref(candidate, part, 0.75))
    return refs if len(refs) >= 2 else []


# --- meeting by meeting, level by level -------------------------------------------------------

def _split(ctx: ArticleContext, verb: Token, subjects: list[Ref],
           objects: list[Ref]) -> list[list[Ref]]:
    """"She met A and, separately, B" or "met A on 11 April and B a day later" are two
    meetings; "A met B and C" is one."""
    if len(objects) < 2 or not subjects:
        return [subjects + objects]
    if ctx.in_headline(verb.sent):
        return [[*subjects, obj] for obj in objects]  # a headline packs several meetings
    span = ctx.doc[verb.i:verb.sent.end]
    separately = any(t.lower_ == "separately" for t in span)
    positions = sorted(_position(ctx, r, verb) for r in objects)
    dated = any(t.ent_type_ == "DATE" for t in ctx.doc[positions[0]:positions[-1]])
    if not (separately or dated):
        return [subjects + objects]
    return [[*subjects, obj] for obj in objects]


def _position(ctx: ArticleContext, ref: Ref, verb: Token) -> int:
    """Where after the verb a participant is named (its first such mention)."""
    for mention in ctx.mentions:
        if mention.start > verb.i and mention.agent == ref.candidate and \
                mention.start < verb.sent.end:
            return mention.start
    return verb.i


def levelled(ctx: ArticleContext, refs: list[Ref]) -> list[Ref]:
    """Named persons where the text names who talked; organisations only when it gives just
    the sides. Never a person with his own government or company (ruling 18): such a mix
    does not say at which level the meeting was, so it yields nothing."""
    persons = [r for r in refs if r.candidate.type == "Person"]
    if len({r.candidate.id for r in persons}) >= 2:
        return persons
    own = {org for p in persons for org in _organisations_of(ctx, p.candidate.id)}
    if any(r.candidate.id in own for r in refs):
        return []
    return refs


def _organisations_of(ctx: ArticleContext, person: str) -> set[str]:
    """The organisations a person holds a role in, with the bodies they are part of."""
    found: set[str] = set()
    todo = [c.id for c in ctx.objects_of(person, "roleIn")]
    while todo:
        org = todo.pop()
        if org not in found:
            found.add(org)
            todo += [c.id for c in ctx.objects_of(org, "partOf")]
            entry = ctx.gazetteer.get(org)
            if entry is not None and entry.part_of:
                todo.append(entry.part_of)
    return found


def _unswallowed(ctx: ArticleContext, ref: Ref) -> Ref:
    """A headline's "Yellen Meets (Vice ...)" read as one name: the person named before the
    verb."""
    words_ = ref.surface.split()
    verb_at = next((i for i, w in enumerate(words_) if i > 0 and w.lower() in MEET_FORMS), None)
    if ref.candidate.type != "Person" or ref.candidate.known or verb_at is None:
        return ref
    surname = words_[verb_at - 1]
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is not None and agent.type == "Person" and agent.id != ref.candidate.id \
                and agent.label.split()[-1] == surname:
            return Ref(agent, surname, ref.confidence)
    return ref


def _is_call(trigger: Token) -> bool:
    """A phone or video call (ruling 12): a call word on the trigger or in its phrase."""
    if trigger.lower_ in CALL_WORDS:
        return True
    return any(t.lower_ in CALL_WORDS for t in [*trigger.children, *_phrase(trigger)]
               if t.dep_ in ("compound", "pobj", "dobj", "amod", "npadvmod"))


# --- only what happened (ruling 5) -------------------------------------------------------------

def _happened(ctx: ArticleContext, trigger: Token) -> bool:
    """Not negated, modal, hypothetical, expected, scheduled or in the future: "a possible
    meeting", "is scheduled to meet", "will hold talks", "talks next week"."""
    if not is_factual(trigger) or is_requested(trigger) or _infinitival(trigger) or \
            _described(trigger):
        return False
    if any(c.dep_ == "amod" and c.lower_ in UNREAL for c in trigger.children):
        return False
    if any(c.dep_ == "acl" and c.lower_ in UNREAL for c in trigger.children):
        return False  # "a summit scheduled for December", "talks planned for next year"
    if _lies_ahead(trigger):
        return False
    if _committed_to(trigger) or _denied(trigger):
        return False
    if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in trigger.children):
        return False  # "there was no meeting", "any talks would ..."
    if trigger.dep_ == "pobj" and trigger.head.lower_ in MEANS_PREPS:
        return False  # "handle the risks through U.S.-China talks": a means, not an event
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" and \
            trigger.head.head.lemma_ == "be":
        return False  # "A is in talks with B": a negotiation under way, no meeting reported
    token = trigger
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return False
        if token.dep_ in ("ROOT", "ccomp", "relcl") or token.head.i == token.i or (
                token.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in token.children)):
            break  # a finite clause of its own has its own tense: "A, who met B, will ..."
        token = token.head
    return not _future_dated(ctx, trigger)


def _infinitival(trigger: Token) -> bool:
    """"There was no reason to meet Xi at the summit", "a chance to hold talks": a "to"
    clause that modifies a noun names a meeting one might have, not one that took place;
    "the first leader to meet Xi" (an ordinal or "only" on the noun) reports one."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and \
            verb.dep_ in ("pobj", "prep", "dobj"):
        verb = verb.head
    if verb.dep_ not in ("relcl", "acl") or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return not any(c.lower_ in ORDINALS or c.tag_ == "JJS" for c in verb.head.children)


def _described(trigger: Token) -> bool:
    """"The sensible course is a dialogue between A and B", "What is needed is a summit":
    an indefinite meeting noun said in the present tense to be something (or what something
    is) describes a kind of meeting, not one that was held."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children):
        return False
    token = trigger
    while token.dep_ in ("appos", "conj") and token.head.i != token.i:
        token = token.head
    verb = token.head
    return token.dep_ in ("attr", "nsubj") and verb.lemma_ == "be" and \
        verb.tag_ in ("VBZ", "VBP")


def _lies_ahead(trigger: Token) -> bool:
    """"Tensions rose ahead of an EU-China summit", "in the run-up to the talks": a meeting
    the text looks forward to has not taken place (ruling 5)."""
    if trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    if prep.lower_ == "of" and prep.head.lower_ == "ahead":
        return True
    noun = prep.head  # "run-up" may come as three tokens
    words_ = "".join(t.text for t in noun.subtree if t.i <= noun.i and t.dep_ != "det")
    return prep.lower_ == "to" and words_.lower() in AHEAD_NOUNS


def _denied(trigger: Token) -> bool:
    """"Neither A nor B attended", "no official met", "has yet to be held": a meeting the
    clause says did not take place."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for token in [verb, *list(verb.ancestors)[:2]]:
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and any(
                    c.lower_ in ("neither", "no", "none") for c in child.children):
                return True
            if child.dep_ == "advmod" and child.lower_ == "yet" and any(
                    c.dep_ == "xcomp" for c in token.children):
                return True
    return False


def _scheduled_today(ctx: ArticleContext, trigger: Token, date: str | None) -> bool:
    """"The scheduled talks ... The talks are scheduled on Tuesday" in an article of that
    Tuesday: the meeting is taking place as the article appears, so it is one that happened.
    Only the word "scheduled" is excused this way; a modal, a negation or "expected" is not."""
    published = ctx.article.date
    if published is None or date != published.isoformat():
        return False
    marked = any(c.dep_ == "amod" and c.lower_ == "scheduled" for c in trigger.children)
    return marked and not any(c.dep_ == "amod" and c.lower_ in UNREAL - {"scheduled"}
                              for c in trigger.children) and is_factual(trigger)


def _committed_to(trigger: Token) -> bool:
    """"Agreed / decided / pledged to hold talks": a meeting still to come; "declined to
    meet", "cancelled the talks", "ruled out a meeting", "the summit was called off": one
    that did not happen."""
    token = trigger
    for _ in range(4):
        dep = "xcomp" if _infinitive_complement(token) else token.dep_
        if dep in ("xcomp", "dobj") and matches(token.head, COMMIT):
            return True  # "agreed to meet", "proposed talks", "arranging a call"
        if dep in ("xcomp", "dobj", "pcomp", "nsubjpass") and _cancels(token.head):
            return True  # "cancelled the talks", "the summit was postponed / called off"
        if dep == "pobj" and token.head.lower_ in PURPOSE:
            return not _travelled_for(token.head)
        if dep not in ("xcomp", "dobj", "pobj", "prep") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _cancels(verb: Token) -> bool:
    """"Cancel", "postpone", "call off" ...: the verb says a meeting was not held."""
    return matches(verb, CANCEL) or any((verb.lemma_.lower(), c.lower_) in CANCEL_PHRASAL
                                        for c in verb.children if c.dep_ == "prt")


def _infinitive_complement(token: Token) -> bool:
    """"Agreed in 2023 to resume talks": with a phrase between, the small model makes the
    "to" clause an adverbial one, but it is still what was agreed to."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in token.children)


def _travelled_for(prep: Token) -> bool:
    """"Raimondo travelled to Beijing in August for talks with Wang": a trip made for talks
    (a motion verb in the past tense) reports them held; "calls for talks" or "will travel
    ... for talks" do not."""
    verb = prep.head
    return verb.tag_ == "VBD" and matches(verb, TRAVEL) and not any(
        c.dep_ in ("aux", "neg") for c in verb.children)


def _future_dated(ctx: ArticleContext, trigger: Token) -> bool:
    """A date in the trigger's clause that lies ahead ("next spring", "in the coming weeks")."""
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for ent in ctx.ents_in(trigger.sent):
        lowered = ent.text.lower()
        if ent.label_ != "DATE" or not (any(w.lower_ in FUTURE_DATES for w in ent)
                                        or "later this" in lowered):
            continue
        if ent.root.head.i == trigger.i or head in ent.root.ancestors:
            return True
    return False


# --- place and date -----------------------------------------------------------------------------

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
                return _place_name(ent.text if ent is not None else pobj.text)
    return None


def _place_name(text: str) -> str:
    """The place without a trailing word the model's span took along ("... People in")."""
    return re.sub(r"(?:\s+(?:in|at|of|on|and|the))+$", "", text.strip(" ,.;:"))


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
