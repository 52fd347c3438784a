"""Errors the small model makes on unseen news wording, corrected by general rules."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction


def run(nlp: Language, text: str, *, title: str = "") -> Extraction:
    article = Article(id="g", title=title, text=text, date=dt.date(2024, 3, 15))
    return extract_article(article, nlp=nlp)


def entity_ids(extraction: Extraction) -> set[str]:
    return {e.id for e in extraction.entities}


def test_a_city_in_a_dateline_is_not_a_government(nlp: Language) -> None:
    extraction = run(nlp, "HANGZHOU, China, March 2 (Reuters) - Tencent joined the Partnership "
                          "on AI on Friday.")
    assert not any("hangzhou" in key for key in entity_ids(extraction))
    assert {(f.subject, f.predicate) for f in extraction.facts} == {
        ("company/tencent", "memberOf")}


def test_an_unknown_country_that_acts_is_its_government(nlp: Language) -> None:
    extraction = run(nlp, "Kenya criticised the United States over the chip rules.")
    assert [(e.type, e.actor, e.target) for e in extraction.events] == [
        ("Criticism", "government/government-of-kenya",
         "government/government-of-the-united-states")]


def test_technology_acronyms_are_not_organisations(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department added Chinese GPU makers and AI firms to "
                          "the Entity List on Tuesday.")
    assert not any(key.endswith(("/gpu", "/ai")) for key in entity_ids(extraction))


def test_policy_labels_leave_out_describing_adjectives(nlp: Language) -> None:
    extraction = run(nlp, "The Commerce Department imposed sweeping new restrictions on "
                          "Nvidia on Tuesday.")
    policies = [e.label for e in extraction.entities if e.type == "Policy"]
    assert policies and all("new" not in p.split() and "sweeping" not in p for p in policies)
    assert ("targets", "company/nvidia") in {(f.predicate, f.object) for f in extraction.facts}


def test_a_headline_alone_does_not_make_an_unnamed_policy(nlp: Language) -> None:
    text = "US tightens chip export rules\n\nOfficials gave no details on Friday.\n"
    extraction = run(nlp, text, title="US tightens chip export rules")
    assert not [e for e in extraction.entities if e.type == "Policy"]
