"""partOf needs the body's own nationality (DESIGN.md "Structure": only where nationality is
explicit): a nation named for someone else in another clause, or a place where others are, does
not make the body part of that nation's government. Found by the blind set
tests/gold/heldout3; sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article


def part_of(nlp: Language, text: str) -> set[tuple[str, str]]:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2025, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[f.subject], labels[f.object]) for f in extraction.facts
            if f.predicate == "partOf"}


@pytest.mark.parametrize("text", [
    "A U.S. federal judge ruled on Thursday that the Commerce Department had acted lawfully.",
    "Industry groups in Washington have called on the Commerce Department to respond.",
])
def test_a_nation_named_for_someone_else_places_no_body(nlp: Language, text: str) -> None:
    assert part_of(nlp, text) == set()


@pytest.mark.parametrize("text", [
    "The US delegation was led by officials from the Commerce Department.",
    "The U.S. Commerce Department on Tuesday added four companies to its list.",
])
def test_the_body_s_own_nation_places_it(nlp: Language, text: str) -> None:
    assert part_of(nlp, text) == {("US Department of Commerce",
                                   "Government of the United States")}
