"""issuedBy and targets: export controls, curbs, restrictions, sanctions, bans, entity lists.

A named policy comes from the gazetteer; an unnamed one gets a descriptive label from its
issuer and head phrase ("US export curbs"). The issuer is a nationality or government
modifying the phrase, its possessor, or the subject of an issuing verb ("the US imposed
restrictions", "added ... to its entity list"); targets are companies or destination
countries after "on/against", objects of a targeting verb, or what is added to a list.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import nationality, new_candidate
from kg.extract.factuality import is_factual
from kg.extract.lexicon import words

HEADS = words("policy", "heads")
ISSUE_VERBS = words("policy", "issue_verbs")
TARGET_VERBS = words("policy", "target_verbs")
TARGET_PREPS = words("policy", "target_preps")
COMPANY_BLOCK_VERBS = words("policy", "company_block_verbs")
BLOCKED_OBJECTS = words("policy", "blocked_objects")
#: Heads too generic to be a policy without a policy word before them ("export", "entity").
GENERIC_HEADS = frozenset({"measures", "rules", "regulations", "order", "law", "act", "list",
                           "limits"})
POLICY_MODIFIERS = frozenset({"export", "entity", "investment", "chip", "trade", "technology",
                              "restrictive", "outbound", "import", "visa", "executive"})
LISTED = frozenset({"company", "entity", "firm", "organization", "organisation", "individual",
                    "person", "supplier", "contractor"})
LISTING_NOUNS = frozenset({"inclusion", "addition", "listing", "placement", "blacklisting"})


def extract_policies(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        if token.pos_ == "VERB" and token.lemma_.lower() in COMPANY_BLOCK_VERBS:
            _company_restriction(ctx, token)
        known = ctx.mention_at(token)
        if known is not None and known.agent is not None and known.agent.type == "Policy":
            if token.i == ctx.doc[known.start:known.end].root.i:
                _policy(ctx, token, Ref(known.agent, known.surface, known.confidence))
        elif token.lower_ in HEADS and token.pos_ in ("NOUN", "PROPN") and _is_policy(token):
            _policy(ctx, token, None)


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


def _is_policy(head: Token) -> bool:
    if head.lower_ not in GENERIC_HEADS:
        return True
    return any(t.lower_ in POLICY_MODIFIERS for t in head.lefts) or _list_of_entities(head)


def _list_of_entities(head: Token) -> Token | None:
    """"its list of companies ...": a list whose members are organisations is a policy."""
    if head.lower_ != "list":
        return None
    return next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in LISTED), None)


def _policy(ctx: ArticleContext, head: Token, known: Ref | None) -> None:
    if not is_factual(head, allow_modal=True):
        return
    issuers = _issuers(ctx, head)
    if known is None:
        if not issuers or ctx.in_headline(head.sent):
            return
        known = _describe(ctx, head, issuers[0])
    sent = head.sent
    for issuer in issuers:
        ctx.add_fact(known, "issuedBy", issuer, sent, 0.8)
    for target in _targets(ctx, head, issuers):
        ctx.add_fact(known, "targets", target, sent, 0.75)


def _describe(ctx: ArticleContext, head: Token, issuer: Ref) -> Ref:
    """"US export controls": the issuer's short name and the policy words of the phrase."""
    words_before = [t for t in head.lefts if t.dep_ in ("compound", "amod")
                    and (t.pos_ in ("NOUN", "PROPN") or _classifying(t))
                    and nationality(ctx, t) is None and ctx.mention_at(t) is None]
    phrase = " ".join([*(t.lower_ for t in words_before), head.lower_])
    if (members := _list_of_entities(head)) is not None:
        phrase += f" of {members.text.lower()}"  # "list of companies"
    surface_start = min([t.i for t in head.lefts if t.dep_ not in ("det", "poss")] + [head.i])
    surface = ctx.doc[surface_start:head.i + 1].text
    short = issuer.surface.replace(".", "").replace("’s", "").replace("'s", "")
    if issuer.candidate.type == "Government" and not issuer.candidate.label.startswith("Gov"):
        short = issuer.candidate.label
    label = f"{short} {phrase}"
    return Ref(new_candidate("Policy", label), surface, 0.8)


def _classifying(adjective: Token) -> bool:
    """"economic", "secondary", "technological" say what kind of policy; "new", "tough",
    "sweeping" only describe it and stay out of its label."""
    return adjective.pos_ == "ADJ" and adjective.lower_.endswith(("al", "ic", "ary"))


def _issuers(ctx: ArticleContext, head: Token) -> list[Ref]:
    found: list[Ref] = []
    for token in ctx.doc[head.left_edge.i:head.i]:
        if (ref := _government(ctx, token)) is not None:
            found.append(ref)
        elif token.lower_ in ("its", "their") and (subject := _clause_subject(ctx, head)):
            found.append(subject)
    verb = _governing_verb(head)
    if not found and verb is not None:
        if verb.lemma_.lower() in ISSUE_VERBS:
            subject = _clause_subject(ctx, head)
            found += [subject] if subject else []
        for child in verb.children:
            if child.dep_ == "agent":
                found += [r for c in child.children if (r := _government(ctx, c))]
    return [r for r in found if r.candidate.type == "Government"]


def _government(ctx: ArticleContext, token: Token) -> Ref | None:
    mention = ctx.mention_at(token)
    if mention is not None and mention.agent is not None and mention.agent.type == "Government":
        return Ref(mention.agent, mention.surface, mention.confidence)
    readings = nationality(ctx, token)
    return Ref(readings[0], token.text, 0.8) if readings else None


def _governing_verb(head: Token) -> Token | None:
    token = head
    for _ in range(3):
        if token.dep_ in ("dobj", "nsubjpass", "pobj", "prep", "acl") and token.head is not token:
            token = token.head
            if token.pos_ == "VERB":
                return token
        else:
            break
    return head if head.dep_ == "acl" else None


def _clause_subject(ctx: ArticleContext, head: Token) -> Ref | None:
    verb = _governing_verb(head)
    while verb is not None:
        for child in verb.children:
            if child.dep_ == "nsubj" and (ref := ctx.ref(child)):
                return ref
        verb = verb.head if verb.dep_ in ("xcomp", "conj") and verb.head is not verb else None
    return None


def _targets(ctx: ArticleContext, head: Token, issuers: list[Ref]) -> list[Ref]:
    spans: list[Span] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            spans.append(ctx.doc[child.i + 1:child.right_edge.i + 1])
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in TARGET_VERBS:
        spans += [ctx.doc[c.left_edge.i:c.right_edge.i + 1] for c in head.head.children
                  if c.dep_ == "dobj"]
    verb = _governing_verb(head)
    if verb is not None and verb.lemma_.lower() == "add":
        spans += [ctx.doc[c.left_edge.i:c.right_edge.i + 1] for c in verb.children
                  if c.dep_ == "dobj"]
    if head.dep_ == "pobj" and head.head.head.lower_ in LISTING_NOUNS:
        listing = head.head.head
        spans += [ctx.doc[p.i + 1:p.right_edge.i + 1] for p in listing.children
                  if p.dep_ == "prep" and p.lower_ == "of"]
    spans += _listed_subjects(ctx, head)
    spans += _sentence_targets(ctx, head, issuers)
    issuer_ids = {i.candidate.id for i in issuers}
    return [r for span in spans for r in _named_targets(ctx, span)
            if r.candidate.id not in issuer_ids]


def _listed_subjects(ctx: ArticleContext, head: Token) -> list[Span]:
    """"Huawei was added to the Entity List", "the company has been on the list since 2019",
    "SMIC has been hit by US sanctions"."""
    if head.dep_ != "pobj":
        return []
    verb = head.head.head
    if head.head.dep_ == "agent" and verb.lemma_.lower() in TARGET_VERBS:
        return [ctx.doc[c.i:c.i + 1] for c in verb.children if c.dep_ == "nsubjpass"]
    if head.head.lower_ not in ("on", "to", "onto"):
        return []
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    wanted = ("nsubjpass",) if verb.lemma_.lower() not in ("be", "remain", "stay") else (
        "nsubj", "nsubjpass")
    return [ctx.doc[c.i:c.i + 1] for c in verb.children if c.dep_ in wanted]


def _sentence_targets(ctx: ArticleContext, head: Token, issuers: list[Ref]) -> list[Span]:
    """"Washington has sought to limit China's access ...": the same issuer restricting."""
    spans = []
    issuer_ids = {i.candidate.id for i in issuers}
    for verb in head.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in TARGET_VERBS or verb is head.head:
            continue
        subject = _clause_subject(ctx, next(iter(verb.children), verb)) or _verb_subject(ctx, verb)
        if subject is None or subject.candidate.id not in issuer_ids:
            continue
        spans += [ctx.doc[c.left_edge.i:c.i + 1] for c in verb.children if c.dep_ == "dobj"]
    return spans


def _verb_subject(ctx: ArticleContext, verb: Token) -> Ref | None:
    token: Token | None = verb
    while token is not None:
        for child in token.children:
            if child.dep_ == "nsubj" and (ref := ctx.ref(child)):
                return ref
        token = token.head if token.dep_ in ("xcomp", "conj") else None
    return None


def _named_targets(ctx: ArticleContext, span: Span) -> list[Ref]:
    refs: list[Ref] = []
    seen: set[int] = set()
    for token in span:
        mention = ctx.mention_at(token)
        if mention is not None and mention.agent is not None and \
                mention.agent.type == "Policy" and (readings := nationality(ctx, token)):
            refs.append(Ref(readings[1], token.text, 0.8))  # "sanctions against Iran"
            continue
        if mention is None or mention.start in seen or mention.agent is None:
            continue
        seen.add(mention.start)
        if mention.place is not None:
            refs.append(Ref(mention.place, mention.surface, mention.confidence))
        elif mention.agent.type in ("Company", "Person", "Government"):
            refs.append(Ref(mention.agent, mention.surface, mention.confidence))
    return refs

