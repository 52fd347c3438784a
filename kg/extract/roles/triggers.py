"""Title words and word sets the roles rules share (kg/data/lexicon/roles.toml).

Words used by one part of the rules only live with that part.
"""

from __future__ import annotations

from kg.extract.lexicon import table, words

TITLE_WORDS = frozenset(w for title in words("roles", "titles") for w in title.split())
SINGLE_TITLES = frozenset(t for t in words("roles", "titles") if " " not in t)
#: Words a portfolio name never is: one-word posts and their qualifiers.
NOT_PORTFOLIO = SINGLE_TITLES | words("roles", "title_modifiers")
SPOKESPERSON = words("roles", "spokesperson_titles")
BODY_NOUNS = words("roles", "body_nouns")
MINISTRY_OF = table("roles", "ministry_of")
#: Words that make a post a past one ("former", "ex-"): no roleIn (ruling 1).
NOT_CURRENT = words("roles", "not_current")
