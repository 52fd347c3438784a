"""A keep-alive HTTP client for loopback benchmarks (one connection, like a pooled client)."""

from __future__ import annotations

import http.client
import time
import urllib.parse


class Client:
    """GET/POST on one persistent connection; every call returns (status, body, seconds)."""

    def __init__(self, base_url: str, *, timeout: float = 900.0) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method: str, path: str, *, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
        except TimeoutError:
            self.connection.close()
            raise
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed a kept-alive connection: retry once
            self.connection = http.client.HTTPConnection(self.host, self.port,
                                                         timeout=self.timeout)
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
        return response.status, data, time.perf_counter() - started

    def get(self, path: str, *, headers: dict[str, str] | None = None
            ) -> tuple[int, bytes, float]:
        return self.request("GET", path, headers={"Accept": "application/json", **(headers or {})})

    def sparql(self, path: str, query: str) -> tuple[int, bytes, float]:
        return self.request("POST", path, body=query.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json"})

    def close(self) -> None:
        self.connection.close()
