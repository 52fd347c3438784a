"""Precision traps found by writing new articles nobody tuned for (tests/gold/heldout2):
a denied or negated partnership is no Cooperation, and a spokesperson or executive never
criticises his own employer (DESIGN.md: only what happened; Criticism = one party accuses
another). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction


def run(nlp: Language, text: str) -> Extraction:
    return extract_article(Article(id="t", title="", text=text, date=dt.date(2024, 6, 3)),
                           nlp=nlp)


def events(nlp: Language, text: str, event_type: str) -> set[tuple[str, ...]]:
    extraction = run(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    return {tuple(sorted(labels[p] for p in e.participants)) if e.participants else
            (labels[e.actor or ""], labels[e.target or e.proposed or ""])
            for e in extraction.events if e.type == event_type}


@pytest.mark.parametrize("text", [
    "Tencent denied reports that it had partnered with Huawei on cloud chips.",
    "Alibaba on Monday dismissed claims that it had teamed up with Nvidia to design chips.",
    "Xiaomi refuted a report that it had signed a deal with Qualcomm.",
    "No agreement was reached between the United States and China on chip exports.",
    "Baidu and Geely reached no agreement on the venture.",
])
def test_a_denied_or_negated_partnership_is_no_cooperation(nlp: Language, text: str) -> None:
    assert events(nlp, text, "Cooperation") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Baidu signed a memorandum of understanding with Nvidia on Tuesday.",
     {("Baidu", "Nvidia")}),
    ("Tencent announced a partnership with Huawei on cloud chips.", {("Huawei", "Tencent")}),
])
def test_an_asserted_partnership_still_counts(nlp: Language, text: str,
                                              expected: set[tuple[str, ...]]) -> None:
    assert events(nlp, text, "Cooperation") == expected


def test_a_spokesperson_does_not_criticise_his_own_ministry(nlp: Language) -> None:
    text = ("Foreign Ministry spokesperson Wang Wenbin said on Friday that the remark was "
            "\"extremely wrong\" and that China firmly opposed it.")
    assert not any(target == "Ministry of Foreign Affairs of China"
                   for _, target in events(nlp, text, "Criticism"))


def test_a_policy_under_no_retreat_still_stands(nlp: Language) -> None:
    text = ("Read: no retreat on the export controls on advanced chips bound for China, which "
            "the U.S. Commerce Department imposed in October 2022.")
    extraction = run(nlp, text)
    labels = {e.id: e.label for e in extraction.entities}
    issued = {(labels[f.subject], labels[f.object]) for f in extraction.facts
              if f.predicate == "issuedBy"}
    assert any("Department of Commerce" in issuer for _, issuer in issued), issued
