"""A headline that proposes an unnamed body ("calls for global AI cooperation body") is the
body's named proposal, not a second one: headlines compress, the lead names it (as for
policies, kg/extract/policy _resolve_headlines). Found by the blind set tests/gold/heldout3;
articles written for these tests."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article


def proposals(nlp: Language, title: str, body: str) -> set[tuple[str, str]]:
    article = Article(id="t", title=title, text=f"{title}\n\n{body}", date=dt.date(2025, 7, 26))
    extraction = extract_article(article, nlp=nlp)
    labels = {e.id: e.label for e in extraction.entities}
    return {(labels[e.actor or ""], labels[e.proposed or ""])
            for e in extraction.events if e.type == "Proposal"}


def test_a_headline_s_unnamed_body_is_the_lead_s_named_one(nlp: Language) -> None:
    title = "Xi Jinping calls for global chip cooperation body"
    body = ("BEIJING, July 26 (Wire) -- Chinese President Xi Jinping on Saturday proposed the "
            "establishment of a Global Chip Cooperation Alliance to share chipmaking know-how.")
    assert proposals(nlp, title, body) == {("Xi Jinping", "Global Chip Cooperation Alliance")}


def test_a_named_proposal_in_the_headline_still_counts(nlp: Language) -> None:
    title = "Xi Jinping proposes the Partnership on AI as a model"
    body = "BEIJING, July 26 (Wire) -- Chinese President Xi Jinping spoke on Saturday."
    assert proposals(nlp, title, body) == {("Xi Jinping", "Partnership on AI")}
