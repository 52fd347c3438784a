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

This module runs the rules over an article and reads a policy phrase (heads.py) into a policy
with its issuers (issuers.py), targets (targets.py), label and aliases (naming.py), one per
coreferent phrase (coreference.py); verb-only regulatory acts and listings are read here.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import new_candidate
from kg.extract.factuality import IRREALIS, is_factual
from kg.extract.lexicon import table, words
from kg.extract.policy.coreference import _Policies, _register, _resolve_headlines, _unnamed
from kg.extract.policy.heads import (
    _comma_twin,
    _framed_policy,
    _frames_the_act,
    _head_lemma,
    _hedged,
    _is_head_word,
    _is_policy,
    _is_title_of,
    _kind,
    _named_apposition,
    _standing_under_request,
)
from kg.extract.policy.issuers import _embedded_issuers, _issuer_refs, _issuers
from kg.extract.policy.naming import _aliases, _short
from kg.extract.policy.targets import _is_target, _named_targets, _noun_tokens, _subtree, _targets
from kg.extract.policy.triggers import DOCUMENT_HEADS, LISTING_NOUNS

__all__ = ["extract_policies"]

LIST_VERBS = words("policy", "list_verbs")
SIGNER_NOUNS = words("policy", "signer_nouns")
VERB_POLICIES = table("policy", "verb_policies")
COMPANY_ONLY_VERBS = words("policy", "company_only_verbs")
COMPANY_BLOCK_VERBS = words("policy", "company_block_verbs")
BLOCKED_OBJECTS = words("policy", "blocked_objects")


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
            ctx.policy_phrases.append((token.i, _kind(token), policy.candidate))
    _resolve_headlines(ctx, policies)


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
    if not targets:  # "banned 59 Chinese apps, including TikTok": the parties it names
        targets = [r for o in objects for c in o.children if c.dep_ == "prep"
                   and c.lower_ in ("including", "like") for p in c.children
                   if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                   for r in ctx.refs(t, role="place") if _is_target(r)]
    if not targets:  # "banned exports of gallium to the United States", "sales of X's chips"
        targets = [r for o in objects if o.lemma_.lower() in BLOCKED_OBJECTS
                   for r in _named_targets(ctx, _noun_tokens(o, 2), parties_only=True)]
    if not targets and any(o.lemma_.lower() in BLOCKED_OBJECTS for o in objects):
        # "banned sales of chips to China": the parser hangs the destination on the verb
        targets = [r for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")
                   for r in _named_targets(ctx, list(c.subtree), parties_only=True)]
    if not targets:  # "banned its personnel from using DeepSeek": what they may not use
        targets = [r for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"
                   for r in _named_targets(ctx, _noun_tokens(g, 2) + [
                       t for o in g.children if o.dep_ in ("dobj", "dative")
                       for t in (_noun_tokens(o, 2) if o.dep_ == "dobj" else o.subtree)],
                       parties_only=True)]
    if verb.lemma_.lower() in COMPANY_ONLY_VERBS:
        targets = [r for r in targets if r.candidate.type == "Company"]
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
    if (not is_factual(trigger, allow_modal=True) and not _standing_under_request(head)) \
            or _hedged(head):
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
    elif (named := _named_apposition(ctx, head)) is not None:
        if named.agent is not None:  # "X, a rule that ...": later "the rule" is X
            ctx.policy_phrases.append((head.i, _kind(head), named.agent))
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
