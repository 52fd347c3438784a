"""Naming an unnamed policy: its descriptive label ("US export controls") and aliases.

Aliases are the surface strings the text uses for it (DESIGN.md: aliases are surface strings);
the label comes from the issuer's nation and the head words.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import ArticleContext, Ref
from kg.extract.entities import nationality
from kg.extract.lexicon import words
from kg.extract.policy.heads import _list_of_entities

ALIAS_PREFIXES = sorted(words("policy", "alias_prefixes"), key=len, reverse=True)
#: Longest "on ..." phrase kept in an alias ("controls on advanced computing items").
MAX_PP_ALIAS = 10


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
