"""The index lives in a file beside the store: reopened at once, repaired after a crash, rebuilt
when it cannot be repaired, and kept current for a remote store by the writes made through kg.

A crash is a real one: a child process writes through kg and dies (os._exit) at the chosen
point, with no cleanup; the test then reopens the store and its index and compares every
answer with SPARQL (index_samples.check_everything).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from index_samples import check_everything, ingest, unknown_entity_article

from bench.corpus import make_article
from bench.oxigraph_server import OxigraphServer, oxigraph_binary
from kg import queries, sparql
from kg.cli import main
from kg.index import GraphIndex, index_path, open_index
from kg.ingest import ingest_articles
from kg.rdf import article_graph_iri
from kg.rows import EventFilter
from kg.settings import Settings
from kg.store import EmbeddedStore, open_store

CORPUS = [make_article(i)[1] for i in range(14)]


def _pending(path: Path) -> list[str | None]:
    with sqlite3.connect(path) as db:
        return [graph for (graph,) in db.execute("SELECT graph FROM pending ORDER BY seq")]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """An on-disk store of 14 articles whose index is built and closed; its directory."""
    location = tmp_path / "store"
    with EmbeddedStore(location) as store:
        index = open_index(store, background=False)
        assert index is not None and index.state == "building"  # never built: left off
        ingest(store, CORPUS)
        assert index.build()
    return location


@contextmanager
def reopened(location: Path) -> Iterator[tuple[EmbeddedStore, GraphIndex]]:
    """The store and its index, opened as `kg` opens them (no background build)."""
    with EmbeddedStore(location) as store:
        index = open_index(store, background=False)
        assert index is not None
        yield store, index


def test_a_reopened_index_is_current_at_once(built: Path) -> None:
    assert index_path(EmbeddedStore.__new__(EmbeddedStore)) is None  # no path, no file
    with reopened(built) as (store, index):
        assert index.state == "ready" and index.build_seconds is None  # opened, not rebuilt
        assert index.open_seconds is not None
        check_everything(store)
        assert _pending(index_path(store)) == []  # type: ignore[arg-type]


def test_writes_through_kg_keep_the_file_current_across_restarts(built: Path) -> None:
    with reopened(built) as (store, _):
        ingest(store, [make_article(20)[1], unknown_entity_article()])
        store.delete_graph(store.find_article(CORPUS[3].article.id).graph)  # type: ignore[union-attr]
    with reopened(built) as (store, index):
        assert index.state == "ready" and index.build_seconds is None
        assert len(queries.articles(store)) == len(CORPUS) + 1
        check_everything(store)


_CRASH = """
import os, sys
from pathlib import Path
from bench.corpus import make_article
from kg.index import GraphIndex, open_index
from kg.index.tables import Tables
from kg.store import EmbeddedStore
from index_samples import ingest

location, point = Path(sys.argv[1]), sys.argv[2]
store = EmbeddedStore(location)
index = open_index(store, background=False)
if point == "after-store-write":  # the store has the graph; the index never heard it ended
    GraphIndex.after_write = lambda self, graphs: os._exit(3)
    ingest(store, [make_article(30)[1]])
elif point == "mid-rebuild":  # the second batch of a rebuild never lands
    import kg.index
    kg.index.BATCH_GRAPHS = 5
    replace, calls = Tables.replace, []
    def dying(self, parts):
        calls.append(1)
        if len(calls) == 2:
            os._exit(3)
        replace(self, parts)
    Tables.replace = dying
    index.build()
os._exit(0)
"""


def _crash(location: Path, point: str) -> None:
    tests_kg = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASH), str(location), point],
                          cwd=tests_kg.parent.parent, capture_output=True, text=True,
                          env={"PYTHONPATH": f"{tests_kg.parent.parent}:{tests_kg}",
                               "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 3, done.stderr


def test_a_crash_after_the_store_write_is_replayed_on_open(built: Path) -> None:
    _crash(built, "after-store-write")
    file = built.with_name(built.name + ".index.sqlite")
    pending = _pending(file)
    assert len(pending) == 1 and pending[0] and pending[0].startswith(
        "https://w3id.org/aikg/graph/article/")
    with reopened(built) as (store, index):
        assert index.state == "ready" and index.build_seconds is None  # replayed, not rebuilt
        assert _pending(file) == []
        new = make_article(30)[1].article.id
        assert [info.id for info in queries.articles(store)].count(new) == 1
        check_everything(store)


def test_a_crash_mid_rebuild_leaves_it_unbuilt_and_the_next_start_rebuilds(built: Path) -> None:
    _crash(built, "mid-rebuild")
    with reopened(built) as (store, index):
        assert index.state == "building"  # the file says its build did not finish
        assert queries.type_counts(store) == sparql.type_counts(store)  # SPARQL answers
        assert index.start().wait(120)
        check_everything(store)


def test_writes_made_with_the_index_off_are_found_graph_by_graph(built: Path) -> None:
    with open_store(Settings(store=str(built), index="off")) as store:
        assert store.index is None
        ingest(store, [make_article(40)[1]])
        store.delete_graph(store.find_article(CORPUS[0].article.id).graph)  # type: ignore[union-attr]
    with reopened(built) as (store, index):
        assert index.state == "ready" and index.build_seconds is None
        check_everything(store)


def test_a_served_index_answers_before_it_compares_graphs_with_the_store(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg serve` at a million articles spent 11.5 s of a 47.6 s restart listing graphs to find
    writes made around kg (BENCHMARKS.md): the index answers from its replayed pending list
    first, and re-reads what the comparison finds when it ends."""
    with open_store(Settings(store=str(built), index="off")) as store:
        ingest(store, [make_article(41)[1]])  # around kg's index: no pending entry
    listing, go_on = threading.Event(), threading.Event()
    with EmbeddedStore(built) as store:
        names = store.named_graphs

        def slow_listing() -> list[str]:
            listing.set()
            assert go_on.wait(30)
            return names()

        monkeypatch.setattr(store, "named_graphs", slow_listing)
        index = open_index(store)  # as kg serve opens it
        assert index is not None and index.state == "ready" and index.build_seconds is None
        assert listing.wait(30)
        assert index.answer(lambda t: len(t.articles())) == len(CORPUS)  # not yet seen
        go_on.set()
        assert index.wait(60) and index.build_seconds is None  # re-read, not rebuilt
        assert index.answer(lambda t: len(t.articles())) == len(CORPUS) + 1
        check_everything(store)


def test_a_write_under_way_is_not_taken_as_done_by_an_answer(built: Path) -> None:
    with reopened(built) as (store, index):
        article = make_article(50)[1]
        graph = str(article_graph_iri(article.article))
        index.before_write(frozenset({graph}))
        store.index = None  # the write itself, unheard: as if still committing
        ingest_articles(store, [article.article], extract=lambda _: iter([article]),
                        consolidate=False)  # this graph only
        store.index = index
        by_article = EventFilter(article=graph.replace("/graph/article/", "/article/"))
        assert index.answer(lambda t: t.events(by_article, limit=9, offset=0))[0] == 0
        index.after_write(frozenset({graph}))
        answered = index.answer(lambda t: t.events(by_article, limit=9, offset=0))
        assert answered is not None and answered[0] > 0
        check_everything(store)


def test_a_damaged_file_is_set_aside_and_rebuilt(built: Path) -> None:
    file = built.with_name(built.name + ".index.sqlite")
    for suffix in ("-wal", "-shm"):
        file.with_name(file.name + suffix).unlink(missing_ok=True)
    file.write_bytes(b"not a database " * 100)
    with EmbeddedStore(built) as store:
        index = open_index(store)
        assert index is not None and index.wait(120)
        check_everything(store)
    assert file.with_name(file.name + ".damaged").read_bytes().startswith(b"not a database")


def test_the_command_line_reports_and_rebuilds_the_index(built: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    assert main(["--store", str(built), "index", "status"]) == 0
    status = capsys.readouterr().out
    assert status.startswith(f"{built}.index.sqlite: ready, built: ")
    assert "0 graphs pending" in status and "MiB on disk" in status
    assert main(["--store", str(built), "index", "rebuild"]) == 0
    assert capsys.readouterr().out.startswith(f"rebuilt {built}.index.sqlite in ")


def test_index_off_is_a_clear_error_for_the_index_command(
        built: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_INDEX", "off")
    assert main(["--store", str(built), "index", "status"]) == 1
    assert "this store has no query index (AIKG_INDEX=off" in capsys.readouterr().err


def test_the_first_ingest_builds_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Huawei met Baidu in Beijing\n\nHuawei met Baidu in Beijing on "
                       "Monday to discuss AI chips.\n", encoding="utf-8")
    assert main(["--store", "s", "ingest", "--no-progress", str(article)]) == 0
    assert capsys.readouterr().err == ""  # built quietly
    assert main(["--store", "s", "index", "status"]) == 0
    assert ": ready, built: " in capsys.readouterr().out
    with EmbeddedStore(tmp_path / "s") as store:
        index = open_index(store, background=False)
        assert index is not None and index.state == "ready"
        assert queries.meetings(store) == sparql_meetings(store)


def sparql_meetings(store: EmbeddedStore) -> object:
    index, store.index = store.index, None
    try:
        return queries.meetings(store)
    finally:
        store.index = index


needs_server = pytest.mark.skipif(oxigraph_binary() is None,
                                  reason="the Oxigraph server command `oxigraph` is missing")


@needs_server
def test_a_remote_store_gets_an_index_only_by_name_and_kg_writes_keep_it(
        tmp_path: Path) -> None:
    with OxigraphServer() as server:
        with open_store(Settings(store=server.url)) as remote:
            assert open_index(remote) is None  # other clients may write: no index unless named
            ingest(remote, CORPUS[:6])
        file = tmp_path / "remote.index.sqlite"
        with open_store(Settings(store=server.url, index=str(file))) as remote:
            index = open_index(remote, str(file), background=False)
            assert index is not None and index.state == "building"
            assert index.build()  # `kg index rebuild`
            ingest(remote, [CORPUS[6]])  # through kg: applied
            assert index.answer(lambda t: len(t.articles())) == 7
            check_everything(remote)
        with open_store(Settings(store=server.url, index=str(file))) as remote:
            index = open_index(remote, str(file), background=False)
            assert index is not None and index.state == "ready"
            check_everything(remote)


def test_a_file_of_another_schema_version_is_emptied_and_rebuilt(built: Path) -> None:
    file = built.with_name(built.name + ".index.sqlite")
    with sqlite3.connect(file) as db:
        db.execute("UPDATE meta SET value = 'an older one' WHERE key = 'schema'")
        db.execute("CREATE TABLE old_layout (x TEXT)")
    with reopened(built) as (store, index):
        assert index.state == "building"  # not trusted: rebuilt, not replayed
        assert index.start().wait(120)
        check_everything(store)
    with sqlite3.connect(file) as db:
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'old_layout'").fetchall()
