"""Polite, bounded HTTP GETs of web pages and feeds (httpx). No parsing here.

Each GET is limited in time (`timeout`, for the whole response), size (`max_bytes`, the
AIKG_MAX_BYTES cap), redirects (`max_redirects`, each hop checked like the first) and
content type; it obeys robots.txt (RFC 9309) and waits `delay` seconds between requests to
one host (longer if robots.txt asks), and it can be conditional (ETag / Last-Modified). Every
refusal is a FetchError whose one-line message starts with the URL.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from kg.errors import InputError
from kg.settings import DEFAULT_MAX_ARTICLE_BYTES
from kg.urls import normalize_url

USER_AGENT = "aikg/0.1 (knowledge graph of US-China AI news; +https://w3id.org/aikg)"
#: What `kg ingest URL` reads, and what a feed is served as.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
REDIRECTS = (301, 302, 303, 307, 308)
#: robots.txt is small; a larger one is read up to this many bytes (RFC 9309 asks >= 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024
#: How long a robots.txt is trusted before it is read again (RFC 9309: at most 24 hours).
ROBOTS_MAX_AGE = 24 * 3600.0
#: A robots.txt Crawl-delay above this is taken as this (seconds).
MAX_CRAWL_DELAY = 60.0


class FetchError(InputError):
    """A URL that was not fetched: unreachable, too slow, too large, refused or not allowed."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of every request (seconds and bytes)."""

    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    max_redirects: int = 5
    delay: float = 1.0
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    #: False where the URL comes from someone else (a server's route): hosts that resolve to
    #: loopback, private, link-local or reserved addresses are refused, at every redirect hop
    #: (no server-side request forgery). The check resolves the name itself, so a name whose
    #: answer changes between the check and the connection (DNS rebinding) is not caught.
    allow_private: bool = True


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the ETag and Last-Modified of the last response."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class Fetched:
    """A response: `url` as asked, `final_url` after redirects; `not_modified` for a 304, with
    an empty body. `media_type` is lower-case without parameters, `charset` as declared."""

    url: str
    final_url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    validators: Validators
    not_modified: bool = False


class Fetcher:
    """One client for a batch or a watch: keeps connections, robots.txt and per-host timing.

    Use as a context manager, or call close().
    """

    def __init__(self, policy: FetchPolicy | None = None, *,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False,
            transport=transport, trust_env=False)
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._last_request: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def get(self, url: str, *, accept: tuple[str, ...] = PAGE_TYPES,
            validators: Validators | None = None) -> Fetched:
        """GET a URL within the policy's limits; FetchError (one line, naming it) if refused."""
        try:
            current = normalize_url(url)
        except ValueError as error:
            raise FetchError(f"{url}: {error}") from None
        headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
        headers.update(validators.headers() if validators else {})
        for _hop in range(self.policy.max_redirects + 1):
            self._check_address(url, current)
            self._check_robots(url, current)
            status, response_headers, body = self._request(url, current, headers)
            if status in REDIRECTS and "location" in response_headers:
                try:
                    current = normalize_url(urljoin(current, response_headers["location"]))
                except ValueError as error:
                    raise FetchError(f"{url}: redirected to {error}") from None
                continue
            return self._answer(url, current, status, response_headers, body, accept)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects "
                         f"(last to {current})")

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one request ----------------------------------------------------------------------
    def _request(self, asked: str, url: str, headers: dict[str, str], *,
                 max_bytes: int | None = None) -> tuple[int, httpx.Headers, bytes]:
        """Status, headers and body of one GET (no redirects followed), within the limits."""
        limit = self.policy.max_bytes if max_bytes is None else max_bytes
        self._wait_for_host(url)
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit and response.status_code == 200:
                    raise FetchError(f"{asked}: {url} is {length} bytes, over the limit of "
                                     f"{limit} (set AIKG_MAX_BYTES to raise it)")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"{asked}: {url} is over the limit of {limit} bytes "
                                         "(set AIKG_MAX_BYTES to raise it)")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{asked}: {url} took longer than "
                                         f"{self.policy.timeout:g}s")
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise FetchError(f"{asked}: {url} did not answer within "
                             f"{self.policy.timeout:g}s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            reason = str(error) or type(error).__name__
            raise FetchError(f"{asked}: cannot fetch {url} ({reason})") from None
        finally:
            self._last_request[_host(url)] = time.monotonic()

    def _answer(self, asked: str, url: str, status: int, headers: httpx.Headers, body: bytes,
                accept: tuple[str, ...]) -> Fetched:
        validators = Validators(headers.get("etag"), headers.get("last-modified"))
        if status == 304:
            return Fetched(asked, url, status, "", None, b"", validators, not_modified=True)
        if status != 200:
            phrase = httpx.codes.get_reason_phrase(status)
            raise FetchError(f"{asked}: HTTP {status} {phrase}".rstrip() +
                             (f" from {url}" if url != asked else ""))
        media_type, charset = _content_type(headers.get("content-type", ""))
        if media_type not in accept:
            raise FetchError(f"{asked}: content type {media_type or '(none)'!r} is not one of "
                             f"{', '.join(accept)}")
        return Fetched(asked, url, status, media_type, charset, body, validators)

    # --- politeness -----------------------------------------------------------------------
    def _wait_for_host(self, url: str) -> None:
        host = _host(url)
        last = self._last_request.get(host)
        if last is None:
            return
        delay = max(self.policy.delay, self._host_delay.get(host, 0.0))
        pause = last + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _check_address(self, asked: str, url: str) -> None:
        if self.policy.allow_private:
            return
        host = urlsplit(url).hostname or ""
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(f"{asked}: cannot resolve {host} ({error})") from None
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if not address.is_global:
                raise FetchError(f"{asked}: {host} is {address}, not a public address; "
                                 "refused here")

    def _check_robots(self, asked: str, url: str) -> None:
        if not self.policy.obey_robots:
            return
        origin = _origin(url)
        read_at, rules = self._robots.get(origin, (-ROBOTS_MAX_AGE, None))
        if time.monotonic() - read_at >= ROBOTS_MAX_AGE:  # a long watch re-reads it daily
            rules = self._read_robots(asked, origin)
            self._robots[origin] = (time.monotonic(), rules)
        if rules is not None and not rules.can_fetch(self.policy.user_agent, url):
            raise FetchError(f"{asked}: {url} is disallowed by {origin}/robots.txt")

    def _read_robots(self, asked: str, origin: str) -> RobotFileParser | None:
        """The origin's rules; None (everything allowed) if it has no robots.txt (a 4xx).

        RFC 9309: a robots.txt that cannot be read (5xx, unreachable) disallows everything.
        """
        robots_url = f"{origin}/robots.txt"
        try:
            status, headers, body = self._request(asked, robots_url, {},
                                                  max_bytes=ROBOTS_MAX_BYTES)
            for _hop in range(self.policy.max_redirects):
                if status not in REDIRECTS or "location" not in headers:
                    break
                status, headers, body = self._request(
                    asked, urljoin(robots_url, headers["location"]), {},
                    max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as error:
            raise FetchError(f"{asked}: robots.txt of {origin} cannot be read, so nothing "
                             f"there may be fetched ({str(error).split(': ', 1)[-1]})") from None
        if 400 <= status < 500:
            return None
        if status != 200:
            raise FetchError(f"{asked}: robots.txt of {origin} answered HTTP {status}, so "
                             "nothing there may be fetched")
        rules = RobotFileParser(robots_url)
        rules.parse(body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay:
            self._host_delay[_host(origin)] = min(float(delay), MAX_CRAWL_DELAY)
        return rules


def _content_type(value: str) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = value
    media_type = message.get_content_type() if value else ""
    charset = message.get_param("charset")
    return media_type.lower(), charset if isinstance(charset, str) and charset else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _host(url: str) -> str:
    return urlsplit(url).netloc
