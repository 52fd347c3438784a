"""Name keys for entity resolution: normalised names and corporate cores.

Rules and their sources:
- normalisation is the scorer's (DESIGN.md "Scoring": case-folded, possessive 's, leading
  "the" and punctuation removed), so two names the evaluation aligns also resolve together;
- a company's *core* also drops trailing legal-form and generic suffixes ("Inc.",
  "Co., Ltd.", "Group", "Holdings", "Technologies", "AI"): the short forms news use for
  the same firm ("Zhipu AI" ~ "Zhipu", "Moonshot Technologies Co., Ltd." ~ "Moonshot").
  The list is the GLEIF legal-form abbreviations common in English-language reporting on
  US and Chinese firms, plus the generic words Chinese start-ups append to their brand.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Trailing words dropped from a company's name to find its core, longest first (see above).
COMPANY_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(sorted((
    tuple(s.split()) for s in (
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
        "llc", "plc", "gmbh", "ag", "sa", "nv", "bv", "pte", "group", "holdings", "holding",
        "technologies", "technology", "tech", "ai", "intelligence", "international",
        "co ltd", "company limited", "technology co", "group co",
    )), key=len, reverse=True))


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Case-folded ASCII words: accents, possessive 's, leading "the", punctuation removed.

    >>> normalise("The Zhipu AI's")
    'zhipu ai'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().strip()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=65536)
def core_name(name: str, entity_type: str) -> str:
    """The name a company goes by without its legal form or generic suffixes; for every other
    type the normalised name. Never empty when the name is not: "AI Group" keeps "ai".

    >>> core_name("Moonshot Technologies Co., Ltd.", "Company")
    'moonshot'
    >>> core_name("Zhipu AI", "Person")
    'zhipu ai'
    """
    words = normalise(name).split()
    if entity_type != "Company":
        return " ".join(words)
    stripped = True
    while stripped:
        stripped = False
        for suffix in COMPANY_SUFFIXES:
            if len(words) > len(suffix) and tuple(words[-len(suffix):]) == suffix:
                words = words[:-len(suffix)]
                stripped = True
                break
    return " ".join(words)


def match_key(name: str, entity_type: str) -> str:
    """The exact-match key: the core without spaces ("Sense Time" ~ "SenseTime")."""
    return core_name(name, entity_type).replace(" ", "")
