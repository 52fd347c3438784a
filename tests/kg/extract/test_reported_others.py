"""A speaker who reports what unnamed others said or did is not their actor, and a claim a
party rejects is not an event (DESIGN.md rulings 1, 2 and 5). Found with blind trap
sentences written for tests/gold/heldout3; sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article


def statements(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2025, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(e.type, labels[e.actor or ""], labels[e.target or ""])
            for e in extraction.events if e.type in ("Criticism", "Demand")}


@pytest.mark.parametrize("text", [
    "Xi Jinping told reporters that some people in Washington accused China of theft.",
    "Gina Raimondo said critics had accused China of dumping cheap chips.",
])
def test_unnamed_others_reported_by_a_speaker_have_no_actor(nlp: Language, text: str) -> None:
    assert statements(nlp, text) == set()


def test_the_speaker_s_own_statement_still_counts(nlp: Language) -> None:
    text = "Gina Raimondo said the United States firmly opposed China's rare earth curbs."
    assert statements(nlp, text) == {("Criticism", "Gina Raimondo", "Government of China")}


def test_a_rejected_suggestion_is_no_demand(nlp: Language) -> None:
    text = "Gina Raimondo rejected suggestions that she had pressed China to buy more chips."
    assert statements(nlp, text) == set()


def test_rejecting_one_thing_and_urging_another_is_a_demand(nlp: Language) -> None:
    text = "Beijing rejected the accusation and urged Washington to stop smearing Tencent."
    assert ("Demand", "Government of China", "Government of the United States") in \
        statements(nlp, text)
