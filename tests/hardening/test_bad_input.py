"""Bad input at every entry point: a clear error, and nothing already stored is lost.

Covers what tests/kg/test_read.py, tests/kg/test_cli.py and tests/api do not: whitespace-only
and script-only pages, texts past the extractor's limit, future and nonsense dates, article ids
with slashes, quotes, `>` and newlines, invalid UTF-8 inside one JSONL line, and the REST and
SPARQL entry points fed the same.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hardening_support import (
    MEETING_TEXT,
    assert_conforms,
    assert_problem,
    auth,
    fake_extract,
    kg,
    make_settings,
    seed,
    store_of,
    stored_quads,
)

from api.main import create_app
from kg.errors import InputError
from kg.read import MAX_ARTICLE_CHARS, find_date, read_path

SCRIPT_ONLY_HTML = ("<html><head><title>x</title><script>" + "var a = 1;" * 500
                    + "</script><style>" + "p {color: red}" * 500 + "</style></head>"
                    "<body><script>document.write('hello')</script><noscript></noscript>"
                    "</body></html>")
TOMORROW_PLUS = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# -- reading files --------------------------------------------------------------------------

def test_html_of_scripts_and_styles_only_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article text found in the HTML") as info:
        list(read_path(write(tmp_path, "scripts.html", SCRIPT_ONLY_HTML)))
    assert "scripts.html" in str(info.value)


def test_html_full_of_scripts_keeps_only_the_article(tmp_path: Path) -> None:
    body = ("<p>The US Department of Commerce added Huawei to the Entity List on Tuesday, "
            "officials said in a statement to reporters in Washington.</p>") * 3
    html = (f"<html><head><title>Curbs</title>{'<script>var t = 1;</script>' * 200}"
            f"<style>{'.x {{color: red}}' * 200}</style></head><body><article>{body}"
            "<script>steal()</script></article></body></html>")
    article = next(read_path(write(tmp_path, "page.html", html)))
    assert "Entity List" in article.text
    assert "var t" not in article.text and "steal()" not in article.text
    assert "color" not in article.text


def test_text_past_the_extractors_limit_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", "Headline of a huge article\n" + "x" * MAX_ARTICLE_CHARS)
    with pytest.raises(InputError, match="over the extractor's limit") as info:
        list(read_path(path, max_bytes=10 * MAX_ARTICLE_CHARS))
    assert "huge.txt" in str(info.value)


@pytest.mark.parametrize(("date", "message"), [
    (TOMORROW_PLUS, "in the future"),
    ("9999-12-31", "in the future"),
    ("2024-02-30", "cannot read date"),
    ("yesterday", "cannot read date"),
    ("0000-00-00", "cannot read date"),
    (20240101, "cannot read date"),
])
def test_jsonl_future_or_nonsense_dates_are_refused_by_line(tmp_path: Path, date: object,
                                                            message: str) -> None:
    lines = [json.dumps({"id": "ok", "text": "A fine article."}),
             json.dumps({"id": "bad", "text": "Dated oddly.", "date": date})]
    errors: list[InputError] = []
    articles = list(read_path(write(tmp_path, "dates.jsonl", "\n".join(lines)), errors=errors))
    assert [a.id for a in articles] == ["ok"]
    assert len(errors) == 1 and "dates.jsonl:2" in str(errors[0]) and message in str(errors[0])


def test_jsonl_urls_that_are_not_http_iris_are_refused_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok", "text": "Fine.", "url": "https://news.example/a?b=c#d"}),
             json.dumps({"id": "bad", "text": "Fine.", "url": "https://x.example/> . <urn:a"}),
             json.dumps({"id": "js", "text": "Fine.", "url": "javascript:alert(1)"})]
    errors: list[InputError] = []
    articles = list(read_path(write(tmp_path, "urls.jsonl", "\n".join(lines)), errors=errors))
    assert [a.url for a in articles] == ["https://news.example/a?b=c#d"]
    assert [str(e).split(": ")[0].rsplit(":", 1)[1] for e in errors] == ["2", "3"]


def test_a_future_dateline_is_not_taken_as_the_publication_date() -> None:
    assert find_date(f"Headline\nPublished: {TOMORROW_PLUS}\nBody.") is None
    assert find_date(f"Headline\n{TOMORROW_PLUS}\nUpdated 2024-05-14\n") == dt.date(2024, 5, 14)


def test_invalid_utf8_in_one_jsonl_line_refuses_only_that_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "good", "text": "Fine text."}).encode()
    data = good + b"\n" + b'{"id": "bad", "text": "caf\xe9"}\n' + good.replace(b"good", b"also")
    errors: list[InputError] = []
    articles = list(read_path(write(tmp_path, "mixed.jsonl", data), errors=errors))
    assert [a.id for a in articles] == ["good", "also"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'mixed.jsonl'}:2: invalid UTF-8 at byte 26"]


def test_jsonl_line_separator_inside_a_string_does_not_split_the_line(tmp_path: Path) -> None:
    record = '{"id": "ls", "text": "first\u2028second\u0085third"}'  # raw U+2028 is valid JSON
    articles = list(read_path(write(tmp_path, "ls.jsonl", record)))
    assert [a.text for a in articles] == ["first\u2028second\u0085third"]


@pytest.mark.parametrize("bad_id", ["two\nlines", "tab\there", "nul\x00", " ", "x" * 201])
def test_article_ids_with_control_characters_are_refused(tmp_path: Path, bad_id: str) -> None:
    path = write(tmp_path, "ids.jsonl", json.dumps({"id": bad_id, "text": "Some text."}))
    with pytest.raises(InputError, match="article id"):
        list(read_path(path))


@pytest.mark.parametrize("odd_id", ["a/b", 'say "hi"', "x>y", "<tag>", "../../etc/passwd", "é"])
def test_article_ids_with_slashes_quotes_and_brackets_are_kept_exactly(
        tmp_path: Path, odd_id: str) -> None:
    path = write(tmp_path, "ids.jsonl", json.dumps({"id": odd_id, "text": "Some text."}))
    assert [a.id for a in read_path(path)] == [odd_id]


# -- the CLI ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_cli_batch_lands_good_articles_reports_bad_ones_and_loses_nothing(tmp_path: Path) -> None:
    store, inputs = tmp_path / "store", tmp_path / "in"
    inputs.mkdir()
    first = write(tmp_path, "first.txt", "Smith meets Wang in Beijing\n\n" + MEETING_TEXT)
    assert kg("ingest", "--no-progress", str(first), store=store).returncode == 0
    before = stored_quads(store)
    write(inputs, "good.txt", "Baidu leaves the Partnership on AI\n\nBaidu has withdrawn from "
          "the Partnership on AI, the company said on Monday.")
    write(inputs, "blank.txt", " \n\t \n")
    write(inputs, "scripts.html", SCRIPT_ONLY_HTML)
    write(inputs, "big.txt", "Headline words for a big file\n" + "word " * 400)
    write(inputs, "binary.txt", b"\x00\x01binary\xff")
    write(inputs, "batch.jsonl", "\n".join([
        json.dumps({"id": "jsonl-good", "text": MEETING_TEXT.replace("Wednesday", "Friday")}),
        json.dumps({"id": "future", "text": "Dated later.", "date": TOMORROW_PLUS}),
        "{broken",
        json.dumps({"id": "bad\nid", "text": "Some text."}),
    ]))
    result = kg("ingest", "--no-progress", str(inputs), store=store, AIKG_MAX_BYTES="1000")
    assert result.returncode == 3, result.stderr
    refused = [line for line in result.stderr.splitlines() if line.startswith("kg: refused:")]
    for name in ("blank.txt", "scripts.html", "big.txt", "binary.txt", "batch.jsonl:2",
                 "batch.jsonl:3", "batch.jsonl:4"):
        assert sum(name in line for line in refused) == 1, (name, result.stderr)
    assert len(refused) == 7
    assert "ingested 2 article(s)" in result.stdout
    articles = kg("articles", store=store).stdout
    assert {line.split("\t")[0] for line in articles.splitlines()[1:]} == {  # under a header
        "first", "good", "jsonl-good"}
    after = stored_quads(store)
    assert set(before) <= set(after), "an article stored before the batch was changed"
    assert kg("validate", store=store).returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize(("name", "content", "env", "message"), [
    ("blank.txt", " \n \n", {}, "empty"),
    ("scripts.html", SCRIPT_ONLY_HTML, {}, "no article text"),
    ("big.txt", "Headline words here\n" + "word " * 100, {"AIKG_MAX_BYTES": "100"},
     "over the limit of 100"),
])
def test_cli_single_bad_file_is_one_line_and_exit_1(tmp_path: Path, name: str, content: str,
                                                    env: dict[str, str], message: str) -> None:
    path = write(tmp_path, name, content)
    result = kg("ingest", "--no-progress", str(path), store=tmp_path / "store", **env)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and name in errors[0] and message in errors[0], result.stderr


# -- POST /articles and the REST parameters ------------------------------------------------------

@pytest.fixture(scope="module")
def writable() -> Iterator[TestClient]:
    app = create_app(make_settings(max_article_bytes=2000), extract=fake_extract)
    with TestClient(app) as client:
        seed(store_of(client))
        yield client


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"id": "x", "text": " \n\t "}, 400, "empty"),
    ({"id": "x", "text": "fine", "date": TOMORROW_PLUS}, 400, "in the future"),
    ({"id": "x", "text": "fine", "date": "not a date"}, 422, "date"),
    ({"id": "two\nlines", "text": "fine"}, 400, "article id"),
    ({"id": "x", "text": "y" * 2001}, 400, "2000 bytes"),
    ({"id": "x", "text": "\ud800 lone surrogate"}, 422, "text"),
    ({"id": "x", "text": ["not", "a", "string"]}, 422, "text"),
    ({"id": "x", "text": "fine", "url": 'https://a.example/> <urn:p> "x" . <urn:s'}, 400, "url"),
    ({"id": "x", "text": "fine", "url": "javascript:alert(1)"}, 400, "url"),
    ({"id": "x", "text": "fine", "url": "https://a.example/with space"}, 400, "url"),
])
def test_post_article_bad_bodies_are_problems_and_store_nothing(
        writable: TestClient, body: dict[str, object], status: int, message: str) -> None:
    before = len(store_of(writable))
    raw = json.dumps(body, ensure_ascii=True).encode()
    response = writable.post("/articles", content=raw,
                             headers=auth() | {"Content-Type": "application/json"})
    problem = assert_problem(response, status)
    assert message in str(problem["detail"])
    assert len(store_of(writable)) == before


@pytest.mark.parametrize("raw", [b"", b"   ", b"\xff\xfe\x00binary", b'{"id": "x", "te'])
def test_post_article_unreadable_bodies_are_4xx(writable: TestClient, raw: bytes) -> None:
    before = len(store_of(writable))
    response = writable.post("/articles", content=raw,
                             headers=auth() | {"Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code)
    assert len(store_of(writable)) == before


def test_post_article_odd_ids_round_trip(writable: TestClient) -> None:
    for odd_id in ("a/b", 'q"uote', "x>y"):
        body = {"id": odd_id, "text": f"{MEETING_TEXT} {odd_id}"}
        response = writable.post("/articles", json=body, headers=auth())
        assert response.status_code == 201, response.text
        article = response.json()["article"]
        assert article["id"] == odd_id
        assert writable.get(f"/articles/{article['hash']}").json()["id"] == odd_id
    assert_conforms(store_of(writable))


NASTY = ["", " ", "\t\n", "\x00", "\ufffd", "%FF", "../../etc/passwd", "a" * 5000, "<x>",
         '"', "'", "}", "{", "#", "\\", "é中😀"]
ROUTES = [("/entities", "q"), ("/entities", "type"), ("/meetings", "topic"),
          ("/meetings", "participant"), ("/meetings", "since"), ("/events", "type"),
          ("/events", "until"), ("/facts", "subject"), ("/facts", "object"),
          ("/facts", "predicate"), ("/timeline", "entity"), ("/timeline", "topic"),
          ("/path", "from"), ("/export", "graph"), ("/export", "format"), ("/articles", "limit"),
          ("/entities", "offset"), ("/entities/person/brad-smith/neighbors", "relation")]


@pytest.mark.parametrize(("url", "name"), ROUTES)
def test_rest_parameters_never_fail_with_a_server_error(writable: TestClient, url: str,
                                                        name: str) -> None:
    before = len(store_of(writable))
    for value in NASTY:
        params = {name: value} | ({"to": "person/wang-wentao"} if url == "/path" else {})
        response = writable.get(url, params=params)
        assert response.status_code < 500, (url, name, value, response.text)
        if response.status_code >= 400:
            assert_problem(response, response.status_code)
    assert len(store_of(writable)) == before


@pytest.mark.parametrize("segment", NASTY[1:])
def test_path_parameters_never_fail_with_a_server_error(writable: TestClient, segment: str
                                                        ) -> None:
    for template in ("/articles/{}", "/articles/{}/triples", "/entities/person/{}",
                     "/entities/{}/brad-smith"):
        response = writable.get(template.format(quote(segment, safe="")))
        assert response.status_code in (404, 422), (template, segment, response.text)
        assert_problem(response, response.status_code)


@pytest.mark.parametrize(("content", "ctype", "message"), [
    (b"", "application/sparql-query", "non-empty"),
    (b" \n\t", "application/sparql-query", "non-empty"),
    (b"SELECT * WHERE { ?s ?p \xff }", "application/sparql-query", "not UTF-8"),
    (b"\x00\x01\x02", "application/sparql-query", "syntax"),
    (b"query=%FF%FE", "application/x-www-form-urlencoded", "not UTF-8"),
])
def test_sparql_bad_bodies_are_400(writable: TestClient, content: bytes, ctype: str,
                                   message: str) -> None:
    response = writable.post("/sparql", content=content, headers={"Content-Type": ctype})
    assert message in str(assert_problem(response, 400)["detail"])


@pytest.mark.parametrize("content", [b"", b"   ", b"\xff\xfe", b"\x00DROP ALL"])
def test_sparql_update_bad_bodies_are_400_and_change_nothing(writable: TestClient,
                                                             content: bytes) -> None:
    before = len(store_of(writable))
    response = writable.post("/sparql/update", content=content, headers=auth() | {
        "Content-Type": "application/sparql-update"})
    assert_problem(response, 400)
    assert len(store_of(writable)) == before


@pytest.mark.slow
def test_cli_batch_goes_on_past_an_article_the_store_refuses(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write(inputs, "a-separator.txt", "Headline words for this article\n\nBrad Smith met Wang "
          "Wentao in Beijing.\u2028 They discussed AI.\n")
    write(inputs, "b-good.txt", "Another headline for an article\n\nBaidu has withdrawn from "
          "the Partnership on AI.\n")
    result = kg("ingest", "--no-progress", str(inputs), store=tmp_path / "store")
    assert result.returncode in (0, 3), result.stderr
    if result.returncode == 3:
        assert "a-separator.txt" in result.stderr
    assert "b-good" in kg("articles", store=tmp_path / "store").stdout


@pytest.mark.parametrize("graph", ["false", "relative/path", "urn", "<urn:x>", " "])
def test_sparql_dataset_iris_that_are_not_absolute_are_400(writable: TestClient,
                                                           graph: str) -> None:
    for name in ("default-graph-uri", "named-graph-uri"):
        response = writable.get("/sparql", params={"query": "ASK {}", name: graph})
        assert_problem(response, 400)


def test_error_responses_are_documented_as_problems(writable: TestClient) -> None:
    paths = writable.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, (method, path)  # FastAPI's default shape is not sent
            assert "application/problem+json" in responses["4XX"]["content"], (method, path)
