"""A response cache for the domain routes, exact because it is keyed by the store's generation.

An embedded store is written only through the process that holds its lock, and every write
bumps `store.generation`; an answer computed at one generation is the answer until the next
write. So repeated questions (a dashboard, the explorer) cost a dictionary lookup, and an
ingest or update invalidates everything at once. Stores written by others (a remote server)
are never cached.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Route prefixes whose GET answers depend only on the store's content and the request.
CACHED_PREFIXES = ("/meetings", "/events", "/facts", "/timeline", "/entities", "/path",
                   "/stats", "/graphs", "/articles")


@dataclass(frozen=True)
class _Entry:
    start: Message
    body: bytes


class ResponseCache:
    """Pure ASGI middleware: cache 200 answers of GET requests on the domain routes."""

    def __init__(self, app: ASGIApp, *, max_entries: int = 512,
                 max_body_bytes: int = 2 * 1024 * 1024) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_body_bytes = max_body_bytes
        self._entries: OrderedDict[tuple[Any, ...], _Entry] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        store = _store_of(scope)
        if store is None or scope["type"] != "http" or scope["method"] != "GET" or \
                not scope["path"].startswith(CACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        generation = store.generation
        key = (generation, scope["path"], scope.get("query_string", b""),
               _header(scope, b"accept"), _header(scope, b"origin"))
        # A client may ask for a fresh answer (RFC 9111 section 5.2.1.4); it is still stored.
        entry = None if b"no-cache" in _header(scope, b"cache-control") else self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            await send(entry.start)
            await send({"type": "http.response.body", "body": entry.body})
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if start is not None and start["status"] == 200 and len(body) <= self.max_body_bytes \
                and store.generation == generation:  # no write happened meanwhile
            self._entries[key] = _Entry(start, body)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def _store_of(scope: Scope) -> Any:
    app = scope.get("app")
    store = getattr(getattr(app, "state", None), "store", None)
    return store if getattr(store, "sole_writer", False) else None


def _header(scope: Scope, name: bytes) -> bytes:
    return next((value for key, value in scope.get("headers", []) if key == name), b"")
