"""Outputs that are never malformed: text holding U+000B / U+000C (which articles may hold)
is refused with a 406 naming it in XML formats, comes out whole in every other format, and is
replaced in the derived GraphML / GEXF views (issue 13, item 8)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from urllib.error import HTTPError

import networkx as nx
import pytest
from api_samples import Backend, http, meeting_article, serve_app, settings_on
from rdflib import Graph, URIRef
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from api.main import create_app
from kg.graph import GraphFormat, project, write_graph
from kg.models import Extraction
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.store import Store

NASTY = "urn:aikg:test:nasty"
TEXT = "tab\there, vertical\u000btab, form\u000cfeed"
SELECT = f"SELECT ?o WHERE {{ GRAPH <{NASTY}> {{ ?s ?p ?o }} }}"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{NASTY}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def server(backend: Backend) -> Iterator[tuple[str, Store]]:
    with settings_on(backend) as settings:
        for served in serve_app(create_app(settings)):
            served[1].put_graph(URIRef(NASTY), [
                f"<urn:s> <urn:p> {json.dumps(TEXT)} ."])
            yield served


def test_sparql_xml_results_are_refused_with_a_406_naming_the_character(
        server: tuple[str, Store]) -> None:
    base, _ = server
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(XML)
    client.setOnlyConneg(True)
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 406
    problem = json.loads(refused.value.read())
    refused.value.close()
    assert "U+000B" in problem["detail"] and "application/sparql-results+json" in problem["detail"]
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [row["o"]["value"] for row in rows] == [TEXT]


@pytest.mark.parametrize("path", ["/sparql", "/store"])
def test_rdf_xml_is_refused_and_other_graph_formats_carry_the_text(
        server: tuple[str, Store], path: str) -> None:
    base, _ = server
    params = {"query": CONSTRUCT} if path == "/sparql" else {"graph": NASTY}
    refused = http.get(base + path, params=params, headers={"Accept": "application/rdf+xml"})
    assert refused.status_code == 406
    assert refused.headers["content-type"] == "application/problem+json"
    assert "U+000B" in refused.json()["detail"]
    for media_type, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                            ("application/n-triples", "nt")]:
        response = http.get(base + path, params=params, headers={"Accept": media_type})
        assert response.status_code == 200
        graph = Graph().parse(data=response.text, format=fmt)
        assert [str(o) for o in graph.objects()] == [TEXT]


def test_csv_and_tsv_carry_the_text(server: tuple[str, Store]) -> None:
    base, _ = server
    response = http.get(f"{base}/sparql", params={"query": SELECT},
                         headers={"Accept": "text/csv"})
    assert response.status_code == 200 and "\u000b" in response.text


def test_graphml_and_gexf_of_text_with_control_characters_parse(
        server: tuple[str, Store]) -> None:
    graph = nx.MultiDiGraph(name=f"views of {TEXT}")
    graph.add_node("a", label=TEXT, aliases=[TEXT, "x"])
    graph.add_edge("a", "b", evidence=TEXT, confidence=0.5)
    for fmt in (GraphFormat.graphml, GraphFormat.gexf):
        output = io.BytesIO()
        write_graph(graph, output, fmt)
        ET.fromstring(output.getvalue())  # a well-formed XML document
        assert "vertical\ufffdtab" in output.getvalue().decode("utf-8")
    read = nx.read_graphml(io.BytesIO(_graphml(graph)))
    assert read.nodes["a"]["label"] == TEXT.replace("\u000b", "\ufffd").replace("\u000c", "\ufffd")


def test_a_projection_of_an_article_with_a_vertical_tab_writes_as_graphml(
        server: tuple[str, Store]) -> None:
    _, store = server
    extraction = _with_vertical_tab(meeting_article())
    graph_iri = article_graph_iri(extraction.article)
    store.put_graph(graph_iri, extraction_to_graph(extraction))
    try:
        for fmt in (GraphFormat.graphml, GraphFormat.gexf):
            output = io.BytesIO()
            write_graph(project(store, "entities"), output, fmt)  # type: ignore[arg-type]
            document = output.getvalue().decode("utf-8")
            ET.fromstring(document)
            assert "in\ufffdBeijing" in document
    finally:
        store.delete_graph(graph_iri)


def _with_vertical_tab(extraction: Extraction) -> Extraction:
    """The sample article with "in Beijing" written "in<U+000B>Beijing" (offsets unchanged)."""
    def tab(text: str) -> str:
        return text.replace("in Beijing", "in\u000bBeijing")

    article = replace(extraction.article, text=tab(extraction.article.text))
    facts = tuple(replace(f, evidence=replace(f.evidence, text=tab(f.evidence.text)))
                  for f in extraction.facts)
    events = tuple(replace(e, evidence=replace(e.evidence, text=tab(e.evidence.text)))
                   for e in extraction.events)
    return replace(extraction, article=article, facts=facts, events=events)


def _graphml(graph: nx.Graph) -> bytes:
    output = io.BytesIO()
    write_graph(graph, output, GraphFormat.graphml)
    return output.getvalue()
