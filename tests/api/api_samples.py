"""Hand-made extractions in the shape of the seed articles, so API tests need no NLP, and
apps over them on either store backend ("embedded" in-process, "remote" `oxigraph serve`)."""

from __future__ import annotations

import datetime as dt
import functools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import Extractor, create_app
from api.protocol import MAX_REQUEST_HEAD_BYTES
from api.settings import ApiSettings
from bench.oxigraph_server import OxigraphServer, oxigraph_binary
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact
from kg.namespaces import ENTITIES_GRAPH, GRAPH
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.store import Store

Backend = Literal["embedded", "remote"]
needs_server = pytest.mark.skipif(
    oxigraph_binary() is None,
    reason="the Oxigraph server command `oxigraph` is missing (pip install oxigraph==0.5.13)")
#: The values of the `backend` fixture; "remote" is skipped where `oxigraph` is not installed.
BACKENDS = ["embedded", pytest.param("remote", marks=needs_server)]

TOPICS_GRAPH = GRAPH["test-topics"]
TOPICS_NT = [
    '<https://w3id.org/aikg/topic/ai> <http://www.w3.org/2004/02/skos/core#prefLabel> "AI" .',
    '<https://w3id.org/aikg/topic/ai-safety> <http://www.w3.org/2004/02/skos/core#prefLabel> '
    '"AI safety" .',
    '<https://w3id.org/aikg/topic/ai-safety> <http://www.w3.org/2004/02/skos/core#broader> '
    '<https://w3id.org/aikg/topic/ai> .',
    '<https://w3id.org/aikg/topic/trade> <http://www.w3.org/2004/02/skos/core#prefLabel> "trade" .',
]

SMITH = Entity("person/brad-smith", "Brad Smith", "Person", ("Smith",))
WANG = Entity("person/wang-wentao", "Wang Wentao", "Person", ("Wang",))
MICROSOFT = Entity("company/microsoft", "Microsoft", "Company", (), "Q2283")
MOFCOM = Entity("government/ministry-of-commerce-of-china", "Ministry of Commerce of China",
                "Government", ("Ministry of Commerce", "MOFCOM"))
CN_GOV = Entity("government/government-of-china", "Government of China", "Government",
                ("Beijing", "China"))
US_GOV = Entity("government/government-of-the-united-states", "Government of the United States",
                "Government", ("Washington", "US"), "Q48525")
BAIDU = Entity("company/baidu", "Baidu", "Company", (), "Q14772")
PAI = Entity("alliance/partnership-on-ai", "Partnership on AI", "Alliance", ("PAI",))
LI = Entity("person/li-qiang", "Li Qiang", "Person", ("Li",))
WAICO = Entity("alliance/global-ai-cooperation-organization",
               "Global AI Cooperation Organization", "Alliance")


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def meeting_article() -> Extraction:
    text = ("Microsoft President Brad Smith met Chinese Commerce Minister Wang Wentao in Beijing "
            "on Wednesday. They discussed AI and trade, the ministry said. "
            "China urged the US to stop \"technological protectionism\".")
    met, urged = text.split(". ")[0] + ".", text.split(". ")[2]
    article = Article(id="smith-wang", title="Microsoft's Smith meets Wang Wentao", text=text,
                      date=dt.date(2023, 12, 8), source="smith-wang.txt")
    return Extraction(
        article=article,
        entities=(SMITH, WANG, MICROSOFT, MOFCOM, CN_GOV, US_GOV),
        facts=(Fact(SMITH.id, "roleIn", MICROSOFT.id, _evidence(text, met), 0.9, title="President"),
               Fact(WANG.id, "roleIn", MOFCOM.id, _evidence(text, met), 0.85,
                    title="Commerce Minister"),
               Fact(MOFCOM.id, "partOf", CN_GOV.id, _evidence(text, met), 0.8)),
        events=(Event("Meeting", _evidence(text, met), 0.8, participants=(SMITH.id, WANG.id),
                      topics=("AI", "trade"), date="2023-12-06", location="Beijing"),
                Event("Demand", _evidence(text, urged), 0.7, actor=CN_GOV.id, target=US_GOV.id,
                      topics=("trade",))),
    )


def alliance_article() -> Extraction:
    text = ("Baidu has withdrawn from the Partnership on AI. "
            "Premier Li Qiang proposed a Global AI Cooperation Organization in July 2025 "
            "to address AI safety.")
    first, second = text.split(". ")[0] + ".", text.split(". ")[1]
    article = Article(id="baidu-pai", title="Baidu leaves the Partnership on AI", text=text,
                      date=dt.date(2025, 7, 26), source="baidu-pai.txt")
    return Extraction(
        article=article,
        entities=(BAIDU, PAI, LI, WAICO, CN_GOV),
        facts=(Fact(BAIDU.id, "withdrewFrom", PAI.id, _evidence(text, first), 0.9, date="2020-06"),
               Fact(LI.id, "roleIn", CN_GOV.id, _evidence(text, second), 0.9, title="Premier")),
        events=(Event("Proposal", _evidence(text, second), 0.75, actor=LI.id, proposed=WAICO.id,
                      topics=("AI safety",), date="2025-07"),),
    )


def seed_store(store: Store) -> list[Extraction]:
    """Put the fixture articles and a small topic scheme in `store`, in place of the gazetteer."""
    extractions = [meeting_article(), alliance_article()]
    store.delete_graph(ENTITIES_GRAPH)  # the gazetteer grows; tests see only their own entities
    store.put_graph(TOPICS_GRAPH, TOPICS_NT)
    for extraction in extractions:
        store.put_graph(article_graph_iri(extraction.article), extraction_to_graph(extraction))
    return extractions


TOKEN = "test-token-5f2c"
ORIGIN = "https://yasgui.example"


def make_settings(**changes: object) -> ApiSettings:
    base = {"store": ":memory:", "update_token": TOKEN, "query_timeout": 10.0,
            "cors_origins": (ORIGIN,)}
    return ApiSettings(**(base | changes))  # type: ignore[arg-type]


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return store


@contextmanager
def settings_on(backend: Backend, **changes: object) -> Iterator[ApiSettings]:
    """Test settings over a new empty store: ':memory:', or an `oxigraph serve` of its own
    (about 0.1 s to start, so every app gets a fresh server rather than a cleared one)."""
    if backend == "embedded":
        yield make_settings(**changes)
        return
    with OxigraphServer() as server:
        yield make_settings(**({"store": server.url} | changes))


@contextmanager
def client_on(backend: Backend, *, seed: bool = True, extract: Extractor | None = None,
              **changes: object) -> Iterator[TestClient]:
    """A TestClient over a new store on `backend`, seeded with the sample articles."""
    with settings_on(backend, **changes) as settings, \
            TestClient(create_app(settings, extract=extract)) as client:
        if seed:
            seed_store(store_of(client))
        yield client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def serve_app(app: FastAPI, *, seed: bool = True) -> Iterator[tuple[str, Store]]:
    """Run `app` in a real uvicorn server on a free loopback port (in a thread), seeded, until
    the generator closes; yields the base URL and the app's store."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    store: Store = app.state.store
    try:
        if seed:
            seed_store(store)
        yield f"http://127.0.0.1:{port}", store
    finally:
        server.should_exit = True
        thread.join(timeout=20)


#: Seconds a test's HTTP call may wait: far beyond any answer, so a busy machine never fails
#: a test that a quiet one passes (httpx's own default is 5 s).
HTTP_TIMEOUT = 300.0


class _Http:
    """httpx's top-level functions (get, post, head, put, delete, request) with HTTP_TIMEOUT."""

    def __getattr__(self, method: str) -> Callable[..., httpx.Response]:
        return functools.partial(getattr(httpx, method), timeout=HTTP_TIMEOUT)


http = _Http()
