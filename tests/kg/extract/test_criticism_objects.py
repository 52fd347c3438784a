"""Criticism whose target sits in the object: "disagrees with X's decision" and "opposes the
US abusing ..." when the small model hangs the gerund on a later noun (DESIGN.md: Criticism =
opposes; ruling 3: a decision stands for its issuer). Found by the blind set
tests/gold/heldout3; sentences written for these tests."""

from __future__ import annotations

import pytest
from extraction_samples import sides
from spacy.language import Language


def test_disagreeing_with_a_decision_criticises_its_issuer(nlp: Language) -> None:
    text = "Tencent said it strongly disagreed with the Commerce Department's decision."
    assert set(sides(nlp, text, "Criticism")) == {("Tencent", "US Department of Commerce")}


@pytest.mark.parametrize("text", [
    "Tencent and Baidu disagreed with each other about the price of the chips.",
    "Tencent said it disagreed with the forecast for next year.",
])
def test_disagreeing_with_no_named_party_criticises_no_one(nlp: Language, text: str) -> None:
    assert set(sides(nlp, text, "Criticism")) == set()


def test_opposing_a_party_s_conduct_criticises_the_party(nlp: Language) -> None:
    text = ("Beijing firmly opposes the US abusing export control measures to contain and "
            "suppress Chinese companies.")
    assert set(sides(nlp, text, "Criticism")) == {
        ("Government of China", "Government of the United States")}


def test_opposing_unnamed_conduct_criticises_no_one(nlp: Language) -> None:
    text = "Beijing opposes Chinese companies selling chips abroad."
    assert set(sides(nlp, text, "Criticism")) == set()


@pytest.mark.parametrize("text", [
    "China and the United States, which did not sign the declaration, criticised it.",
    "Tencent and Baidu criticised it as unworkable.",
])
def test_an_object_it_is_never_a_part_of_its_own_clause_s_subject(
        nlp: Language, text: str) -> None:
    """Before: "it" after "A and B ... criticised" was read as B (the subject's conjunct), a
    Criticism of B by A; the pronoun stands for the declaration, or for nothing named."""
    assert set(sides(nlp, text, "Criticism")) == set()


def test_an_object_it_still_names_an_earlier_party(nlp: Language) -> None:
    text = "China and Russia accused the United States of bullying and urged it to stop."
    assert ("Government of China", "Government of the United States") in set(
        sides(nlp, text, "Demand"))
