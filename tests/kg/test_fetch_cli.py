"""`kg ingest URL`, `kg ingest --feed` and `kg watch` against a loopback server and a real
on-disk store (the commands run in this process, so the pipeline is loaded once)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from test_fetch import PARAGRAPHS, QuietServer, Reply, Site, page, serve

from kg.cli import main
from kg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--delay", "0", "--timeout", "1", "--no-progress"]
RSS_ITEM = "<item><title>{title}</title><link>{link}</link></item>"


def rss(*items: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            f'<link>http://127.0.0.1/</link>{"".join(items)}</channel></rss>').encode()


def story(names: str, place: str, extra: str = "") -> bytes:
    body = (f"<p>{names} met in {place} on Tuesday to discuss artificial intelligence and "
            f"export controls, officials said in a statement.</p>{PARAGRAPHS}{extra}")
    return page(f"Talks in {place}", body)


def versioned(*versions: bytes, etag: str) -> Callable[[int], Reply]:
    """A page that changes on each request (then stays as its last version)."""
    def reply(count: int) -> Reply:
        number = min(count, len(versions))
        return Reply(body=versions[number - 1], headers={"ETag": f'"{etag}-{number}"'})
    return reply


def feed_route(count: int) -> Reply:
    """First poll: stories a and b; from the second on: a, b and c (unchanged after that)."""
    items = [RSS_ITEM.format(title="A", link="/a.html"), RSS_ITEM.format(title="B",
                                                                         link="/b.html")]
    if count >= 2:
        items.append(RSS_ITEM.format(title="C", link="/c.html"))
    items.append("<item><title>No link</title></item>")
    version = 1 if count == 1 else 2
    return Reply(body=rss(*items), content_type="application/rss+xml",
                 headers={"ETag": f'"feed-{version}"'})


@pytest.fixture
def news() -> Iterator[Site]:
    routes: dict[str, Reply | Callable[[int], Reply]] = {
        "/a.html": Reply(body=story("Gina Raimondo and Xi Jinping", "Beijing"),
                         headers={"ETag": '"a"'}),
        "/b.html": versioned(story("Antony Blinken and Wang Yi", "Geneva"),
                             story("Antony Blinken and Wang Yi", "Geneva",
                                   "<p>A correction was appended on Wednesday.</p>"), etag="b"),
        "/c.html": Reply(body=story("Jake Sullivan and Wang Yi", "Bangkok")),
        "/feed.xml": feed_route,
        "/error": Reply(500, b"boom"),
        "/loop": Reply(302, headers={"Location": "/loop"}),
        "/slow": Reply(body=story("Slow", "Nowhere"), delay=2.0),
        "/huge": Reply(body=b"<p>" + b"word " * 40_000 + b"</p>"),
        "/report.pdf": Reply(body=b"%PDF-1.4", content_type="application/pdf"),
    }
    yield from serve(Site(routes))


def kg(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(store: Path) -> dict[str, tuple[str, str]]:
    """Article id -> (content hash, graph IRI)."""
    with EmbeddedStore(store) as opened:
        return {info.id: (info.hash, info.graph) for info in opened.articles()}


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_urls_land_and_each_refused_url_is_one_line(
        news: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIKG_MAX_BYTES", "50000")
    store = tmp_path / "store"
    bad = ["/error", "/loop", "/slow", "/huge", "/report.pdf", "/missing.html"]
    code, out, err = kg(capsys, store, "ingest", *FAST, news.url("/a.html"),
                        *(news.url(path) for path in bad))
    assert code == 3
    assert out.strip() == "web: 1 new, 0 updated, 0 unchanged, 6 refused"
    lines = err.strip().splitlines()
    assert len(lines) == len(bad), err
    assert [line.split(": ")[2] for line in lines] == [news.url(path) for path in bad]
    assert all(line.startswith("kg: refused: http://127.0.0.1:") for line in lines)
    assert "over the limit of 50000" in lines[3]
    assert list(stored(store)) == [news.url("/a.html")]


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_an_unchanged_page_is_a_no_op_and_a_changed_one_replaces_its_article(
        news: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    url = news.url("/b.html")
    assert kg(capsys, store, "ingest", *FAST, url)[1].strip() == (
        "web: 1 new, 0 updated, 0 unchanged, 0 refused")
    first = stored(store)
    news.routes["/b.html"] = Reply(body=story("Antony Blinken and Wang Yi", "Geneva"))
    code, out, _ = kg(capsys, store, "ingest", *FAST, url + "?utm_source=mail#top")
    assert (code, out.strip()) == (0, "web: 0 new, 0 updated, 1 unchanged, 0 refused")
    assert stored(store) == first  # not even re-written
    news.routes["/b.html"] = Reply(body=story("Antony Blinken and Wang Yi", "Geneva",
                                              "<p>A correction was appended.</p>"))
    code, out, _ = kg(capsys, store, "ingest", *FAST, url)
    assert (code, out.strip()) == (0, "web: 0 new, 1 updated, 0 unchanged, 0 refused")
    now = stored(store)
    assert list(now) == [url] and now[url] != first[url]  # one graph, the new one
    with EmbeddedStore(store) as opened:
        assert first[url][1] not in opened.graph_counts()  # the old graph is gone


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_a_feed_ingests_every_item(news: Site, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    code, out, err = kg(capsys, store, "ingest", *FAST, "--feed", news.url("/feed.xml"))
    assert code == 3  # the item without a link is refused, by name
    assert out.strip() == "web: 2 new, 0 updated, 0 unchanged, 1 refused"
    assert "item 3 'No link' has no http(s) link" in err
    assert sorted(stored(store)) == [news.url("/a.html"), news.url("/b.html")]


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_watch_polls_and_counts_new_updated_and_unchanged_items(
        news: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    code, out, _ = kg(capsys, store, "watch", news.url("/feed.xml"), "--every", "0.01s",
                      "--polls", "3", "--delay", "0", "--timeout", "1")
    lines = [line.split(": ", 1)[1] if line.startswith("poll") else line
             for line in out.strip().splitlines()]
    assert lines == [
        "2 new, 0 updated, 0 unchanged, 1 refused",   # a and b; the item without a link
        "1 new, 1 updated, 1 unchanged, 1 refused",   # c appears, b changed, a answers 304
        "0 new, 0 updated, 3 unchanged, 0 refused",   # the feed answers 304
        "watched 1 feed(s) in 3 poll(s): 3 new, 1 updated, 4 unchanged, 2 refused",
    ]
    assert code == 3
    assert len(stored(store)) == 3
    assert news.requests.count("/a.html") == 2 and news.requests.count("/feed.xml") == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "give files, directories or URLs to ingest, or --feed URL"),
        (["watch", "feed.xml"], "not an http(s) feed URL: feed.xml"),
        (["watch", "http://127.0.0.1:9/f", "--every", "soon"], "--every 'soon': give a "
                                                               "duration"),
        (["ingest", "http://127.0.0.1:9/x", "--timeout", "0"], "--timeout 0: give a number"),
        (["ingest", "http://127.0.0.1:9/x", "--timeout", "nan"], "--timeout nan: give a number"),
        (["watch", "http://127.0.0.1:9/f", "--delay", "-1"], "--delay -1: give 0 to 3600"),
    ],
)
def test_bad_arguments_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    code, _, err = kg(capsys, tmp_path / "store", *args)
    assert code == 1
    assert err.strip() == f"kg: error: {message}" or err.startswith(f"kg: error: {message}")
    assert len(err.strip().splitlines()) == 1


@pytest.fixture
def repository_server() -> Iterator[str]:
    """`python -m http.server --bind 127.0.0.1` in the repository root, as the README says."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(ROOT))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_the_readme_example_works_offline(repository_server: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    page_url = f"{repository_server}/seeds/002_7ea9eeeb3fa4b8c8.txt"
    code, out, err = kg(capsys, store, "ingest", "--no-progress", "--delay", "0", page_url)
    assert (code, out.strip()) == (0, "web: 1 new, 0 updated, 0 unchanged, 0 refused"), err
    code, out, err = kg(capsys, store, "ingest", "--no-progress", "--delay", "0", "--feed",
                        f"{repository_server}/examples/feed.xml")
    assert (code, out.strip()) == (0, "web: 2 new, 0 updated, 0 unchanged, 0 refused"), err
    articles = stored(store)
    assert f"{repository_server}/seeds/000_4a79ae427b05caa0.txt" in articles
    code, out, _ = kg(capsys, store, "meetings", "--topic", "AI")
    assert "Brad Smith & Wang Wentao" in out


@pytest.mark.slow  # loads the spaCy pipeline (once per process)
def test_two_urls_with_one_text_are_one_article(news: Site, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    news.routes["/copy.html"] = news.routes["/a.html"]
    store = tmp_path / "store"
    code, out, _ = kg(capsys, store, "ingest", *FAST, news.url("/a.html"), news.url("/copy.html"))
    assert (code, out.strip()) == (0, "web: 1 new, 0 updated, 1 unchanged, 0 refused")
    assert list(stored(store)) == [news.url("/a.html")]  # graph IRIs come from the text
