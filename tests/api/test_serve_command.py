"""`kg serve`: uvicorn over the embedded store, started as a user would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from kg.store import EmbeddedStore


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kg(*args: str, store: Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "--store", str(store), *args]


def test_serve_answers_health_and_sparql(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    EmbeddedStore(store_dir).close()
    port = free_port()
    env = os.environ | {"AIKG_QUERY_TIMEOUT": "5"}
    process = subprocess.Popen(kg("serve", "--port", str(port), store=store_dir), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"{base}/health")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["triples"] > 0
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.json() == {"head": {}, "boolean": True}
        refused = httpx.post(f"{base}/sparql/update", data={"update": "DROP ALL"})
        assert refused.status_code == 403  # no AIKG_UPDATE_TOKEN: writes are off
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()  # type: ignore[union-attr]


def test_serve_refuses_several_workers(tmp_path: Path) -> None:
    result = subprocess.run(kg("serve", "--workers", "2", store=tmp_path / "s"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "--workers 2" in result.stderr


def test_serve_reports_a_locked_store(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store"):
        result = subprocess.run(kg("serve", "--port", str(free_port()), store=tmp_path / "store"),
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "locked" in result.stderr
