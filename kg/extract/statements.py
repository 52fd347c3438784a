"""Criticism, Demand and Proposal: what one agent says to or about another.

DESIGN.md, "What goes into the graph" and rulings 1-5, 14-16: the actor is the outermost named
speaker of a speech frame (a spokesperson -> the person, "the ministry said" -> the ministry, a
transcript line "Name: ..." -> that person), else the grammatical subject; only agents acting
in office can act; targets are agents, a measure standing for its issuer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Ref
from kg.extract.dates import date_in
from kg.extract.entities import candidate_of, nationality, new_candidate
from kg.extract.factuality import is_factual, is_negated
from kg.extract.lexicon import word_forms, words
from kg.extract.topics import topics_for

CRITICISM = words("statements", "criticism")
CRITICISM_PHRASAL = words("statements", "criticism_phrasal")
CRITICISM_PREPS = tuple(words("statements", "criticism_preps"))
CRITICISM_NOUNS = words("statements", "criticism_nouns")
LIGHT_VERBS = words("statements", "light_verbs")
CRITICISM_ADJECTIVES = words("statements", "criticism_adjectives")
DRAW_VERBS = words("statements", "draw_verbs")
NOUN_PREPS = tuple(words("statements", "criticism_noun_preps"))
SANCTION = words("statements", "sanction")
SANCTION_REASONS = words("statements", "sanction_reasons")
WRONGDOING = words("statements", "wrongdoing")
WRONG_NOUNS = words("statements", "wrong_nouns")
BREACH_PREPS = words("statements", "breach_preps")
WRONG_MANNER = words("statements", "wrong_manner")
POSE_VERBS = words("statements", "pose_verbs")
THREAT_NOUNS = words("statements", "threat_nouns")
LISTING = words("statements", "listing_verbs")
COURT_VERBS = words("statements", "court_verbs")
LABEL_VERBS = words("statements", "label_verbs")
IMPOSE = words("statements", "impose")
PENALTY_NOUNS = words("statements", "penalty_nouns")
SUSPICION = words("statements", "suspicion")
FINDING = words("statements", "finding")
BRAND = words("statements", "brand")
DAMNING = words("statements", "damning")
DEMAND = words("statements", "demand")
DEMAND_NEEDS_CLAUSE = words("statements", "demand_needs_clause")
HOPE = words("statements", "hope")
HOPE_NOUNS = words("statements", "hope_nouns")
REPLY_VERBS = words("statements", "reply_verbs")
TELL = words("statements", "tell")
SPEECH = words("statements", "speech")
OBLIGATION = words("statements", "obligation")
PROPOSAL = words("statements", "proposal")
LAUNCH = words("statements", "launch")
INITIATIVE_NOUNS = words("statements", "initiative_nouns")
ESTABLISHMENT = words("statements", "establishment")
LEGISLATION_NOUNS = words("statements", "legislation_nouns")
CREATE_VERBS = words("statements", "create_verbs")
SPEAKER_NOUNS = words("statements", "speaker_nouns")
SIDE_NOUNS = words("statements", "side_nouns")
ACTION_NOUNS = words("statements", "action_nouns")
ANAPHORIC_ACTIONS = words("statements", "anaphoric_actions")
ANAPHORIC_MEASURES = words("statements", "anaphoric_measures")
BARE_PROTESTS = words("statements", "bare_protests")
NON_ACTOR_TITLES = words("statements", "non_actor_titles")
NON_ACTOR_ORGS = words("statements", "non_actor_orgs")
ACADEMIC_PLACES = words("statements", "academic_places")
COMPANY_NOUNS = words("entities", "definite_company")

AGENT_TYPES = frozenset({"Person", "Company", "Government", "Alliance"})
ALLIANCE_WORDS = frozenset({"organization", "organisation", "alliance", "body", "forum",
                            "partnership", "coalition", "institution", "agency", "group"})
POLICY_WORDS = frozenset({"framework", "treaty", "agreement", "rules", "code", "plan",
                          "initiative", "regulation", "ban", "standard", "standards",
                          "convention", "pact", "mechanism", "declaration", "resolution",
                          "rule"}) | LEGISLATION_NOUNS
QUOTES = frozenset({'"', "“", "”"})
#: Transcript labels of an unnamed spokesperson's answers ("Answer: ...", "A: ...").
ANSWER_LABELS = frozenset({"answer", "a", "spokesperson", "spokesman", "spokeswoman"})
SPOKESPERSONS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
#: Sentences back that "the spokesperson" may look for the organisation it speaks for.
SPOKESPERSON_WINDOW = 12
#: Verbs of being: "X should be/serve as Y" states a view, it asks no act of X.
STATE_VERBS = frozenset({"be", "serve", "become", "remain", "stay", "seem"})
#: Sentences back that "he"/"she" may look for the person speaking.
PRONOUN_WINDOW = 3
#: Nouns that describe a government body without naming it ("the commerce ministry").
BODY_NOUNS = frozenset({"ministry", "department", "commission", "regulator", "agency",
                        "bureau", "administration", "council", "office", "watchdog"})
#: "China's top internet regulator", "the country's data watchdog": a description that
#: seldom shares a word with the body's name; the words such bodies are named with instead.
REGULATOR_NOUNS = frozenset({"regulator", "watchdog"})
REGULATOR_NAMES = ("administration", "commission", "authority", "regulat", "bureau",
                   "agency", "office")
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
#: Edges through which a clause stays inside the scope of a speech verb above it.
SCOPE_EDGES = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "dobj", "pcomp",
                         "prep", "pobj", "acomp", "relcl", "acl", "oprd", "attr"})


@dataclass
class _Article:
    """What the rules need once per article: transcript speakers and who may not act."""

    ctx: ArticleContext
    transcript: dict[int, Ref] = field(default_factory=dict)
    non_actors: set[str] = field(default_factory=set)


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
        elif pos == "ADJ" and token.lower_ in CRITICISM_ADJECTIVES and token.dep_ == "acomp":
            _criticism_adjective(art, token)
        if pos == "VERB" and not forms.isdisjoint(BRAND):
            _branding(art, token)
        if pos == "VERB" and not forms.isdisjoint(SANCTION):
            _sanction(art, token)
        elif pos == "VERB" and lemma in IMPOSE:
            _penalty(art, token)
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


def _to_court(verb: Token) -> bool:
    """"Huawei took the FCC to court": a lawsuit against the object (ruling 16)."""
    return verb.lemma_.lower() in COURT_VERBS and any(
        (c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "court" for p in c.children))
        or (c.dep_ == "xcomp" and c.lower_ == "court")  # "to court" read as an infinitive
        for c in verb.children)


def _phrasal(verb: Token, lemma: str) -> str:
    """"lash out", "hit back": the verb with its particle."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in ("out", "back"))), None)
    return f"{lemma} {particle}" if particle else lemma


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
        if frame.pos_ == "VERB" and not word_forms(frame).isdisjoint(SPEECH) and not any(
                c.dep_ in ("ccomp", "dobj") for c in frame.children):
            ref = _speech_speaker(ctx, frame) or _trailing_speaker(ctx, frame)
            if ref:
                found.append(ref)
    return found


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
    heard = _frame_speakers(ctx, trigger)
    frames = [r for r in heard if _can_act(art, r)]
    if heard and not frames:
        return None  # what an expert or outlet says others do is not an event (ruling 1)
    if base is None and not frames:  # "According to the ministry, ... was condemned"
        frames = [r for t in trigger.sent if t.lower_ == "according"
                  and (r := _according_to(ctx, t)) is not None and _can_act(art, r)]
    chain = [r for r in (base, *frames) if r is not None]
    persons = [r for r in chain if r.candidate.type == "Person"]
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
                current = _last_body(ctx, ctx.doc[first])  # a ministry's Q&A release
            elif label_end is not None:
                mention = ctx.mention_at(ctx.doc[first])
                person = mention is not None and mention.agent is not None and \
                    mention.agent.type == "Person" and mention.end == label_end
                current = Ref(mention.agent, mention.surface, mention.confidence) \
                    if person and mention is not None and mention.agent is not None else None
        if current is not None:
            out[sent.start] = current
    return out


# --- who is meant --------------------------------------------------------------------------------

def _agent(ctx: ArticleContext, token: Token, *, issuer: bool = False) -> Ref | None:
    """The agent a noun names: a mention, a nationality's side ("the U.S. side"), the body an
    unnamed spokesperson speaks for, or (for targets, ruling 3) the issuer of a measure."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in ("he", "she") and token.dep_ == "nsubj":  # "Vice Premier He" is a surname
        return ctx.named_person(token) or _person_before(ctx, token)
    ref = ctx.ref(token)
    if ref is not None and ref.candidate.type in AGENT_TYPES:
        return ref
    if (lower in SIDE_NOUNS or lemma in SIDE_NOUNS) and (side := _modifier_agent(ctx, token)):
        return side
    if lower in SPEAKER_NOUNS or lemma in SPEAKER_NOUNS:
        return _spokesperson_body(ctx, token)
    if lower in ("it", "they") and token.dep_ in ("nsubj", "dobj", "nsubjpass"):
        return _antecedent(ctx, token)
    if lemma in BODY_NOUNS and (body := _described_body(ctx, token)):
        return body
    if lemma in COMPANY_NOUNS and any(c.lower_ == "the" for c in token.children):
        return _last_company(ctx, token)
    if issuer and (lower in ACTION_NOUNS or lemma in ACTION_NOUNS or (
            ref is not None and ref.candidate.type == "Policy")):
        policy = ref if ref is not None else _known_policy(ctx, token)
        return _issuer(ctx, token) or _recorded_issuer(ctx, policy) or policy
    return None


def _known_policy(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"the controls", "the order": a policy the policy rules already named so."""
    phrase = ctx.doc[noun.left_edge.i:noun.i + 1].text
    for text in (phrase, noun.text):
        if candidate := ctx.with_alias(text, "Policy"):
            return Ref(candidate, text, 0.7)
    return None


def _recorded_issuer(ctx: ArticleContext, policy: Ref | None) -> Ref | None:
    """Ruling 3: a measure stands for its issuer, stated or implied elsewhere in the text;
    of several, the national government the agencies belong to."""
    if policy is None or policy.candidate.type != "Policy":
        return None
    issuers = ctx.objects_of(policy.candidate.id, "issuedBy")
    national = [c for c in issuers if c.label.startswith("Government of")]
    chosen = (national or issuers or [None])[0]
    return Ref(chosen, policy.surface, 0.6) if chosen is not None else None


def _person_before(ctx: ArticleContext, pronoun: Token) -> Ref | None:
    """A subject "he"/"she" continues the latest subject person ("She met Li Qiang ... and
    she said ..." -> the woman who was the subject before, not Li Qiang), looking back a few
    sentences; without one, the last person named."""
    first = pronoun.sent.start
    for _ in range(PRONOUN_WINDOW):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    same = [m for t in ctx.doc[pronoun.sent.start:pronoun.i] if (m := ctx.mention_at(t))
            is not None and m.agent is not None and m.agent.type == "Person" and t.i == m.start]
    chained = any(t.lower_ in ("he", "she") and t.dep_ == "nsubj"
                  for t in ctx.doc[pronoun.sent.start:pronoun.i])  # "She met X and she said"
    if same and not chained and not any(
            ctx.doc[m.start:m.end].root.dep_ == "nsubj" for m in same) and (
            agent := same[0].agent) is not None:
        # "During Raimondo's talks with Wang, she ...": the sentence's first person
        return Ref(agent, same[0].surface, same[0].confidence * 0.8)
    latest: Ref | None = None
    for token in reversed(ctx.doc[first:pronoun.i]):
        mention = ctx.mention_at(token)
        if mention is None or mention.agent is None or mention.agent.type != "Person":
            continue
        if ctx.doc[mention.start:mention.end].root.dep_ in ("nsubj", "nsubjpass"):
            return Ref(mention.agent, mention.surface, mention.confidence * 0.9)
        latest = latest or Ref(mention.agent, mention.surface, mention.confidence * 0.8)
    return latest


def _antecedent(ctx: ArticleContext, pronoun: Token) -> Ref | None:
    """"it"/"they" as speaker or addressee: the nearest organisation named before it in the
    sentence ("accused Washington ... and urged it to stop"), else the subject of the
    sentence before ("The company said ... It called on Congress ...")."""
    sent = pronoun.sent
    before = list(reversed(ctx.doc[sent.start:pronoun.i]))
    if pronoun.dep_ == "nsubj":  # "the regulator opened a probe into X, saying it ..."
        for token in before:
            if token.dep_ != "nsubj" or token.lower_ in ("it", "they"):
                continue
            ref = _agent(ctx, token)
            if ref is not None and ref.candidate.type != "Person":
                return ref
            if ref is None and token.lemma_.lower() in BODY_NOUNS:
                return None  # "China's regulator said it ...": the body, never its nation
    own_subjects = {c.i for c in pronoun.head.children if c.dep_ == "nsubj"}
    for token in before:  # an object never refers to its own clause's subject
        if token.i not in own_subjects and token.pos_ != "ADJ" and (
                ref := _organisation(ctx, token)) is not None:
            return ref
    if sent.start == 0 or pronoun.dep_ != "nsubj":
        return None  # an object "it" of another sentence is as often a thing ("the move")
    previous = ctx.doc[sent.start - 1].sent
    organisations = [(t, r) for t in previous if (r := _organisation(ctx, t)) is not None]
    subjects = [r for t, r in organisations if t.dep_ == "nsubj"]
    return (subjects or [r for _, r in organisations] or [None])[0]


def _organisation(ctx: ArticleContext, token: Token) -> Ref | None:
    mention = ctx.mention_at(token)
    if mention is None or mention.agent is None or token.i != mention.end - 1:
        return None
    if mention.agent.type not in ("Company", "Government", "Alliance"):
        return None
    return Ref(mention.agent, mention.surface, mention.confidence)


def _last_company(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"the U.S. chipmaker": the company named last in this or the previous sentence."""
    sent = noun.sent
    first = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else 0
    for token in reversed(ctx.doc[first:noun.i]):
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and \
                mention.agent.type == "Company":
            return Ref(mention.agent, mention.surface, mention.confidence)
    return None


def _described_body(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"the commerce ministry in Beijing", "China's market regulator": the government body
    named before (or, failing that, after) whose name has the noun and its describing words."""
    described = [t.lower_ for t in noun.lefts if t.dep_ in ("compound", "amod")
                 and nationality(ctx, t) is None]
    stem = "regulat" if noun.lemma_.lower() == "regulator" else noun.lemma_.lower()
    before: list[Ref] = []
    after: list[Ref] = []
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is None or agent.type != "Government" or mention.place is not None:
            continue
        label = agent.label.lower()
        if stem in label and all(word in label for word in described):
            found = before if mention.start < noun.i else after
            found.append(Ref(agent, noun.text, 0.6))
            if found is before and len(before) > 1:
                before.pop(0)
    if before or after:
        return (before or after)[-1 if before else 0]
    if noun.lemma_.lower() in REGULATOR_NOUNS:
        return _national_regulator(ctx, noun)
    return None


def _national_regulator(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"China's top internet regulator" with no body of those words: the one body of that
    nation named as a regulator (an administration, commission, authority...) in the article,
    the nearest after the noun first. Never the nation itself: the regulator, not the
    government, is the speaker (DESIGN.md: "the ministry said" -> the ministry)."""
    nations = [readings for t in noun.lefts if t.dep_ in ("poss", "amod", "compound")
               if (readings := nationality(ctx, t))]
    if not nations:
        return None
    country = nations[0][1].label.lower()
    found: list[tuple[int, Ref]] = []
    for mention in ctx.mentions:
        agent = mention.agent
        if agent is None or agent.type != "Government" or mention.place is not None or \
                agent.label.startswith("Government of"):
            continue
        label = agent.label.lower()
        if country in label and any(word in label for word in REGULATOR_NAMES):
            found.append((0 if mention.start > noun.i else 1, Ref(agent, noun.text, 0.6)))
    ids = {ref.candidate.id for _, ref in found}
    if len(ids) != 1:
        return None  # several bodies of that nation: which one is meant is not said
    return min(found, key=lambda pair: pair[0])[1]


def _modifier_agent(ctx: ArticleContext, token: Token) -> Ref | None:
    """"the U.S. side", "Washington's rules", "new U.S. chip curbs", "the U.S. side's
    practice": the agent a modifier of the noun names, nearest first."""
    modifiers = [t for t in reversed(ctx.doc[token.left_edge.i:token.i])
                 if t.dep_ in MODIFIER_DEPS and _modifies(t, token)]
    for child in modifiers:
        ref = ctx.ref(child)
        if ref is not None and ref.candidate.type in AGENT_TYPES:
            return ref
        if readings := nationality(ctx, child):
            return Ref(readings[0], child.text, 0.7)
        side = child.lower_ in SIDE_NOUNS or child.lemma_.lower() in SIDE_NOUNS
        if child.dep_ == "poss" and side and (ref := _modifier_agent(ctx, child)):
            return ref
    return None


def _modifies(modifier: Token, noun: Token) -> bool:
    """Whether a token reaches the noun through modifier links only."""
    token = modifier
    for _ in range(4):
        if token.head.i == noun.i:
            return True
        if token.head.dep_ not in MODIFIER_DEPS:
            return False
        token = token.head
    return False


def _issuer(ctx: ArticleContext, noun: Token) -> Ref | None:
    """Who issued a measure: a modifier, "by X", or "proposed/imposed by X"."""
    if ref := _modifier_agent(ctx, noun):
        return ref
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by" and (ref := next(
                (r for p in child.children if (r := _agent(ctx, p))), None)):
            return ref
        if child.dep_ in ("acl", "relcl"):
            for agent in (c for c in child.children if c.dep_ == "agent"):
                if ref := next((r for p in agent.children if (r := ctx.ref(p))
                                and r.candidate.type in AGENT_TYPES), None):
                    return ref
    mention = ctx.mention_at(noun)
    if mention is not None:  # a named policy whose name carries its nation ("U.S. ban")
        for token in ctx.doc[mention.start:mention.end]:
            if token.i != noun.i and (readings := nationality(ctx, token)):
                return Ref(readings[0], token.text, 0.7)
    return None


def _spokesperson_body(ctx: ArticleContext, token: Token) -> Ref | None:
    """"a spokesperson for the ministry", "a ministry spokesperson", "the spokesperson": the
    body that speaks (DESIGN.md: "the ministry said" -> the ministry)."""
    if body := _named_body(ctx, token):
        return body
    definite_statement = token.lower_ == "statement" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    if token.lower_ not in SPOKESPERSONS and not definite_statement:
        return None  # "the statement said": the body whose statement the text reported
    modifiers = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod")]
    modifiers += [p for c in token.children if c.dep_ == "prep"
                  and c.lower_ in ("for", "of", "at", "from") for p in c.children
                  if p.dep_ == "pobj"]
    for modifier in modifiers:  # "a ministry spokesperson", not "a White House spokesperson"
        if modifier.lemma_.lower() in BODY_NOUNS:
            return _described_body(ctx, modifier)
        if nationality(ctx, modifier) is None:
            return None
    return _last_body(ctx, token)


def _last_body(ctx: ArticleContext, token: Token) -> Ref | None:
    """The body an unnamed spokesperson speaks for: the body of the spokesperson spoken of
    last, else the ministry (or other government body) named last."""
    first = token.sent.start
    for _ in range(SPOKESPERSON_WINDOW):
        first = ctx.doc[first - 1].sent.start if first > 0 else first
    earlier = list(reversed(ctx.doc[first:token.i]))
    for candidate in earlier:  # the body of the spokesperson the text spoke of last
        if candidate.lower_ in SPOKESPERSONS and (body := _named_body(ctx, candidate)):
            return Ref(body.candidate, token.text, 0.6)
    ministries = [m for t in earlier if (m := ctx.mention_at(t)) is not None
                  and m.agent is not None and m.place is None and m.agent.type == "Government"]
    preferred = [m for m in ministries if "ministry" in m.agent.label.lower()] or ministries
    if preferred and (agent := preferred[0].agent) is not None:
        return Ref(agent, token.text, 0.6)
    return None


def _named_body(ctx: ArticleContext, token: Token) -> Ref | None:
    """The organisation named on a speaker noun ("spokesperson for X", "X's spokesman")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if (ref := ctx.ref(pobj)) and ref.candidate.type in AGENT_TYPES - {"Person"}:
                    return ref
        if child.dep_ in ("compound", "poss", "nmod") and (ref := ctx.ref(child)) \
                and ref.candidate.type in AGENT_TYPES - {"Person"}:
            return ref
    return None


def _targets(ctx: ArticleContext, head: Token, deps: tuple[str, ...],
             preps: tuple[str, ...]) -> list[Ref]:
    """Agents attached to a trigger by dependency or preposition, with conjuncts; a measure
    stands for its issuer (ruling 3)."""
    tokens: list[Token] = []
    for child in head.children:
        if child.dep_ in deps:
            tokens.append(child)
        elif child.dep_ == "prep" and child.lower_ in preps:
            tokens += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
    refs: list[Ref] = []
    for token in tokens:
        for part in (token, *token.conjuncts):
            ref = _agent(ctx, part, issuer=True)
            if ref is None and part.dep_ == "pcomp":  # "opposed to the U.S. stretching ..."
                ref = next((r for c in part.children if c.dep_ in ("nsubj", "poss")
                            and (r := _agent(ctx, c))), None)
            if ref is None and part.pos_ == "VERB":  # "opposes [the U.S. stretching ...]"
                ref = next((r for c in part.children if c.dep_ in ("nsubj", "poss", "compound")
                            and (r := _agent(ctx, c))), None)
            if ref is not None:
                refs.append(ref)
    return refs


def _emit(art: _Article, event_type: str, trigger: Token, actor: Ref | None,
          targets: list[Ref], confidence: float) -> None:
    if actor is None:
        return
    ctx, sent = art.ctx, trigger.sent
    for one in [actor, *_co_actors(art, trigger, actor)]:
        for target in targets:
            if target.candidate.type not in AGENT_TYPES | {"Policy"}:
                continue
            ctx.add_event(event_type, sent, confidence, actor=one, target=target,
                          topics=topics_for(ctx, sent), date=date_in(ctx, sent))


def _co_actors(art: _Article, trigger: Token, actor: Ref) -> list[Ref]:
    """"China and Russia condemned X": the subject's conjuncts act too, when the actor is
    that subject (not the speaker of a frame)."""
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
        if token.dep_ not in ("xcomp", "advcl", "conj", "acomp"):
            break
        token = token.head
    return []


# --- Criticism -----------------------------------------------------------------------------------

def _criticism_verb(art: _Article, verb: Token) -> None:
    """"opposes X", "accused X of ...", "disapproves of X", "is opposed to X", "sued X";
    passive "X was condemned by Y" (ruling 16 for lawsuits)."""
    if not is_factual(verb):
        return
    ctx = art.ctx
    targets = _targets(ctx, verb, ("dobj", "ccomp"), CRITICISM_PREPS)
    if any(c.dep_ == "agent" for c in verb.children):
        targets += _targets(ctx, verb, ("nsubjpass",), ())
    if not targets:  # "opposes the smearing of Chinese firms by the U.S. side"
        targets = _targets(ctx, verb, (), ("by",))
    actor = _actor(art, verb)
    if not targets and actor is not None:  # "China firmly opposes the move"
        targets = [r for c in verb.children if c.dep_ == "dobj"
                   if (r := _implied_issuer(ctx, c, actor))]
    if not targets and actor is not None:  # "objected to being listed": who listed it
        targets = [r for r in [_lister(ctx, verb)] if r is not None]
    if not targets:  # "criticized China's approach": the owner of the conduct criticised
        targets = [r for c in verb.children if c.dep_ == "dobj" for p in c.children
                   if p.dep_ == "poss" and (r := _agent(ctx, p)) is not None]
    _emit(art, "Criticism", verb, actor, _not_own_side(ctx, verb, actor, targets), 0.8)


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
            any(c.dep_ in MODIFIER_DEPS or c.dep_ in ("prep", "acl", "relcl")
                for c in noun.children):
        return None
    foreign = _foreign_government_before(ctx, noun, actor)
    if foreign is not None and noun.lower_ in ANAPHORIC_MEASURES and \
            not _acted_before(ctx, noun, foreign):
        return None  # "restrictions on exports to China": China is where, not who
    return foreign


def _foreign_government_before(ctx: ArticleContext, token: Token, actor: Ref) -> Ref | None:
    """The one national government, not the actor's own, named in the sentences before."""
    noun = token
    home = _nation_of(ctx, actor.candidate)
    if home is None:
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
    targets = against or _targets(ctx, noun, (), NOUN_PREPS) + _targets(ctx, verb, (),
                                                                         ("with", "to"))
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
    _emit(art, "Criticism", verb, _actor(art, verb), targets, 0.65)


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
    ctx = art.ctx
    if any(c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in be.children) and \
            any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in be.children):
        return  # "it was a mistake to underestimate X": the "it" stands for the clause
    subject = next((r for c in be.children if c.dep_ == "nsubj"
                    and (r := _agent(ctx, c, issuer=True))), None)
    actor = _actor(art, frame)
    if subject is not None and actor is not None and actor.candidate.id != subject.candidate.id:
        _emit(art, "Criticism", be, actor, [subject], 0.6)


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
        if token.dep_ not in ("xcomp", "conj", "advcl"):
            return None
        token = token.head
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


# --- Demand --------------------------------------------------------------------------------------

def _demand(art: _Article, verb: Token, lemma: str) -> None:
    """"urged X to ...", "called on X to ...", "pressed X for ...", "asked X to ...",
    "demanded that X ..."; a regulator summoning a company (ruling 6)."""
    if not is_factual(verb):
        return
    ctx = art.ctx
    clause = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
    if any(c.lemma_.lower() in REPLY_VERBS for c in clause):
        return  # "asked the ministry to comment"
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


def _told_to(art: _Article, verb: Token) -> None:
    """"Xi told Biden to stop arming Taiwan", "Beijing warned Washington not to ...",
    "ordered X to halt ...": telling a party to act is a demand on it ("told reporters that
    ..." is speech, handled as a frame; "warned of consequences" asks nothing)."""
    clause = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and any(
        a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
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
    targets = [t for t in targets if t.candidate.id != home]  # "the US should invest more"
    _emit(art, "Demand", clause, actor, targets, 0.65)


# --- Proposal ------------------------------------------------------------------------------------

def _proposal(art: _Article, verb: Token, lemma: str) -> None:
    """"proposed a rule", "called for the creation of an alliance", "put forward a plan",
    "launched its initiative" (only initiatives and drafts: announcing a rule issues it)."""
    forms = word_forms(verb)
    launch = forms.isdisjoint(PROPOSAL) and not forms.isdisjoint(LAUNCH)
    if lemma == "call" and not any(c.lower_ == "for" for c in verb.children):
        return
    if lemma == "put" and not any(c.lower_ == "forward" for c in verb.children):
        return
    if not is_factual(verb):
        return
    ctx = art.ctx
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":  # "the resolution, which was proposed by China"
        objects = [verb.head if o.lower_ in ("which", "that") else o for o in objects]
    objects += [o for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp")
                and c.pos_ == "VERB" and c.lemma_.lower() in CREATE_VERBS
                for o in c.children if o.dep_ == "dobj"]  # "proposed establishing a body"
    objects += [p for c in verb.children if c.lower_ == "for" for p in c.children
                if p.dep_ == "pobj"]
    actor = _actor(art, verb)
    for obj in objects:
        if obj.lemma_.lower() in ESTABLISHMENT:
            obj = next((p for c in obj.children if c.lower_ == "of" for p in c.children
                        if p.dep_ == "pobj"), obj)
        if launch and (not _is_initiative(ctx, obj) or ctx.ref(obj) is None):
            continue
        proposed = _proposed_entity(ctx, obj)
        if proposed is None or actor is None:
            continue
        for one in [actor, *_co_actors(art, verb, actor)]:
            ctx.add_event("Proposal", verb.sent, 0.75, actor=one, proposed=proposed,
                          topics=topics_for(ctx, verb.sent), date=date_in(ctx, verb.sent))


def _is_initiative(ctx: ArticleContext, noun: Token) -> bool:
    ref = ctx.ref(noun)  # follows "which" to the named initiative
    words_ = ref.surface.lower().split() if ref is not None else [noun.lower_]
    return any(w in INITIATIVE_NOUNS for w in words_) or noun.lemma_.lower() in INITIATIVE_NOUNS


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


def _compound_proposal(art: _Article, adjective: Token) -> None:
    """"the China-proposed resolution": the name before the hyphen proposed the noun."""
    ctx = art.ctx
    before = [t for t in ctx.doc[adjective.head.left_edge.i:adjective.i] if ctx.mention_at(t)]
    if not before or adjective.i < 2 or ctx.doc[adjective.i - 1].text not in ("-", "–"):
        return
    actor = _agent(ctx, before[-1])
    proposed = _proposed_entity(ctx, adjective.head)
    if actor and proposed and _can_act(art, actor):
        ctx.add_event("Proposal", adjective.sent, 0.7, actor=actor, proposed=proposed,
                      topics=topics_for(ctx, adjective.sent),
                      date=date_in(ctx, adjective.sent))


def _quoted_title(ctx: ArticleContext, noun: Token) -> str | None:
    """The title in quotes right after a noun: the resolution "Enhancing ..."."""
    after = noun.i + 1
    if after >= len(ctx.doc) or ctx.doc[after].text not in ('"', "“"):
        return None
    for end in range(after + 1, min(after + 30, len(ctx.doc))):
        if ctx.doc[end].text in ('"', "”"):
            return ctx.doc[after + 1:end].text or None
    return None


def _already_named(ctx: ArticleContext, noun: Token) -> Ref | None:
    """A Policy or Alliance of earlier rules that has the noun phrase (or a shorter part of
    it, down to the head noun) among its aliases."""
    lefts = [t for t in noun.lefts if t.dep_ not in ("det", "poss", "predet")]
    phrases = [ctx.doc[t.i:noun.i + 1].text for t in lefts]
    right = [t for t in noun.rights if t.dep_ == "prep"]
    if right:
        start = lefts[0].i if lefts else noun.i
        phrases.insert(0, ctx.doc[start:right[0].right_edge.i + 1].text)
    for phrase in [*phrases, noun.text]:
        for entity_type in ("Policy", "Alliance"):
            if candidate := ctx.with_alias(phrase, entity_type):
                return Ref(candidate, phrase, 0.7)
    return None


def _proposed_entity(ctx: ArticleContext, noun: Token) -> Ref | None:
    """The Alliance or Policy proposed: a named one, one the policy rules already found under
    the same words ("proposed a rule" -> that rule), or a new one named by its modifiers."""
    known = ctx.ref(noun)
    if known is not None and known.candidate.type in ("Alliance", "Policy"):
        return known
    if known is not None:
        return None
    if found := _already_named(ctx, noun):
        return found
    lemma = noun.lemma_.lower()
    entity_type = "Alliance" if lemma in ALLIANCE_WORDS else "Policy" if lemma in POLICY_WORDS \
        else None
    if entity_type is None:
        return None
    words_before = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod")
                    and not (t.dep_ == "amod" and t.lemma_.lower() in PROPOSAL)]
    if not words_before:  # "the rules": nothing to name it by, unless a title follows
        title = _quoted_title(ctx, noun)
        if title is None and lemma in (INITIATIVE_NOUNS | LEGISLATION_NOUNS) - {"draft",
                                                                               "proposal"}:
            title = noun.text  # "the resolution", "the declaration": named by its kind
        return Ref(new_candidate(entity_type, title), title, 0.6) if title else None
    start = min([t.left_edge.i for t in words_before] + [noun.i])
    label = ctx.doc[start:noun.i + 1].text
    return Ref(new_candidate(entity_type, label), label, 0.7)
