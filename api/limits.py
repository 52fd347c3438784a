"""A limit on the size of request bodies, checked before any route reads them.

A body announced (Content-Length) or sent (chunked) past the limit gets a 413
application/problem+json at once; nothing of it reaches a route, so nothing is stored.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PROBLEM_JSON


class BodySizeLimit:
    """ASGI middleware: refuse request bodies larger than `max_bytes` with 413."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await send_problem(send, scope, 400, "Invalid request",
                               f"Content-Length {declared.decode('latin-1')!r} is not a number")
                return
            if int(declared) > self.max_bytes:
                await self._too_large(send, scope)
                return
        # Read the whole body here (routes read it whole anyway), counting as it comes.
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([message], receive), send)
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._too_large(send, scope)
                return
            chunks.append(body)
            more = bool(message.get("more_body", False))
        request: Message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([request], receive), send)

    async def _too_large(self, send: Send, scope: Scope) -> None:
        await send_problem(send, scope, 413, "Request too large",
                       f"the request body is larger than {self.max_bytes} bytes "
                       "(the server's AIKG_MAX_BODY_BYTES)")


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


async def send_problem(send: Send, scope: Scope, status: int, title: str, detail: str) -> None:
    """Answer with an application/problem+json before any route runs, and close."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status,
                       "detail": detail, "instance": scope.get("path", "")}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", PROBLEM_JSON.encode()),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
