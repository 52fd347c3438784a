"""Title words: the title text of a zone, national and corporate titles, current posts.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import ArticleContext, Mention
from kg.extract.lexicon import table, words
from kg.extract.roles.countries import _nationality
from kg.extract.roles.triggers import MINISTRY_OF, SPOKESPERSON, TITLE_WORDS

NATIONAL_TITLES = words("roles", "national_titles")
CORPORATE_TITLES = words("roles", "corporate_titles")
TITLE_ABBREVIATIONS = table("roles", "title_abbreviations")


def _is_title_word(token: Token) -> bool:
    """A word of a title, also in the plural ("Presidents Biden and Xi")."""
    return token.lower_ in TITLE_WORDS or (
        token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() in TITLE_WORDS)


def _elect(ctx: ArticleContext, mention: Mention) -> bool:
    doc = ctx.doc
    return mention.start >= 2 and doc[mention.start - 1].lower_.endswith("elect")


def _before_posting(zone: Span) -> Span:
    """A diplomat's title up to the envoy word: "State Department deputy envoy" names the
    department, while "ambassador to the UN" names the posting, not the employer (ruling
    17: the national government)."""
    for token in zone:
        if token.lower_ in ("ambassador", "envoy", "representative"):
            return zone.doc[zone.start:token.i]
    return zone


def _title_text(ctx: ArticleContext, zone: Span, titles: list[Token],
                portfolio: set[int]) -> str:
    """The title words: from the first title word, stopping before "at/of <organisation>"."""
    doc = zone.doc

    def named(token: Token) -> bool:
        return ctx.mention_at(token) is not None and token.i not in portfolio

    start = titles[0].i
    while start > zone.start and not named(doc[start - 1]) and \
            doc[start - 1].pos_ not in ("PRON", "DET") and (
        _modifies_title(doc[start - 1], start) or (
            doc[start - 1].is_title and doc[start - 1].ent_type_ not in ("NORP", "GPE")
            and _nationality(ctx, doc[start - 1]) is None)
    ):
        start -= 1  # "Commerce Secretary", "commerce minister", not "British"
    end = zone.end
    for token in doc[start:zone.end]:
        if token.lower_ in ("at", "in") and token.i + 1 < zone.end and \
                any(named(t) for t in doc[token.i + 1:zone.end]):
            end = token.i
            break
        if named(token) and token.i > start:
            end = token.i
            break
    comma = next((t.i for t in doc[start + 1:end - 1] if t.text == "," and (
        _is_title_word(doc[t.i + 1]) or doc[t.i + 1].lower_ in TITLE_ABBREVIATIONS)), None)
    if comma is not None:
        end = comma  # "Its chairman, Rep. X": the first of two titles, each of its own body
    words_ = [TITLE_ABBREVIATIONS.get(w.lower(), w)  # "Sen." is written out "Senator"
              for w in doc[start:end].text.strip(" ,").split()]
    while words_ and words_[-1].lower() in ("of", "at", "in", "for", "and", "the", "to"):
        words_.pop()
    if words_ and words_[-1].lower().endswith("s") and words_[-1].lower()[:-1] in TITLE_WORDS:
        words_[-1] = words_[-1][:-1]  # "Presidents Biden and Xi": each one's title
    return " ".join(words_)


def _modifies_title(token: Token, start: int) -> bool:
    """A lower-case word compounded into the title ("commerce minister")."""
    return token.is_lower and token.dep_ in ("compound", "amod") and token.head.i >= start \
        and token.pos_ in ("NOUN", "ADJ", "PROPN")


def _is_national_title(zone: Span, titles: list[Token], title: str) -> bool:
    text = " ".join(t.lemma_.lower() if t.tag_ in ("NNS", "NNPS") else t.lower_ for t in titles)
    if text in NATIONAL_TITLES or title.lower() in NATIONAL_TITLES:
        return True
    return any(t.lower_ in NATIONAL_TITLES for t in titles[:1]) and not any(
        t.lower_ in SPOKESPERSON or t.lower_ in MINISTRY_OF for t in zone)


def _is_corporate(title: str) -> bool:
    lowered = title.lower()
    return any(lowered == t or lowered.endswith(" " + t) for t in CORPORATE_TITLES)
