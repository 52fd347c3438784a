"""Company facts: basedIn where a nationality is stated, investsIn from investment wording.

basedIn: "Chinese telecommunications giant Huawei", "the Dutch company ASML", "China's own
technology giants — from Alibaba to Baidu", "Baidu was the only Chinese member". Never inferred
from a city. investsIn: "X's investment in Y", "X invested in Y", "Y, backed by X", "X, a backer
of Y", "X took a stake in Y".
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import COMPANY_NOUNS, nationality
from kg.extract.factuality import is_factual
from kg.extract.lexicon import words

INVEST_VERBS = words("investment", "verbs")
INVEST_NOUNS = words("investment", "nouns")
LIST_WORDS = frozenset({",", "and", "or", "like", "such", "as", "including", "from", "to", "—",
                        "–", "-", "notably", "especially", "the"})


def extract_based_in(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        if token.dep_ == "poss" and (country := _country_named(ctx, token)):
            owner = ctx.ref(token.head)  # "South Korea's Samsung", "Japan's SoftBank"
            if owner is not None and owner.candidate.type == "Company":
                ctx.add_fact(owner, "basedIn", country, token.sent, 0.85)
            continue
        if token.lower_ not in COMPANY_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        country = _stated_nationality(ctx, token)
        if country is None or not is_factual(token, allow_modal=True):
            continue
        for company in _companies_described(ctx, token):
            ctx.add_fact(company, "basedIn", country, token.sent, 0.85)


def _stated_nationality(ctx: ArticleContext, noun: Token) -> Ref | None:
    for token in ctx.doc[noun.left_edge.i:noun.i]:
        if (country := _country_named(ctx, token)) is not None:
            return country
    return None


def _country_named(ctx: ArticleContext, token: Token) -> Ref | None:
    """The Country a demonym or country name states; a capital city ("a Beijing startup")
    states a location, not a nationality, so it gives None."""
    readings = nationality(ctx, token)
    if readings is None:
        return None
    mention = ctx.mention_at(token)
    surface = mention.surface if mention is not None else token.text
    stated = ctx.gazetteer.country_of_demonym(token.text) is not None or bool(
        ctx.gazetteer.lookup(surface.removesuffix("’s").removesuffix("'s"), type="Country"))
    return Ref(readings[1], token.text, 0.9) if stated else None


def _companies_described(ctx: ArticleContext, noun: Token) -> list[Ref]:
    """The companies a nationality phrase describes: its own mention, the names after it,
    its appositive head, or the subject it is predicated of."""
    own = ctx.mention_at(noun)
    if own is not None and own.agent is not None:
        return _companies([ctx.ref(noun)])
    if noun.dep_ == "appos" and (ref := ctx.ref(noun.head)):
        return _companies([ref])
    if noun.dep_ == "attr":
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return _companies([ctx.ref(s) for s in subjects])
    found: list[Ref | None] = []
    sent_end = noun.sent.end
    i = noun.i + 1
    while i < sent_end:
        token = ctx.doc[i]
        mention = ctx.mention_at(token)
        if mention is not None:
            found.append(ctx.ref(token))
            i = mention.end
            continue
        if token.lower_ not in LIST_WORDS:
            break
        i += 1
    return _companies(found)


def _companies(refs: list[Ref | None]) -> list[Ref]:
    return [r for r in refs if r is not None and r.candidate.type == "Company"]


def extract_investments(ctx: ArticleContext) -> None:
    for token in ctx.tokens:
        lemma = token.lemma_.lower()
        if lemma in INVEST_VERBS and token.pos_ == "VERB":
            pair = _verb_investment(ctx, token)
        elif token.lower_ in INVEST_NOUNS or lemma in INVEST_NOUNS:
            pair = _noun_investment(ctx, token)
        else:
            continue
        if pair is None or not is_factual(token, allow_modal=False):
            continue
        investors, investee = pair
        for investor in investors:
            if investor.candidate.type == "Company" and investee.candidate.type == "Company":
                ctx.add_fact(investor, "investsIn", investee, token.sent, 0.8)


def _verb_investment(ctx: ArticleContext, verb: Token) -> tuple[list[Ref], Ref] | None:
    investors: list[Ref] = []
    investee = None
    for child in verb.children:
        if child.dep_ == "nsubj":
            investors = ctx.refs(child)
        elif child.dep_ == "nsubjpass":
            investee = ctx.ref(child)
        elif child.dep_ == "agent":
            investors = [r for c in child.children if c.dep_ == "pobj" for r in ctx.refs(c)]
        elif child.dep_ == "dobj" and verb.lemma_.lower() != "invest":
            investee = ctx.ref(child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "into"):
            investee = _object_of(ctx, child)
        if child.dep_ == "dobj" and investee is None:  # "invested billions in X"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "into"):
                    investee = _object_of(ctx, prep)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and investee is None:
        investee = ctx.ref(verb.head)  # "OpenAI, backed by Microsoft"
        if investee is None and verb.head.dep_ == "appos":
            investee = ctx.ref(verb.head.head)  # "Zhipu, a startup backed by Alibaba"
    return (investors, investee) if investors and investee else None


def _noun_investment(ctx: ArticleContext, noun: Token) -> tuple[list[Ref], Ref] | None:
    investor = investee = None
    for child in noun.children:
        if child.dep_ == "poss":
            investor = _possessor(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "of", "into"):
            investee = _object_of(ctx, child)
    if investor is None and noun.dep_ in ("dobj", "attr"):
        subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        investor = ctx.ref(subjects[0]) if subjects else None
    if investor is None and noun.dep_ == "appos":
        investor = ctx.ref(noun.head)
    return ([investor], investee) if investor and investee else None


def _object_of(ctx: ArticleContext, prep: Token) -> Ref | None:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return ctx.ref(objects[0]) if objects else None


def _possessor(ctx: ArticleContext, token: Token) -> Ref | None:
    """"its" -> the closest company named before it in the sentence."""
    if token.lower_ not in ("its", "their"):
        return ctx.ref(token)
    for i in range(token.i - 1, token.sent.start - 1, -1):
        mention = ctx.mention_at(ctx.doc[i])
        if mention and mention.agent and mention.agent.type == "Company":
            return ctx.ref(ctx.doc[i])
    return None
