"""targets: whom a policy phrase is aimed at.

Companies or destination countries after "on/against/into", objects of a targeting verb ("aimed
at Huawei"), what is added to a list, a company named before the head ("the ZTE ban"); tariffs
and import measures target the country whose goods are hit (DESIGN.md rulings 8 and 15).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import COMPANY_NOUNS, country_readings, nationality
from kg.extract.lexicon import words
from kg.extract.policy.heads import _describes, _governing_verb, _head_lemma, _own_clauses
from kg.extract.policy.issuers import _subjects
from kg.extract.policy.naming import _nation
from kg.extract.policy.triggers import DOCUMENT_HEADS, ISSUE_VERBS, LISTING_NOUNS, LISTING_VERBS

TARGET_VERBS = words("policy", "target_verbs")
TARGET_PREPS = words("policy", "target_preps")
DESTINATION_PREPS = words("policy", "destination_preps")
IMPORT_HEADS = words("policy", "import_heads")
RATE_WORDS = words("policy", "rate_words")
SUMMARY_NOUNS = words("policy", "summary_nouns")
TARGET_TYPES = frozenset({"Company", "Person", "Government"})


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
        listed += [_without_clauses(ctx, c) for c in verb.children
                   if c.dep_ in ("dobj", "nsubjpass")
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
    listed += _subjects_under(ctx, head)
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
    subjects = [c for c in verb.children if c.dep_ in wanted]
    if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that", "who") for c in subjects):
        # "YMTC, which is already on the Entity List": the party the clause describes
        noun = verb.head
        return [ctx.doc[noun.left_edge.i:noun.i + 1]]
    return [_without_clauses(ctx, c) for c in subjects]


def _without_clauses(ctx: ArticleContext, token: Token) -> list[Token]:
    """A listed party's phrase without the clauses that describe it: in "Moore Threads,
    founded by a former Nvidia executive, X, was put on the list" neither Nvidia nor X is.
    A relative pronoun stands for the party its clause describes ("Zhipu, which the
    department added to its Entity List")."""
    if token.lower_ in ("which", "that", "whom") and token.head.dep_ == "relcl":
        noun = token.head.head
        return list(ctx.doc[noun.left_edge.i:noun.i + 1])
    left_out = {t.i for c in token.children if c.dep_ in ("acl", "relcl")
                for t in c.subtree}
    return [t for t in _subtree(ctx, token) if t.i not in left_out]


def _subjects_under(ctx: ArticleContext, head: Token) -> list[Sequence[Token]]:
    """"Vivo has been under investigation by the directorate since 2022", "the firm remains
    under sanctions": the party the clause puts under the act is its target (ruling 8)."""
    if head.dep_ != "pobj" or head.head.lower_ != "under":
        return []
    verb = head.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ("be", "remain", "stay",
                                                                         "come", "fall"):
        return []
    return [_without_clauses(ctx, c) for c in verb.children if c.dep_ == "nsubj"]


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
