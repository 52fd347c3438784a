"""Speaker resolution shared by every statements frame: who the actor of a trigger is.

DESIGN.md rulings 1, 2 and 14: the outermost named speaker of a speech frame (a spokesperson ->
the person, "the ministry said" -> the ministry, a transcript line "Name: ..." -> that person),
else the grammatical subject; only agents acting in office can act. Also the article state the
frames share (_Article) and the emission of one event with its co-actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.dates import date_in
from kg.extract.lexicon import word_forms, words
from kg.extract.statements.agents import SPOKESPERSONS, _agent, _last_body, _modifier_agent
from kg.extract.statements.triggers import AGENT_TYPES, SPEAKER_NOUNS, SPEECH
from kg.extract.topics import topics_for

#: Determiners of a subject that stands for unnamed others: "some people", "certain
#: politicians".
OTHERS_DETERMINERS = frozenset({"some", "many", "certain", "several", "other", "few"})
#: Nouns for people the text does not name ("critics", "some people", "lawmakers").
UNNAMED_PEOPLE = words("statements", "unnamed_people")
#: Subordinators the small model may read as prepositions ("after leaders of X criticised").
CLAUSE_PREPS = frozenset({"after", "before", "since", "until"})

NON_ACTOR_TITLES = words("statements", "non_actor_titles")
NON_ACTOR_ORGS = words("statements", "non_actor_orgs")
ACADEMIC_PLACES = words("statements", "academic_places")
MEDIA_NOUNS = words("statements", "media_nouns")
INTERVIEW_VERBS = words("statements", "interview_verbs")
INTERVIEWERS = words("statements", "interviewers")
MEDIA_NAMES = words("statements", "media_names")
QUOTES = frozenset({'"', "“", "”"})
#: A live blog's time stamp at the start of an entry: "16:20", "9.05", "09:05".
TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}")
#: Transcript labels of an unnamed spokesperson's answers ("Answer: ...", "A: ...").
ANSWER_LABELS = frozenset({"answer", "a", "spokesperson", "spokesman", "spokeswoman"})
#: Edges through which a clause stays inside the scope of a speech verb above it.
SCOPE_EDGES = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "dobj", "pcomp",
                         "prep", "pobj", "acomp", "relcl", "acl", "oprd", "attr"})


@dataclass
class _Article:
    """What the rules need once per article: transcript speakers and who may not act."""

    ctx: ArticleContext
    transcript: dict[int, Ref] = field(default_factory=dict)
    non_actors: set[str] = field(default_factory=set)


# --- who speaks ------------------------------------------------------------------------------

def speaker(ctx: ArticleContext, verb: Token) -> Ref | None:
    """The grammatical subject (or passive agent) of a verb, climbing through xcomp/advcl."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            break
        for child in token.children:
            if child.dep_ == "nsubj" and (ref := _agent(ctx, child)):
                return ref
            if child.dep_ == "agent":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if ref := _agent(ctx, pobj):
                        return ref
        if token.dep_ == "conj" and (clause := _misread_clause_subject(token)) is not None:
            return _agent(ctx, clause)  # not the main clause's subject
        if token.dep_ in ("xcomp", "advcl", "pcomp", "prep", "conj", "acomp"):
            token = token.head
        else:
            break
    return None


def _frame_speakers(ctx: ArticleContext, trigger: Token) -> list[Ref]:
    """Speakers of the speech frames around a trigger, inner to outer (ruling 2): speech verbs
    above it ("X said [China opposes ...]"), a trailing frame ("..., the ministry said") and
    "according to X"."""
    found: list[Ref] = []
    child, token = trigger, trigger.head
    while token.i != child.i and child.dep_ in SCOPE_EDGES:
        if token.pos_ == "VERB" and not word_forms(token).isdisjoint(SPEECH) \
                and token.i != trigger.i and (ref := _speech_speaker(ctx, token)):
            found.append(ref)
        child, token = token, token.head
    root = child
    for frame in (c for c in root.children if c.i > trigger.i
                  and c.dep_ in ("ccomp", "parataxis", "conj", "advcl")):
        if frame.dep_ == "conj" and _coordinated(root, trigger, frame):
            continue  # "A accused X, and B told reporters ...": B's clause frames nothing
        if frame.pos_ == "VERB" and not word_forms(frame).isdisjoint(SPEECH) and not any(
                c.dep_ in ("ccomp", "dobj") for c in frame.children):
            ref = _speech_speaker(ctx, frame) or _trailing_speaker(ctx, frame)
            if ref:
                found.append(ref)
    return found


def _coordinated(root: Token, trigger: Token, frame: Token) -> bool:
    """A clause joined by "and" / "but" with a subject of its own is a second statement, not
    a trailing frame of the first (ruling 2 takes the speaker of the frame the trigger is
    in): "the ministry accused Washington ..., and Vice Premier He told executives ..."."""
    return any(c.dep_ == "cc" and trigger.i < c.i < frame.i for c in root.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in frame.children)


def _speech_speaker(ctx: ArticleContext, verb: Token) -> Ref | None:
    """Who speaks: the subject, or that of the clause a participle hangs from ("opened a
    probe, saying ...")."""
    return speaker(ctx, verb)


def _trailing_speaker(ctx: ArticleContext, verb: Token) -> Ref | None:
    """"..., a spokesperson for the ministry said": the small model often attaches the
    speaker elsewhere, so take the agent between the last comma and the verb."""
    start = verb.i
    while start > verb.sent.start and ctx.doc[start - 1].text not in (",", "—", "–"):
        start -= 1
    for token in ctx.doc[start:verb.i]:
        if ctx.mention_at(token) is None and token.lower_ not in SPEAKER_NOUNS:
            continue
        if (ref := _agent(ctx, token)) and ref.candidate.type in AGENT_TYPES:
            return ref
    return None


def _according_to(ctx: ArticleContext, according: Token) -> Ref | None:
    for prep in (c for c in according.children if c.lower_ == "to"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if ref := _agent(ctx, pobj):
                return ref
    return None


def _actor(art: _Article, trigger: Token, base: Ref | None = None) -> Ref | None:
    """Ruling 2: the outermost named speaker; a named person wins over his organisation
    ("the ministry said Le told ..." -> Le, ruling 14); a transcript line's speaker when no
    speaker is named in the sentence."""
    ctx = art.ctx
    base = base or speaker(ctx, trigger) or _root_subject(ctx, trigger)
    if base is None and _unnamed_others(ctx, trigger):
        return None  # "X said some people in Washington accused China": not X's criticism
    heard = _frame_speakers(ctx, trigger)
    frames = [r for r in heard if _can_act(art, r)]
    if heard and not frames:
        return None  # what an expert or outlet says others do is not an event (ruling 1)
    if base is None and not frames:  # "According to the ministry, ... was condemned"
        frames = [r for t in trigger.sent if t.lower_ == "according"
                  and (r := _according_to(ctx, t)) is not None and _can_act(art, r)]
    chain = [r for r in (base, *frames) if r is not None]
    persons = [r for r in chain if r.candidate.type == "Person"]
    if not persons and _media_frame(ctx, trigger):
        return None  # "state media said China opposes X": the outlet speaks (rulings 1, 2)
    transcript = art.transcript.get(trigger.sent.start) or (
        None if frames or persons else _quote_speaker(art, trigger.sent))
    if persons:
        actor: Ref | None = persons[-1]
    elif transcript is not None:  # "Mao Ning: China opposes ...", "Answer: China believes"
        actor = transcript
    elif frames:
        actor = frames[-1]
    else:
        actor = base
    return actor if actor is not None and _can_act(art, actor) else None


def _media_frame(ctx: ArticleContext, trigger: Token) -> bool:
    """Is the trigger inside what a news outlet says, named or not ("China's state broadcaster
    CCTV says the Chinese side opposes X", "..., Xinhua said")? Only speech verbs: an outlet
    that reports an act ("Reuters reported that ...") relays news. The gazetteer knows few
    outlets, so the speaker is read from words (statements.toml media_nouns, media_names)."""
    child, token = trigger, trigger.head
    frames: list[Token] = []
    while token.i != child.i and child.dep_ in SCOPE_EDGES:
        frames.append(token)
        child, token = token, token.head
    frames += [c for c in child.children if c.i > trigger.i and c.dep_ in (
        "ccomp", "parataxis", "conj", "advcl") and not _coordinated(child, trigger, c)]
    for frame in frames:
        if frame.pos_ != "VERB" or word_forms(frame).isdisjoint(SPEECH):
            continue
        if any(c.dep_ == "nsubj" and _is_media(ctx, c) for c in frame.children):
            return True
    return False


def _is_media(ctx: ArticleContext, noun: Token) -> bool:
    """"State media", "the state broadcaster CCTV", "Xinhua", "a commentary in the People's
    Daily": the noun or a word naming it is a news outlet, and it names no agent who acts."""
    if (ref := _agent(ctx, noun)) is not None and ref.candidate.type in ("Person", "Government"):
        return False
    named = [noun, *(c for c in noun.children if c.dep_ in ("compound", "appos", "amod"))]
    if any(t.lemma_.lower() in MEDIA_NOUNS or t.lower_ in MEDIA_NOUNS for t in named):
        return True
    phrase = " " + " ".join(t.lower_ for t in noun.subtree) + " "
    return any(f" {name} " in phrase for name in MEDIA_NAMES)


def _unnamed_others(ctx: ArticleContext, trigger: Token) -> bool:
    """The trigger has a subject of its own that names no agent and stands for several
    unnamed people ("some people in Washington", "critics", "lawmakers from both parties"):
    a speaker who reports what they said or did is not its actor (ruling 2 makes the speaker
    the actor of his own statement, not of others' reported in it)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.pos_ == "PRON" or _agent(ctx, subject) is not None or \
                _modifier_agent(ctx, subject) is not None:
            return False  # "Washington's controls had cost it billions": a named party's
        return subject.lemma_.lower() in UNNAMED_PEOPLE and (
            subject.tag_ in ("NNS", "NNPS") or any(
                c.dep_ == "det" and c.lower_ in OTHERS_DETERMINERS for c in subject.children))
    return False


def _quote_speaker(art: _Article, sent: Span) -> Ref | None:
    """A quotation that runs on into a sentence of its own ('"..." he said. "We oppose ..."')
    is still the speaker's: the speaker of the quoted sentence just before."""
    ctx = art.ctx
    if not len(sent) or sent[0].text not in QUOTES or sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    if not any(t.text in QUOTES for t in previous):
        return None
    for token in previous:
        if token.pos_ == "VERB" and not word_forms(token).isdisjoint(SPEECH) and (
                ref := _speech_speaker(ctx, token)) is not None and _can_act(art, ref):
            return ref
    return None


def _root_subject(ctx: ArticleContext, trigger: Token) -> Ref | None:
    """"X acknowledged the steps, called ... and urged Y": the small model hangs the later
    verbs of a series under the object; their subject is the sentence's subject."""
    token = trigger
    for _ in range(5):
        if token.dep_ == "ROOT":
            break
        if token.dep_ not in ("conj", "acl", "dobj", "advcl", "xcomp"):
            return None
        if token.dep_ == "conj" and _misread_clause_subject(token) is not None:
            return None  # "it came after ministers ... criticised X": not the root's subject
        token = token.head
    if token.dep_ != "ROOT" or token.i > trigger.i:
        return None
    return next((r for c in token.children if c.dep_ == "nsubj" and c.i < trigger.i
                 and (r := _agent(ctx, c))), None)


def _can_act(art: _Article, ref: Ref) -> bool:
    """Ruling 1: experts, analysts, academics, media, think tanks and former officials
    never act."""
    candidate = ref.candidate
    if candidate.type not in AGENT_TYPES:
        return False
    if candidate.type == "Person":
        return candidate.id not in art.non_actors
    if candidate.type in ("Company", "Alliance"):
        label = f" {candidate.label.lower()} "
        return not any(f" {word} " in label for word in NON_ACTOR_ORGS)
    return True


def _non_actor_people(ctx: ArticleContext) -> set[str]:
    """People the article introduces as experts, former officials or journalists."""
    out: set[str] = set()
    for mention in ctx.mentions:
        if mention.agent is None or mention.agent.type != "Person":
            continue
        root = ctx.doc[mention.start:mention.end].root
        near = list(ctx.doc[root.left_edge.i:mention.start])
        for child in root.children:
            if child.dep_ == "appos":
                near += list(child.subtree)[:20]
        if root.dep_ == "appos":
            near += list(ctx.doc[root.head.left_edge.i:root.head.i + 1])
        if any(t.lower_ in NON_ACTOR_TITLES or t.lemma_.lower() in NON_ACTOR_TITLES
               or t.lower_.startswith("ex-") for t in near) or _academic(ctx, near):
            out.add(mention.agent.id)
    return out


def _academic(ctx: ArticleContext, near: list[Token]) -> bool:
    """"director of a laboratory at X University": a place of study and no government body
    in the description."""
    if not any(t.lower_ in ACADEMIC_PLACES for t in near):
        return False
    return not any((m := ctx.mention_at(t)) is not None and m.agent is not None
                   and m.agent.type == "Government" and m.place is None for t in near)


def _transcript_speakers(ctx: ArticleContext) -> dict[int, Ref]:
    """Sentence start -> the person speaking in a transcript ("Lin Jian: We oppose ...").
    A paragraph opening with another label ("Reuters: ...") ends that person's turn."""
    out: dict[int, Ref] = {}
    current: Ref | None = None
    for sent in ctx.doc.sents:
        first = sent.start
        new_paragraph = first == 0 or "\n" in ctx.doc[first - 1].whitespace_ + \
            ctx.doc[first - 1].text
        if new_paragraph:
            label_end = next((t.i for t in ctx.doc[first:first + 6] if t.text == ":"), None)
            if label_end == first + 1 and ctx.doc[first].lower_ in ANSWER_LABELS:
                # an interview's answers are its guest's; a ministry's Q&A release, its body's
                current = _interviewee(ctx, first) or _last_body(ctx, ctx.doc[first])
            elif label_end is not None:
                begin = _after_time_stamp(ctx, first, label_end)
                mention = ctx.mention_at(ctx.doc[begin])
                person = mention is not None and mention.agent is not None and \
                    mention.agent.type == "Person" and mention.end == label_end
                current = Ref(mention.agent, mention.surface, mention.confidence) \
                    if person and mention is not None and mention.agent is not None else None
            elif TIME_STAMP.fullmatch(ctx.doc[first].text):
                current = None  # a live blog's next entry ends the turn
        if current is not None:
            out[sent.start] = current
    return out


def _after_time_stamp(ctx: ArticleContext, first: int, label_end: int) -> int:
    """Where a live blog's "16:20 - Lutnick: ..." names its speaker: after the time stamp and
    its dash (a transcript line's speaker, ruling 2, behind the blog's own label)."""
    token = ctx.doc[first]
    if not TIME_STAMP.fullmatch(token.text):
        return first
    begin = first + 1
    while begin < label_end and (ctx.doc[begin].is_punct or ctx.doc[begin].text.isupper()):
        begin += 1  # the dash, and a zone such as "BST" or "ET"
    return begin


def _interviewee(ctx: ArticleContext, first: int) -> Ref | None:
    """The person an interview in Q&A form introduces before its first question or answer:
    the subject (or its apposition) of a verb of being interviewed ("Its chief executive,
    Zhang Peng, spoke to us", "X was interviewed"), or of a speech verb when no spokesperson
    is spoken of after him ("X said ..." in a release whose "Answer:" lines are a
    spokesperson's is not it). Such a guest speaks the "A:" lines (ruling 2: a transcript
    line's speaker)."""
    intro_end = next((s.start for s in ctx.doc.sents if 0 < s.start <= first
                      and s.end > s.start + 1 and ctx.doc[s.start + 1].text == ":"), first)
    for token in reversed(ctx.doc[:intro_end]):  # the introduction, before the first label
        if token.dep_ not in ("nsubj", "appos") or (mention := ctx.mention_at(token)) is None \
                or mention.agent is None or mention.agent.type != "Person":
            continue
        verb = token.head if token.dep_ == "nsubj" else token.head.head
        if token.dep_ == "appos" and token.head.dep_ != "nsubj":
            continue
        if verb.pos_ == "VERB" and verb.lemma_.lower() in INTERVIEW_VERBS and (
                verb.lemma_.lower() == "interview" or _to_us(ctx, verb)):
            return Ref(mention.agent, mention.surface, mention.confidence)
        if verb.pos_ == "VERB" and not word_forms(verb).isdisjoint(SPEECH) and not any(
                t.lower_ in SPOKESPERSONS for t in ctx.doc[token.i:intro_end]):
            return Ref(mention.agent, mention.surface, mention.confidence)  # no spokesperson since
    return None


def _to_us(ctx: ArticleContext, verb: Token) -> bool:
    """"spoke to us", "sat down with this newspaper", "talked to Reuters": the interviewer is
    the writer or an outlet (not "spoke at the ceremony", "talked with the minister")."""
    return any(p.dep_ == "prep" and p.lower_ in ("to", "with") and any(
        o.dep_ == "pobj" and (o.lower_ in ("us", "me") or _is_media(ctx, o)
                              or o.lemma_.lower() in INTERVIEWERS)
        for o in p.children) for p in verb.children)


def _emit(art: _Article, event_type: str, trigger: Token, actor: Ref | None,
          targets: list[Ref], confidence: float) -> None:
    if actor is None:
        return
    ctx, sent = art.ctx, trigger.sent
    for one in [actor, *_co_actors(art, trigger, actor)]:
        for target in targets:
            if target.candidate.type not in AGENT_TYPES | {"Policy"}:
                continue
            if ctx.works_for(one.candidate.id, target.candidate.id):
                continue  # a spokesperson or executive does not accuse his own employer
            ctx.add_event(event_type, sent, confidence, actor=one, target=target,
                          topics=topics_for(ctx, sent), date=date_in(ctx, sent))


def _co_actors(art: _Article, trigger: Token, actor: Ref) -> list[Ref]:
    """"China and Russia condemned X": the subject's conjuncts act too, when the actor is
    that subject (not the speaker of a frame); also through the document they sent or issued
    ("X and Y sent a letter urging Z to ...")."""
    token = trigger
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            subject = subjects[0]
            if (ref := _agent(art.ctx, subject)) is None or \
                    ref.candidate.id != actor.candidate.id:
                return []
            return [r for c in subject.conjuncts if (r := _agent(art.ctx, c))
                    and _can_act(art, r)]
        if token.dep_ == "acl" and token.head.dep_ == "dobj":
            token = token.head.head  # "sent a letter urging": the letter's senders
            continue
        if token.dep_ not in ("xcomp", "advcl", "conj", "acomp"):
            break
        token = token.head
    return []


def _own_subject(ctx: ArticleContext, verb: Token, *, issuer: bool = False) -> Ref | None:
    """The subject of a verb, climbing only through "to"-clauses and coordination ("was using
    state power to suppress")."""
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ == "nsubj":
                return _agent(ctx, child, issuer=issuer)
        if token.dep_ == "ccomp":  # "said X were ..., undermined ...": a shared subject
            before = [c for c in token.head.children if c.dep_ == "ccomp" and c.i < token.i]
            subjects = [s for c in before[-1:] for s in c.children if s.dep_ == "nsubj"]
            return next((r for s in subjects if (r := _agent(ctx, s, issuer=issuer))), None)
        if token.dep_ == "conj" and (clause := _misread_clause_subject(token)) is not None:
            return _agent(ctx, clause, issuer=issuer)
        if token.dep_ not in ("xcomp", "conj", "advcl"):
            return None
        token = token.head
    return None


def _misread_clause_subject(verb: Token) -> Token | None:
    """"It came hours after leaders of the G7, meeting in Hiroshima, criticised X": the small
    model reads "after" as a preposition and coordinates the clause's verb with the main
    one, so the noun after "after" is the subject of that verb, not the main clause's "it"."""
    head = verb.head
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in CLAUSE_PREPS or \
                not head.i < prep.i < verb.i:
            continue  # "After the talks, A criticised X and urged Y": A urged
        if any(c.dep_ == "cc" and prep.i < c.i < verb.i for c in head.children):
            continue  # "criticised X after the vote and urged Y": a real coordination
        nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in (
            "NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME")]
        if nouns:
            return nouns[-1]
    return None


def _enclosing(token: Token, lexicon: frozenset[str],
               extra: tuple[str, ...] = ()) -> Token | None:
    """The nearest verb of a lexicon whose clausal complement holds the token; `extra` edges
    also lead up (a content clause "evidence that X ...": acl, dobj)."""
    child, head = token, token.head
    for _ in range(5):
        if head.i == child.i or child.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "pcomp",
                                               "prep", "pobj", *extra):
            return None
        if child.dep_ == "ccomp" and head.pos_ == "VERB" and \
                not word_forms(head).isdisjoint(lexicon):
            return head
        child, head = head, head.head
    return None
