"""Start and stop an `oxigraph serve` process on a free loopback port (tests and benchmarks).

The server is the PyPI package `oxigraph` (its `oxigraph` command sits next to the venv's
python). It listens on 127.0.0.1 only and has no auth of its own.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

READY_SECONDS = 30.0


def oxigraph_binary() -> str | None:
    """The `oxigraph` server command: next to this interpreter first, then on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OxigraphServer:
    """`with OxigraphServer() as server: server.url` — an in-memory (or on-disk) server."""

    def __init__(self, *, location: Path | None = None, union_default_graph: bool = True,
                 timeout_s: int | None = None) -> None:
        binary = oxigraph_binary()
        if binary is None:
            raise FileNotFoundError("the `oxigraph` server command is not installed "
                                    "(pip install oxigraph)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [binary, "serve", "--bind", f"127.0.0.1:{self.port}"]
        if location is not None:
            command += ["--location", str(location)]
        if union_default_graph:
            command.append("--union-default-graph")
        if timeout_s is not None:
            command += ["--timeout-s", str(timeout_s)]
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> OxigraphServer:
        # A file, not a pipe: the server logs every failed request and a full pipe blocks it.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL,
                                        stderr=self._log)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                error = self._log.read().decode("utf-8", "replace")
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}: "
                                   f"{error.strip()}")
            try:
                with urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1):
                    return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer on {self.url} in {READY_SECONDS}s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self.process = None

    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
