"""Trigger lexicons of the rules, read from kg/data/lexicon/<section>.toml (data, not code).

One TOML file per rule family ("meetings", "policy", ...), so each family's words are edited
and reviewed on their own.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from spacy.tokens import Token

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@functools.cache
def _load(section: str) -> dict[str, Any]:
    """One section's file; KeyError naming the file if it does not exist."""
    path = LEXICON_DIR / f"{section}.toml"
    if not path.is_file():
        raise KeyError(f"no lexicon section {section!r} ({path} does not exist)")
    with path.open("rb") as file:
        return tomllib.load(file)


def words(section: str, key: str) -> frozenset[str]:
    """A lexicon as a set of lower-case words or phrases: words("meetings", "verbs")."""
    return frozenset(str(word).lower() for word in _load(section)[key])


def table(section: str, key: str) -> dict[str, str]:
    """A small mapping from the lexicon file, e.g. title -> organisation head noun."""
    return {str(k): str(v) for k, v in _load(section)[key].items()}


_SUFFIXES = ("ing", "ies", "es", "ed", "s", "d")


def matches(token: Token, lexicon: frozenset[str]) -> bool:
    """Is the token a form of a lexicon word? Checks the lemma and the word with a common
    inflection removed, since the small model sometimes lemmatises badly ("hopes" -> "hop")."""
    return not lexicon.isdisjoint(word_forms(token))


def word_forms(token: Token) -> frozenset[str]:
    """The strings `matches` looks up for a token; for rules that test many lexicons.

    Keyed by the token's lower-case and lemma hashes (plain ints, the same for a string in
    every Doc and Vocab: spaCy's StringStore hashes are content hashes), so a hit costs no
    string look-up; rules ask this some 1,400 times per article (bench corpus).
    """
    key = (token.lower, token.lemma)
    forms = _FORMS_BY_HASH.get(key)
    if forms is None:
        if len(_FORMS_BY_HASH) >= _FORMS_CACHE_SIZE:
            _FORMS_BY_HASH.clear()  # a bound on memory for endless streams; refills quickly
        forms = _FORMS_BY_HASH[key] = _forms(token.lower_, token.lemma_)
    return forms


#: (lower hash, lemma hash) -> word_forms; one per process, bounded like _forms.
_FORMS_BY_HASH: dict[tuple[int, int], frozenset[str]] = {}
_FORMS_CACHE_SIZE = 65536


@functools.lru_cache(maxsize=65536)
def _forms(lower: str, lemma: str) -> frozenset[str]:
    """Every string `matches` looks up for a word: its lemma, itself and its stems.

    Rules ask about the same token under many lexicons; the forms are computed once per
    distinct (word, lemma) pair, and each lexicon check is one set intersection.
    """
    forms = {lemma.lower(), lower}
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            forms.update((stem, stem + "e"))
            if suffix == "ies":
                forms.add(stem + "y")
    return frozenset(forms)
