"""Consolidated answers (kg.queries.consolidated_events): several articles reporting one meeting
in their own words answer as one event with every report, on a real on-disk store through
the real pipeline; per-report answers are unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from kg.cli import main
from kg.extract import extract_articles
from kg.ingest import delete_articles, ingest_articles
from kg.models import Article, Entity, Event, Evidence, Extraction
from kg.namespaces import ID
from kg.queries import (
    _CONSOLIDATIONS,
    EventFilter,
    consolidated_events,
    consolidated_timeline,
    consolidation,
    events,
    timeline,
)
from kg.rdf import article_graph_iri
from kg.store import EmbeddedStore

MEETING = EventFilter(types=("Meeting",))
XI, RAIMONDO = str(ID["person/xi-jinping"]), str(ID["person/gina-raimondo"])
#: One meeting in three wordings (two places reported), and another meeting.
REPORTS = [
    ("r1", "2023-11-15", "Xi Jinping met Gina Raimondo in Beijing on Wednesday to discuss AI "
                         "chips."),
    ("r2", "2023-11-16", "Gina Raimondo held talks with Xi Jinping in Beijing on Wednesday "
                         "about artificial intelligence."),
    ("r3", "2023-11-17", "Chinese President Xi Jinping and US Commerce Secretary Gina Raimondo "
                         "met in Shanghai on Wednesday."),
    ("other", "2024-03-02", "Baidu met Tencent in Shenzhen on Monday to discuss AI."),
]


def articles(reports: Sequence[tuple[str, str, str]]) -> list[Article]:
    return [Article(id=key, title=f"Title {key}", text=text, source=f"{key}.txt",
                    date=dt.date.fromisoformat(published)) for key, published, text in reports]


def ingest(store: EmbeddedStore, nlp: Language, reports: Sequence[tuple[str, str, str]]) -> None:
    summary = ingest_articles(store, articles(reports),
                              extract=lambda batch: list(extract_articles(batch, nlp=nlp)))
    assert not summary.errors


@pytest.fixture
def reported(store: EmbeddedStore, nlp: Language) -> EmbeddedStore:
    ingest(store, nlp, REPORTS)
    return store


def test_one_meeting_reported_three_times_is_one_row_with_three_sources(
        reported: EmbeddedStore) -> None:
    total, rows = consolidated_events(reported, MEETING)
    assert total == 2
    first, other = rows
    assert first.participants == (RAIMONDO, XI) and first.consolidated
    assert (first.source_count, len(first.reports)) == (3, 3)
    assert [r.evidence.article_title for r in first.reports] == ["Title r1", "Title r2",
                                                                 "Title r3"]
    assert first.reports[0].evidence.sentence == REPORTS[0][2]
    assert (first.dates, first.locations) == (("2023-11-15",), ("Beijing", "Shanghai"))
    assert first.disagreements == {"location": ("Beijing", "Shanghai")}
    assert (first.date, first.location) == ("2023-11-15", "Beijing")  # the earliest report's
    assert (first.first_reported, first.last_reported) == ("2023-11-15", "2023-11-17")
    assert first.topics == ("AI", "semiconductors")
    assert (other.participants, other.source_count) == (
        (str(ID["company/baidu"]), str(ID["company/tencent"])), 1)
    per_report_total, per_report = events(reported, MEETING)
    assert per_report_total == 4 and len(per_report) == 4


def test_filters_select_by_any_report_and_pages_count_events(reported: EmbeddedStore) -> None:
    # 'semiconductors' is reported by r1 alone, yet the event comes with all three reports.
    total, [row] = consolidated_events(reported, EventFilter(types=("Meeting",),
                                                             topic="semiconductors"))
    assert total == 1 and len(row.reports) == 3
    total, rows = consolidated_events(reported, MEETING, limit=1, offset=1)
    assert total == 2 and [r.source_count for r in rows] == [1]
    since = EventFilter(types=("Meeting",), since=dt.date(2024, 1, 1))
    assert [r.source_count for r in consolidated_events(reported, since)[1]] == [1]
    who = EventFilter(participants=("person/xi-jinping",))
    assert [r.source_count for r in consolidated_events(reported, who)[1]] == [3]


def test_a_date_disagreement_shows_both_dates(store: EmbeddedStore, nlp: Language) -> None:
    ingest(store, nlp, [
        ("d1", "2023-11-16", "Xi Jinping met Gina Raimondo in Beijing on Wednesday."),
        ("d2", "2023-11-17", "Xi Jinping met Gina Raimondo in Beijing on Thursday."),
    ])
    [row] = consolidated_events(store, MEETING)[1]
    assert row.dates == ("2023-11-15", "2023-11-16") and row.source_count == 2
    assert row.disagreements == {"date": ("2023-11-15", "2023-11-16")}


def test_the_timeline_counts_each_event_once(reported: EmbeddedStore) -> None:
    assert consolidated_timeline(reported) == [("2023-11", "Meeting", 1), ("2024-02", "Meeting", 1)]
    assert timeline(reported) == [("2023-11", "Meeting", 3), ("2024-02", "Meeting", 1)]


def test_deleting_a_report_updates_the_answer(reported: EmbeddedStore) -> None:
    r2 = str(article_graph_iri(articles(REPORTS)[1]))
    delete_articles(reported, [r2])
    first = consolidated_events(reported, MEETING)[1][0]
    assert (first.source_count, [r.evidence.article_title for r in first.reports]) == (
        2, ["Title r1", "Title r3"])
    others = [str(article_graph_iri(a)) for a in articles(REPORTS)[:3:2]]
    delete_articles(reported, others)
    assert [r.participants for r in consolidated_events(reported, MEETING)[1]] == [
        (str(ID["company/baidu"]), str(ID["company/tencent"]))]


def test_the_cached_groupings_follow_writes_as_a_fresh_read_does(reported: EmbeddedStore,
                                                                 nlp: Language) -> None:
    before = consolidation(reported)
    assert consolidation(reported) is before  # no write: the cached answer, no query
    delete_articles(reported, [str(article_graph_iri(articles(REPORTS)[0]))])
    ingest(reported, nlp, [("r4", "2023-11-18", "Xi Jinping met Gina Raimondo on Wednesday.")])
    updated = consolidation(reported)  # read again only for the graphs the log names
    _CONSOLIDATIONS.clear()
    assert consolidation(reported) == updated
    [node] = {updated.node_of[r.iri] for r in events(reported, MEETING)[1]
              if XI in r.participants}
    assert len(updated.reports_of[node]) == 3


def test_a_report_not_consolidated_yet_stands_alone(store: EmbeddedStore, nlp: Language) -> None:
    summary = ingest_articles(store, articles(REPORTS[:2]), consolidate=False,
                              extract=lambda batch: list(extract_articles(batch, nlp=nlp)))
    assert not summary.errors
    total, rows = consolidated_events(store, MEETING)
    assert total == 2 and all(not r.consolidated and r.source_count == 1 for r in rows)
    assert [r.iri for r in rows] == [r.iri for r in events(store, MEETING)[1]]


# -- a participant merged into another (hand-made extractions: names the gazetteer lacks) ------

LONG, SHORT = "company/tianmu-computing-co-ltd", "company/tianmu-computing"
PARTNER = "company/baidu"


def meeting_report(key: str, published: str, company: Entity) -> Extraction:
    text = f"{company.label} met Baidu in Hangzhou."
    article = Article(id=key, title=key, text=text, source=f"{key}.txt",
                      date=dt.date.fromisoformat(published))
    event = Event("Meeting", Evidence(text, 0, len(text)), 0.9,
                  participants=(company.id, PARTNER), date="2024-06-03", location="Hangzhou")
    return Extraction(article, (company, Entity(PARTNER, "Baidu", "Company")), (), (event,))


def test_a_participant_filter_follows_entity_merges(store: EmbeddedStore) -> None:
    reports = [meeting_report("m1", "2024-06-03", Entity(LONG, "Tianmu Computing Co., Ltd.",
                                                         "Company")),
               meeting_report("m2", "2024-06-04", Entity(SHORT, "Tianmu Computing", "Company"))]
    summary = ingest_articles(store, [r.article for r in reports], extract=lambda _: reports)
    assert not summary.errors
    for asked in (LONG, SHORT):
        total, [row] = consolidated_events(store, EventFilter(participants=(asked,)))
        assert total == 1 and row.source_count == 2
        assert row.participants == (str(ID[PARTNER]), str(ID[SHORT]))  # canonical: smallest IRI
    # Per report, each name still finds only its own article.
    assert events(store, EventFilter(participants=(LONG,)))[0] == 1


def test_kg_meetings_prints_one_meeting_with_its_reports(
        store_path: Path, nlp: Language, capsys: pytest.CaptureFixture[str]) -> None:
    with EmbeddedStore(store_path) as store:
        ingest(store, nlp, REPORTS)
    assert main(["--store", str(store_path), "meetings", "--topic", "AI"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 meeting(s) about AI:",
        "- Gina Raimondo & Xi Jinping on 2023-11-15 in Beijing | Shanghai (reports disagree on "
        "location) [AI, semiconductors], 3 sources",
        f'    "{REPORTS[0][2]}" (Title r1)',
        f'    "{REPORTS[1][2]}" (Title r2)',
        f'    "{REPORTS[2][2]}" (Title r3)',
        "- Baidu & Tencent on 2024-02-26 in Shenzhen [AI], 1 source",
        f'    "{REPORTS[3][2]}" (Title other)',
    ]
    assert main(["--store", str(store_path), "meetings", "--per-report"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "4 meeting(s):" and len(lines) == 1 + 2 * 4
