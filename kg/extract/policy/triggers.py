"""Trigger words and word sets the policy rules share (kg/data/lexicon/policy.toml).

Words used by one part of the rules only live with that part.
"""

from __future__ import annotations

from kg.extract.lexicon import words

DOCUMENT_HEADS = words("policy", "document_heads")
ISSUE_VERBS = words("policy", "issue_verbs")
LISTING_VERBS = words("policy", "listing_verbs")
SIGN_VERBS = words("policy", "sign_verbs")
LISTING_NOUNS = frozenset({"inclusion", "addition", "listing", "placement", "blacklisting"})
