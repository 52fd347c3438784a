"""HTTP rules every route keeps, checked once before routing: HEAD, URL length, URL encoding.

- `HEAD` is answered for every GET route (RFC 9110 §9.3.2): the request is served as a GET
  and the body dropped, so the headers are exactly those of the GET.
- A URL longer than `MAX_URL_BYTES` is a 414 problem that tells the client to POST instead.
- A query string whose percent-escapes are not UTF-8 (`Cura%E7ao`, Latin-1) is a 400 problem
  that names the parameter, rather than a value silently mangled into U+FFFD.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.limits import send_problem

#: Longest request target (path and query string) answered; longer is 414. Uvicorn's HTTP/1.1
#: parser (h11) refuses a request head over 16 KiB when it arrives in pieces, as it does on
#: any real network; 8 KiB leaves room for the headers, like Apache's and nginx's defaults.
MAX_URL_BYTES = 8 * 1024
#: Largest request head uvicorn's h11 parser reads before the app sees it (its default is
#: 16 KiB). Raised so that a long GET reaches HttpConformance and gets the 414 that says to
#: POST, not h11's plain-text 400; `kg serve` and the test servers pass it to uvicorn.
MAX_REQUEST_HEAD_BYTES = 1024 * 1024


class HttpConformance:
    """ASGI middleware: HEAD as a body-less GET, 414 for long URLs, 400 for non-UTF-8 queries."""

    def __init__(self, app: ASGIApp, *, max_url_bytes: int = MAX_URL_BYTES) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(query)
        if target > self.max_url_bytes:
            await send_problem(send, scope, 414, "URI too long",
                               f"the request URL is {target} bytes, more than the "
                               f"{self.max_url_bytes} this server reads; send the request "
                               "by POST (for SPARQL: a form or application/sparql-query body)")
            return
        bad = non_utf8_parameter(query)
        if bad is not None:
            await send_problem(send, scope, 400, "Invalid request", bad)
            return
        if scope["method"] == "HEAD":
            await self.app(dict(scope, method="GET"), receive, _without_body(send))
            return
        await self.app(scope, receive, send)


def non_utf8_parameter(encoded: bytes | str) -> str | None:
    """Why a URL-encoded form (query string or form body) is not UTF-8, or None when it is.

    >>> non_utf8_parameter(b"q=Cura%E7ao")
    "parameter 'q': the percent-escapes %E7 are not UTF-8 (encode text as UTF-8 before escaping)"
    """
    raw = encoded.encode("latin-1") if isinstance(encoded, str) else encoded
    for pair in raw.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part in (name, value):
            decoded = unquote_to_bytes(part.replace(b"+", b" "))
            try:
                decoded.decode("utf-8")
            except UnicodeDecodeError as error:
                shown = name.decode("latin-1", "replace")[:40]
                escapes = "".join(f"%{byte:02X}" for byte in decoded[error.start:error.end])
                return (f"parameter {shown!r}: the percent-escapes {escapes} are not UTF-8 "
                        "(encode text as UTF-8 before escaping)")
    return None


def _without_body(send: Send) -> Send:
    """`send` for a HEAD request: the GET's status and headers, an empty body."""

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return  # a streamed GET: drop its chunks, end once
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_head
