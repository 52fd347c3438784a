"""Consolidated events in a real browser: one card per real-world event with its source count,
its disagreements, and every other report one click away with its evidence highlighted.

Served by the real `kg serve` over a store of its own (three reports of one meeting and one
of another), so the seed store the other browser tests count stays as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_samples import guard

from bench.api_server import ApiServer
from kg.ingest import ingest_articles
from kg.models import Article, Entity, Event, Evidence, Extraction
from kg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
ANN, BO, CY = "person/ann-lee", "person/bo-chen", "person/cy-wu"
NAMES = {ANN: "Ann Lee", BO: "Bo Chen", CY: "Cy Wu"}
SENTENCES = {
    "a1": "Ann Lee met Bo Chen in Woodside.",
    "a2": "Bo Chen held talks with Ann Lee.",
    "a3": "Ann Lee and Bo Chen met in San Francisco.",
    "b1": "Ann Lee met Cy Wu in Geneva.",
}


def report(key: str, published: str, people: tuple[str, str], date: str, place: str
           ) -> Extraction:
    sentence = SENTENCES[key]
    text = f"Talks, day {key}\n\nIt was a busy week. {sentence} More followed."
    start = text.index(sentence)
    article = Article(id=key, title=f"Report {key}", text=text, source=f"{key}.txt",
                      date=dt.date.fromisoformat(published))
    event = Event("Meeting", Evidence(sentence, start, start + len(sentence)), 0.9,
                  participants=people, date=date, location=place)
    return Extraction(article, tuple(Entity(p, NAMES[p], "Person") for p in people), (),
                      (event,))


REPORTS = [
    report("a1", "2023-11-15", (ANN, BO), "2023-11-15", "Woodside"),
    report("a2", "2023-11-16", (BO, ANN), "2023-11-15", "Woodside"),
    report("a3", "2023-11-17", (ANN, BO), "2023-11-16", "San Francisco"),
    report("b1", "2024-02-01", (ANN, CY), "2024-02-01", "Geneva"),
]


@pytest.fixture(scope="module")
def consolidated_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store_dir = tmp_path_factory.mktemp("web-consolidated") / "store"
    with EmbeddedStore(store_dir) as store:
        summary = ingest_articles(store, [r.article for r in REPORTS], extract=lambda _: REPORTS)
        assert not summary.errors
    with ApiServer(store_dir) as served:
        yield served.url


@pytest.fixture
def tab(browser_context: Any, consolidated_url: str) -> Iterator[Any]:
    """A tab that reaches only this module's server and fails on any JavaScript error."""
    page = browser_context.new_page()
    errors = guard(page, consolidated_url)
    yield page
    page.close()
    assert not errors, errors


def test_one_card_per_event_with_sources_and_every_report(tab: Any, consolidated_url: str
                                                          ) -> None:
    tab.goto(f"{consolidated_url}/#/entity/{ANN}")
    tab.wait_for_selector("main[data-view='entity']")
    cards = tab.locator("article.event")
    assert cards.count() == 2
    assert tab.locator("#events-heading").inner_text() == "Events (2)"
    meeting = tab.locator("article.event[data-sources='3']")
    assert meeting.locator(".sources").inner_text() == "3 sources"
    disagreements = meeting.locator(".meta.disagreement").all_inner_texts()
    assert disagreements == [" · 2023-11-15 or 2023-11-16", " · in San Francisco or Woodside"]
    # the earliest report's evidence is shown, highlighted in the text around it
    first = meeting.locator(":scope > .evidence-wrap blockquote.evidence mark")
    assert first.inner_text() == SENTENCES["a1"]
    # the other two are behind one click, each with its own highlighted sentence
    summary = meeting.locator("details.reports > summary")
    assert summary.inner_text() == "2 more reports"
    summary.click()
    others = meeting.locator("details.reports .report blockquote.evidence mark")
    others.first.wait_for()
    assert others.all_inner_texts() == [SENTENCES["a2"], SENTENCES["a3"]]
    single = tab.locator("article.event[data-sources='1']")
    assert single.locator(".sources").count() == 0
    assert single.locator("details.reports").count() == 0


def test_a_report_links_to_its_sentence_in_its_article(tab: Any, consolidated_url: str) -> None:
    tab.goto(f"{consolidated_url}/#/entity/{ANN}")
    meeting = tab.locator("article.event[data-sources='3']")
    meeting.locator("details.reports > summary").click()
    meeting.locator("details.reports .report a.article-link", has_text="Report a3").click()
    tab.wait_for_selector("main[data-view='article']")
    assert tab.locator("mark#evidence").inner_text() == SENTENCES["a3"]
