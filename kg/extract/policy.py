"""issuedBy and targets: export controls, curbs, bans, tariffs, lists, probes and guidance.

A named policy comes from the gazetteer; an unnamed one is a policy noun phrase ("the U.S.
ban", "guidance issued by the Commerce Department", "an investigation into Nvidia") and gets
a descriptive label from its issuer and head words ("US export controls"). Its aliases are
the surface strings the text uses for it (DESIGN.md: aliases are surface strings), and a
later definite reference with the same head ("the ban", "the rules") is the same policy.

Issuers (DESIGN.md conventions and ruling 15): a nationality, government or possessor before
the head, the subject or "by" agent of an issuing verb ("the US imposed restrictions", "rules
published by the ministry"), every conjunct of those. Targets: companies or destination
countries after "on/against/into", objects of a targeting verb ("aimed at Huawei"), what is
added to a list, a company named before the head ("the ZTE ban"). Regulatory acts against a
company (a ban, probe or fine stated with a verb alone) are policies too (ruling 8). The
signers of a joint text are its issuers, companies too for a joint pledge, but not the
proposer of a resolution (ruling 15). Hedged, negated, "possible" and headline-only phrases
and generic rules that are only cited ("in violation of WTO rules") are left out (ruling 5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Candidate, Mention, Ref
from kg.extract.entities import (
    COMPANY_NOUNS,
    candidate_of,
    country_readings,
    nationality,
    new_candidate,
)
from kg.extract.factuality import IRREALIS, is_factual
from kg.extract.lexicon import table, words

HEADS = words("policy", "heads")
GENERIC_HEADS = words("policy", "generic_heads")
DOCUMENT_HEADS = words("policy", "document_heads")
POLICY_MODIFIERS = words("policy", "policy_modifiers")
ISSUE_VERBS = words("policy", "issue_verbs")
TARGET_VERBS = words("policy", "target_verbs")
TARGET_PREPS = words("policy", "target_preps")
LISTING_VERBS = words("policy", "listing_verbs")
LIST_VERBS = words("policy", "list_verbs")
SIGN_VERBS = words("policy", "sign_verbs")
TITLE_HEADS = words("policy", "title_heads")
STRICT_HEADS = words("policy", "strict_heads")
SPONSOR_VERBS = words("policy", "sponsor_verbs")
IRREALIS_MODIFIERS = words("policy", "irrealis_modifiers")
IMPOSING_VERBS = words("policy", "imposing_verbs")
DESTINATION_PREPS = words("policy", "destination_preps")
IMPORT_HEADS = words("policy", "import_heads")
CITING_VERBS = words("policy", "citing_verbs")
CITING_PREPS = words("policy", "citing_preps")
HEDGES = words("policy", "hedges")
RATE_WORDS = words("policy", "rate_words")
DECISION_NOUNS = words("policy", "decision_nouns")
SIGNER_NOUNS = words("policy", "signer_nouns")
SUMMARY_NOUNS = words("policy", "summary_nouns")
ANNOUNCE_VERBS = words("policy", "announce_verbs")
SESSION_NOUNS = words("policy", "session_nouns")
ANAPHOR_HEADS = words("policy", "anaphor_heads")
HEAD_KINDS = table("policy", "head_kinds")
#: How near (in tokens) an earlier policy of the same sort but another head word must be
#: for a new phrase to be taken as the same policy (about three sentences of news prose).
SAME_KIND_WINDOW = 90
ALIAS_PREFIXES = sorted(words("policy", "alias_prefixes"), key=len, reverse=True)
VERB_POLICIES = table("policy", "verb_policies")
COMPANY_BLOCK_VERBS = words("policy", "company_block_verbs")
BLOCKED_OBJECTS = words("policy", "blocked_objects")
#: People who act for their government: "Chinese diplomats endorsed it" is China's act.
DELEGATES = frozenset({"diplomats", "officials", "negotiators", "delegates", "delegation",
                       "envoys", "ministers"})
LISTED = frozenset({"company", "entity", "firm", "organization", "organisation", "individual",
                    "person", "supplier", "contractor"})
LISTING_NOUNS = frozenset({"inclusion", "addition", "listing", "placement", "blacklisting"})
DEFINITE = frozenset({"the", "this", "these", "that", "those"})
ISSUER_TYPES = frozenset({"Government", "Alliance"})
TARGET_TYPES = frozenset({"Company", "Person", "Government"})
#: Longest "on ..." phrase kept in an alias ("controls on advanced computing items").
MAX_PP_ALIAS = 10


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


def extract_policies(ctx: ArticleContext) -> None:
    """One pass over the tokens: verb-only acts and company restrictions at verbs, named
    and unnamed policy phrases at their head nouns, in order, so "the ban" can refer back."""
    policies = _Policies()
    for token in ctx.tokens:
        if token.pos_ == "VERB":
            lemma = token.lemma_.lower()
            if lemma in COMPANY_BLOCK_VERBS:
                _company_restriction(ctx, token)
            if lemma in LIST_VERBS and policies.lists:
                _listed_by_verb(ctx, token, policies.lists[-1])
            elif lemma in VERB_POLICIES:
                _verb_policy(ctx, token, VERB_POLICIES[lemma])
        if token.lemma_.lower() in LISTING_NOUNS and policies.lists:
            _listed_among(ctx, token, policies.lists[-1])
        if token.lemma_.lower() in SIGNER_NOUNS:
            _signers_named(ctx, token, policies)
        known = ctx.mention_at(token)
        policy = None
        if known is not None and known.agent is not None and known.agent.type == "Policy":
            if token.i == ctx.doc[known.start:known.end].root.i:
                policy = Ref(known.agent, known.surface, known.confidence)
                _policy(ctx, token, policy, policies)
        elif known is None and _is_head_word(token):
            policy = _policy(ctx, token, None, policies)
        elif known is not None and known.agent is not None and _is_title_of(ctx, token, known):
            label = known.surface.removeprefix("the ").removeprefix("The ")
            titled = Ref(new_candidate("Policy", label), label, 0.7)
            policy = _policy(ctx, token, titled, policies)
            if policy is not None:
                _register(ctx, titled.candidate, _aliases(ctx, token))
        if policy is not None and token.lemma_.lower() in ("list", "blacklist"):
            policies.lists.append(policy)
        if policy is not None:
            policies.found.append((token, _kind(token), policy.candidate))
    _resolve_headlines(ctx, policies)


def _kind_of(lemma: str) -> str:
    return HEAD_KINDS.get(lemma, lemma)


def _kind(head: Token) -> str:
    """What sort of measure a head word names: "curbs", "restrictions" and "rules" are one
    sort, "probe" and "investigation" another (policy.toml head_kinds)."""
    lemma = _head_lemma(head)
    return HEAD_KINDS.get(lemma, HEAD_KINDS.get(head.lower_, lemma))


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


def _listed_by_verb(ctx: ArticleContext, verb: Token, listing: Ref) -> None:
    """"Two subsidiaries, A and B, were listed", "the rule also lists A and B": parties put on
    the list the article spoke of last."""
    if not is_factual(verb) or any(c.dep_ == "prep" and c.lower_ in ("to", "on", "onto", "in",
                                                                     "at")
                                   for c in verb.children):
        return  # "listed X on Y" names its own list; "listed in Shanghai" is a stock listing
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and not any(_is_head_word(c) or _issuer_refs(ctx, ctx.refs(c))
                            for c in subjects):
        return  # "the company lists its shares": not a government listing
    wanted = "nsubjpass" if not subjects else "dobj"
    for child in verb.children:
        if child.dep_ == wanted:
            for target in _named_targets(ctx, _subtree(ctx, child), parties_only=True):
                ctx.add_fact(listing, "targets", target, verb.sent, 0.7)


def _signers_named(ctx: ArticleContext, noun: Token, policies: _Policies) -> None:
    """"The endorsers include Britain, Japan and Germany", "Its signatories are A and B": the
    governments and bodies named sign the text the article spoke of last (ruling 15)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in ("include", "be") or \
            not is_factual(verb):
        return
    document = next((candidate for token, _, candidate in reversed(policies.found)
                     if token.i < noun.i and (_head_lemma(token) in DOCUMENT_HEADS
                                              or token.lower_ in DOCUMENT_HEADS)), None)
    if document is None:
        return
    policy = Ref(document, document.label, 0.7)
    named: list[Ref] = []
    for listed in (c for c in verb.children if c.dep_ in ("dobj", "attr")):
        described = {t.i for p in listed.subtree if p.dep_ == "prep"
                     and p.lower_ in ("from", "of", "in") for t in p.subtree}
        for token in listed.subtree:  # "developers from France": France signs nothing
            mention = ctx.mention_at(token)
            if token.i not in described and mention is not None and \
                    mention.agent is not None and token.i == mention.start:
                named.append(Ref(mention.agent, mention.surface, mention.confidence))
    for signer in _issuer_refs(ctx, named):
        ctx.add_fact(policy, "issuedBy", signer, verb.sent, 0.7)


def _listed_among(ctx: ArticleContext, noun: Token, listing: Ref) -> None:
    """"Among the PRC additions is Inspur Group": the parties a copula puts among the
    additions are put on the list the article spoke of last."""
    prep = noun.head
    verb = prep.head
    if noun.dep_ != "pobj" or prep.lower_ != "among" or verb.lemma_.lower() != "be":
        return
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "attr")):
        for target in _named_targets(ctx, [subject, *subject.conjuncts, *(
                t for c in (subject, *subject.conjuncts) for t in c.lefts)],
                parties_only=True):
            ctx.add_fact(listing, "targets", target, verb.sent, 0.7)


def _is_title_of(ctx: ArticleContext, token: Token, mention: Mention) -> bool:
    """"The Frontier AI Safety Commitments" taken for an organisation's name: a capitalised
    name ending in a policy word is the title of a document."""
    return mention.agent is not None and mention.agent.type in ("Company", "Alliance") and \
        token.i == mention.end - 1 and token.i == ctx.doc[mention.start:mention.end].root.i \
        and mention.end - mention.start > 1 and token.is_title and \
        (token.lower_ in TITLE_HEADS or token.lower_ in DOCUMENT_HEADS)


def _is_head_word(token: Token) -> bool:
    """A policy noun heading its phrase ("export controls", not "control" in "control list"),
    or the capitalised last word of a document's title ("the Seoul Ministerial Statement")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
        return False
    if token.lower_ in HEADS or token.lemma_.lower() in HEADS:
        return True
    if token.lower_ in TITLE_HEADS and any(  # "the ministerial statement adopted by ..."
            verb.lemma_.lower() in SIGN_VERBS | {"adopt"}
            and any(a.dep_ == "agent" for a in verb.children)
            for verb in (*(c for c in token.children if c.dep_ == "acl"),
                         *([token.head] if token.dep_ == "nsubjpass" else []))):
        return True
    return token.lower_ in TITLE_HEADS and token.is_title and token.i > token.sent.start and \
        any(t.dep_ == "compound" and t.is_title for t in token.lefts)


def _head_lemma(head: Token) -> str:
    lemma = head.lemma_.lower()
    return lemma if lemma in HEADS else head.lower_


# --- a company's own restriction and a verb-only act -------------------------------------
def _company_restriction(ctx: ArticleContext, verb: Token) -> None:
    """"OpenAI blocked access to its services in China": a company's own policy, which
    targets a place or a company and has no issuer."""
    company = next((r for c in verb.children if c.dep_ == "nsubj" and (r := ctx.ref(c))), None)
    blocked = next((c for c in verb.children if c.dep_ == "dobj"
                    and c.lemma_.lower() in BLOCKED_OBJECTS), None)
    if company is None or company.candidate.type != "Company" or blocked is None:
        return
    if not is_factual(verb) or ctx.in_headline(verb.sent):
        return
    targets = []
    for token in [*blocked.subtree, *(t for c in verb.children if c.dep_ == "prep"
                                      for t in c.subtree)]:
        if token.dep_ != "pobj" or token.head.lower_ not in ("in", "to", "for", "from"):
            continue
        place = ctx.ref(token, role="place")
        if place is not None and place.candidate.type in ("Country", "Company") and \
                place.candidate.id != company.candidate.id:
            targets.append((token.head.lower_, place))
    if not targets:
        return
    prep, first = targets[0]
    label = f"{company.candidate.label} restrictions on {blocked.lemma_.lower()} {prep} " \
            f"{first.candidate.label}"
    policy = Ref(new_candidate("Policy", label), label, 0.7)
    for _, target in targets:
        ctx.add_fact(policy, "targets", target, verb.sent, 0.7)


def _verb_policy(ctx: ArticleContext, verb: Token, noun: str) -> None:
    """"The regulator banned Alibaba and ByteDance from buying chips": a regulatory act
    stated by its verb alone is a Policy issuedBy the regulator, targeting the parties
    (DESIGN.md ruling 8)."""
    if not is_factual(verb):
        return
    issuers = [r for c in verb.children if c.dep_ == "nsubj" for r in ctx.refs(c)]
    issuers += [r for a in verb.children if a.dep_ == "agent"
                for p in a.children for r in ctx.refs(p)]
    issuers = _issuer_refs(ctx, issuers)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    targets = [r for o in objects for r in ctx.refs(o, role="place") if _is_target(r)]
    if not targets:  # "banned exports of gallium to the United States", "sales of X's chips"
        targets = [r for o in objects if o.lemma_.lower() in BLOCKED_OBJECTS
                   for r in _named_targets(ctx, _noun_tokens(o, 2), parties_only=True)]
    if not issuers or not targets:
        return
    label = f"{_short(issuers[0])} {noun} on {targets[0].candidate.label}"
    policy = Ref(new_candidate("Policy", label), noun, 0.75)
    for issuer in issuers:
        ctx.add_fact(policy, "issuedBy", issuer, verb.sent, 0.75)
    for target in targets:
        ctx.add_fact(policy, "targets", target, verb.sent, 0.75)


# --- policy noun phrases ------------------------------------------------------------------
def _policy(ctx: ArticleContext, head: Token, known: Ref | None,
            policies: _Policies) -> Ref | None:
    # "the Development Plan": a document's name is no intention; the verb over it decides
    trigger = head.head if head.lemma_.lower() in IRREALIS and head.head.i != head.i and (
        head.pos_ == "PROPN" or known is not None) else head
    if not is_factual(trigger, allow_modal=True) or _hedged(head):
        return None
    issuers, direct = _issuers(ctx, head)
    carried = policies.carried.pop(head.i, [])
    issuers += [r for r in carried if r.candidate.id not in {i.candidate.id for i in issuers}]
    if known is None and (inner := _framed_policy(ctx, head)) is not None:
        policies.carried[inner.i] = issuers  # "rules for an unreliable entity list"
        return None
    if known is not None:
        issuers += [r for r in _embedded_issuers(ctx, head)
                    if r.candidate.id not in {i.candidate.id for i in issuers}]
        if head.pos_ == "NOUN":  # a described policy the gazetteer knows: its shorter forms
            _register(ctx, known.candidate, _aliases(ctx, head))
        if head.dep_ == "appos" and _is_head_word(head.head):
            _register(ctx, known.candidate, _aliases(ctx, head.head))  # "the rulebook, X"
        elif (before := _comma_twin(head, after=False)) is not None and \
                ctx.mention_at(before) is None and _is_head_word(before):
            _register(ctx, known.candidate, _aliases(ctx, before))
    elif _named_apposition(ctx, head):
        return None  # "the rulebook, the Interim Measures ...": the named policy speaks
    elif ctx.in_headline(head.sent):
        if _is_policy(head, direct):  # the body says which policy it is: resolved at the end
            policies.headlines.append((head, issuers))
        return None  # headlines compress several policies into one word ("U.S. chip curbs")
    elif _frames_the_act(head):
        return None  # "added 140 firms to its list in a fresh crackdown on ...": the listing
    else:
        known = _unnamed(ctx, head, issuers, direct, policies)
        if known is None:
            return None
    sent = head.sent
    for issuer in issuers:
        ctx.add_fact(known, "issuedBy", issuer, sent, 0.8)
    stated = [Ref(c, c.label, 0.8) for c in ctx.objects_of(known.candidate.id, "issuedBy")]
    for target in _targets(ctx, head, issuers + stated):  # "the rule" issued earlier
        ctx.add_fact(known, "targets", target, sent, 0.75)
    return known


def _framed_policy(ctx: ArticleContext, head: Token) -> Token | None:
    """"The ministry issued rules for an unreliable entity list": rules that frame another
    policy are that policy's text; its issuers pass to the policy they set up."""
    if _head_lemma(head) not in GENERIC_HEADS or ctx.mention_at(head) is not None:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in prep.children:
                mention = ctx.mention_at(pobj)
                named = mention is not None and mention.agent is not None and \
                    mention.agent.type == "Policy"
                if pobj.dep_ == "pobj" and (named or (mention is None and _is_head_word(pobj))):
                    return ctx.doc[mention.start:mention.end].root if named and mention \
                        else pobj
    return None


def _frames_the_act(head: Token) -> bool:
    """"Washington added firms to its list in a new crackdown": an unnamed "in a <measure>"
    on an issuing verb describes the act that verb states, not a second policy."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "in" and prep.dep_ == "prep" and \
        prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in ISSUE_VERBS and \
        any(c.dep_ in ("dobj", "nsubjpass") for c in prep.head.children)


def _hedged(head: Token) -> bool:
    """"He would impose a tariff": a hypothetical act (DESIGN.md ruling 5), while "will"
    states a decided measure and stays."""
    verb = _governing_verb(head)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in HEDGES
                                    for c in verb.children)


def _comma_twin(head: Token, *, after: bool = True) -> Token | None:
    """"The rulebook, the Interim Measures ..., was published": an apposition the parser
    made a second subject (or object) of the same verb, the two phrases joined by a comma
    alone; the one after the head (or before it)."""
    for sibling in head.head.children:
        if sibling.dep_ != head.dep_ or sibling.i == head.i or (sibling.i > head.i) != after:
            continue
        first, second = (head, sibling) if after else (sibling, head)
        gap = head.doc[first.right_edge.i + 1:second.left_edge.i]
        if len(gap) == 1 and gap[0].text == ",":
            return sibling
    return None


def _named_apposition(ctx: ArticleContext, head: Token) -> bool:
    """Is the phrase in apposition with a named policy ("the rulebook, the Interim ...")?"""
    twin = _comma_twin(head)
    for token in (*(c for c in head.children if c.dep_ == "appos"), head.head,
                  *([twin] if twin is not None else [])):
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and \
                mention.agent.type == "Policy":
            return True  # "the rulebook, X", "X, the rulebook" or "the rulebook of X"
    return False


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


def _cited(head: Token) -> bool:
    """A generic rule cited, not issued: "in violation of WTO rules", "broke the law"."""
    if head.dep_ == "pobj" and head.head.lower_ in CITING_PREPS:
        return True
    return head.dep_ == "dobj" and head.head.lemma_.lower() in CITING_VERBS


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
    if named is not None and (not issuers or {_nation(ctx, r.candidate.id) for r in issuers} & {
            _nation(ctx, c.id) for c in ctx.objects_of(named.id, "issuedBy")}):
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


def _nation(ctx: ArticleContext, entity_id: str) -> str:
    """The national government an agency belongs to ("the U.S. ban" after "the ban ... by
    BIS" is one ban), or the issuer itself."""
    entry = ctx.gazetteer.get(entity_id)
    for _ in range(4):
        if entry is None or entry.part_of is None:
            break
        parent = ctx.gazetteer.get(entry.part_of)
        if parent is None:
            break
        entry = parent
    return entry.id if entry is not None else entity_id


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


def _is_policy(head: Token, direct: bool) -> bool:
    """Generic heads ("rules", "measures", "plan") are policies only with a policy word
    before them, an issuing verb, a list of organisations, or a named issuer before them
    (ruling 15: "Washington's rules"); a plan to do something is an intention, and a
    "possible" or "threatened" measure none yet (ruling 5)."""
    lemma = _head_lemma(head)
    if any(t.lower_ in IRREALIS_MODIFIERS for t in head.lefts):
        return False
    if lemma in DOCUMENT_HEADS and any(c.dep_ in ("acl", "xcomp") and
                                       any(g.lower_ == "to" for g in c.children)
                                       for c in head.children):
        return False
    if lemma not in GENERIC_HEADS:
        return True
    if _cited(head):
        return False
    if any(t.lower_ in POLICY_MODIFIERS for t in head.lefts) or _list_of_entities(head):
        return True
    verb = _governing_verb(head)
    if verb is not None and verb.lemma_.lower() in ISSUE_VERBS | SIGN_VERBS:
        return True
    # "Chinese law allows ...", "U.S. business conditions": a nation's law or conditions in
    # general, not a measure it issued
    return direct and lemma not in STRICT_HEADS


def _list_of_entities(head: Token) -> Token | None:
    """"its list of companies ...": a list whose members are organisations is a policy."""
    if head.lower_ != "list":
        return None
    return next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in LISTED), None)


# --- labels and aliases -------------------------------------------------------------------
def _label_words(ctx: ArticleContext, head: Token) -> list[str]:
    """The words saying what kind of policy it is ("export", "economic"), not describing
    ones ("new", "sweeping") nor names (issuers and targets)."""
    return [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")
            and (t.pos_ in ("NOUN", "PROPN") or _classifying(t))
            and nationality(ctx, t) is None and ctx.mention_at(t) is None]


def _label(ctx: ArticleContext, head: Token, issuer: Ref) -> str:
    """"US export controls": the issuer's short name and the policy words of the phrase."""
    phrase = " ".join([*_label_words(ctx, head), head.lower_])
    if (members := _list_of_entities(head)) is not None:
        phrase += f" of {members.text.lower()}"  # "list of companies"
    return f"{_short(issuer)} {phrase}"


def _short(issuer: Ref) -> str:
    short = issuer.surface.replace(".", "").replace("’s", "").replace("'s", "")
    if issuer.candidate.type == "Government" and not issuer.candidate.label.startswith("Gov"):
        short = issuer.candidate.label
    return short


def _classifying(adjective: Token) -> bool:
    """"economic", "secondary", "technological" say what kind of policy; "new", "tough",
    "sweeping" only describe it and stay out of its label."""
    return adjective.pos_ == "ADJ" and adjective.lower_.endswith(("al", "ic", "ary"))


def _aliases(ctx: ArticleContext, head: Token) -> list[str]:
    """The surface strings the text uses for the policy, longest first and the bare head
    last: with the nationality ("US export controls"), without issuer and target names
    ("export controls"), each shorter tail ("October 2022 restrictions", "restrictions"),
    and with its "on ..." phrase ("export controls on emerging technologies")."""
    modifiers = _prenominal(head)
    own = ctx.mention_at(head)  # a described policy the gazetteer knows keeps its words
    kept = [t for t in modifiers if not _is_name(ctx, t)
            or (own is not None and ctx.mention_at(t) is own)]
    out: list[str] = []
    if len(kept) < len(modifiers) and all(ctx.mention_at(t) is None or nationality(ctx, t)
                                          for t in modifiers):
        out.append(_text([*modifiers, head]))  # "U.S. semiconductor export controls"
    prep = next((c for c in head.children if c.dep_ == "prep"
                 and c.lower_ in ("on", "against")), None)
    phrase = _bare_phrase(prep) if prep is not None else []
    if phrase and len(phrase) <= MAX_PP_ALIAS:
        out.append(_text([*kept, head, *phrase]))
    title = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("on", "for", "of")
                  and head.pos_ == "PROPN"), None)
    if title is not None:  # "Joint Statement on X Meeting in Geneva", up to the comma
        words_ = []
        for token in head.doc[title.i:title.right_edge.i + 1]:
            if token.text in (",", ";", "(", "—"):
                break
            words_.append(token)
        out.insert(0, _text([*kept, head, *words_]))
    numbers = [t for t in head.rights if t.dep_ in ("nummod", "appos", "npadvmod")
               and t.like_num]
    if numbers:
        out.append(_text([head, *numbers]))  # "Directive 3000.09"
    for first in range(len(kept) + 1):
        if first in (0, len(kept)) or (kept[first - 1].whitespace_
                                       and not kept[first].is_punct):
            out.append(_text([*kept[first:], head]))
    return list(dict.fromkeys(a for a in out if a))


def _bare_phrase(prep: Token) -> list[Token]:
    """"on advanced computing items" of "on advanced computing items that BIS imposed ...":
    the phrase up to a clause, an apposition or a comma."""
    words_: list[Token] = []
    for token in prep.subtree:
        if token.dep_ in ("relcl", "acl", "appos", "advcl") or token.text in (",", ";", "(") \
                or token.lower_ in ("which", "that", "who"):
            break
        words_.append(token)
    return words_


def _prenominal(head: Token) -> list[Token]:
    """The words before the head inside its phrase, without determiners and possessors."""
    skip: set[int] = set()
    for child in head.lefts:
        if child.dep_ in ("det", "poss", "predet", "punct"):
            skip.update(t.i for t in child.subtree)
    tokens = [t for t in head.doc[head.left_edge.i:head.i] if t.i not in skip]
    cut = max((t.i for t in tokens if t.pos_ in ("ADP", "PRON", "SCONJ")
               or t.dep_ in ("prep", "pobj")), default=-1)
    tokens = [t for t in tokens if t.i > cut]  # "abuse of export controls" -> "export controls"
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("det", "case", "cc")):
        tokens.pop(0)
    return tokens


def _is_name(ctx: ArticleContext, token: Token) -> bool:
    return ctx.mention_at(token) is not None or nationality(ctx, token) is not None


def _text(tokens: list[Token]) -> str:
    """The words as written: spacing of the text between neighbours, one space across a
    word left out ("its \"reciprocal\" tariffs" -> "reciprocal tariffs")."""
    parts = []
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        adjacent = after is not None and after.i == token.i + 1
        parts.append(token.text_with_ws if adjacent or after is None else token.text + " ")
    text = "".join(parts).strip().strip(",;:\"'“”‘’").strip()
    for prefix in ALIAS_PREFIXES:
        text = text.removeprefix(prefix + " ")
    return text


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


def _own_clauses(ctx: ArticleContext, head: Token) -> list[Token]:
    """Issuing participles and relative clauses of the phrase: "guidance issued by X", and
    "controls on chips bound for China, which the department imposed", where the parser
    hangs the clause on the last name before it rather than on the policy."""
    verbs = ISSUE_VERBS | SIGN_VERBS
    if _head_lemma(head) in DOCUMENT_HEADS:
        verbs = verbs - SPONSOR_VERBS  # "a resolution proposed by China": China proposed it
    clauses = [c for c in head.children if c.dep_ in ("acl", "relcl")
               and c.lemma_.lower() in verbs]
    for token in head.subtree:
        if token.dep_ not in ("relcl", "acl") or token.head.i == head.i or \
                token.lemma_.lower() not in verbs:
            continue
        if (ctx.mention_at(token.head) or token.lemma_.lower() in IMPOSING_VERBS) and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that")
                for c in token.children):
            clauses.append(token)  # "controls on chips [for China], which/that X imposed"
        elif token.dep_ == "acl" and token.i > token.head.i + 1 and any(
                c.dep_ == "agent" for c in token.children) and any(
                t.is_punct for t in head.doc[token.head.i:token.i]):
            clauses.append(token)  # "the Statement on ... in Geneva, issued by A and B"
    return clauses


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


def _governing_verb(head: Token) -> Token | None:
    """The verb whose object the phrase is: "imposed restrictions", "added X to its list",
    "put X under export licensing", "were published by ..."; through coordination."""
    token = head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "added X to its list", not "signed the bill into law"; the parser may hang "to
        # the list" on the last listed name ("added 30 firms, including A and B, to ...")
        ancestor = token.head.head
        for _ in range(4):
            if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in LISTING_VERBS:
                return ancestor
            if ancestor.dep_ not in ("pobj", "prep", "conj", "dobj", "appos") or \
                    ancestor.head.i == ancestor.i:
                return None
            ancestor = ancestor.head
        return None
    if token.dep_ in ("dobj", "nsubjpass", "prep", "dative", "oprd") and \
            token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "appos" and token.head.dep_ in ("dobj", "nsubjpass"):
        return token.head.head if token.head.head.pos_ in ("VERB", "AUX") else None
    return None


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


# --- targets ------------------------------------------------------------------------------
def _targets(ctx: ArticleContext, head: Token, issuers: list[Ref]) -> list[Ref]:
    spans: list[Sequence[Token]] = []  # where names are targets, nationality words included
    listed: list[Sequence[Token]] = []  # parties: "13 Chinese entities" names no country
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and not (
                child.lower_ == "on" and _head_lemma(head) in DOCUMENT_HEADS):
            spans.append(_phrase_tokens(child))  # "a declaration on X": X is its subject
        elif child.dep_ == "prep" and child.lower_ == "of":
            spans += _rate_targets(child)  # "tariffs of 15 percent on coal from the U.S."
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in TARGET_VERBS:
            spans += _verb_objects(ctx, child, markets=False)

    for clause in _own_clauses(ctx, head):  # "tariffs that Washington placed on imports"
        spans += [_phrase_tokens(c) for c in clause.children
                  if c.dep_ == "prep" and c.lower_ in ("on", "against", "to")]
    if head.dep_ == "nsubj":  # "the rules could hurt sales and would also cover X"
        for shared in (head.head, *(c for c in head.head.conjuncts if not any(
                s.dep_ in ("nsubj", "nsubjpass") for s in c.children))):
            if shared.lemma_.lower() in TARGET_VERBS:
                spans += _verb_objects(ctx, shared)
    verb = _governing_verb(head)
    if verb is not None and head.dep_ == "dobj" and verb.lemma_.lower() in ISSUE_VERBS:
        spans += [_phrase_tokens(c) for c in verb.children
                  if c.dep_ == "prep" and c.lower_ in ("on", "against", "into")]
    summaries = [c for c in head.children if c.dep_ == "appos"]
    if verb is not None and head.dep_ == "dobj":
        summaries += [c for c in verb.children if c.dep_ in ("npadvmod", "appos")]
    for summary in summaries:  # "published rules ..., a measure that will oblige X to ..."
        if summary.lemma_.lower() in SUMMARY_NOUNS:
            spans += [s for c in summary.children if c.dep_ in ("acl", "relcl")
                      and c.lemma_.lower() in TARGET_VERBS
                      for s in _verb_objects(ctx, c, markets=False)]
    if verb is not None and head.dep_ == "pobj" and verb.lemma_.lower() in LISTING_VERBS:
        listed += [_subtree(ctx, c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   or (c.dep_ == "prep" and c.lower_ in ("among", "including", "along"))]
        # "added 140 firms to its list, including A and B": the parser hangs the examples
        # of the listed parties on the list itself
        listed += [_subtree(ctx, c) for c in head.children
                   if c.dep_ == "prep" and c.lower_ in ("among", "including")]
    if head.dep_ == "pobj" and head.head.head.lower_ in LISTING_NOUNS:
        listing = head.head.head
        listed += [ctx.doc[p.i + 1:p.right_edge.i + 1] for p in listing.children
                   if p.dep_ == "prep" and p.lower_ == "of"]
    listed += _listed_subjects(ctx, head)
    spans += _blocked_markets(head)
    spans += _sentence_targets(ctx, head, issuers)
    issuer_ids = {i.candidate.id for i in issuers}
    if (own := ctx.mention_at(head)) is not None and own.agent is not None:
        issuer_ids.add(own.agent.id)  # a title read as a name is not its own target
    goods = _head_lemma(head) in IMPORT_HEADS  # ruling 15: the country whose goods are hit
    found = [r for span in spans for r in _named_targets(ctx, span, goods=goods)]
    found += [r for span in listed for r in _named_targets(ctx, span, parties_only=True)]
    found += _named_modifiers(ctx, head)
    nations = {_nation(ctx, r.candidate.id) for r in issuers}
    return [r for r in found if r.candidate.id not in issuer_ids
            and not _own_country(ctx, r, nations)]


def _own_country(ctx: ArticleContext, ref: Ref, nations: set[str]) -> bool:
    """Is the country the issuers' own? "The rule prohibits U.S. persons from investing in
    China" regulates the issuer's own people; a target is a destination or a party abroad
    (DESIGN.md "Policies": targets = named company or destination country)."""
    if ref.candidate.type != "Country":
        return False
    readings = country_readings(ctx.gazetteer, ref.candidate.label)
    return readings is not None and readings[0].id in nations


def _rate_targets(prep: Token) -> list[list[Token]]:
    """"Tariffs of 15 percent on coal from the United States": the rate phrase carries
    what the measure hits; only a quantity ("percent", "%", a number) is looked through."""
    out: list[list[Token]] = []
    for rate in prep.children:
        if rate.dep_ != "pobj" or not (rate.lower_ in RATE_WORDS or rate.like_num):
            continue
        hit = [p for p in rate.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS]
        out += [_phrase_tokens(p) for p in hit]
        if hit:  # "on coal and gas from X": the parser may join "gas" to the rate
            out += [_noun_tokens(c, 2) for c in rate.conjuncts
                    if not (c.lower_ in RATE_WORDS or c.like_num)]
    return out


def _phrase_tokens(prep: Token, depth: int = 3) -> list[Token]:
    """The words of "on/into X" that can name what is hit: X and its conjuncts with their
    modifiers ("on Huawei's chips", "on Chinese goods") and destinations ("sales of chips
    to China", "tools bound for China"), but not descriptions in apposition or clauses
    ("into DuPont China, a unit of the U.S. company DuPont, on suspicion of ...")."""
    out: list[Token] = []
    for pobj in prep.children:
        if pobj.dep_ in ("pobj", "pcomp"):
            for noun in (pobj, *pobj.conjuncts):
                out += _noun_tokens(noun, depth)
    return sorted(set(out), key=lambda t: t.i)


def _noun_tokens(noun: Token, depth: int) -> list[Token]:
    out = [noun]
    for child in noun.lefts:
        out += child.subtree
    if noun.lemma_.lower() in COMPANY_NOUNS:  # "into the U.S. chipmaker Nvidia": its name
        out += [t for a in noun.rights if a.dep_ == "appos" and a.i == noun.i + 1
                for x in (a, *a.conjuncts) for t in (*x.lefts, x)]
    if depth <= 0:
        return out
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in DESTINATION_PREPS:
            out += _phrase_tokens(child, depth - 1)
        elif child.dep_ == "dobj" and noun.pos_ == "VERB":  # "from selling chips in China"
            out += [t for p in child.children if p.dep_ == "prep"
                    and p.lower_ in DESTINATION_PREPS for t in _phrase_tokens(p, depth - 1)]
        elif child.dep_ == "acl":
            out += [t for p in child.children if p.dep_ == "prep"
                    and p.lower_ in DESTINATION_PREPS for t in _phrase_tokens(p, depth - 1)]
            # "transactions involving chips and AI systems in China": the place hangs on
            # the participle's object, and names where the transactions are
            out += [t for d in child.children if d.dep_ == "dobj"
                    for x in (d, *d.conjuncts) for p in x.children if p.dep_ == "prep"
                    and p.lower_ in DESTINATION_PREPS for t in _phrase_tokens(p, depth - 1)]
    return out


def _subtree(ctx: ArticleContext, token: Token) -> Span:
    return ctx.doc[token.left_edge.i:token.right_edge.i + 1]


def _verb_objects(ctx: ArticleContext, verb: Token, *,
                  markets: bool = True) -> list[Sequence[Token]]:
    """What a targeting verb hits: its object, the phrase after "at/on/against" ("aimed at
    Huawei's chips", "restricting investment in China's chip sector"), and the supplier or
    market it is cut off from ("cut China off from Nvidia's processors")."""
    spans: list[Sequence[Token]] = [_subtree(ctx, c) for c in verb.children
                                    if c.dep_ == "dobj"]
    spans += [ctx.doc[c.i + 1:c.right_edge.i + 1] for c in verb.children
              if c.dep_ == "prep" and c.lower_ in ("at", "on", "against", "in")]
    if markets:  # not in a clause on the policy: "a list which bars them from China"
        spans += [_phrase_tokens(c) for c in verb.children
                  if c.dep_ == "prep" and c.lower_ == "from"]
    return spans


def _named_modifiers(ctx: ArticleContext, head: Token) -> list[Ref]:
    """"the ZTE ban", "Huawei sanctions": a company named before the head is its target."""
    refs = []
    for token in head.lefts:
        mention = ctx.mention_at(token)
        if token.dep_ == "compound" and mention is not None and mention.agent is not None \
                and mention.agent.type == "Company" and mention.place is None:
            refs.append(Ref(mention.agent, mention.surface, mention.confidence))
    return refs


def _listed_subjects(ctx: ArticleContext, head: Token) -> list[Sequence[Token]]:
    """"Huawei was added to the Entity List", "the company has been on the list since 2019",
    "SMIC has been hit by US sanctions"."""
    if head.dep_ != "pobj":
        return []
    verb = head.head.head
    if head.head.dep_ == "agent" and verb.lemma_.lower() in TARGET_VERBS:
        # "Nvidia has been blocked by U.S. controls from selling its chips in China": the
        # party here, the market in _blocked_markets
        return [_subtree(ctx, c) for c in verb.children if c.dep_ == "nsubjpass"]
    if head.head.lower_ not in ("on", "to", "onto"):
        return []
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    # "both firms have been on the list, A since 2019 and B since 2020": the named ones
    wanted = ("nsubjpass",) if verb.lemma_.lower() not in ("be", "remain", "stay") else (
        "nsubj", "nsubjpass", "npadvmod")
    return [_subtree(ctx, c) for c in verb.children if c.dep_ in wanted]


def _blocked_markets(head: Token) -> list[list[Token]]:
    """"blocked by U.S. controls from selling its chips in China": the market a party is
    kept from is a destination the policy targets."""
    verb = head.head.head
    if head.dep_ != "pobj" or head.head.dep_ != "agent" or \
            verb.lemma_.lower() not in TARGET_VERBS:
        return []
    return [_phrase_tokens(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]


def _sentence_targets(ctx: ArticleContext, head: Token, issuers: list[Ref]) -> list[Span]:
    """"Washington has sought to limit China's access ...": the same issuer restricting."""
    spans = []
    issuer_ids = {i.candidate.id for i in issuers}
    for verb in head.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in TARGET_VERBS or verb is head.head:
            continue
        subjects = _subjects(ctx, verb)
        if not subjects or subjects[0].candidate.id not in issuer_ids:
            continue
        spans += [ctx.doc[c.left_edge.i:c.i + 1] for c in verb.children if c.dep_ == "dobj"]
    return spans


def _is_target(ref: Ref) -> bool:
    return ref.candidate.type in TARGET_TYPES or ref.candidate.type == "Country"


def _named_targets(ctx: ArticleContext, span: Sequence[Token], *,
                   parties_only: bool = False, goods: bool = False) -> list[Ref]:
    """The companies and countries a span names. In a list of parties a nationality word
    describes a listed party ("13 Chinese entities") and is no target of its own."""
    refs: list[Ref] = []
    seen: set[int] = set()
    for token in span:
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and \
                mention.agent.type == "Policy" and (readings := nationality(ctx, token)):
            refs.append(Ref(readings[1], token.text, 0.8))  # "sanctions against Iran"
            continue
        if mention is None and goods and token.dep_ in ("amod", "compound", "poss") \
                and (readings := nationality(ctx, token)):
            refs.append(Ref(readings[1], token.text, 0.75))  # "tariffs on Chinese goods"
            continue
        if mention is None or mention.start in seen or mention.agent is None:
            continue
        seen.add(mention.start)
        root = ctx.doc[mention.start:mention.end].root
        if parties_only and root.dep_ == "pobj" and root.head.lower_ == "of" and \
                root.head.i >= span[0].i:
            continue  # "subsidiaries of BGI, A and B": the parent is not listed
        if mention.place is not None:
            if parties_only and _describes(ctx, mention):
                continue
            if root.dep_ in ("compound", "amod", "nmod", "poss") and \
                    root.head.lemma_.lower() in COMPANY_NOUNS:
                continue  # "into the U.S. chipmaker Nvidia": the company's nationality
            refs.append(Ref(mention.place, mention.surface, mention.confidence))
        elif mention.agent.type in TARGET_TYPES:
            refs.append(Ref(mention.agent, mention.surface, mention.confidence))
    return refs


def _describes(ctx: ArticleContext, mention: Mention) -> bool:
    """Is a country-like mention a modifier of a noun ("Chinese entities", "China's largest
    chipmaker") rather than a party itself?"""
    root = ctx.doc[mention.start:mention.end].root
    return root.dep_ not in ("dobj", "pobj", "nsubjpass", "nsubj", "conj", "appos") or \
        root.pos_ == "ADJ" or root.head.lower_ in ("of", "in", "from")
