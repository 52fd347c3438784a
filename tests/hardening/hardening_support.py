"""Helpers for the hardening suite: a seeded app without NLP, the `kg` command, store checks."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from api.settings import ApiSettings
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.store import EmbeddedStore
from kg.validate import ValidationReport, validate_store

ROOT = Path(__file__).resolve().parents[2]
#: Characters str.splitlines() breaks lines at besides \n and \r: literals holding them must
#: survive the N-Triples that kg/store writes (test_consistency.py).
SPLITLINES_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
TOKEN = "hardening-token-9d41c7e2"
SMITH = Entity("person/brad-smith", "Brad Smith", "Person", ("Smith",))
WANG = Entity("person/wang-wentao", "Wang Wentao", "Person", ("Wang",))
MICROSOFT = Entity("company/microsoft", "Microsoft", "Company", (), "Q2283")
MEETING_TEXT = ("Microsoft President Brad Smith met Chinese Commerce Minister Wang Wentao in "
                "Beijing on Wednesday to discuss AI and trade.")


def meeting_extraction(article: Article) -> Extraction:
    """One roleIn fact and one meeting whose evidence is the article's whole text."""
    evidence = Evidence(article.text, 0, len(article.text))
    return Extraction(
        article=article, entities=(SMITH, WANG, MICROSOFT),
        facts=(Fact(SMITH.id, "roleIn", MICROSOFT.id, evidence, 0.9, title="President"),),
        events=(Event("Meeting", evidence, 0.8, participants=(SMITH.id, WANG.id),
                      topics=("AI", "trade"), date="2023-12-06", location="Beijing"),))


def fake_extract(articles: Iterable[Article]) -> Iterator[Extraction]:
    """The extractor of POST /articles in these tests: no NLP, the same shape every time."""
    for article in articles:
        yield meeting_extraction(article)


def seed(store: EmbeddedStore) -> Article:
    article = Article(id="smith-wang", title="Smith meets Wang", text=MEETING_TEXT,
                      date=dt.date(2023, 12, 8), source="smith-wang.txt")
    store.put_graph(article_graph_iri(article), extraction_to_graph(meeting_extraction(article)))
    return article


def make_settings(**changes: object) -> ApiSettings:
    base: dict[str, object] = {"store": ":memory:", "update_token": TOKEN, "query_timeout": 10.0}
    return ApiSettings(**(base | changes))  # type: ignore[arg-type]


def store_of(client: TestClient) -> EmbeddedStore:
    store: EmbeddedStore = client.app.state.store  # type: ignore[attr-defined]
    return store


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(response: object, status: int) -> dict[str, object]:
    """The response is an application/problem+json with this status; its body."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def assert_conforms(store: EmbeddedStore) -> None:
    report: ValidationReport = validate_store(store)
    assert report.conforms, report.text[-3000:]


def kg_command(*args: str, store: Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "--store", str(store), *args]


def kg(*args: str, store: Path, timeout: int = 300, **env: str
       ) -> subprocess.CompletedProcess[str]:
    """Run `kg` as a user does, on the given store."""
    return subprocess.run(kg_command(*args, store=store), capture_output=True, text=True,
                          env=os.environ | env, timeout=timeout, cwd=ROOT)


def stored_quads(store: Path) -> list[str]:
    """Every article quad of the store, sorted, without the ingestion timestamps."""
    result = kg("export", "--format", "nquads", store=store)
    assert result.returncode == 0, result.stderr
    return sorted(q for q in result.stdout.splitlines()
                  if "/graph/article/" in q and "ingestedAt" not in q)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(store_dir: Path, output: int | None = subprocess.DEVNULL, **env: str
            ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`kg serve` on 127.0.0.1 over `store_dir`, killed on exit (with any query it runs)."""
    port = free_port()
    process = subprocess.Popen(kg_command("serve", "--port", str(port), store=store_dir),
                               env=os.environ | env, cwd=ROOT, stdout=output,
                               stderr=subprocess.STDOUT)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    try:
        while True:
            try:
                httpx.get(f"{base}/health", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, "kg serve exited"
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.1)
        yield base, process
    finally:
        process.kill()
        process.wait(timeout=30)
