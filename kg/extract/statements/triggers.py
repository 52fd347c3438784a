"""Trigger words the statements frames share (kg/data/lexicon/statements.toml).

Words used by one frame only live with that frame.
"""

from __future__ import annotations

from kg.extract.lexicon import words

CRITICISM = words("statements", "criticism")
LIGHT_VERBS = words("statements", "light_verbs")
DEMAND = words("statements", "demand")
SPEECH = words("statements", "speech")
OBLIGATION = words("statements", "obligation")
PROPOSAL = words("statements", "proposal")
LAUNCH = words("statements", "launch")
SPEAKER_NOUNS = words("statements", "speaker_nouns")

AGENT_TYPES = frozenset({"Person", "Company", "Government", "Alliance"})
#: Sentences back that "he"/"she" may look for the person speaking.
PRONOUN_WINDOW = 3
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
