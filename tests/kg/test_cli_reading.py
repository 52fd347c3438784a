"""Reading commands as a new user meets them (issue 13 items 15-18): `kg export --graph`
takes what `kg delete` takes, `kg articles` has a header, topics are found by any label,
`kg query` tables show prefixed names, and every reading command works while `kg serve`
holds the store, through that server."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.oxigraph_server import free_port
from kg.serving import find_server, note_path
from tests.kg.test_cli import SEEDS, kg

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
FIRST = "000_4a79ae427b05caa0"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("reading") / "store"
    result = kg("ingest", "--no-progress", str(SEEDS), store=store)
    assert result.returncode == 0, result.stderr
    return store


def _article(store: Path) -> dict[str, str]:
    lines = kg("articles", store=store).stdout.splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    return next(row for row in rows if row["ID"] == FIRST)


def test_articles_print_a_header_and_full_ids(seeded: Path) -> None:
    lines = kg("articles", store=seeded).stdout.splitlines()
    assert lines[0] == "ID\tDATE\tTRIPLES\tHASH\tTITLE"
    ids = [line.split("\t")[0] for line in lines[1:]]
    assert ids == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_export_graph_accepts_what_delete_accepts(seeded: Path) -> None:
    row = _article(seeded)
    full_hash = kg("query", f'SELECT ?h WHERE {{ ?a schema:identifier "{FIRST}" ; '
                   "aikg:contentHash ?h }", "--format", "csv", store=seeded
                   ).stdout.splitlines()[1].strip()
    graph = f"https://w3id.org/aikg/graph/article/{full_hash}"
    article = f"https://w3id.org/aikg/article/{full_hash}"
    by_graph = kg("export", "--format", "nt", "--graph", graph, store=seeded)
    assert by_graph.returncode == 0, by_graph.stderr
    assert len(by_graph.stdout.splitlines()) == int(row["TRIPLES"])
    for ref in (FIRST, row["HASH"], full_hash[:8], full_hash, article):
        other = kg("export", "--format", "nt", "--graph", ref, store=seeded)
        assert other.returncode == 0, (ref, other.stderr)
        assert sorted(other.stdout.splitlines()) == sorted(by_graph.stdout.splitlines()), ref


def test_export_graph_takes_any_named_graph_of_the_store(seeded: Path) -> None:
    result = kg("export", "--format", "nt", "--graph", "https://w3id.org/aikg/graph/entities",
                store=seeded)
    assert result.returncode == 0, result.stderr
    assert "<https://w3id.org/aikg/id/company/huawei>" in result.stdout


def test_topics_lists_the_scheme_as_a_tree(seeded: Path) -> None:
    lines = kg("topics", store=seeded).stdout.splitlines()
    assert lines[0].startswith("AI  [ai]  also: ")
    assert any(line.startswith("  AI safety  [ai-safety]") for line in lines)
    assert not any("scheme" in line for line in lines)


def test_a_topic_is_found_by_any_label(seeded: Path) -> None:
    by_pref = kg("meetings", "--topic", "AI", store=seeded)
    assert by_pref.returncode == 0 and "Brad Smith & Wang Wentao" in by_pref.stdout
    for label in ("artificial intelligence", "Artificial Intelligence", "ai"):
        assert kg("meetings", "--topic", label, store=seeded).stdout == by_pref.stdout, label
    chips = kg("meetings", "--topic", "chips", store=seeded)
    assert chips.returncode == 0 and "about semiconductors" in chips.stdout.splitlines()[0]


def test_query_tables_print_prefixed_names(seeded: Path) -> None:
    result = kg("query", "SELECT ?m ?type ?who WHERE { ?m a ?type ; aikg:participant ?who "
                "FILTER(?type = aikg:Meeting) } LIMIT 3", store=seeded)
    assert result.returncode == 0, result.stderr
    assert "aikg:Meeting" in result.stdout and "id:" in result.stdout
    assert "https://w3id.org/" not in result.stdout
    csv = kg("query", "SELECT ?type WHERE { ?m a ?type FILTER(?type = aikg:Meeting) } LIMIT 1",
             "--format", "csv", store=seeded)
    assert "https://w3id.org/aikg/ontology#Meeting" in csv.stdout  # csv keeps full IRIs


# -- while `kg serve` holds the store -------------------------------------------------------

READING = [
    ["articles"],
    ["stats"],
    ["meetings", "--topic", "AI"],
    ["query", "SELECT ?name WHERE { ?p a aikg:Person ; rdfs:label ?name } ORDER BY ?name"],
    ["export", "--format", "nt", "--graph", FIRST],
]


@pytest.fixture(scope="module")
def served(seeded: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Path, str, dict[tuple[str, ...], str]]]:
    """A copy of the seeded store, the outputs of READING on it, then `kg serve` holding it."""
    store = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seeded, store)
    alone = {tuple(args): kg(*args, store=store).stdout for args in READING}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = store.with_name("serve.log")
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "--store", str(store), "serve", "--port", str(port)],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(f"{url}/health", server, log)
        yield store, url, alone
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert not note_path(store).exists(), "a server stopped with Ctrl-C leaves no note"


def _wait_for(url: str, server: subprocess.Popen[str], log: Path) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise AssertionError(f"kg serve exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("kg serve did not answer within two minutes")


@pytest.mark.parametrize("args", READING, ids=lambda a: a[0])
def test_reading_commands_work_through_the_running_server(
        served: tuple[Path, str, dict[tuple[str, ...], str]], args: list[str]) -> None:
    store, url, alone = served
    result = kg(*args, store=store)
    assert result.returncode == 0, result.stderr
    assert f"reading through {url}" in result.stderr
    assert result.stdout == alone[tuple(args)]


def test_the_server_leaves_a_note_with_its_url_and_pid(
        served: tuple[Path, str, dict[tuple[str, ...], str]]) -> None:
    store, url, _ = served
    note = find_server(store)
    assert note is not None and note.url == url
    assert json.loads(note_path(store).read_text())["pid"] == note.pid


def test_ingest_while_serving_says_how_to_ingest(
        served: tuple[Path, str, dict[tuple[str, ...], str]]) -> None:
    store, url, alone = served
    result = kg("ingest", "--no-progress", str(SEEDS / f"{FIRST}.txt"), store=store)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.stderr
    assert "held by `kg serve`" in lines[0] and f"POST {url}/articles" in lines[0]
    assert kg("articles", store=store).stdout == alone[("articles",)]  # nothing lost


@pytest.mark.parametrize(("args", "hint"), [
    (["delete", FIRST], "DELETE {url}/store?graph="),
    (["consolidate"], "keeps the consolidated events current itself"),
])
def test_other_writes_while_serving_say_how_to_make_them(
        served: tuple[Path, str, dict[tuple[str, ...], str]], args: list[str],
        hint: str) -> None:
    store, url, alone = served
    result = kg(*args, store=store)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and hint.format(url=url) in lines[0], result.stderr
    assert kg("articles", store=store).stdout == alone[("articles",)]  # nothing lost


def test_a_note_left_by_a_dead_server_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "store"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    note_path(store).write_text(json.dumps({"url": "http://127.0.0.1:9", "pid":
                                            int(dead.stdout)}))
    assert find_server(store) is None
    result = kg("articles", store=store)
    assert result.returncode == 0 and "reading through" not in result.stderr


def test_delete_and_consolidate_keep_the_consolidated_events_current(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", "--no-progress", str(SEEDS), store=store).returncode == 0
    count = ("SELECT (COUNT(?c) AS ?n) WHERE { ?c a aikg:ConsolidatedEvent }")

    def consolidated() -> int:
        return int(kg("query", count, "--format", "csv", store=store).stdout.splitlines()[1])

    after_ingest = consolidated()
    assert after_ingest > 0
    assert kg("consolidate", store=store).stdout.startswith("consolidated 0 report(s)")
    rebuilt = kg("consolidate", "--rebuild", store=store)
    assert rebuilt.returncode == 0 and consolidated() == after_ingest
    deleted = kg("delete", FIRST, store=store)
    assert deleted.returncode == 0, deleted.stderr
    removed = int(deleted.stdout.split("event(s) written, ")[1].split(" removed")[0])
    assert removed > 0 and consolidated() == after_ingest - removed
