"""Reading articles: titles, dates, formats, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import find_date, find_title, read_path, read_paths

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("Headline here\nPublished: May 14, 2024 08:21 PM\nBody.", dt.date(2024, 5, 14)),
        ("Headline\n\n3. March 2021 0 By Someone\n", dt.date(2021, 3, 3)),
        ("Headline\nBerlin, 7.2.2019\n", dt.date(2019, 2, 7)),
        ("Headline\n2023-11-15\n", dt.date(2023, 11, 15)),
        ("Headline\nUpdated 12 January 2025\n", dt.date(2025, 1, 12)),
        # A date inside a long caption or sentence is not the publication date.
        ("Headline\nThe minister spoke at a gathering in a hotel on 20 May, 2022 in Madrid, "
         "where many officials had gathered.\n", None),
        ("No date anywhere in this text\nAt all.\n", None),
    ],
)
def test_find_date(top: str, expected: dt.date | None) -> None:
    assert find_date(top) == expected


def test_find_title_skips_bylines_and_section_labels() -> None:
    text = "WORLD / TECH\nWritten by staff Views: 3\nChipmakers face new curbs on exports\nBody"
    assert find_title(text) == "Chipmakers face new curbs on exports"


def test_text_article_has_title_date_and_exact_text(tmp_path: Path) -> None:
    text = ("Nvidia faces new rules\nPublished: June 2, 2024\n\n"
            "Nvidia said on Monday it would comply.\n")
    article = next(read_path(write(tmp_path, "a.txt", text)))
    assert article.id == "a"
    assert article.title == "Nvidia faces new rules"
    assert article.date == dt.date(2024, 6, 2)
    assert article.text == text
    assert len(article.hash) == 64


def test_html_article_uses_main_text_not_scripts(tmp_path: Path) -> None:
    html = """<html><head><title>Chip curbs widen</title><script>var tracking = 1;</script>
    <style>body {color: red}</style></head><body><nav>Home | World</nav><article>
    <h1>Chip curbs widen</h1><p>The US Department of Commerce added more companies to the
    Entity List on Tuesday, officials said in a statement to reporters.</p>
    <p>China's Ministry of Commerce criticised the decision and urged Washington to correct it
    at once, according to a statement published on its website.</p></article></body></html>"""
    article = next(read_path(write(tmp_path, "page.html", html)))
    assert "Entity List" in article.text
    assert "tracking" not in article.text and "color: red" not in article.text
    assert article.title == "Chip curbs widen"


def test_jsonl_broken_line_is_reported_and_others_still_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "one", "text": "First article text.", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "three", "text": "Third article.", "url": "https://example.org/3"}),
        json.dumps({"id": "four", "text": "   "}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    errors: list[InputError] = []
    articles = list(read_path(path, errors=errors))
    assert [a.id for a in articles] == ["one", "three"]
    assert articles[0].date == dt.date(2024, 1, 2)
    assert articles[1].url == "https://example.org/3"
    assert [str(e).split(":")[1] for e in errors] == ["2", "4"]


def test_jsonl_broken_line_raises_without_an_error_list(tmp_path: Path) -> None:
    path = write(tmp_path, "batch.jsonl", "{oops\n")
    with pytest.raises(InputError, match=r"batch.jsonl:1: invalid JSON"):
        list(read_path(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 news".encode("latin-1"), "invalid UTF-8"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_files_give_clear_errors(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message) as info:
        list(read_path(write(tmp_path, name, content)))
    assert name in str(info.value)


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(InputError, match="over the limit"):
        list(read_path(path, max_bytes=100))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))


def test_directory_reads_every_supported_file_and_collects_errors(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second headline words here\nBody.")
    write(tmp_path, "a.txt", "First headline words here\nBody.")
    write(tmp_path, "bad.txt", b"")
    write(tmp_path, "ignored.md", "not an article type")
    errors: list[InputError] = []
    articles = list(read_paths([tmp_path], errors=errors))
    assert [a.id for a in articles] == ["a", "b"]
    assert len(errors) == 1 and "bad.txt" in str(errors[0])


def test_seed_articles_read() -> None:
    articles = {a.id: a for a in read_paths([SEEDS])}
    assert len(articles) == 4
    assert articles["000_4a79ae427b05caa0"].date == dt.date(2020, 6, 29)
    assert articles["002_7ea9eeeb3fa4b8c8"].date == dt.date(2024, 5, 14)
