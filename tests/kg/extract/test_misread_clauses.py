""""It came hours after leaders of X, meeting in Y, criticised Z": the small model reads
"after" as a preposition and coordinates "criticised" with "came", so the critic is the noun
after "after", never what "it" stands for (DESIGN.md ruling 2: the actor is the grammatical
subject). Found as heldout2's G7 sentence; sentences written for these tests."""

from __future__ import annotations

import pytest
from extraction_samples import sides
from spacy.language import Language


def test_the_critic_is_the_noun_after_after(nlp: Language) -> None:
    text = ("Washington restricted chip exports in October. The ban came days after leaders "
            "of the United Nations, gathering in Geneva, criticised China's \"coercion\".")
    assert set(sides(nlp, text, "Criticism")) == {("United Nations", "Government of China")}


def test_an_unnamed_critic_after_after_is_not_the_main_subject(nlp: Language) -> None:
    text = ("Washington restricted chip exports in October. It came hours after ministers, "
            "meeting in Paris, criticised China's \"coercion\".")
    assert set(sides(nlp, text, "Criticism")) == set()


@pytest.mark.parametrize("text", [
    "After the talks, Beijing criticised the rules and urged Washington to lift them.",
    "Beijing criticised the rules after the vote and urged Washington to lift them.",
])
def test_a_real_coordination_keeps_the_main_subject(nlp: Language, text: str) -> None:
    assert set(sides(nlp, text, "Demand")) == {
        ("Government of China", "Government of the United States")}
