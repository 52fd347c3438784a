"""Reading articles: titles, dates, formats, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import InputError
from kg.extract import extract_article
from kg.read import article_from_text, decode_html, find_date, find_title, read_path, read_paths

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


# --- Real pages (issue 12): datelines, short headlines, charsets, promotions, caps ----------

REUTERS_LEAD = (
    "BEIJING, May 14, 2024 (Reuters) - Commerce Secretary Gina Raimondo met Chinese President "
    "Xi Jinping in Beijing on Tuesday to discuss artificial intelligence and export controls.\n"
    "\nThe two sides agreed to keep talking, officials said.\n"
)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (REUTERS_LEAD, dt.date(2024, 5, 14)),
        ("WASHINGTON, Aug. 20, 2020 -- The Commerce Department added Huawei affiliates to the "
         "Entity List on Thursday, officials said.\n", dt.date(2020, 8, 20)),
        ("Chip rules tighten\n\nWASHINGTON — The Biden administration announced new export "
         "controls on AI chips on Tuesday.\n", None),
        ("Yellen meets Li\n\nPress Release | Office of Public Affairs, U.S. Department of the "
         "Treasury | April 7, 2024\n\nBEIJING — Secretary Yellen met Premier Li Qiang.\n",
         dt.date(2024, 4, 7)),
    ],
)
def test_a_wire_dateline_dates_the_article_and_is_never_its_title(text: str, date: dt.date | None
                                                                  ) -> None:
    article = article_from_text(text, id="wire")
    assert article.date == date
    assert not article.title.startswith(("BEIJING", "WASHINGTON"))


def test_text_without_a_headline_has_a_title_that_is_not_its_lead() -> None:
    article = article_from_text(REUTERS_LEAD, id="wire")
    assert article.title == ("Commerce Secretary Gina Raimondo met Chinese President Xi Jinping "
                             "in Beijing on…")
    assert article.title not in article.text  # so the lead is read as prose, not as a headline


def test_the_lead_of_wire_copy_keeps_its_facts_and_its_dateline(nlp: Language) -> None:
    extraction = extract_article(article_from_text(REUTERS_LEAD, id="wire"), nlp=nlp)
    meetings = [e for e in extraction.events if e.type == "Meeting"]
    assert [m.participants for m in meetings] == [("person/gina-raimondo", "person/xi-jinping")]
    assert meetings[0].date == "2024-05-14"  # "on Tuesday", against the dateline's date
    assert meetings[0].evidence.text.startswith("BEIJING, May 14, 2024 (Reuters) - Commerce")


@pytest.mark.parametrize("headline", ["Chip war escalates", "Huawei hits back", "AI talks"])
def test_a_short_headline_is_the_title(headline: str) -> None:
    text = f"{headline}\nPublished: May 14, 2024\n\nThe ministry said on Monday it would act.\n"
    assert article_from_text(text, id="short").title == headline


def test_a_shouted_headline_is_the_title_in_sentence_case() -> None:
    article = article_from_text("CHIP WAR ESCALATES\n\nThe US said on Monday it would act.\n",
                                id="caps")
    assert article.title == "Chip war escalates"
    assert article.text.startswith("Chip war escalates\n")


WINDOWS_1252_PAGE = (
    '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body>'
    "<article><h1>Caf\xe9 talks</h1><p>China\x92s Ministry of Commerce criticised the "
    "decision on Tuesday and urged Washington to correct it \x96 at once, officials said in "
    "Beijing.</p><p>The US Department of Commerce declined to comment on the ministry\x92s "
    "statement, a spokesperson said.</p></article></body></html>"
).encode("latin-1")


def test_an_html_page_is_decoded_in_its_declared_charset(tmp_path: Path) -> None:
    article = next(read_path(write(tmp_path, "cp1252.html", WINDOWS_1252_PAGE)))
    assert "China’s Ministry of Commerce" in article.text and "correct it – at once" in article.text
    assert article.title == "Café talks"


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("Caf\xe9 \x93AI\x94".encode("latin-1"), "ISO-8859-1", "Café “AI”"),  # WHATWG: cp1252
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">Caf\xe9'
         .encode("latin-1"), None, "Café"),
        ("<p>Café</p>".encode(), None, "Café"),
        (b"\xef\xbb\xbf<p>Caf\xc3\xa9</p>", "windows-1252", "Café"),  # a BOM wins
        ("<p>Caf\xe9</p>".encode("latin-1"), None, "Café"),  # undeclared, not UTF-8: cp1252
        ('<meta charset="utf-16"><p>Café</p>'.encode(), None, "Café"),  # WHATWG: UTF-8
    ],
)
def test_html_charsets_follow_the_web_order(data: bytes, charset: str | None,
                                            expected: str) -> None:
    assert expected in decode_html(data, where="page", charset=charset)


def test_an_unknown_declared_charset_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown charset 'klingon-8'"):
        decode_html(b"<p>x</p>", where="page", charset="klingon-8")


PROMOTED = (
    "Raimondo meets Xi in Beijing\nPublished: May 14, 2024\n\n"
    "Commerce Secretary Gina Raimondo met Chinese President Xi Jinping on Tuesday to discuss "
    "artificial intelligence.\n"
    "Read more: Nvidia met Samsung Electronics in Seoul to discuss chips\n"
    "Subscribe to continue reading our coverage of the talks.\n"
    "Related: Gina Raimondo met Xi Jinping in 2023\n"
    "The talks lasted two hours, officials said.\n"
)


def test_promotions_and_paywall_prompts_are_not_article_text(nlp: Language) -> None:
    article = article_from_text(PROMOTED, id="promo")
    assert "Read more" not in article.text and "Subscribe" not in article.text
    assert "Related:" not in article.text and "The talks lasted two hours" in article.text
    extraction = extract_article(article, nlp=nlp)
    assert [e.participants for e in extraction.events if e.type == "Meeting"] == [
        ("person/gina-raimondo", "person/xi-jinping")]


def test_a_promotion_block_in_a_page_is_not_article_text(tmp_path: Path) -> None:
    html = ("<html><head><title>Raimondo meets Xi</title></head><body><article>"
            "<h1>Raimondo meets Xi</h1><p>Commerce Secretary Gina Raimondo met Chinese "
            "President Xi Jinping on Tuesday to discuss artificial intelligence, officials "
            "said.</p><p>Read more: Nvidia met Samsung Electronics in Seoul</p><p>Subscribe to "
            "continue reading.</p><p>The talks lasted two hours and covered export controls, "
            "officials said.</p></article></body></html>")
    article = next(read_path(write(tmp_path, "promo.html", html)))
    assert "Read more" not in article.text and "Subscribe" not in article.text
    assert "The talks lasted two hours" in article.text


def test_a_copyright_footer_is_not_a_publication_date(tmp_path: Path) -> None:
    html = ("<html><head><title>Chip war escalates</title></head><body><article>"
            "<h1>Chip war escalates</h1><p>The US Department of Commerce added more companies "
            "to the Entity List on Tuesday, officials said in a statement.</p><p>China's "
            "Ministry of Commerce criticised the decision and urged Washington to correct it."
            "</p></article><footer>Copyright 2025 Example News. All rights reserved.</footer>"
            "</body></html>")
    article = next(read_path(write(tmp_path, "footer.html", html)))
    assert article.date is None
    assert "Copyright" not in article.text
    text_article = article_from_text("Chip war escalates\n\nThe US acted.\n© 2025 Example News\n",
                                     id="footer")
    assert text_article.date is None


SHOUTED_LEAD = ("WASHINGTON, MAY 14, 2024 (REUTERS) - JOE BIDEN MET XI JINPING IN WOODSIDE ON "
                "TUESDAY TO DISCUSS ARTIFICIAL INTELLIGENCE AND EXPORT CONTROLS.\n")


def test_all_caps_text_never_mints_shouted_names(nlp: Language) -> None:
    article = article_from_text(SHOUTED_LEAD, id="caps")
    assert article.date == dt.date(2024, 5, 14)
    assert len(article.text) == len(SHOUTED_LEAD)  # offsets stay where they were
    extraction = extract_article(article, nlp=nlp)
    for entity in extraction.entities:
        assert not any(word.isupper() and len(word) > 3 for word in entity.label.split()), entity
    # Xi Jinping is known to the gazetteer: read as in mixed case, or not at all.
    for event in extraction.events:
        assert set(event.participants) <= {"person/xi-jinping", "person/joe-biden"}


def test_section_labels_and_wire_slugs_are_left_as_they_are() -> None:
    text = "WORLD / TECH\nUS-CHINA/CHIPS\nChipmakers face new curbs\n\nThe US acted on Monday.\n"
    article = article_from_text(text, id="slug")
    assert article.text == text
    assert article.title == "Chipmakers face new curbs"


def test_lxml_html_clean_is_a_pinned_direct_dependency() -> None:
    pyproject = tomllib.loads((SEEDS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    pins = {d.split("==")[0].lower().replace("-", "_"): d for d in
            pyproject["project"]["dependencies"]}
    assert pins["lxml_html_clean"].startswith("lxml_html_clean==")
    import lxml.html.clean  # noqa: F401  (what trafilatura imports; an ImportError without it)
