"""`kg serve`: uvicorn over the embedded store or a remote SPARQL server, started as a user
would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from api_samples import TOKEN, auth, needs_server

from bench.oxigraph_server import OxigraphServer
from kg.store import EmbeddedStore


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kg(*args: str, store: Path | str | None = None) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *(["--store", str(store)] if store else []), *args]


@contextmanager
def serving(*args: str, store: Path | str | None = None,
            env: dict[str, str] | None = None) -> Iterator[str]:
    """`kg serve ARGS` on a free port until it answers /health; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(kg("serve", "--port", str(port), *args, store=store),
                               env=os.environ | {"AIKG_QUERY_TIMEOUT": "5"} | (env or {}),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()  # type: ignore[union-attr]


def test_serve_answers_health_and_sparql(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    EmbeddedStore(store_dir).close()
    with serving(store=store_dir) as base:
        health = httpx.get(f"{base}/health")
        assert health.status_code == 200 and health.json()["triples"] > 0
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.json() == {"head": {}, "boolean": True}
        refused = httpx.post(f"{base}/sparql/update", data={"update": "DROP ALL"})
        assert refused.status_code == 403  # no AIKG_UPDATE_TOKEN: writes are off


@needs_server
def test_serve_passes_explicit_remote_endpoints_through() -> None:
    """A server not laid out like Oxigraph's: the base URL alone would lead nowhere."""
    with OxigraphServer() as oxigraph:
        env = {"AIKG_STORE": f"{oxigraph.url}/no-such-dataset",
               "AIKG_STORE_QUERY": f"{oxigraph.url}/query",
               "AIKG_STORE_UPDATE": f"{oxigraph.url}/update",
               "AIKG_STORE_GSP": f"{oxigraph.url}/store", "AIKG_UPDATE_TOKEN": TOKEN}
        with serving(env=env) as base:
            health = httpx.get(f"{base}/health")
            assert health.status_code == 200 and health.json()["triples"] > 0
            insert = "INSERT DATA { GRAPH <urn:serve> { <urn:a> <urn:b> <urn:c> } }"
            written = httpx.post(f"{base}/sparql/update", data={"update": insert},
                                 headers=auth())
            assert written.status_code == 204, written.text
            ask = httpx.get(f"{base}/sparql", params={"query": "ASK { <urn:a> <urn:b> ?o }"})
            assert ask.json() == {"head": {}, "boolean": True}
        direct = httpx.get(f"{oxigraph.url}/query", params={"query": "ASK { <urn:a> ?p ?o }"},
                           headers={"Accept": "application/sparql-results+json"})
        assert direct.json()["boolean"] is True  # the write went to that server


@needs_server
def test_serve_runs_several_workers_on_a_remote_store() -> None:
    with OxigraphServer() as oxigraph, serving("--workers", "2", store=oxigraph.url) as base:
        for _ in range(4):
            health = httpx.get(f"{base}/health")
            assert health.status_code == 200 and health.json()["triples"] > 0


def test_serve_refuses_several_workers_on_the_embedded_store(tmp_path: Path) -> None:
    result = subprocess.run(kg("serve", "--workers", "2", store=tmp_path / "s"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "--workers 2" in result.stderr and "one process only" in result.stderr


def test_serve_reports_a_locked_store(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store"):
        result = subprocess.run(kg("serve", "--port", str(free_port()), store=tmp_path / "store"),
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "locked" in result.stderr


def test_serve_reports_an_unreachable_remote_store() -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    result = subprocess.run(kg("serve", "--port", str(free_port()), "--workers", "2",
                               store=nobody),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "cannot reach the SPARQL server" in result.stderr
