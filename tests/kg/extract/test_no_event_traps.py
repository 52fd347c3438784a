"""Sentences that report no event under DESIGN.md (ruling 1: who can act; ruling 5: only what
happened; ruling 6: who took part), written blind as precision traps while building
tests/gold/heldout3 and kept as a guard: hypothetical, expected, negated, denied, declined and
threatened events, metaphors, critics who cannot act, exhibitors and audiences, unnamed
partners. Each must yield no event at all."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article

TRAPS = [
    # hypothetical, expected, planned
    "Beijing could retaliate if Washington sanctions Huawei again, analysts said.",
    "The two leaders are expected to meet in San Francisco next month.",
    "If the talks fail, Washington may impose new tariffs on Chinese chips.",
    "Huawei would welcome talks with American regulators, its chairman said.",
    "Reporters asked whether Xi Jinping would meet Joe Biden at the G20 summit.",
    "Beijing is likely to condemn the decision, according to diplomats.",
    "Sources said Alibaba was in talks with Nvidia about an AI partnership in China.",
    "Samsung is reportedly considering a joint venture with Baidu, people familiar said.",
    "Xi and Biden could agree on a ban on AI control of nuclear weapons, officials hoped.",
    # negated, denied, declined, cancelled
    "Biden has no plans to meet Xi Jinping before the election, the White House said.",
    "The Commerce Department denied that Gina Raimondo had met Wang Wentao in secret.",
    "Tencent has not signed any agreement with Nvidia, a spokesperson said.",
    "Nvidia declined to comment on whether it had partnered with Alibaba.",
    "Wang Yi and Antony Blinken had been scheduled to hold talks in Munich before the trip "
    "was cancelled.",
    "The meeting between Raimondo and Wang never took place.",
    "The deal that Nvidia had hoped to sign with Tencent collapsed in June.",
    # metaphors and bare retaliation
    "The chip war between Washington and Beijing shows no sign of ending.",
    "A war of words erupted over the weekend as state media mocked the new rules.",
    "In 2018, the United States and China were locked in a trade war that hit chipmakers.",
    # critics who cannot act (ruling 1)
    "Analysts at the Brookings Institution accused China of dumping cheap chips.",
    "The Global Times accused Washington of hypocrisy in an editorial on Monday.",
    "Former Commerce Secretary Wilbur Ross criticised the new rules as too weak.",
    "An official at the ministry, who declined to be named, criticised the US move.",
    # exhibitors, audiences, unnamed partners, not cooperation (ruling 13)
    "Microsoft and Amazon were among the companies exhibiting at the fair in Shanghai.",
    "The summit was attended by executives from Baidu, Alibaba and Tencent.",
    "Nvidia's chief executive Jensen Huang met Chinese suppliers in Shenzhen.",
    "A Tencent spokesperson said the company was cooperating with regulators in the probe.",
    "Nvidia complied with the new rules by designing a slower chip for China.",
    "Xi told the gathering that no country should seek hegemony.",
    "Raimondo said she would not hesitate to add more Chinese firms to the Entity List.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_a_trap_sentence_reports_no_event(nlp: Language, text: str) -> None:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2025, 6, 3)),
                                 nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    found = [(e.type, [labels[i] for i in (*e.participants, e.actor, e.target, e.proposed)
                       if i]) for e in extraction.events]
    assert found == []
