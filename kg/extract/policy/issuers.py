"""issuedBy: who issued a policy phrase.

DESIGN.md conventions and ruling 15: a nationality, government or possessor before the head,
the subject or "by" agent of an issuing verb, every conjunct of those; the signers of a joint
text (companies too for a joint pledge), but not the proposer of a resolution.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import candidate_of, nationality
from kg.extract.lexicon import words
from kg.extract.policy.heads import _describes, _governing_verb, _own_clauses
from kg.extract.policy.naming import _nation
from kg.extract.policy.triggers import ISSUE_VERBS, SIGN_VERBS

DECISION_NOUNS = words("policy", "decision_nouns")
ANNOUNCE_VERBS = words("policy", "announce_verbs")
SESSION_NOUNS = words("policy", "session_nouns")
#: People who act for their government: "Chinese diplomats endorsed it" is China's act.
DELEGATES = frozenset({"diplomats", "officials", "negotiators", "delegates", "delegation",
                       "envoys", "ministers"})
ISSUER_TYPES = frozenset({"Government", "Alliance"})


def _embedded_issuers(ctx: ArticleContext, head: Token) -> list[Ref]:
    """"The U.S. Commerce Department's Entity List" recognised as one name: its possessor
    is the issuer (ruling 15), found in the gazetteer under the possessor's words."""
    mention = ctx.mention_at(head)
    if mention is None:
        return []
    for child in head.lefts:
        if child.dep_ != "poss" or child.i < mention.start:
            continue
        words_ = [t for t in child.subtree if t.dep_ not in ("case", "det")]
        while words_:
            surface = "".join(t.text_with_ws for t in words_).strip()
            entry = next(iter(ctx.gazetteer.lookup(surface, type="Government")), None)
            if entry is not None:
                return [Ref(candidate_of(entry), surface, 0.8)]
            words_ = words_[1:]  # "U.S. Commerce Department" -> "Commerce Department"
    return []


# --- issuers ------------------------------------------------------------------------------
def _issuers(ctx: ArticleContext, head: Token) -> tuple[list[Ref], bool]:
    """Every issuer the text names for the phrase, and whether the phrase itself names one
    (before the head, ruling 15: "the U.S. ban"; or in its own clause: "guidance issued by
    the department"), which makes even a generic head a policy."""
    found: list[Ref] = []
    for token in _modifier_tokens(head):
        if _sponsor_word(token):
            continue  # "the China-proposed resolution": a Proposal, not its issuer (ruling 15)
        if token.lower_ in ("its", "their"):
            found += _subjects(ctx, _governing_verb(head) or head.head)
        elif (ref := _government(ctx, token)) is not None:
            found.append(ref)
    own: list[Ref] = []
    for clause in _own_clauses(ctx, head):
        own += _agents(ctx, clause)
        for subject in (c for c in clause.children if c.dep_ == "nsubj"
                        and c.lower_ not in ("that", "which")):
            own += ctx.refs(subject) or (_speaker(ctx, subject) if subject.lower_ in
                                         ("it", "they") else [])
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            own += [r for p in child.children if p.dep_ == "pobj" for r in ctx.refs(p)]
    stated = bool(_issuer_refs(ctx, found + own))
    verb = _governing_verb(head)
    if verb is not None and verb.lemma_.lower() in SIGN_VERBS and head.dep_ == "dobj":
        signers = _signatories(ctx, verb) or _subjects(ctx, verb)
        companies = [r for r in signers if r.candidate.type == "Company"]  # a joint pledge
        return [*_issuer_refs(ctx, found + own + signers), *companies], stated
    if verb is not None and verb.lemma_.lower() in ISSUE_VERBS:
        if head.dep_ != "nsubjpass" and not any(t.lower_ in ("its", "their")
                                                for t in _modifier_tokens(head)):
            found += _subjects(ctx, verb)
        found += _agents(ctx, verb)
        found += _announcers(ctx, verb, _issuer_refs(ctx, found))
    return _issuer_refs(ctx, found + own), stated


def _announcers(ctx: ArticleContext, verb: Token, issuers: list[Ref]) -> list[Ref]:
    """"China will levy a tariff ..., the tariff commission under the State Council
    announced": the body of the same nation that announces the act issues it too."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in ANNOUNCE_VERBS or not issuers:
        return []
    nations = {_nation(ctx, r.candidate.id) for r in issuers}
    return [r for c in verb.head.children if c.dep_ == "nsubj" for r in ctx.refs(c)
            if r.candidate.type == "Government" and _nation(ctx, r.candidate.id) in nations]


def _signatories(ctx: ArticleContext, verb: Token,
                 deps: tuple[str, ...] = ("nsubj",)) -> list[Ref]:
    """"Sixteen developers, among them A, B and C, have signed the commitments", "ten
    countries and the EU endorsed it": every named agent of the subject, including a list
    introduced by "among them" / "including"; a country names its government. "X joined 60
    countries, including Y, in endorsing it": the joiner and the named ones it joined."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "in" and \
            verb.head.head.lemma_.lower() == "join":
        return _signatories(ctx, verb.head.head, ("nsubj", "dobj"))
    refs: list[Ref] = []
    for subject in (c for c in verb.children if c.dep_ in deps):
        if ctx.mention_at(subject) is None and subject.lower_ in DELEGATES:
            refs += [Ref(readings[0], t.text, 0.7) for t in subject.lefts
                     if (readings := nationality(ctx, t))]  # "Chinese diplomats joined"
        for token in subject.subtree:
            mention = ctx.mention_at(token)
            if mention is None or mention.agent is None or token.i != mention.start:
                continue
            if mention.place is not None and _describes(ctx, mention):
                continue  # "South Korea's Samsung": Samsung signs, not South Korea
            if mention.agent.type in ("Company", "Government", "Alliance", "Person"):
                refs.append(Ref(mention.agent, mention.surface, mention.confidence))
    return refs


def _speaker(ctx: ArticleContext, pronoun: Token) -> list[Ref]:
    """"The department said the restrictions it has imposed ...": "it" is the government
    whose statement the clause reports, the subject of the nearest verb above it."""
    token = pronoun.head
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            refs = [r for c in token.children if c.dep_ == "nsubj" and c is not pronoun
                    for r in ctx.refs(c)]
            if (issuers := _issuer_refs(ctx, refs)):
                return issuers
        if token.head.i == token.i:
            break
        token = token.head
    return []


def _sponsor_word(token: Token) -> bool:
    """"China" in "China-proposed", "U.S." in "U.S.-led": the sponsor of a text, joined by a
    hyphen to a participle."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != "-" or token.whitespace_:
        return False
    return doc[token.i + 2].lower_.endswith("ed")


def _modifier_tokens(head: Token) -> list[Token]:
    """Tokens before the head that can name its issuer: direct modifiers and their own
    modifiers, but inside a possessor only the possessor itself ("the U.S. Commerce
    Department's list" is the department's, not also the nation's)."""
    skip: set[int] = set()
    for child in head.lefts:
        if child.dep_ == "poss":
            skip.update(t.i for t in child.subtree if t.i != child.i)
    return [t for t in head.doc[head.left_edge.i:head.i] if t.i not in skip]


def _issuer_refs(ctx: ArticleContext, refs: list[Ref]) -> list[Ref]:
    """Governments and alliances; a head of state or government acts for his government."""
    out: list[Ref] = []
    seen: set[str] = set()
    for ref in refs:
        if ref.candidate.type == "Person":
            offices = [o for o in ctx.objects_of(ref.candidate.id, "roleIn")
                       if o.type == "Government" and o.label.startswith("Government of")]
            ref = Ref(offices[0], ref.surface, ref.confidence) if offices else ref
        if ref.candidate.type in ISSUER_TYPES and ref.candidate.id not in seen:
            seen.add(ref.candidate.id)
            out.append(ref)
    return out


def _government(ctx: ArticleContext, token: Token) -> Ref | None:
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None and \
            mention.agent.type in ("Government", "Alliance", "Person"):
        return Ref(mention.agent, mention.surface, mention.confidence)
    readings = nationality(ctx, token)
    return Ref(readings[0], token.text, 0.8) if readings else None


def _subjects(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The subjects of a verb and their conjuncts, through "and"/xcomp chains."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            break
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        refs = [r for c in subjects for r in ctx.refs(c)]
        refs = refs or [r for c in subjects if c.lemma_.lower() in SESSION_NOUNS
                        for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj" for r in ctx.refs(o)]
        if not refs and any(c.lower_ in ("it", "they") for c in subjects) and \
                token.dep_ == "ccomp":
            refs = _subjects(ctx, token.head)  # "the regulator said it had opened a probe"
        elif not refs and any(c.lower_ in ("it", "they") and c.i == c.sent.start
                              for c in subjects):
            refs = _previous_subject(ctx, token)  # "... the department said. It also put"
        refs = refs or [r for c in subjects for m in c.lefts
                        if m.dep_ in ("compound", "amod", "poss") and (r := _government(ctx, m))]
        if refs or any(c.lower_ not in ("that", "which", "who") for c in subjects):
            return refs  # "the U.S. side lifted ...": that side, or nobody named
        if token.dep_ == "xcomp" and (controller := next(
                (c for c in token.head.children if c.dep_ == "dobj"), None)) is not None:
            return ctx.refs(controller)  # "urged Washington to lift its curbs"
        if token.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which")
                                         for c in token.children):
            token = _governing_verb(token.head)  # "published a rule that places X on ..."
            continue
        if token.dep_ == "acl" and token.head.lemma_.lower() in DECISION_NOUNS:
            return [r for m in token.head.lefts if m.dep_ in ("compound", "amod", "poss")
                    and (r := _government(ctx, m))]  # "the U.S. decision to levy a tariff"
        token = token.head if token.dep_ in ("xcomp", "conj") and token.head.i != token.i \
            else None
    return []


def _previous_subject(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """A sentence opening with "It" continues the government the previous sentence was
    about: the issuers among that sentence's main subjects."""
    start = verb.sent.start
    if start == 0:
        return []
    previous = ctx.doc[start - 1].sent
    return _issuer_refs(ctx, [r for c in previous.root.children if c.dep_ == "nsubj"
                              for r in ctx.refs(c)])


def _agents(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """"released by BIS", "published by the CAC together with six other agencies: A, B and
    C" (the co-issuers joined by "together with" / "along with", and the bodies a group noun
    lists after a colon or in apposition)."""
    objects = [p for a in verb.children if a.dep_ == "agent"
               for p in a.children if p.dep_ == "pobj"]
    if objects:
        withs = [w for w in verb.children if w.dep_ == "prep" and w.lower_ == "with"
                 and any(c.lower_ in ("together", "along") for c in w.children)]
        withs += [w for a in verb.children if a.lower_ in ("together", "along")
                  for w in a.children if w.dep_ == "prep" and w.lower_ == "with"]
        objects += [p for w in withs for p in w.children if p.dep_ == "pobj"]
    return [r for p in objects for r in _listed_refs(ctx, p)]


def _listed_refs(ctx: ArticleContext, token: Token) -> list[Ref]:
    """The agents a noun names: itself and its conjuncts, or for a plural group noun the
    names listed in apposition ("six other agencies: A, B and C")."""
    listed = [r for a in token.children if a.dep_ == "appos" for r in ctx.refs(a)] \
        if token.tag_ in ("NNS", "NNPS") and ctx.mention_at(token) is None else []
    return listed or ctx.refs(token)
