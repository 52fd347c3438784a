"""Whose accusation, against whom (DESIGN.md ruling 16): a listing stated with its reason
("added X to the Entity List, saying they had helped ...") is the lister's criticism of the
listed, a bare listing no event; a concern raised "with X" is a criticism of X, the party
addressed, whatever the concern is about."""

from __future__ import annotations

import pytest
from extraction_samples import sides
from spacy.language import Language


@pytest.mark.parametrize(("text", "expected"), [
    # a listing with its reason, stated by a participle or "for"
    ("The Commerce Department on Tuesday added a dozen Chinese companies, including Huawei, to "
     "its Entity List, saying they had helped develop weapons for China's military.",
     [("US Department of Commerce", "Huawei")]),
    ("The Commerce Department added Huawei and ZTE to the Entity List for helping Iran evade "
     "sanctions.",
     [("US Department of Commerce", "Huawei"), ("US Department of Commerce", "ZTE")]),
    # a bare, a possible and a passive listing: no accusation by anyone
    ("The Commerce Department added Huawei to the Entity List on Tuesday.", []),
    ("The Commerce Department could add Huawei to the Entity List, saying it had helped Iran.",
     []),
    ("Huawei was added to the Entity List in 2019.", []),
    # the party addressed, not the issuer the concern's object resolves to
    ("Washington imposed new controls on chips last year. In Beijing, Janet Yellen said she had "
     "raised her concerns about the new export controls with Chinese officials.",
     [("Janet Yellen", "Government of China")]),
    ("Janet Yellen raised concerns with Chinese officials about the export controls.",
     [("Janet Yellen", "Government of China")]),
    # a "with"-partner of the concern's own object is not addressed
    ("Washington raised concerns about Beijing's ties with Japan.",
     [("Government of the United States", "Government of China")]),
    ("Beijing expressed concern over Washington's cooperation with Japan on chip controls.",
     [("Government of China", "Government of the United States")]),
    # "the listed firms" are a group: one named member does not stand for them
    ("The Commerce Department added Huawei and eleven other firms to the Entity List. Commerce "
     "Secretary Gina Raimondo said the listed firms posed a threat to national security.", []),
    ("Huawei was added to the Entity List on Monday. A day later, Commerce Secretary Gina "
     "Raimondo said the company posed a threat to national security.",
     [("Gina Raimondo", "Huawei")]),
])
def test_the_accusation_has_its_sides(nlp: Language, text: str,
                                      expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Criticism") == expected
