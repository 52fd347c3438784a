"""Consistency: what is written is what is stored, what is exported re-imports the same, and
the store conforms to the SHACL shapes, whatever characters the articles and names hold."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hardening_support import SPLITLINES_ONLY, assert_conforms, meeting_extraction, seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_isomorphic

from kg.models import Entity, Extraction
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.read import article_from_text
from kg.settings import Settings
from kg.store import EmbeddedStore, ExportFormat, open_store

UNICODE = st.characters(blacklist_categories=("Cs",), blacklist_characters=SPLITLINES_ONLY)
TEXT = st.text(UNICODE, min_size=1, max_size=80).filter(str.strip)
ID = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
             ).filter(str.strip)
NASTY = ['say "hi" > <urn:x> } ; DROP ALL #', "line\nbreak\r\n", "back\\slash\\u0022",
         "'''\"\"\"", "é中😀", "\x00\x07\x1b\x7f", "a/b/../c", "@prefix x: <y> ."]
HYPOTHESIS = settings(max_examples=50, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def nasty_extraction(*, id: str, title: str, text: str, label: str) -> Extraction:
    article = article_from_text(text, id=id, title=title, source=title,
                                date=dt.date(2024, 1, 2), url="https://news.example/a?q=1")
    base = meeting_extraction(article)
    odd = Entity("company/odd-co", label, "Company", (label + " alias", title))
    return Extraction(article=article, entities=(*base.entities, odd), facts=base.facts,
                      events=base.events)


def graph_of(extraction: Extraction) -> tuple[URIRef, Graph]:
    return article_graph_iri(extraction.article), extraction_to_graph(extraction)


def graph_in_store(store: EmbeddedStore, graph_iri: URIRef) -> Graph:
    out = io.BytesIO()
    store.export(out, ExportFormat.nquads, graph=str(graph_iri))
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    with open_store(Settings(store=":memory:")) as opened:
        seed(opened)
        yield opened


@given(id=ID, title=TEXT, text=TEXT, label=TEXT)
@HYPOTHESIS
def test_any_text_is_stored_exactly_as_written(store: EmbeddedStore, id: str, title: str,
                                               text: str, label: str) -> None:
    extraction = nasty_extraction(id=id, title=title, text=text, label=label)
    graph_iri, written = graph_of(extraction)
    store.put_graph(graph_iri, written)
    try:
        assert to_isomorphic(graph_in_store(store, graph_iri)) == to_isomorphic(written)
        assert store.find_article(extraction.article.hash).id == id  # type: ignore[union-attr]
    finally:
        store.delete_graph(graph_iri)


@pytest.mark.parametrize("separator", list(SPLITLINES_ONLY))
def test_text_with_unicode_line_separators_is_stored(store: EmbeddedStore, separator: str
                                                     ) -> None:
    extraction = nasty_extraction(id="sep", title="Title", text=f"one{separator}two", label="L")
    graph_iri, written = graph_of(extraction)
    store.put_graph(graph_iri, written)
    try:
        assert to_isomorphic(graph_in_store(store, graph_iri)) == to_isomorphic(written)
    finally:
        store.delete_graph(graph_iri)


@pytest.fixture(scope="module")
def nasty_store(store: EmbeddedStore) -> EmbeddedStore:
    for number, value in enumerate(NASTY):
        identifier = f"{value.replace(chr(10), ' ').replace(chr(13), ' ')} {number}"
        store.put_graph(*graph_of(nasty_extraction(
            id="".join(c if c.isprintable() else "?" for c in identifier), title=value,
            text=f"{value} {number}", label=value)))
    return store


def test_a_store_of_nasty_articles_conforms_to_the_shapes(nasty_store: EmbeddedStore) -> None:
    assert len(nasty_store.articles()) == len(NASTY) + 1
    assert_conforms(nasty_store)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [(ExportFormat.trig, "trig"),
                                                    (ExportFormat.nquads, "nquads")])
def test_dataset_exports_reimport_to_an_isomorphic_dataset(
        nasty_store: EmbeddedStore, fmt: ExportFormat, rdflib_format: str) -> None:
    out = io.BytesIO()
    nasty_store.export(out, fmt)
    reimported = ox.Store()
    reimported.load(out.getvalue(), fmt.rdf_format)
    assert len(reimported) == len(nasty_store.ox)
    assert set(reimported.named_graphs()) == set(nasty_store.ox.named_graphs())
    parsed = Dataset()
    parsed.parse(data=out.getvalue(), format=rdflib_format)  # an independent parser agrees
    for graph_iri in nasty_store.graph_counts():
        expected = graph_in_store(nasty_store, URIRef(graph_iri))
        assert to_isomorphic(parsed.graph(URIRef(graph_iri))) == to_isomorphic(expected)


def test_turtle_export_reimports_to_the_union_graph(nasty_store: EmbeddedStore) -> None:
    out = io.BytesIO()
    nasty_store.export(out, ExportFormat.turtle)
    union = Graph()
    for graph_iri in nasty_store.graph_counts():
        union += graph_in_store(nasty_store, URIRef(graph_iri))
    reparsed = Graph().parse(data=out.getvalue(), format="turtle")
    assert to_isomorphic(reparsed) == to_isomorphic(union)
