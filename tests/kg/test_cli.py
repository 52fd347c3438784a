"""The `kg` command, run as a user runs it: a subprocess on a temporary on-disk store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def kg(*args: str, store: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIKG_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = kg("ingest", "--no-progress", str(SEEDS), store=store)
    assert result.returncode == 0, result.stderr
    assert "ingested 4 article(s)" in result.stdout
    return store


@pytest.mark.parametrize(
    "command",
    [[], ["ingest"], ["extract"], ["query"], ["export"], ["stats"], ["validate"], ["articles"],
     ["delete"], ["meetings"], ["eval"]],
)
def test_every_command_has_help(tmp_path: Path, command: list[str]) -> None:
    result = kg(*command, "--help", store=tmp_path / "s")
    assert result.returncode == 0
    assert "usage: kg" in result.stdout


@pytest.mark.slow
def test_articles_stats_and_meetings(seeded: Path) -> None:
    articles = kg("articles", store=seeded)
    assert articles.returncode == 0
    assert len(articles.stdout.strip().splitlines()) == 1 + 4  # a header, then the articles
    stats = kg("stats", store=seeded)
    assert "articles: 4" in stats.stdout
    # Entities the articles name, with the gazetteer's count apart: never 129 persons.
    persons = next(line.split() for line in stats.stdout.splitlines()
                   if line.split()[:1] == ["Person"])
    assert 5 <= int(persons[1]) <= 30 < int(persons[2].strip("()")), stats.stdout
    meetings = kg("meetings", "--topic", "AI", store=seeded)
    assert meetings.returncode == 0, meetings.stderr
    assert "- Brad Smith & Wang Wentao [AI, trade], 1 source\n" in meetings.stdout
    per_report = kg("meetings", "--topic", "AI", "--per-report", store=seeded)
    assert "- Brad Smith & Wang Wentao [AI, trade]\n" in per_report.stdout


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_query_formats(seeded: Path, fmt: str) -> None:
    sparql = "SELECT ?name WHERE { ?p a aikg:Person ; rdfs:label ?name } ORDER BY ?name"
    result = kg("query", sparql, "--format", fmt, store=seeded)
    assert result.returncode == 0, result.stderr
    assert "Brad Smith" in result.stdout
    if fmt == "json":
        names = [b["name"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]]
        assert names == sorted(names)


@pytest.mark.slow
def test_query_from_file_and_ask(seeded: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?m a aikg:Meeting }")
    result = kg("query", "--file", str(query), store=seeded)
    assert result.stdout.strip() == "true"


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("nt", "nt"),
                                             ("trig", "trig"), ("nquads", "nquads"),
                                             ("jsonld", "json-ld")])
def test_export_parses_with_an_independent_parser(seeded: Path, tmp_path: Path, fmt: str,
                                                  parser: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = kg("export", "--format", fmt, "-o", str(out), store=seeded)
    assert result.returncode == 0, result.stderr
    target = Dataset() if fmt in ("trig", "nquads", "jsonld") else Graph()
    target.parse(out, format=parser)
    assert len(target) > 1000 or len(list(Dataset().parse(out, format=parser).quads())) > 1000


@pytest.mark.slow
def test_validate_passes_on_the_seed_graph(seeded: Path) -> None:
    result = kg("validate", store=seeded)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "conforms" in result.stdout


@pytest.mark.slow
def test_reingest_is_idempotent_and_delete_is_exact(seeded: Path) -> None:
    before = kg("stats", store=seeded).stdout
    again = kg("ingest", "--no-progress", str(SEEDS / "000_4a79ae427b05caa0.txt"), store=seeded)
    assert again.returncode == 0, again.stderr
    assert kg("stats", store=seeded).stdout == before
    deleted = kg("delete", "000_4a79ae427b05caa0", store=seeded)
    assert deleted.returncode == 0, deleted.stderr
    assert len(kg("articles", store=seeded).stdout.strip().splitlines()) == 1 + 3
    restored = kg("ingest", "--no-progress", str(SEEDS / "000_4a79ae427b05caa0.txt"), store=seeded)
    assert restored.returncode == 0
    assert kg("stats", store=seeded).stdout == before


@pytest.mark.slow
def test_parallel_ingest_builds_the_same_graph_as_serial(seeded: Path, tmp_path: Path) -> None:
    parallel = tmp_path / "parallel"
    result = kg("ingest", "--no-progress", "--workers", "2", str(SEEDS), store=parallel)
    assert result.returncode == 0, result.stderr

    def article_quads(store: Path) -> list[str]:
        lines = _stored_quads(store).splitlines()
        return sorted(q for q in lines if "/graph/article/" in q and "ingestedAt" not in q)

    assert article_quads(parallel) == article_quads(seeded)


@pytest.mark.slow
def test_extract_json_has_the_design_shape(tmp_path: Path) -> None:
    result = kg("extract", str(SEEDS / "001_f1a1e904460b1218.txt"), "--json", store=tmp_path / "s")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"article", "entities", "facts", "events"}
    assert {"id", "title", "date", "source"} <= set(document["article"])
    ids = {entity["id"] for entity in document["entities"]}
    for fact in document["facts"]:
        assert {fact["subject"], fact["object"]} <= ids
        assert 0 <= fact["confidence"] <= 1 and fact["start"] < fact["end"]
    assert not (tmp_path / "s").exists(), "extract must not need or create a store"


def _stored_quads(store: Path) -> str:
    return kg("export", "--format", "nquads", store=store).stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("empty.txt", b"", "empty"), ("binary.txt", b"\x00\x01\x02binary", "binary"),
     ("bad.txt", b"caf\xe9", "invalid UTF-8")],
)
def test_bad_file_is_refused_and_nothing_stored_is_lost(
    seeded: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    before = _stored_quads(seeded)
    path = tmp_path / name
    path.write_bytes(content)
    result = kg("ingest", "--no-progress", str(path), store=seeded)
    assert result.returncode == 1
    assert message in result.stderr and name in result.stderr
    assert _stored_quads(seeded) == before


@pytest.mark.slow
def test_batch_with_a_broken_jsonl_line_lands_the_good_articles(tmp_path: Path) -> None:
    store = tmp_path / "store"
    good = {"id": "good", "text": "Nvidia met Huawei officials in Beijing to discuss chips.",
            "date": "2024-03-01"}
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({**good, "id": "two"}) + "\n")
    result = kg("ingest", "--no-progress", str(batch), store=store)
    assert result.returncode == 3, result.stderr
    assert "batch.jsonl:2" in result.stderr
    assert "ingested 2 article(s)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "does/not/exist.txt"], "no such file or directory"),
        (["query", "SELECT WHERE {"], "SPARQL syntax error"),
        (["query", "   "], "empty"),
        (["delete", "no-such-article"], "no single article"),
        (["export", "--graph", "https://example.org/none"], "no article or named graph"),
        (["export", "--graph", "not an iri"], "no article or named graph"),
        (["meetings", "--topic", "chipz"], "did you mean 'semiconductors'"),
        (["eval", "does/not/exist"], "not a directory"),
        (["extract", "missing.txt", "--json"], "no such file"),
    ],
)
def test_errors_are_one_line_and_non_zero(tmp_path: Path, args: list[str], message: str) -> None:
    result = kg(*args, store=tmp_path / "store")
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:") and message in lines[0]


def test_unwritable_store_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = kg("stats", store=blocker / "store")
    assert result.returncode == 1
    assert "cannot open store" in result.stderr
