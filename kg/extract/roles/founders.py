"""roleIn "founder": the person who founded a company ("Y, founded by X", "Y was founded by X",
"X, who founded Y", "X co-founded Y").

A founder keeps the title (the gazetteer and the gold files write "founder" as a current title,
DESIGN.md "Structure"), so "a former Nvidia executive, X" founding Y is Y's founder; a negated
or hypothetical founding is none (ruling 5).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.factuality import is_factual, is_negated
from kg.extract.lexicon import words

FOUND_VERBS = words("roles", "found_verbs")


def extract_founders(ctx: ArticleContext) -> None:
    for verb in ctx.tokens:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in FOUND_VERBS:
            continue
        if is_negated(verb) or not is_factual(verb):
            continue
        company = _founded(ctx, verb)
        if company is None:
            continue
        for person in _founders(ctx, verb):
            ctx.add_fact(person, "roleIn", company, verb.sent, 0.75,
                         title=verb.lemma_.lower().replace("found", "founder"))


def _founded(ctx: ArticleContext, verb: Token) -> Ref | None:
    """The company founded: the verb's object, its passive subject, or the name a participle
    or relative clause describes ("Y, founded by X", "Y, a start-up founded by X")."""
    candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and not any(c.dep_ == "dobj" for c in verb.children):
        noun = verb.head
        candidates.append(noun)
        if noun.dep_ == "appos":
            candidates.append(noun.head)
    for token in candidates:
        ref = ctx.ref(token)
        if ref is not None and ref.candidate.type == "Company":
            return ref
    return None


def _founders(ctx: ArticleContext, verb: Token) -> list[Ref]:
    """The persons who founded: the "by" agent (or the name apposed to it: "by a former
    Nvidia executive, X"), the subject, or the person a relative clause describes."""
    tokens: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent":
            for noun in (c for c in child.children if c.dep_ == "pobj"):
                tokens += [noun, *noun.conjuncts,
                           *(a for a in noun.children if a.dep_ == "appos")]
        elif child.dep_ == "nsubj":
            tokens += [child, *child.conjuncts]
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who"
                                    for c in verb.children):
        tokens.append(verb.head)
    return [r for t in tokens if (r := ctx.ref(t)) is not None and r.candidate.type == "Person"]
