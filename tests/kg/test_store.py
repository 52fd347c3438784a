"""The embedded store: atomic article graphs, idempotent re-ingest, exact delete, exports."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from samples import make_extraction

import kg.store
from kg.errors import QueryError, StoreError
from kg.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.settings import Settings
from kg.store import EmbeddedStore, ExportFormat, open_store


def put(store: EmbeddedStore, text: str = "Acme Corp met Globex in Geneva.", id: str = "a") -> str:
    extraction = make_extraction(text, id=id)
    graph_iri = article_graph_iri(extraction.article)
    store.put_graph(graph_iri, extraction_to_graph(extraction))
    return str(graph_iri)


def quads(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.ox}


def test_reference_graphs_are_loaded_once(store: EmbeddedStore) -> None:
    counts = store.graph_counts()
    assert counts[str(ONTOLOGY_GRAPH)] > 100
    assert counts[str(ENTITIES_GRAPH)] > 500
    before = quads(store)
    store.ensure_reference_graphs()
    assert quads(store) == before


def test_put_article_and_reingest_is_idempotent(store: EmbeddedStore) -> None:
    graph = put(store)
    first = store.graph_counts()[graph]
    put(store)
    assert store.graph_counts()[graph] == first
    assert [a.id for a in store.articles()] == ["a"]


def test_delete_removes_exactly_that_articles_triples(store: EmbeddedStore) -> None:
    put(store, "Acme Corp met Globex in Geneva.", id="a")
    before_b = quads(store)
    graph_b = put(store, "Globex met Acme Corp in Paris.", id="b")
    store.delete_graph(kg.store.URIRef(graph_b))
    assert quads(store) == before_b


def test_replacing_an_article_drops_its_old_graph(store: EmbeddedStore) -> None:
    old = put(store, "First version of the text.", id="same")
    extraction = make_extraction("Second version of the text.", id="same")
    new = str(article_graph_iri(extraction.article))
    store.put_graph(kg.store.URIRef(new), extraction_to_graph(extraction), replaces=[old])
    graphs = store.graph_counts()
    assert new in graphs and old not in graphs


def test_a_write_that_fails_midway_leaves_nothing(store: EmbeddedStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    put(store, "Acme Corp met Globex in Geneva.", id="a")
    before = quads(store)
    real = kg.store._replace_graph_update

    def fails_after_insert(graph_iri: object, lines: list[str]) -> str:
        # Everything is dropped and inserted, then the last operation of the update fails.
        return real(graph_iri, lines) + f" ;\nCREATE GRAPH <{ONTOLOGY_GRAPH}>"

    monkeypatch.setattr(kg.store, "_replace_graph_update", fails_after_insert)
    with pytest.raises(StoreError, match="could not write"):
        put(store, "Acme Corp met Globex in Geneva.", id="a")
    with pytest.raises(StoreError):
        put(store, "A new article that must not appear.", id="new")
    assert quads(store) == before


def test_query_runs_over_the_union_with_prefixes_bound(store: EmbeddedStore) -> None:
    put(store)
    rows = list(store.query("SELECT ?name WHERE { ?e a aikg:Meeting ; aikg:participant ?p . "
                            "?p rdfs:label ?name } ORDER BY ?name"))
    assert [str(r[0]) for r in rows] == ["Acme Corp", "Globex"]
    assert store.query("ASK { ?s aikg:investsIn ?o }").askAnswer is True


def test_bad_query_is_a_query_error(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELECT WHERE {")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_reparses(store: EmbeddedStore, fmt: ExportFormat) -> None:
    graph = put(store)
    whole, one = io.BytesIO(), io.BytesIO()
    store.export(whole, fmt)
    store.export(one, fmt, graph=graph)
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads",
                     "jsonld": "json-ld"}[fmt.value]
    parsed_one = Dataset().parse(data=one.getvalue(), format=rdflib_format)
    assert len(list(parsed_one.quads())) == store.graph_counts()[graph]
    parsed_whole = Dataset().parse(data=whole.getvalue(), format=rdflib_format)
    assert len(list(parsed_whole.quads())) >= store.graph_counts()[graph]


def test_trig_export_is_isomorphic_per_graph(store: EmbeddedStore) -> None:
    graph = put(store)
    out = io.BytesIO()
    store.export(out, ExportFormat.trig)
    reparsed = Dataset().parse(data=out.getvalue(), format="trig")
    original = Graph().parse(data=_dump_graph(store, graph), format="nt")
    assert isomorphic(reparsed.graph(kg.store.URIRef(graph)), original)


def test_export_of_unknown_graph_fails(store: EmbeddedStore) -> None:
    with pytest.raises(StoreError, match="no graph"):
        store.export(io.BytesIO(), ExportFormat.turtle, graph="https://example.org/none")


def test_prefixes_are_bound_again_on_reopen(store_path: Path) -> None:
    with EmbeddedStore(store_path) as store:
        put(store)
    with EmbeddedStore(store_path) as store:
        out = io.BytesIO()
        store.export(out, ExportFormat.turtle)
        assert b"@prefix aikg: <https://w3id.org/aikg/ontology#>" in out.getvalue()
        assert len(store.articles()) == 1


def test_second_process_gets_a_clear_lock_error(store: EmbeddedStore, store_path: Path) -> None:
    code = ("import sys\nfrom kg.store import EmbeddedStore\n"
            "from kg.errors import StoreLockedError\n"
            f"try:\n    EmbeddedStore({str(store_path)!r})\n"
            "except StoreLockedError as e:\n    print(e); sys.exit(7)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 7, result.stderr
    assert "locked by another process" in result.stdout


def test_unwritable_store_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open store"):
        EmbeddedStore(blocker / "store")


def test_open_store_by_settings(tmp_path: Path) -> None:
    with open_store(Settings(store=str(tmp_path / "s"))) as store:
        assert store.path == tmp_path / "s"
    with open_store(Settings(store=":memory:")) as store:
        assert store.path is None
    with pytest.raises(StoreError, match="not supported"):
        open_store(Settings(store="http://localhost:7878/"))


def test_lock_is_released_on_close(store_path: Path) -> None:
    EmbeddedStore(store_path).close()
    EmbeddedStore(store_path).close()


def _dump_graph(store: EmbeddedStore, graph: str) -> bytes:
    out = io.BytesIO()
    store.export(out, ExportFormat.nt, graph=graph)
    return out.getvalue()


def test_extraction_graph_conforms_to_the_shapes_before_storage() -> None:
    from kg.validate import validate_graph

    report = validate_graph(extraction_to_graph(make_extraction()), with_topics=True)
    assert report.conforms, report.text
