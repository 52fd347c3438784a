"""Run `kg serve` over a store in a separate process, for benchmarks that need real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from bench.oxigraph_server import free_port

READY_SECONDS = 120.0


class ApiServer:
    """`with ApiServer(store) as server: server.url` — uvicorn on a free loopback port."""

    def __init__(self, store: str | Path, *, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [sys.executable, "-m", "kg.cli", "--store", str(store), "serve",
                        "--host", "127.0.0.1", "--port", str(self.port)]
        self.env = {**os.environ, "AIKG_QUERY_TIMEOUT": "900",
                    "AIKG_MAX_RESULT_BYTES": str(1 << 30), **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ApiServer:
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(f"kg serve exited: {self._log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=5):
                    return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError(f"kg serve did not answer on {self.url}")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        self._log.close()
