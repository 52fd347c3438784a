"""The policies of one article: minting, coreference and headline linking.

A later definite reference with the same head ("the ban", "the rules") is the same policy; a
headline phrase is linked to the policy the body states (DESIGN.md ruling 5: headline-only
phrases are left out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Candidate, Ref
from kg.extract.entities import nationality, new_candidate
from kg.extract.lexicon import words
from kg.extract.policy.heads import _head_lemma, _is_policy, _kind, _kind_of
from kg.extract.policy.naming import _aliases, _label, _label_words, _nation
from kg.extract.policy.targets import _targets

ANAPHOR_HEADS = words("policy", "anaphor_heads")
#: How near (in tokens) an earlier policy of the same sort but another head word must be
#: for a new phrase to be taken as the same policy (about three sentences of news prose).
SAME_KIND_WINDOW = 90
DEFINITE = frozenset({"the", "this", "these", "that", "those"})


@dataclass
class _Minted:
    """An unnamed policy met earlier in the article, for coreference."""

    ref: Ref
    head: str
    issuers: frozenset[str]
    words: frozenset[str]
    start: int
    #: Where it was last spoken of (token index), for the same-sort window.
    last: int = 0


@dataclass
class _Policies:
    """The unnamed policies of one article in order of first mention."""

    items: list[_Minted] = field(default_factory=list)
    #: Lists met so far (named or not), for "the firms were listed".
    lists: list[Ref] = field(default_factory=list)
    #: Issuers passed on by a framing phrase to the policy it frames, by head token.
    carried: dict[int, list[Ref]] = field(default_factory=dict)
    #: Every policy the body of the text speaks of: (head token, kind of head, policy).
    found: list[tuple[Token, str, Candidate]] = field(default_factory=list)
    #: Unnamed policy phrases of the headline with their issuers, resolved at the end.
    headlines: list[tuple[Token, list[Ref]]] = field(default_factory=list)

    def same(self, head: str, issuers: frozenset[str], words_: frozenset[str],
             at: int) -> _Minted | None:
        """An earlier policy with the same head and issuer whose words do not conflict ("new
        U.S. chip curbs" ... "the U.S. curbs"), or of the same sort named shortly before
        ("proposed U.S. restrictions" ... "the U.S. rule"): a description refers to a
        policy near it, while two far apart may be two policies of one nation."""
        for item in reversed(self.items):
            if item.issuers & issuers and (words_ <= item.words or item.words <= words_) and (
                    item.head == head or (_kind_of(item.head) == _kind_of(head)
                                          and at - item.last < SAME_KIND_WINDOW)):
                return item
        return None

    def of_kind(self, kind: str, before: int) -> Candidate | None:
        """The latest earlier policy of this sort, named or not ("the act" ... "the bill")."""
        return next((candidate for token, found_kind, candidate in reversed(self.found)
                     if found_kind == kind and token.i < before), None)

    def antecedent(self, head: str, before: int) -> _Minted | None:
        """The latest earlier policy with this head, for "the ban", "the new rules"."""
        return next((item for item in reversed(self.items)
                     if item.head == head and item.start < before), None)


def _resolve_headlines(ctx: ArticleContext, policies: _Policies) -> None:
    """"China opens antitrust probe into Nvidia" over a body that says "the regulator opened
    an investigation into Nvidia": a headline compresses the article's policy into a word,
    so its phrase is the first policy of the body of the same sort (and issuer's nation,
    when the headline names one), which takes the headline's issuers and targets."""
    for head, issuers in policies.headlines:
        kind = _kind(head)
        nations = {_nation(ctx, r.candidate.id) for r in issuers}
        for token, found_kind, candidate in policies.found:
            if found_kind != kind or token.i <= head.i:
                continue
            own = {_nation(ctx, c.id) for c in ctx.objects_of(candidate.id, "issuedBy")}
            if nations and not nations & own:
                continue
            policy = Ref(candidate, candidate.label, 0.7)
            for issuer in issuers:
                ctx.add_fact(policy, "issuedBy", issuer, head.sent, 0.7)
            stated = [Ref(c, c.label, 0.7) for c in ctx.objects_of(candidate.id, "issuedBy")]
            named_below = {c.id for m in ctx.mentions if m.start >= head.sent.end
                           for c in (m.agent, m.place) if c is not None}
            for target in _targets(ctx, head, issuers + stated):
                # a headline's capitals mark no names: a target the body names too
                if target.candidate.id in named_below:
                    ctx.add_fact(policy, "targets", target, head.sent, 0.7)
            break


def _unnamed(ctx: ArticleContext, head: Token, issuers: list[Ref], direct: bool,
             policies: _Policies) -> Ref | None:
    """The policy an unnamed phrase denotes: an earlier one it refers back to, or a new one
    when it has an issuer and is a policy phrase."""
    lemma = _head_lemma(head)
    aliases = _aliases(ctx, head)
    if _is_anaphor(ctx, head) and (prior := policies.antecedent(lemma, head.i)):
        _register(ctx, prior.ref.candidate, aliases)
        return Ref(prior.ref.candidate, aliases[-1], prior.ref.confidence)
    named = policies.of_kind(_kind(head), head.i) if _is_anaphor(ctx, head) else None
    # a named policy whose issuer the text has not stated yet ("the ministry, which
    # administers the unreliable entity list, added X to that list") takes this one's
    named_nations = {_nation(ctx, c.id) for c in ctx.objects_of(named.id, "issuedBy")} \
        if named is not None else set()
    if named is not None and (not issuers or not named_nations or {
            _nation(ctx, r.candidate.id) for r in issuers} & named_nations):
        _register(ctx, named, aliases)  # "the CHIPS Act ... Congress passed the bill"
        return Ref(named, aliases[-1], 0.7)
    if lemma in ANAPHOR_HEADS:
        return None
    if not issuers or not _is_policy(head, direct):
        return None
    issuer_ids = frozenset(_nation(ctx, r.candidate.id) for r in issuers)
    label_words = frozenset(_label_words(ctx, head))
    prior = policies.same(lemma, issuer_ids, label_words, head.i)
    if prior is not None:
        candidate = prior.ref.candidate
        prior.last = head.i
    else:
        candidate = new_candidate("Policy", _label(ctx, head, issuers[0]))
        policies.items.append(_Minted(Ref(candidate, aliases[0], 0.8), lemma, issuer_ids,
                                      label_words, head.i, head.i))
    _register(ctx, candidate, aliases)
    return Ref(candidate, aliases[0], 0.8)


def _register(ctx: ArticleContext, candidate: Candidate, aliases: list[str]) -> None:
    for alias in aliases:
        ctx.register(Ref(candidate, alias, 0.8))


def _is_anaphor(ctx: ArticleContext, head: Token) -> bool:
    """"The ban", "these new rules": a definite phrase naming no issuer or kind of its own."""
    lefts = list(head.lefts)
    if not any(t.dep_ == "det" and t.lower_ in DEFINITE for t in lefts):
        return False
    return not any(t.dep_ in ("compound", "poss", "nmod") or ctx.mention_at(t) is not None
                   or nationality(ctx, t) is not None for t in lefts)
