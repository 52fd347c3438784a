"""kg.rdf's N-Triples write path gives exactly the triples of its rdflib Graph, and ingest
refuses an article whose graph cannot be minted while the rest of the batch lands."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from samples import make_extraction

from kg.ingest import ingest_articles, map_extraction
from kg.models import Extraction
from kg.rdf import extraction_to_graph, extraction_to_ntriples
from kg.store import EmbeddedStore, ExportFormat

WHEN = dt.datetime(2024, 5, 1, 12, 30, 5, 999, tzinfo=dt.UTC)
TRICKY_TEXT = 'Acme said "no"\\ to Globex\non Monday \u2028 — déjà vu\r\n'


@pytest.mark.parametrize("text", ["Acme Corp met Globex in Geneva.", TRICKY_TEXT])
@pytest.mark.parametrize("known", [frozenset(), frozenset({"company/acme-corp"})])
def test_ntriples_lines_are_the_graph(text: str, known: frozenset[str]) -> None:
    extraction = make_extraction(text)
    lines = extraction_to_ntriples(extraction, ingested_at=WHEN, known_entities=known)
    graph = extraction_to_graph(extraction, ingested_at=WHEN, known_entities=known)
    assert len(lines) == len(set(lines)) == len(graph)
    parsed = Graph().parse(data="\n".join(lines), format="nt")
    assert isomorphic(parsed, graph)
    assert set(parsed) == set(graph)  # same terms, datatypes included (no blank nodes)
    from_graph = set(ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))
    assert set(ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)) == from_graph


def test_known_entities_get_no_description() -> None:
    extraction = make_extraction()
    lines = extraction_to_ntriples(extraction, known_entities=frozenset({"company/acme-corp"}))
    assert not any(line.startswith("<https://w3id.org/aikg/id/company/acme-corp> <http://www"
                                   ".w3.org/2000/01/rdf-schema#label>") for line in lines)
    assert any("company/globex> <http://www.w3.org/2000/01/rdf-schema#label>" in line
               for line in lines)


def _with_url(extraction: Extraction, url: str) -> Extraction:
    return replace(extraction, article=replace(extraction.article, url=url))


def test_an_unmintable_article_is_refused_and_the_batch_goes_on(store: EmbeddedStore) -> None:
    good = make_extraction("Acme Corp met Globex in Geneva.", id="good")
    bad = _with_url(make_extraction("Acme Corp met Globex in Bern.", id="bad"),
                    "https://example.org/a b")
    assert map_extraction(bad, known_entities=frozenset()).error is not None
    summary = ingest_articles(store, [bad.article, good.article],
                              extract=lambda _: iter([bad, good]))
    assert summary.articles == 1
    assert len(summary.errors) == 1
    assert str(summary.errors[0]).startswith("bad.txt: cannot map to RDF:")
    out = io.BytesIO()
    store.export(out, ExportFormat.nquads)
    assert b"Geneva" in out.getvalue() and b"Bern" not in out.getvalue()


def test_extract_and_workers_together_are_refused(store: EmbeddedStore) -> None:
    with pytest.raises(ValueError, match="either an extract function or workers"):
        ingest_articles(store, [], extract=lambda _: iter([]), workers=2)
    with pytest.raises(ValueError, match="at least 1"):
        ingest_articles(store, [], workers=0)
