"""Titled surnames: "President Xi" or "Wang, the minister," linked to the one gazetteer
person of that surname; so is a lone name paired with a named person ("Trump and Xi").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.context import ArticleContext, Mention
from kg.extract.entities import POSSESSIVE, candidate_of
from kg.extract.roles.triggers import NOT_PORTFOLIO, SINGLE_TITLES, TITLE_WORDS
from kg.gazetteer import Gazetteer, GazetteerEntry

# --- "Secretary Bessent": a title before a known person's surname --------------------------

def _link_titled_surnames(ctx: ArticleContext) -> None:
    """A capitalised title right before one name of exactly one known person ("Treasury
    Secretary Bessent", "President Xi") names that person, even where the article never
    gives the full name (linking only joins short names to full names of the article)."""
    parts = _person_name_parts(ctx.gazetteer)
    doc = ctx.doc
    paired: dict[str, GazetteerEntry] = {}
    for token in ctx.tokens:
        if ctx.mention_at(token) is not None or not token.is_title or token.pos_ != "PROPN":
            continue
        titled = _titled_before(doc, token) or _titled_after(doc, token)
        if not titled and not _paired_with_person(ctx, token):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_title and following.pos_ == "PROPN":
            continue
        name = _bare(token)
        entries = parts.get(name, ())
        if len(entries) == 1:
            ctx.add_mention(Mention(token.i, token.i + 1, token.text, candidate_of(entries[0]),
                                    None, 0.8))
            if not titled:
                paired[name] = entries[0]
    for token in ctx.tokens:  # "Trump and Xi met ... Xi said": the same name again
        if ctx.mention_at(token) is None and token.is_title and token.pos_ == "PROPN" and \
                (entry := paired.get(_bare(token))) is not None and not (
                    token.i + 1 < len(doc) and doc[token.i + 1].is_title
                    and doc[token.i + 1].pos_ == "PROPN"):
            ctx.add_mention(Mention(token.i, token.i + 1, token.text, candidate_of(entry),
                                    None, 0.75))


def _bare(token: Token) -> str:
    name = token.text
    for ending in POSSESSIVE:
        name = name.removesuffix(ending)
    return name


def _paired_with_person(ctx: ArticleContext, token: Token) -> bool:
    """"Trump and Xi met", "a Trump-Xi summit": a lone name coordinated or hyphenated with a
    person the article names (or with another known person's lone name) is a person too.
    News introduces by the family name alone only leaders it need not introduce; the name
    must still be the name of exactly one known person (see above)."""
    doc = ctx.doc
    neighbours = [t for t in (token.head, *token.children) if t.dep_ == "conj" or (
        token.dep_ == "conj" and t.i == token.head.i)]
    if token.i >= 2 and doc[token.i - 1].text in ("-", "–") and not doc[token.i - 1].whitespace_:
        neighbours.append(doc[token.i - 2])
    if token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") and \
            not token.whitespace_:
        neighbours.append(doc[token.i + 2])
    parts = _person_name_parts(ctx.gazetteer)
    return any(((m := ctx.mention_at(t)) is not None and m.agent is not None
                and m.agent.type == "Person") or (m is None and t.pos_ == "PROPN"
                                                  and len(parts.get(_bare(t), ())) == 1)
               for t in neighbours if t.i != token.i)


def _titled_before(doc: Doc, token: Token) -> bool:
    """"Secretary Bessent": a capitalised title word right before."""
    return token.i > 0 and doc[token.i - 1].lower_ in TITLE_WORDS and doc[token.i - 1].is_title


def _titled_after(doc: Doc, token: Token) -> bool:
    """"Lutnick, the commerce secretary, said": a title in the apposition right after."""
    after = doc[token.i + 1:token.i + 7]
    if len(after) < 3 or after[0].text != "," or after[1].lower_ not in ("the", "a"):
        return False
    for word in after[2:]:
        if word.is_punct:
            return False
        if word.lower_ in TITLE_WORDS and word.lower_ not in NOT_PORTFOLIO - SINGLE_TITLES:
            return True
    return False


_NAME_PARTS: dict[int, dict[str, tuple[GazetteerEntry, ...]]] = {}


def _person_name_parts(gazetteer: Gazetteer) -> dict[str, tuple[GazetteerEntry, ...]]:
    """First and last names of the gazetteer's people (family names come first in Chinese)."""
    if id(gazetteer) not in _NAME_PARTS:
        parts: dict[str, list[GazetteerEntry]] = {}
        for entry in gazetteer.entries:
            if entry.type != "Person":
                continue
            names = entry.label.split()
            if len(names) < 2:
                continue
            for name in {names[0], names[-1]}:
                if entry not in parts.setdefault(name, []):
                    parts[name].append(entry)
        _NAME_PARTS[id(gazetteer)] = {k: tuple(v) for k, v in parts.items()}
    return _NAME_PARTS[id(gazetteer)]
