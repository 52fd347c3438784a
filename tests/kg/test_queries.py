"""Domain queries and the escaping that keeps user values out of the query's structure."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from samples import make_extraction

from kg.errors import InputError, QueryError
from kg.graph import neighbors, shortest_connection
from kg.queries import (
    EventFilter,
    entity,
    entity_id_iri,
    events,
    facts,
    meetings,
    search_entities,
    sparql_iri,
    sparql_literal,
    timeline,
)
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.store import EmbeddedStore

NASTY_STRINGS = [
    "",
    "plain",
    'say "hi"',
    "it's",
    "back\\slash",
    "trailing backslash\\",
    '\\"',
    "\\u0022 not a quote",
    "\\U0001F600",
    '"""',
    "'''",
    '" } ; DROP ALL ; #',
    '") } INSERT DATA { <urn:x> <urn:y> <urn:z> } #',
    "line\nbreak",
    "carriage\rreturn",
    "tab\there",
    "bell\x07 nul\x00 esc\x1b del\x7f",
    "form\ffeed back\bspace",
    "unicode: Wáng Wéntāo 王文涛 😀",
    "zero\u200bwidth and \u2028 line separator",
    "?var $var <iri> {braces} #comment",
]


@pytest.mark.parametrize("value", NASTY_STRINGS)
def test_sparql_literal_round_trips_through_oxigraph(value: str) -> None:
    query = f"SELECT ?x WHERE {{ VALUES ?x {{ {sparql_literal(value)} }} }}"
    rows = list(ox.Store().query(query))
    assert len(rows) == 1
    assert rows[0]["x"].value == value


def test_sparql_literal_refuses_lone_surrogates() -> None:
    with pytest.raises(InputError):
        sparql_literal("half \ud800 a pair")


@pytest.mark.parametrize("iri", ["", "urn:a b", "http://x/>", "http://x/{y}", 'http://x/"',
                                 "http://x/\\u003E", "http://x/\n", "http://x/|", "http://x/^"])
def test_sparql_iri_refuses_what_could_end_it(iri: str) -> None:
    with pytest.raises(QueryError):
        sparql_iri(iri)


def test_sparql_iri_accepts_real_iris() -> None:
    assert sparql_iri("https://w3id.org/aikg/id/person/xi-jinping") == (
        "<https://w3id.org/aikg/id/person/xi-jinping>")


@pytest.mark.parametrize("entity_id", ["person", "person/", "planet/mars", "person/Brad",
                                       "person/a/b", "person/x>", "person/-x", "person/a\n"])
def test_entity_ids_are_checked(entity_id: str) -> None:
    with pytest.raises(InputError):
        entity_id_iri(entity_id)


@pytest.fixture
def seeded(store: EmbeddedStore) -> EmbeddedStore:
    extraction = make_extraction()
    store.put_graph(article_graph_iri(extraction.article), extraction_to_graph(extraction))
    return store


def test_entities_search_and_detail(seeded: EmbeddedStore) -> None:
    total, rows = search_entities(seeded, text="ACME", entity_type="Company")
    assert total == 1 and rows[0].label == "Acme Corp"
    globex = entity(seeded, "company/globex")
    assert globex is not None and globex.same_as == ("http://www.wikidata.org/entity/Q1",)
    assert entity(seeded, "company/nobody") is None
    with pytest.raises(InputError, match="Planet"):
        search_entities(seeded, entity_type="Planet")


def test_facts_and_events_carry_evidence(seeded: EmbeddedStore) -> None:
    total, rows = facts(seeded, predicate="investsIn", subject="company/acme-corp")
    assert total == 1
    assert rows[0].evidence.article_id == "sample"
    assert rows[0].evidence.sentence.startswith("Acme Corp met Globex")
    total, found = events(seeded, EventFilter(types=("Meeting",), topic="AI",
                                              participants=("company/globex",)))
    assert total == 1 and found[0].location == "Geneva" and found[0].date == "2024-04"
    assert found[0].topics == ("AI", "semiconductors")


@pytest.mark.parametrize(("since", "until", "expected"), [
    (None, None, 1), (dt.date(2024, 4, 30), None, 1), (dt.date(2024, 5, 1), None, 0),
    (None, dt.date(2024, 4, 1), 1), (None, dt.date(2024, 3, 31), 0),
])
def test_month_precision_dates_compare_by_overlap(
        seeded: EmbeddedStore, since: dt.date | None, until: dt.date | None, expected: int
) -> None:
    total, _ = events(seeded, EventFilter(since=since, until=until))
    assert total == expected


def test_unknown_event_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown event type 'Party'; expected one of Meeting"):
        EventFilter(types=("Party",))


def test_an_event_filter_is_checked_when_made() -> None:
    """Both answerers read the IRIs the filter derived: ids and topic labels resolved once."""
    where = EventFilter(types=["Meeting"], participants=["company/baidu"],  # type: ignore[arg-type]
                        topic="Artificial Intelligence")
    assert where.types == ("Meeting",)
    assert where.participant_iris == ("https://w3id.org/aikg/id/company/baidu",)
    assert where.topic_iri == "https://w3id.org/aikg/topic/ai"
    assert where == EventFilter(types=("Meeting",), participants=("company/baidu",),
                                topic="Artificial Intelligence")
    assert EventFilter(topic="chips").topic_iri == "https://w3id.org/aikg/topic/semiconductors"
    assert EventFilter().topic_iri is None and EventFilter().participant_iris == ()


@pytest.mark.parametrize(("filters", "message"), [
    ({"participants": ("person/x> } DROP ALL #",)}, "not an entity id"),
    ({"participants": "company/baidu"}, "participants must be a sequence of strings"),
    ({"topic": "no such topic"}, "unknown topic 'no such topic'"),
    ({"since": dt.date(2024, 2, 1), "until": dt.date(2024, 1, 1)},
     r"since \(2024-02-01\) is after until \(2024-01-01\)"),
    ({"since": "2024-01-01"}, "since must be a date"),
])
def test_a_bad_event_filter_is_an_input_error(filters: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        EventFilter(**filters)  # type: ignore[arg-type]


def test_a_malformed_article_iri_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        EventFilter(article="https://example.org/a> } DROP ALL #")


def test_an_unknown_topic_names_close_labels(seeded: EmbeddedStore) -> None:
    with pytest.raises(InputError) as raised:
        meetings(seeded, topic="chipz")
    assert "semiconductors" in raised.value.suggestions  # type: ignore[attr-defined]


def test_meetings_keep_the_cli_shape(seeded: EmbeddedStore) -> None:
    rows = meetings(seeded, topic="AI")
    assert [(r.participants, r.location, r.article_title) for r in rows] == [
        (("Acme Corp", "Globex"), "Geneva", "Sample headline")]
    assert meetings(seeded, topic="trade") == []


def test_timeline_and_graph_walks(seeded: EmbeddedStore) -> None:
    assert timeline(seeded) == [("2024-04", "Meeting", 1)]
    hood = neighbors(seeded, "company/acme-corp")
    assert sorted((e.relation, e.kind) for e in hood.edges) == [("Meeting", "event"),
                                                               ("investsIn", "fact")]
    path = shortest_connection(seeded, "company/acme-corp", "company/globex")
    assert path is not None and len(path) == 1
    assert shortest_connection(seeded, "company/acme-corp", "company/acme-corp") == []
