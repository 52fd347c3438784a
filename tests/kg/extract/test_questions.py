"""A question is not a request (DESIGN.md ruling 4: a Demand asks a named party to act):
"asked whether X would ...", "asked if ...", and the reporter's question put to a speaker
("Asked about the rules, Lin said ...") demand nothing of the party named in the question;
"asked X to <act>" and "asked that X <act>" do. Found with blind Q&A and briefing sentences."""

from __future__ import annotations

import pytest
from extraction_samples import sides
from spacy.language import Language


@pytest.mark.parametrize(("text", "expected"), [
    ("Asked whether Beijing would retaliate, Lin Jian said China would firmly safeguard its "
     "interests.", []),
    ("Beijing asked whether Washington would lift the ban on Huawei.", []),
    ("Reporters asked Lin Jian if China would ban Micron.", []),
    ("Beijing asked the United States to stop suppressing Chinese companies.",
     [("Government of China", "Government of the United States")]),
    ("Huawei said it objected to the listing and had asked the Commerce Department to "
     "reconsider.", [("Huawei", "US Department of Commerce")]),
    ("Beijing asked that Washington withdraw the rules.",
     [("Government of China", "Government of the United States")]),
])
def test_a_question_demands_nothing(nlp: Language, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert sides(nlp, text, "Demand") == expected
