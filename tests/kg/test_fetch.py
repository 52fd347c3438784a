"""Fetching pages and feeds from a real HTTP server on 127.0.0.1 that the tests start.

The server's pages live in this file; nothing here talks to any other address.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.feeds import parse_feed
from kg.fetch import FEED_TYPES, Fetcher, FetchError, FetchPolicy
from kg.read import article_from_page
from kg.urls import canonical_url, normalize_url

PARAGRAPHS = (
    "<p>Commerce Secretary Gina Raimondo met Chinese President Xi Jinping in Beijing on "
    "Tuesday to discuss artificial intelligence and export controls, officials said.</p>"
    "<p>The talks lasted two hours and covered chips, trade and the safety of AI systems, "
    "according to a statement published after the meeting.</p>"
)


def page(title: str, body: str = PARAGRAPHS, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode()


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    chunked: bool = False


@dataclass
class Site:
    """What the loopback server answers: routes (path -> Reply or a function of the request
    count), and a log of every request path."""

    routes: dict[str, Reply | Callable[[int], Reply]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when a client hangs up."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def serve(site: Site) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site.requests.append(self.path)
            route = site.routes.get(self.path.split("?")[0], Reply(404, b"not found"))
            reply = route(site.requests.count(self.path)) if callable(route) else route
            if reply.delay:
                time.sleep(reply.delay)
            etag = reply.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(reply.body), 4096):
                    chunk = reply.body[start:start + 4096]
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            # The client may give up (the size cap): that is the point.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    routes: dict[str, Reply | Callable[[int], Reply]] = {
        "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\n",
                             content_type="text/plain"),
        "/news/raimondo.html": Reply(body=page("Raimondo meets Xi"), headers={"ETag": '"v1"'}),
        "/private/memo.html": Reply(body=page("Private")),
        "/loop": Reply(302, headers={"Location": "/loop2"}),
        "/loop2": Reply(302, headers={"Location": "/loop"}),
        "/moved": Reply(301, headers={"Location": "/news/raimondo.html?utm_source=feed"}),
        "/error": Reply(500, b"boom"),
        "/slow": Reply(body=page("Slow"), delay=2.0),
        "/huge": Reply(body=b"<p>" + b"word " * 40_000 + b"</p>"),
        "/huge-chunked": Reply(body=b"<p>" + b"word " * 40_000 + b"</p>", chunked=True),
        "/report.pdf": Reply(body=b"%PDF-1.4", content_type="application/pdf"),
        "/latin.html": Reply(body=page("Caf\xe9 talks", "<p>China\x92s Ministry of Commerce "
                                       "criticised the decision on Tuesday and urged "
                                       "Washington to correct it at once, officials said."
                                       "</p>").decode().encode("latin-1"),
                             content_type="text/html; charset=ISO-8859-1"),
    }
    yield from serve(Site(routes))


def fetcher(**limits: object) -> Fetcher:
    return Fetcher(FetchPolicy(**{"timeout": 1.0, "delay": 0.0, **limits}))  # type: ignore[arg-type]


def test_a_page_is_fetched_with_its_type_and_validators(site: Site) -> None:
    with fetcher() as client:
        fetched = client.get(site.url("/news/raimondo.html"))
    assert fetched.status == 200 and fetched.media_type == "text/html"
    assert fetched.charset == "utf-8" and b"Raimondo" in fetched.body
    assert fetched.validators.etag == '"v1"'
    assert site.requests[0] == "/robots.txt"  # asked first, once per host


def test_a_conditional_get_of_an_unchanged_page_is_not_modified(site: Site) -> None:
    with fetcher() as client:
        first = client.get(site.url("/news/raimondo.html"))
        again = client.get(site.url("/news/raimondo.html"), validators=first.validators)
    assert again.not_modified and again.body == b""


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "more than 5 redirects"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/slow", "did not answer within 1s"),
        ("/huge", "over the limit of 50000"),
        ("/huge-chunked", "over the limit of 50000"),
        ("/report.pdf", "content type 'application/pdf' is not one of text/html"),
        ("/private/memo.html", "disallowed by http://127.0.0.1:"),
        ("/missing", "HTTP 404 Not Found"),
    ],
)
def test_refused_urls_are_one_line_errors_naming_the_url(site: Site, path: str,
                                                         message: str) -> None:
    started = time.monotonic()
    with fetcher(max_bytes=50_000) as client, pytest.raises(FetchError) as info:
        client.get(site.url(path))
    assert message in str(info.value)
    assert str(info.value).startswith(site.url(path) + ": ")
    assert "\n" not in str(info.value)
    assert time.monotonic() - started < 1.9  # the slow page is given up at the timeout


def test_redirects_are_followed_to_the_canonical_page(site: Site) -> None:
    with fetcher() as client:
        fetched = client.get(site.url("/moved"))
    assert fetched.final_url == site.url("/news/raimondo.html")  # tracking parameter dropped
    article = article_from_page(fetched.body, url=fetched.final_url,
                                content_type=fetched.media_type, charset=fetched.charset)
    assert article.id == article.url == site.url("/news/raimondo.html")
    assert article.title == "Raimondo meets Xi" and "two hours" in article.text


def test_a_page_is_read_in_the_charset_of_the_http_header(site: Site) -> None:
    with fetcher() as client:
        fetched = client.get(site.url("/latin.html"))
    article = article_from_page(fetched.body, url=fetched.final_url,
                                content_type=fetched.media_type, charset=fetched.charset)
    assert "China’s Ministry of Commerce" in article.text and article.title == "Café talks"


def test_a_fetched_page_loses_its_promotion_block(site: Site) -> None:
    site.routes["/promo.html"] = Reply(body=page("Raimondo meets Xi", PARAGRAPHS + (
        "<aside><p>Read more: Nvidia met Samsung Electronics in Seoul</p></aside>"
        "<p>Read more: Baidu met Tencent in Shenzhen to discuss AI</p>"
        "<p>Subscribe to continue reading.</p><p>Related: Xi met Biden in 2023</p>")))
    with fetcher() as client:
        fetched = client.get(site.url("/promo.html"))
    article = article_from_page(fetched.body, url=fetched.final_url,
                                content_type=fetched.media_type, charset=fetched.charset)
    assert "two hours" in article.text
    assert not any(word in article.text for word in ("Read more", "Subscribe", "Related"))


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    with fetcher(delay=0.3) as client:
        started = time.monotonic()
        client.get(site.url("/news/raimondo.html"))  # robots.txt, then the page
        client.get(site.url("/latin.html"))
    assert time.monotonic() - started >= 0.6


def test_a_robots_txt_that_fails_disallows_the_whole_site(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(503, b"down")
    with fetcher() as client, pytest.raises(FetchError, match=r"robots.txt of .* answered HTTP "
                                                              r"503, so nothing there"):
        client.get(site.url("/news/raimondo.html"))


def test_robots_crawl_delay_is_obeyed(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 1\n",
                                       content_type="text/plain")
    with fetcher() as client:
        started = time.monotonic()
        client.get(site.url("/news/raimondo.html"))  # robots.txt, a second, then the page
    assert time.monotonic() - started >= 1.0


@pytest.mark.parametrize("path", ["/news/raimondo.html", "/moved"])
def test_without_private_addresses_loopback_is_refused_before_any_request(site: Site,
                                                                         path: str) -> None:
    with fetcher(allow_private=False) as client, pytest.raises(
            FetchError, match=r"127\.0\.0\.1 is 127\.0\.0\.1, not a public address"):
        client.get(site.url(path))
    assert site.requests == []


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(site: Site) -> None:
    site.routes["/to-metadata"] = Reply(302, headers={"Location": "http://169.254.169.254/"})
    with fetcher() as client:
        client.policy = FetchPolicy(timeout=1.0, delay=0.0, allow_private=False)
        client._check_address = lambda asked, url: (  # type: ignore[method-assign]
            None if url.startswith(site.base) else Fetcher._check_address(client, asked, url))
        with pytest.raises(FetchError, match=r"169\.254\.169\.254 is 169\.254\.169\.254, not a "
                                             r"public address"):
            client.get(site.url("/to-metadata"))
    assert site.requests == ["/robots.txt", "/to-metadata"]


@pytest.mark.parametrize("url", ["ftp://example.org/x", "http://", "not a url"])
def test_urls_that_are_not_http_are_refused_without_a_request(url: str) -> None:
    with fetcher() as client, pytest.raises(FetchError, match="is not an http"):
        client.get(url)


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>AI news</title><link>http://example.test/</link>
<item><title>Raimondo meets Xi</title><link>/news/raimondo.html?utm_medium=rss</link>
<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>
<item><title>No link here</title></item>
<item><title>Raimondo meets Xi again</title><link>/news/raimondo.html</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>AI news</title><id>urn:x</id>
<updated>2024-05-14T08:00:00Z</updated>
<entry><title>Chip war escalates</title><id>urn:1</id><updated>2024-05-15T08:00:00Z</updated>
<link href="https://news.example.org/chips"/></entry></feed>"""


def test_rss_items_become_links_resolved_against_the_feed() -> None:
    items, errors = parse_feed(RSS, url="http://127.0.0.1:9/feed.xml")
    assert [i.url for i in items] == ["http://127.0.0.1:9/news/raimondo.html"]  # one page
    assert items[0].title == "Raimondo meets Xi" and str(items[0].date) == "2024-05-14"
    assert len(errors) == 1 and "item 2 'No link here' has no http(s) link" in str(errors[0])


def test_atom_entries_are_read() -> None:
    items, errors = parse_feed(ATOM, url="https://news.example.org/atom.xml",
                               media_type=FEED_TYPES[1])
    assert [(i.url, i.title, str(i.date)) for i in items] == [
        ("https://news.example.org/chips", "Chip war escalates", "2024-05-15")]
    assert errors == []


def test_a_page_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(ValueError, match="http://h/feed: not an RSS or Atom feed"):
        parse_feed(b"<html><body>Hello</body></html>", url="http://h/feed")


@pytest.mark.parametrize(
    ("fetched", "declared", "expected"),
    [
        ("HTTP://Example.org:80/a?utm_source=x&id=3#top", None, "http://example.org/a?id=3"),
        ("https://example.org/a?x=1", "https://www.example.org/story", "https://www.example.org/story"),
        ("https://example.org/a", "https://other.example.com/a", "https://example.org/a"),
        ("https://example.org/a", "javascript:alert(1)", "https://example.org/a"),
    ],
)
def test_canonical_urls(fetched: str, declared: str | None, expected: str) -> None:
    assert canonical_url(fetched, declared) == expected


def test_normalize_refuses_what_is_not_a_web_url() -> None:
    with pytest.raises(ValueError):
        normalize_url("mailto:someone@example.org")
