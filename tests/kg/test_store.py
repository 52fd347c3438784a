"""The store contract, run on every backend (embedded Oxigraph and an `oxigraph serve`
process): atomic article graphs, idempotent re-ingest, exact delete, queries, exports.
Backend-specific behaviour (the on-disk lock, the remote server's settings) follows."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from samples import make_extraction

import kg.store
import kg.store.common
from bench.oxigraph_server import OxigraphServer, oxigraph_binary
from kg.errors import QueryError, StoreError
from kg.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.settings import Settings
from kg.store import EmbeddedStore, Endpoints, ExportFormat, RemoteStore, Store, open_store

needs_server = pytest.mark.skipif(
    oxigraph_binary() is None,
    reason="the Oxigraph server command `oxigraph` is missing (pip install oxigraph==0.5.13)")


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[OxigraphServer]:
    """One in-memory `oxigraph serve --union-default-graph` for the session, on a free port."""
    if oxigraph_binary() is None:
        pytest.skip("the Oxigraph server command `oxigraph` is missing "
                    "(pip install oxigraph==0.5.13)")
    with OxigraphServer() as server:
        yield server


@pytest.fixture(params=["embedded", pytest.param("remote", marks=needs_server)])
def store(request: pytest.FixtureRequest, store_path: Path) -> Iterator[Store]:
    """A fresh store of each backend (the remote server is emptied first)."""
    if request.param == "embedded":
        with EmbeddedStore(store_path) as opened:
            yield opened
        return
    server: OxigraphServer = request.getfixturevalue("oxigraph_server")
    empty_server(server.url)
    with open_store(Settings(store=server.url)) as opened:
        assert isinstance(opened, RemoteStore)
        yield opened


def empty_server(url: str) -> None:
    import urllib.request

    request = urllib.request.Request(f"{url}/update", data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(request, timeout=30):
        pass


def put(store: Store, text: str = "Acme Corp met Globex in Geneva.", id: str = "a") -> str:
    extraction = make_extraction(text, id=id)
    graph_iri = article_graph_iri(extraction.article)
    store.put_graph(graph_iri, extraction_to_graph(extraction))
    return str(graph_iri)


def quads(store: Store) -> set[str]:
    """Every quad of the store as N-Quads lines (blank nodes do not occur in our graphs)."""
    out = io.BytesIO()
    store.export(out, ExportFormat.nquads)  # type: ignore[attr-defined]
    return {line for line in out.getvalue().decode("utf-8").splitlines() if line.strip()}


def test_reference_graphs_are_loaded_once(store: Store) -> None:
    counts = store.graph_counts()
    assert counts[str(ONTOLOGY_GRAPH)] > 100
    assert counts[str(ENTITIES_GRAPH)] > 500
    before = quads(store)
    store.ensure_reference_graphs()
    assert quads(store) == before


def test_put_article_and_reingest_is_idempotent(store: Store) -> None:
    graph = put(store)
    first = store.graph_counts()[graph]
    put(store)
    assert store.graph_counts()[graph] == first
    assert [a.id for a in store.articles()] == ["a"]


def test_delete_removes_exactly_that_articles_triples(store: Store) -> None:
    put(store, "Acme Corp met Globex in Geneva.", id="a")
    before_b = quads(store)
    graph_b = put(store, "Globex met Acme Corp in Paris.", id="b")
    store.delete_graph(kg.store.URIRef(graph_b))
    assert quads(store) == before_b


def test_replacing_an_article_drops_its_old_graph(store: Store) -> None:
    old = put(store, "First version of the text.", id="same")
    extraction = make_extraction("Second version of the text.", id="same")
    new = str(article_graph_iri(extraction.article))
    store.put_graph(kg.store.URIRef(new), extraction_to_graph(extraction), replaces=[old])
    graphs = store.graph_counts()
    assert new in graphs and old not in graphs


def test_a_write_that_fails_midway_leaves_nothing(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    put(store, "Acme Corp met Globex in Geneva.", id="a")
    before = quads(store)
    real = kg.store.common.replace_graph_update

    def fails_after_insert(graph_iri: object, lines: list[str]) -> str:
        # Everything is dropped and inserted, then the last operation of the update fails.
        return real(graph_iri, lines) + f" ;\nCREATE GRAPH <{ONTOLOGY_GRAPH}>"

    monkeypatch.setattr(kg.store.common, "replace_graph_update", fails_after_insert)
    with pytest.raises(StoreError, match="could not write"):
        put(store, "Acme Corp met Globex in Geneva.", id="a")
    with pytest.raises(StoreError):
        put(store, "A new article that must not appear.", id="new")
    assert quads(store) == before


def test_query_runs_over_the_union_with_prefixes_bound(store: Store) -> None:
    put(store)
    rows = list(store.query("SELECT ?name WHERE { ?e a aikg:Meeting ; aikg:participant ?p . "
                            "?p rdfs:label ?name } ORDER BY ?name"))
    assert [str(r[0]) for r in rows] == ["Acme Corp", "Globex"]
    assert store.query("ASK { ?s aikg:investsIn ?o }").askAnswer is True


def test_bad_query_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELECT WHERE {")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_reparses(store: Store, fmt: ExportFormat) -> None:
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


def test_trig_export_is_isomorphic_per_graph(store: Store) -> None:
    graph = put(store)
    out = io.BytesIO()
    store.export(out, ExportFormat.trig)
    reparsed = Dataset().parse(data=out.getvalue(), format="trig")
    original = Graph().parse(data=_dump_graph(store, graph), format="nt")
    assert isomorphic(reparsed.graph(kg.store.URIRef(graph)), original)


def test_export_of_unknown_graph_fails(store: Store) -> None:
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


def test_second_process_gets_a_clear_lock_error(store_path: Path) -> None:
    EmbeddedStore(store_path).close()
    held = EmbeddedStore(store_path)
    code = ("import sys\nfrom kg.store import EmbeddedStore\n"
            "from kg.errors import StoreLockedError\n"
            f"try:\n    EmbeddedStore({str(store_path)!r})\n"
            "except StoreLockedError as e:\n    print(e); sys.exit(7)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    held.close()
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



def test_lock_is_released_on_close(store_path: Path) -> None:
    EmbeddedStore(store_path).close()
    EmbeddedStore(store_path).close()


def _dump_graph(store: Store, graph: str) -> bytes:
    out = io.BytesIO()
    store.export(out, ExportFormat.nt, graph=graph)
    return out.getvalue()


def test_extraction_graph_conforms_to_the_shapes_before_storage() -> None:
    from kg.validate import validate_graph

    report = validate_graph(extraction_to_graph(make_extraction()), with_topics=True)
    assert report.conforms, report.text


# -- the remote backend ------------------------------------------------------------------


def test_unreachable_server_is_a_store_error() -> None:
    from bench.oxigraph_server import free_port

    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        open_store(Settings(store=f"http://127.0.0.1:{free_port()}"))


@needs_server
def test_remote_store_by_url_and_by_explicit_endpoints(oxigraph_server: OxigraphServer) -> None:
    empty_server(oxigraph_server.url)
    base = oxigraph_server.url
    with open_store(Settings(store=base)) as store:
        assert isinstance(store, RemoteStore)
        assert store.endpoints == Endpoints(f"{base}/query", f"{base}/update", f"{base}/store")
        put(store)
        assert len(store) == sum(store.graph_counts().values())
    # Fuseki-style layouts name each endpoint; the base is then only a label.
    settings = Settings(store="http://fuseki.invalid/ds", store_query_url=f"{base}/query",
                        store_update_url=f"{base}/update", store_graph_store_url=f"{base}/store")
    with open_store(settings) as store:
        assert [a.id for a in store.articles()] == ["a"]
    with pytest.raises(StoreError, match="closed"):
        store.articles()


@needs_server
def test_a_user_and_password_in_the_url_are_sent_and_never_shown(
        oxigraph_server: OxigraphServer) -> None:
    """`https://user:password@host/ds`, as SPARQLWrapper and curl take credentials: sent as
    HTTP Basic (Oxigraph server ignores it), kept out of the endpoints and every message."""
    import base64

    host = oxigraph_server.url.removeprefix("http://")
    with open_store(Settings(store=f"http://alice:s%40cret@{host}")) as store:
        assert isinstance(store, RemoteStore)
        assert store.endpoints.query == f"{oxigraph_server.url}/query"
        pair = base64.b64encode(b"alice:s@cret").decode("ascii")
        assert store._authorization == {"Authorization": f"Basic {pair}"}
    with pytest.raises(StoreError) as raised:
        open_store(Settings(store=f"http://alice:s%40cret@{host}",
                            store_query_url=f"http://alice:s%40cret@{host}/nowhere"))
    assert f"{oxigraph_server.url}/nowhere" in str(raised.value)
    assert "cret" not in str(raised.value) and "alice" not in str(raised.value)


@pytest.mark.parametrize(("settings", "message"), [
    (Settings(store="http://a:b@host.invalid", store_token="t"), "not both"),
    (Settings(store="http://a:b@host.invalid", store_query_url="http://c:d@host.invalid/q"),
     "different users"),
])
def test_credentials_that_contradict_each_other_are_refused(settings: Settings,
                                                            message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(settings)


@needs_server
def test_server_without_union_default_graph_is_refused() -> None:
    with OxigraphServer(union_default_graph=False) as server, \
            pytest.raises(StoreError, match="union-default-graph"):
        open_store(Settings(store=server.url))


@needs_server
def test_remote_results_are_rdflib_results_like_the_embedded_ones(
        oxigraph_server: OxigraphServer, store_path: Path) -> None:
    empty_server(oxigraph_server.url)
    sparql = ("SELECT ?e ?label WHERE { ?e a aikg:Company ; rdfs:label ?label } "
              "ORDER BY ?e LIMIT 5")
    construct = "CONSTRUCT { ?e a aikg:Company } WHERE { ?e a aikg:Company }"
    with EmbeddedStore(store_path) as embedded, \
            open_store(Settings(store=oxigraph_server.url)) as remote:
        rows = {backend: [(str(r[0]), str(r[1])) for r in s.query(sparql)]
                for backend, s in (("embedded", embedded), ("remote", remote))}
        assert rows["remote"] == rows["embedded"] and len(rows["remote"]) == 5
        graphs = [s.query(construct).graph for s in (embedded, remote)]
        assert len(graphs[0]) > 10 and isomorphic(graphs[0], graphs[1])  # type: ignore[arg-type]


@needs_server
def test_remote_bulk_load_lands_every_quad(oxigraph_server: OxigraphServer,
                                           tmp_path: Path) -> None:
    empty_server(oxigraph_server.url)
    data = tmp_path / "bulk.nq"
    data.write_text("".join(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" "
                            f"<https://w3id.org/aikg/graph/article/bulk{i % 3}> .\n"
                            for i in range(300)), encoding="utf-8")
    with open_store(Settings(store=oxigraph_server.url)) as store:
        before = len(store)
        store.bulk_load(data)  # type: ignore[union-attr]
        assert len(store) == before + 300
        counts = store.graph_counts()
        assert [counts[f"https://w3id.org/aikg/graph/article/bulk{i}"] for i in range(3)] == \
            [100, 100, 100]


def test_domain_queries_and_validation_run_on_every_backend(store: Store) -> None:
    """kg.queries and kg.validate reach the engine only through `query_native`."""
    from kg.queries import events, facts, select
    from kg.validate import validate_store

    put(store)
    total, rows = facts(store, predicate="investsIn")
    assert total == 1 and rows[0].subject.endswith("company/acme-corp")
    assert rows[0].evidence.sentence == "Acme Corp met Globex in Geneva."
    total, meetings = events(store)
    assert total == 1 and len(meetings[0].participants) == 2
    assert select(store, "SELECT ?n WHERE { ?a schema:identifier ?n }") == [{"n": "a"}]
    assert validate_store(store).conforms  # type: ignore[arg-type]
