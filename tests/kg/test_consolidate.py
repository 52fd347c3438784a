"""Consolidation on small hand-built article sets through a real on-disk store: exact clusters,
upkeep on add / replace / delete, entity merges, and a fresh process catching up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib.namespace import PROV

from kg.consolidate import (
    consolidated_event_of,
    consolidated_events,
    entity_merges,
    rebuild,
    refresh,
)
from kg.errors import InputError
from kg.ingest import delete_articles, ingest_articles
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact
from kg.namespaces import AIKG, ARTICLE, ID
from kg.rdf import article_graph_iri
from kg.store import EmbeddedStore

ANN, BO, CY = "person/ann-lee", "person/bo-chen", "person/cy-wu"
PEOPLE = {ANN: "Ann Lee", BO: "Bo Chen", CY: "Cy Wu"}


def iri(key: str) -> str:
    return str(ID[key])


def report(article_id: str, published: str, *events: Event, text: str = "",
           entities: Sequence[Entity] = ()) -> Extraction:
    """One article of the given events (its text is unique per id unless `text` is given)."""
    article = Article(id=article_id, title=article_id, text=text or f"Report {article_id}.",
                      date=dt.date.fromisoformat(published), source=f"{article_id}.txt")
    keys = {k for e in events for k in (*e.participants, e.actor, e.target) if k}
    found = {e.id: e for e in entities}
    people = [found.get(k) or Entity(k, PEOPLE[k], "Person") for k in sorted(keys)]
    return Extraction(article, tuple(people), (), tuple(events))


def meeting(*people: str, date: str | None = None, location: str | None = None,
            kind: str = "Meeting") -> Event:
    return Event(kind, Evidence("They met.", 0, 9), 0.9, participants=tuple(people),
                 date=date, location=location)


def ingest(store: EmbeddedStore, *extractions: Extraction, consolidate: bool = True) -> None:
    summary = ingest_articles(store, [e.article for e in extractions],
                              extract=lambda _: list(extractions), consolidate=consolidate)
    assert not summary.errors


def graph_of(extraction: Extraction) -> str:
    return str(article_graph_iri(extraction.article))


def shapes(store: EmbeddedStore) -> list[tuple[str, tuple[str, ...], tuple[str, ...], int]]:
    """(type, participants, dates, reports) of every consolidated event."""
    return [(e.type, e.participants, e.dates, len(e.reports)) for e in consolidated_events(store)]


FIVE = [
    report("a1", "2023-11-15", meeting(ANN, BO, date="2023-11-15", location="Woodside")),
    report("a2", "2023-11-16", meeting(ANN, BO, date="2023-11-15")),
    report("a3", "2023-11-16", meeting(ANN, BO)),  # no date: joins by publication window
    report("a4", "2023-11-18", meeting(ANN, BO, location="Woodside")),
    report("a5", "2023-11-20", meeting(BO, ANN, date="2023-11-15", location="woodside")),
]


def test_five_reports_of_one_meeting_are_one_event_with_five_sources(store: EmbeddedStore
                                                                     ) -> None:
    ingest(store, *FIVE)
    [event] = consolidated_events(store)
    assert (event.type, event.participants) == ("Meeting", (iri(ANN), iri(BO)))
    assert event.dates == ("2023-11-15",) and event.locations == ("Woodside",)
    assert event.source_count == 5 and len(event.reports) == 5
    assert event.first_reported == dt.date(2023, 11, 15)
    assert event.last_reported == dt.date(2023, 11, 20)
    assert event.disagreements == {}
    first_report = str(ARTICLE[FIVE[0].article.hash]) + "/event/0"
    assert first_report in event.reports
    assert consolidated_event_of(store, first_report) == event


def test_the_same_pair_months_apart_is_two_meetings(store: EmbeddedStore) -> None:
    ingest(store, report("b1", "2023-11-15", meeting(ANN, BO, date="2023-11-15")),
           report("b2", "2024-03-03", meeting(ANN, BO, date="2024-03-02")),
           report("b3", "2024-03-04", meeting(ANN, BO)))
    assert shapes(store) == [
        ("Meeting", (iri(ANN), iri(BO)), ("2023-11-15",), 1),
        ("Meeting", (iri(ANN), iri(BO)), ("2024-03-02",), 2),
    ]


def test_an_undated_report_outside_the_publication_window_stays_apart(store: EmbeddedStore
                                                                       ) -> None:
    ingest(store, report("c1", "2023-11-15", meeting(ANN, BO, date="2023-11-15")),
           report("c2", "2023-12-05", meeting(ANN, BO)))
    assert [len(e.reports) for e in consolidated_events(store)] == [1, 1]


def test_conflicting_places_are_kept_as_two_values(store: EmbeddedStore) -> None:
    ingest(store, report("d1", "2023-11-15", meeting(ANN, BO, date="2023-11-15",
                                                     location="Woodside")),
           report("d2", "2023-11-16", meeting(ANN, BO, date="2023-11-15",
                                              location="San Francisco")),
           report("d3", "2023-11-16", meeting(ANN, BO, date="2023-11-14")))
    [event] = consolidated_events(store)
    assert event.locations == ("San Francisco", "Woodside")
    assert event.disagreements == {"date": ("2023-11-14", "2023-11-15"),
                                   "location": ("San Francisco", "Woodside")}


def test_overlapping_participants_join_and_other_pairs_do_not(store: EmbeddedStore) -> None:
    ingest(store, report("e1", "2023-11-15", meeting(ANN, BO, date="2023-11-15")),
           report("e2", "2023-11-15", meeting(ANN, BO, CY, date="2023-11-15")),
           report("e3", "2023-12-01", meeting(ANN, CY, date="2023-12-01")),
           report("e4", "2023-11-15", meeting(ANN, BO, date="2023-11-15", kind="Cooperation")))
    assert sorted(shapes(store)) == [
        ("Cooperation", (iri(ANN), iri(BO)), ("2023-11-15",), 1),
        ("Meeting", (iri(ANN), iri(BO), iri(CY)), ("2023-11-15",), 2),
        ("Meeting", (iri(ANN), iri(CY)), ("2023-12-01",), 1),
    ]


def test_deleting_one_of_five_leaves_four_and_the_only_report_removes_it(
        store: EmbeddedStore) -> None:
    ingest(store, *FIVE, report("f1", "2024-01-01", meeting(ANN, CY, date="2024-01-01")))
    delete_articles(store, [graph_of(FIVE[0])])
    assert shapes(store) == [("Meeting", (iri(ANN), iri(BO)), ("2023-11-15",), 4),
                             ("Meeting", (iri(ANN), iri(CY)), ("2024-01-01",), 1)]
    only = store.find_article("f1")
    assert only is not None
    delete_articles(store, [only.graph])
    assert [len(e.reports) for e in consolidated_events(store)] == [4]
    assert consolidated_events(store)[0].first_reported == dt.date(2023, 11, 16)


def test_delete_refuses_what_is_not_an_article_graph(store: EmbeddedStore) -> None:
    ingest(store, FIVE[0])
    with pytest.raises(InputError, match="not an article graph"):
        delete_articles(store, [graph_of(FIVE[0]), "https://example.org/g"])
    assert len(consolidated_events(store)) == 1


def test_replacing_an_article_reclusters(store: EmbeddedStore) -> None:
    ingest(store, *FIVE[:2])
    replaced = report("a2", "2023-11-16", meeting(ANN, CY, date="2023-11-15"),
                      text="Report a2, corrected: Ann Lee met Cy Wu.")
    ingest(store, replaced)
    assert sorted(shapes(store)) == [("Meeting", (iri(ANN), iri(BO)), ("2023-11-15",), 1),
                             ("Meeting", (iri(ANN), iri(CY)), ("2023-11-15",), 1)]


COMPANIES = {
    "company/zhipu-ai": Entity("company/zhipu-ai", "Zhipu AI", "Company"),
    "company/zhipu": Entity("company/zhipu", "Zhipu", "Company"),
    "company/qubitron-dynamics": Entity("company/qubitron-dynamics",
                                            "Qubitron Dynamics", "Company"),
    "company/qubitrone-dynamics": Entity("company/qubitrone-dynamics",
                                             "Qubitrone Dynamics", "Company"),
    "person/zhipu": Entity("person/zhipu", "Zhipu", "Person"),
}


def deal(a: str, b: str, *, date: str | None = "2024-05-02") -> Event:
    return meeting(a, b, date=date, kind="Cooperation")


def test_entity_variants_merge_with_rule_and_score_and_events_follow(store: EmbeddedStore
                                                                     ) -> None:
    entities = list(COMPANIES.values())
    ingest(store,
           report("g1", "2024-05-02", deal("company/zhipu-ai", "company/qubitron-dynamics"),
                  entities=entities),
           report("g2", "2024-05-03", deal("company/zhipu", "company/qubitrone-dynamics"),
                  entities=entities),
           report("g3", "2024-05-03", meeting("person/zhipu", "company/zhipu", date=None),
                  entities=entities))
    # "Zhipu AI" is the gazetteer's (its canonical IRI); "Qubitron" is unknown to it.
    merges = [(m.entity, m.matched, m.canonical, m.rule, m.score) for m in entity_merges(store)]
    assert merges == [
        (iri("company/qubitrone-dynamics"), iri("company/qubitron-dynamics"),
         iri("company/qubitron-dynamics"), "fuzzy", 97.1),
        (iri("company/zhipu-ai"), iri("company/zhipu"), iri("company/zhipu-ai"), "core-name",
         100.0),
    ]
    cooperations = [e for e in consolidated_events(store) if e.type == "Cooperation"]
    assert [(e.participants, len(e.reports)) for e in cooperations] == [
        ((iri("company/qubitron-dynamics"), iri("company/zhipu-ai")), 2)]
    [meeting_event] = [e for e in consolidated_events(store) if e.type == "Meeting"]
    assert meeting_event.participants == (iri("company/zhipu-ai"), iri("person/zhipu"))


def test_short_forms_merge_only_when_one_company_has_that_first_word(store: EmbeddedStore
                                                                    ) -> None:
    names = {key: Entity(key, label, "Company") for key, label in (
        ("company/tianmu-computing", "Tianmu Computing"), ("company/tianmu", "Tianmu"),
        ("company/sunvale-robotics", "Sunvale Robotics"),
        ("company/sunvale-biotics", "Sunvale Biotics"), ("company/sunvale", "Sunvale"),
        ("company/hanxin", "Hanxin"), ("company/hanxing", "Hanxing"))}
    ingest(store, report("s1", "2024-05-03", deal("company/tianmu-computing", "company/sunvale"),
                         deal("company/tianmu", "company/sunvale-robotics"),
                         deal("company/sunvale-biotics", "company/hanxin"),
                         deal("company/hanxing", "company/tianmu"), entities=list(names.values())))
    assert [(m.entity, m.matched, m.rule, m.score) for m in entity_merges(store)] == [
        (iri("company/tianmu"), iri("company/tianmu-computing"), "short-form", 37.5)]


def test_a_person_is_never_merged_with_a_company(store: EmbeddedStore) -> None:
    ingest(store, report("h1", "2024-05-03", meeting("person/zhipu", ANN, date="2024-05-01"),
                         entities=[COMPANIES["person/zhipu"]]),
           report("h2", "2024-05-03", deal("company/zhipu-ai", ANN),
                  entities=[COMPANIES["company/zhipu-ai"]]))
    assert entity_merges(store) == []


def test_a_fresh_process_catches_up_and_equals_a_rebuild(store_path: Path) -> None:
    with EmbeddedStore(store_path) as store:
        ingest(store, *FIVE[:3], consolidate=False)
        assert consolidated_events(store) == []
    with EmbeddedStore(store_path) as store:
        refresh(store)  # nothing consolidated yet: a full rebuild
        assert [len(e.reports) for e in consolidated_events(store)] == [3]
        ingest(store, *FIVE[3:], consolidate=False)
        store.delete_graph(article_graph_iri(FIVE[0].article))  # behind consolidation's back
    with EmbeddedStore(store_path) as store:
        summary = refresh(store)
        assert summary.reports == 4
        incremental = consolidated_events(store)
        assert [len(e.reports) for e in incremental] == [4]
        rebuild(store)
        assert consolidated_events(store) == incremental


def test_incremental_upkeep_equals_a_rebuild(store: EmbeddedStore) -> None:
    for extraction in (*FIVE, report("i1", "2023-11-16", meeting(ANN, BO, CY))):
        ingest(store, extraction)
    delete_articles(store, [graph_of(FIVE[2])])
    incremental = consolidated_events(store)
    rebuild(store)
    assert consolidated_events(store) == incremental


US = "government/government-of-the-united-states"
CONTROLS = "policy/us-export-controls"


def policy_report(article_id: str, published: str, *, issuer: str = US,
                  date: str | None = None) -> Extraction:
    article = Article(id=article_id, title=article_id, text=f"Policy report {article_id}.",
                      date=dt.date.fromisoformat(published))
    fact = Fact(CONTROLS, "issuedBy", issuer, Evidence("It was issued.", 0, 14), 0.9,
                date=date)
    return Extraction(article, (Entity(CONTROLS, "US export controls", "Policy"),
                                Entity(issuer, "Government", "Government")), (fact,), ())


def test_one_policy_iri_splits_into_variants_by_date_and_issuer(store: EmbeddedStore) -> None:
    ingest(store, policy_report("p1", "2022-10-08", date="2022-10"),
           policy_report("p2", "2022-10-09"),  # undated: joins the first reading
           policy_report("p3", "2025-05-14", date="2025-05"))
    rows = store.query_native("""SELECT ?v ?issuer ?date (COUNT(?a) AS ?n) WHERE {
        ?v a aikg:PolicyVariant ; aikg:variantOf ?p ; prov:wasAttributedTo ?issuer ;
           aikg:date ?date ; prov:wasDerivedFrom ?a } GROUP BY ?v ?issuer ?date ORDER BY ?date""",
                              prefixes={"aikg": str(AIKG._NS), "prov": str(PROV)})
    assert [(r["issuer"].value, r["date"].value, int(r["n"].value)) for r in rows] == [
        (iri(US), "2022-10", 2), (iri(US), "2025-05", 1)]
    delete_articles(store, [graph_of(policy_report("p3", "2025-05-14", date="2025-05"))])
    assert not bool(store.query_native("ASK { ?v a aikg:PolicyVariant }",
                                       prefixes={"aikg": str(AIKG._NS)}))


def test_the_derived_graphs_conform_to_the_shapes(store: EmbeddedStore) -> None:
    from kg.validate import validate_store

    entities = list(COMPANIES.values())
    ingest(store, *FIVE, report("v1", "2024-05-02", deal("company/zhipu-ai", "company/zhipu"),
                                entities=entities),
           policy_report("v2", "2022-10-08", date="2022-10"),
           policy_report("v3", "2025-05-14", date="2025-05"))
    assert bool(store.query_native("ASK { ?m a aikg:EntityMerge . ?v a aikg:PolicyVariant }",
                                   prefixes={"aikg": str(AIKG._NS)}))
    validation = validate_store(store)
    assert validation.conforms, validation.text


def test_a_merge_found_later_reclusters_earlier_reports_and_undoes_on_delete(
        store: EmbeddedStore) -> None:
    names = [Entity("company/tianmu", "Tianmu", "Company"),
             Entity("company/tianmu-computing", "Tianmu Computing", "Company"),
             Entity("company/acme-robotics", "Acme Robotics", "Company")]
    first = report("t1", "2024-05-03", deal("company/tianmu-computing", "company/acme-robotics"),
                   entities=names)
    second = report("t2", "2024-05-04", deal("company/tianmu", "company/acme-robotics"),
                    entities=names)
    ingest(store, first)
    assert consolidated_events(store)[0].participants == (
        iri("company/acme-robotics"), iri("company/tianmu-computing"))
    ingest(store, second)  # only now is Tianmu Computing known as "Tianmu" (smaller IRI)
    assert [(e.participants, len(e.reports)) for e in consolidated_events(store)] == [
        ((iri("company/acme-robotics"), iri("company/tianmu")), 2)]
    incremental = consolidated_events(store)
    rebuild(store)
    assert consolidated_events(store) == incremental
    delete_articles(store, [graph_of(second)])
    assert entity_merges(store) == []
    assert [(e.participants, len(e.reports)) for e in consolidated_events(store)] == [
        ((iri("company/acme-robotics"), iri("company/tianmu-computing")), 1)]


def hub_meeting(index: int, day: dt.date, *, dated: str = "day", people: tuple[str, ...] = (
        ANN, BO)) -> Extraction:
    """A report of a meeting of the hub pair: dated by day, by month or not at all."""
    date = {"day": day.isoformat(), "month": day.isoformat()[:7], "none": None}[dated]
    published = day + dt.timedelta(days=index % 3)
    return report(f"hub{index}", published.isoformat(), meeting(*people, date=date))


def test_a_hub_pair_over_years_refreshes_locally_and_equals_a_rebuild(store: EmbeddedStore
                                                                     ) -> None:
    import random

    from kg.consolidate.events import BUCKET_DAYS, bucket_of

    start = dt.date(2021, 1, 4)
    weekly = [hub_meeting(i, start + dt.timedelta(days=7 * i)) for i in range(156)]
    # Three years of weekly meetings of one pair (one blocking group), and 100 days of daily
    # ones of another: days 1-2, 3-4, ... pair up (a report is within a day of the one
    # before, not of the one before that).
    daily = [hub_meeting(300 + i, dt.date(2022, 3, 1) + dt.timedelta(days=i), people=(ANN, CY))
             for i in range(100)]
    ingest(store, *weekly, *daily)
    assert len(consolidated_events(store)) == 156 + 50
    # One new, latest report reads only the pair's reports of its bucket and the two before.
    latest = start + dt.timedelta(days=7 * 156)
    summary = ingest_articles(store, [hub_meeting(156, latest).article],
                              extract=lambda _: [hub_meeting(156, latest)])
    near = [i for i in range(157)
            if bucket_of(start + dt.timedelta(days=7 * i)) >= bucket_of(latest) - 2]
    assert summary.consolidation is not None
    assert summary.consolidation.reports == len(near) < 3 * BUCKET_DAYS // 7 + 2
    # Late, undated, month-dated and three-way reports anywhere in the years, one at a time,
    # in a shuffled order; and deletions: each refresh must equal a rebuild.
    rng = random.Random(14)
    late = [hub_meeting(200 + i, start + dt.timedelta(days=rng.randrange(3 * 365)),
                        dated=rng.choice(["day", "month", "none"]),
                        people=rng.choice([(ANN, BO), (ANN, BO, CY), (BO, CY)]))
                    for i in range(12)]
    # A report of the day before the daily run shifts every pair after it, across buckets.
    late.insert(0, hub_meeting(299, dt.date(2022, 2, 28), people=(ANN, CY)))
    for step, extraction in enumerate(late):
        ingest(store, extraction)
        if step % 4 == 3:
            delete_articles(store, [graph_of(weekly[rng.randrange(156)])])
        incremental = consolidated_events(store)
        rebuild(store)
        assert consolidated_events(store) == incremental, f"step {step}"
    shifted = [e for e in consolidated_events(store) if e.participants == (iri(ANN), iri(CY))]
    assert [len(e.reports) for e in shifted] == [2] * 50 + [1]


def test_the_kept_entity_names_follow_every_write_as_a_whole_read_does(store: EmbeddedStore
                                                                       ) -> None:
    from kg.consolidate.entities import resolve_entities
    from kg.consolidate.namecache import current_resolution
    from kg.consolidate.reports import read_entity_names

    def whole() -> dict[str, str]:
        return resolve_entities(read_entity_names(store)).canonical

    names = [Entity("company/tianmu", "Tianmu", "Company"),
             Entity("company/tianmu-computing", "Tianmu Computing", "Company"),
             Entity("company/acme-robotics", "Acme Robotics", "Company")]
    first = report("n1", "2024-05-03", deal("company/tianmu-computing", "company/acme-robotics"),
                   entities=names)
    second = report("n2", "2024-05-04", deal("company/tianmu", "company/acme-robotics"),
                    entities=names)
    ingest(store, first)
    assert current_resolution(store).canonical == whole() == {}
    ingest(store, second)  # read from the change log: only n2's graph
    assert current_resolution(store).canonical == whole() == {
        iri("company/tianmu-computing"): iri("company/tianmu")}
    # A write behind consolidation's back (put_graph names its graph in the change log).
    store.put_graph(article_graph_iri(second.article), [
        f"<{iri('company/tianmu')}> a <{AIKG.Company}> .",
        f"<{iri('company/tianmu')}> <http://www.w3.org/2000/01/rdf-schema#label> \"Tianmu\" ."])
    assert current_resolution(store).canonical == whole()
    delete_articles(store, [graph_of(second)])
    assert current_resolution(store).canonical == whole() == {}
    assert entity_merges(store) == []
