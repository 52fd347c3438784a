"""Small hand-made extractions for store and RDF tests (no NLP needed)."""

from __future__ import annotations

import datetime as dt

from kg.models import Article, Entity, Event, Evidence, Extraction, Fact


def make_extraction(text: str = "Acme Corp met Globex in Geneva to talk about AI chips.",
                    *, id: str = "sample") -> Extraction:
    """An extraction with one entity of each common shape, a fact and an event."""
    article = Article(id=id, title="Sample headline", text=text, date=dt.date(2024, 5, 1),
                      source=f"{id}.txt", url="https://example.org/sample")
    evidence = Evidence(text=text, start=0, end=len(text))
    acme = Entity("company/acme-corp", "Acme Corp", "Company", ("Acme",), None)
    globex = Entity("company/globex", "Globex", "Company", (), "Q1")
    return Extraction(
        article=article,
        entities=(acme, globex),
        facts=(Fact(acme.id, "investsIn", globex.id, evidence, 0.7),),
        events=(Event("Meeting", evidence, 0.8, participants=(acme.id, globex.id),
                      topics=("AI", "semiconductors"), date="2024-04", location="Geneva"),),
    )
