"""A clause the sentence calls false reports no event (DESIGN.md ruling 5: denied events are
not events): corrections ("an earlier version incorrectly said ..."), reports and claims said
to be untrue, groundless or fabricated, "falsely claimed that ...". Written blind as trap
sentences in wire, correction-notice and state-media voices; the act of the false speaker
itself still stands (positive twins)."""

from __future__ import annotations

import pytest
from extraction_samples import events_by_label
from spacy.language import Language

FALSIFIED = [
    # corrections and misstatements
    "An earlier version of this story incorrectly said Gina Raimondo met Wang Wentao on Monday.",
    "Correction: a previous version misstated that Huawei had signed a deal with Nvidia.",
    "Media reports mistakenly said that Biden and Xi had agreed to a new dialogue.",
    "Nvidia said it was erroneously reported that the company had partnered with SMIC.",
    # "falsely claimed" in reported speech
    "Zhang said the article falsely claimed that Beijing had urged TikTok to share data.",
    "China's foreign ministry said Washington had falsely claimed that Huawei was a threat.",
    # claims called false by their predicate
    "The claim that Alibaba partnered with the Chinese military is untrue, the company said.",
    "Reports that Baidu signed a deal with Apple were inaccurate, Baidu said.",
    "The spokesperson said reports that China had urged Nvidia to stop sales were groundless.",
    "Rumours that Tencent had agreed to buy a stake in Nvidia proved false.",
    # a rejected account parsed as a relative clause
    "Beijing disputed the account that Wang had pressed Blinken on Taiwan.",
]


@pytest.mark.parametrize("text", FALSIFIED)
def test_a_clause_called_false_reports_no_event(nlp: Language, text: str) -> None:
    assert events_by_label(nlp, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the false speaker's own accusation was made
    ("Beijing falsely accused Washington of spying, the ministry said.",
     [("Criticism", ["Government of China", "Government of the United States"])]),
    ("Nvidia said it had partnered with SMIC.",
     [("Cooperation", ["Nvidia", "SMIC"])]),
    ("The ministry correctly said that Huawei had signed a deal with Nvidia.",
     [("Cooperation", ["Huawei", "Nvidia"])]),
    ("The report that Baidu signed a deal with Apple was accurate, Baidu said.",
     [("Cooperation", ["Baidu", "Apple"])]),
])
def test_a_clause_not_called_false_stands(nlp: Language, text: str,
                                          expected: list[tuple[str, list[str]]]) -> None:
    assert events_by_label(nlp, text) == expected
