"""Agent resolution for the statements rules: which agent a token stands for.

A name, a pronoun's antecedent, "the company", "the ministry", a regulator described by its
nation, a spokesperson's body, a possessor or nationality modifier, a measure standing for its
issuer (DESIGN.md rulings 1 and 3; targets are agents, a measure's issuer where one is stated).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import nationality
from kg.extract.lexicon import table, words
from kg.extract.statements.triggers import AGENT_TYPES, MODIFIER_DEPS, PRONOUN_WINDOW, SPEAKER_NOUNS

SIDE_NOUNS = words("statements", "side_nouns")
ACTION_NOUNS = words("statements", "action_nouns")
COMPANY_NOUNS = words("entities", "definite_company")
#: The sort of measure a policy word names ("rules", "curbs" and "controls" are one sort).
HEAD_KINDS = table("policy", "head_kinds")
DEFINITE = frozenset({"the", "this", "these", "those"})
SPOKESPERSONS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
#: Sentences back that "the spokesperson" may look for the organisation it speaks for.
SPOKESPERSON_WINDOW = 12
#: Nouns that describe a government body without naming it ("the commerce ministry").
BODY_NOUNS = frozenset({"ministry", "department", "commission", "regulator", "agency",
                        "bureau", "administration", "council", "office", "watchdog"})
#: "China's top internet regulator", "the country's data watchdog": a description that
#: seldom shares a word with the body's name; the words such bodies are named with instead.
REGULATOR_NOUNS = frozenset({"regulator", "watchdog"})
REGULATOR_NAMES = ("administration", "commission", "authority", "regulat", "bureau",
                   "agency", "office")


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
    if (lower in SIDE_NOUNS or lemma in SIDE_NOUNS) and (
            side := _modifier_agent(ctx, token) or _side_of(ctx, token)):
        return side
    if lower in SPEAKER_NOUNS or lemma in SPEAKER_NOUNS:
        return _spokesperson_body(ctx, token)
    if lower in ("it", "they") and token.dep_ in ("nsubj", "dobj", "nsubjpass"):
        return _antecedent(ctx, token)
    if lemma in BODY_NOUNS and (body := _described_body(ctx, token)):
        return body
    if lemma in COMPANY_NOUNS and any(c.lower_ == "the" for c in token.children) \
            and token.tag_ != "NNS":
        # "the chipmaker" is the company just named; "the listed firms" are a group, which
        # one named member does not stand for
        return _last_company(ctx, token)
    if issuer and (lower in ACTION_NOUNS or lemma in ACTION_NOUNS or (
            ref is not None and ref.candidate.type == "Policy")):
        policy = ref if ref is not None else _known_policy(ctx, token)
        return _issuer(ctx, token) or _recorded_issuer(ctx, policy) or policy
    return None


def _known_policy(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"the controls", "the order": a policy the policy rules already named so, else the
    latest policy of the same sort met before a definite reference ("opposed the rule")."""
    phrase = ctx.doc[noun.left_edge.i:noun.i + 1].text
    for text in (phrase, noun.text):
        if candidate := ctx.with_alias(text, "Policy"):
            return Ref(candidate, text, 0.7)
    return _policy_before(ctx, noun)


def _policy_before(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"The Commerce Department issued new rules ... Beijing opposed the rules": a definite
    policy word that names no issuer, target or content of its own refers back to the latest
    policy of its sort (policy.toml head_kinds) the text spoke of."""
    lemma = noun.lemma_.lower()
    kind = HEAD_KINDS.get(lemma, HEAD_KINDS.get(noun.lower_))
    if kind is None or not any(c.dep_ == "det" and c.lower_ in DEFINITE
                               for c in noun.children):
        return None
    if any(c.dep_ in ("poss", "prep", "acl", "relcl", "nmod", "appos") or (
            c.dep_ in ("compound", "amod") and (ctx.mention_at(c) is not None
                                                or nationality(ctx, c) is not None))
           for c in noun.children):
        return None  # "the rules on Huawei", "Beijing's rules": a phrase of its own
    found = next((candidate for at, sort, candidate in reversed(ctx.policy_phrases)
                  if at < noun.i and sort == kind), None)
    return Ref(found, noun.text, 0.6) if found is not None else None


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
    earlier = next((t for t in ctx.doc[pronoun.sent.start:pronoun.i]
                    if t.lower_ == pronoun.lower_ and t.dep_ == "nsubj"), None)
    if earlier is not None:  # "..., she raised concerns with him, she told reporters": one she
        return _person_before(ctx, earlier)
    if same and not chained and not any(
            _as_subject(ctx.doc[m.start:m.end].root) for m in same) and (
            agent := same[0].agent) is not None:
        # "During Raimondo's talks with Wang, she ...": the sentence's first person
        return Ref(agent, same[0].surface, same[0].confidence * 0.8)
    latest: Ref | None = None
    for token in reversed(ctx.doc[first:pronoun.i]):
        mention = ctx.mention_at(token)
        if mention is None or mention.agent is None or mention.agent.type != "Person":
            continue
        if _as_subject(ctx.doc[mention.start:mention.end].root):
            return Ref(mention.agent, mention.surface, mention.confidence * 0.9)
        latest = latest or Ref(mention.agent, mention.surface, mention.confidence * 0.8)
    return latest


def _as_subject(root: Token) -> bool:
    """A subject, or the name in apposition to one: "spokesperson Wang Wenbin said" is
    parsed with "spokesperson" as the subject and the name as its apposition."""
    subjects = ("nsubj", "nsubjpass")
    return root.dep_ in subjects or (root.dep_ == "appos" and root.head.dep_ in subjects)


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
                if pronoun.lower_ == "they" and _plural_thing_between(ctx, token, pronoun):
                    return None  # "Beijing criticised the US rules and said they were unfair"
                return ref
            if ref is None and token.lemma_.lower() in BODY_NOUNS:
                return None  # "China's regulator said it ...": the body, never its nation
    own_subjects = {t.i for c in pronoun.head.children if c.dep_ == "nsubj"
                    for t in (c, *c.conjuncts)}
    for token in before:  # an object never refers to its own clause's subject (or a part)
        if token.i not in own_subjects and token.pos_ != "ADJ" and (
                ref := _organisation(ctx, token)) is not None:
            return ref
    if sent.start == 0 or pronoun.dep_ != "nsubj":
        return None  # an object "it" of another sentence is as often a thing ("the move")
    previous = ctx.doc[sent.start - 1].sent
    organisations = [(t, r) for t in previous if (r := _organisation(ctx, t)) is not None]
    subjects = [r for t, r in organisations if t.dep_ == "nsubj"]
    return (subjects or [r for _, r in organisations] or [None])[0]


def _plural_thing_between(ctx: ArticleContext, start: Token, pronoun: Token) -> bool:
    """A plural noun that names no agent between a subject and a later "they" ("the rules",
    "the controls") is the nearer antecedent of "they" than the singular subject."""
    return any(t.tag_ == "NNS" and t.pos_ == "NOUN" and ctx.mention_at(t) is None
               and t.lemma_.lower() not in BODY_NOUNS for t in ctx.doc[start.i + 1:pronoun.i])


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


def _side_of(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"leaders of the Group of Seven", "officials from the Commerce Department": people
    named only by the organisation they act for speak as that organisation (DESIGN.md:
    "the ministry said" -> the ministry)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ref = ctx.ref(pobj)
            if ref is not None and ref.candidate.type in AGENT_TYPES - {"Person"}:
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
            if ref is None and part.pos_ == "NOUN":
                ref = _gerund_subject(ctx, part)
            if ref is not None:
                refs.append(ref)
    return refs


def _gerund_subject(ctx: ArticleContext, noun: Token) -> Ref | None:
    """"opposes the US abusing export controls to suppress Chinese companies": the small model
    may hang the gerund on the last noun as a modifier; its subject is still whose conduct
    the verb takes as object."""
    return next((r for c in noun.children if c.tag_ == "VBG" and c.i < noun.i
                 for s in c.children if s.dep_ == "nsubj" and (r := _agent(ctx, s))), None)
