"""An event only spoken of is not an event (DESIGN.md ruling 5): "the idea of a US-China
dialogue was first raised", "the prospect of talks between A and B"; and "discussed a deal
between A and B" makes A and B the sides of the deal, not a meeting of theirs (ruling 6: who
took part). Found with blind think-tank and wire sentences; positive twins keep the meeting."""

from __future__ import annotations

import pytest
from extraction_samples import events_by_label
from spacy.language import Language


@pytest.mark.parametrize(("text", "expected"), [
    ("The idea of a US-China dialogue on AI was first raised by scholars in 2021.", []),
    ("The prospect of talks between Washington and Beijing lifted markets.", []),
    ("Officials discussed a deal between Nvidia and Huawei.", []),
    ("Analysts discussed a possible deal between Nvidia and Huawei.", []),
    ("Analysts discussed the possibility of talks between Nvidia and Huawei.", []),
    # twins: a meeting that took place, and one whose partners are named with "with"
    ("The US-China dialogue on AI held in Geneva in May was the first of its kind.",
     [("Meeting", ["Government of China", "Government of the United States"])]),
    ("Wang Yi and Antony Blinken discussed a truce between the two countries.",
     [("Meeting", ["Wang Yi", "Antony Blinken"])]),
    ("Wang Yi held talks with Antony Blinken in Munich.",
     [("Meeting", ["Wang Yi", "Antony Blinken"])]),
])
def test_an_event_only_spoken_of_is_none(nlp: Language, text: str,
                                         expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected
