"""Files -> Articles: plain text, HTML and JSON Lines. No NLP here.

Each reader refuses what cannot be an article (empty, binary, invalid UTF-8, too large)
with an InputError that names the file, so a batch can report it and carry on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.clean import clean_text, dateline_of, is_promotion, unshout
from kg.errors import InputError
from kg.models import Article
from kg.settings import DEFAULT_MAX_ARTICLE_BYTES
from kg.urls import canonical_url

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
#: How far into a text file we look for its publication date (characters).
DATE_WINDOW = 600
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: spaCy's default nlp.max_length: a longer text makes the extractor raise mid-batch.
MAX_ARTICLE_CHARS = 1_000_000
#: Publication dates later than this many days from today are refused (explicit) or ignored
#: (found in the text): a news article is not published in the future (a day of slack for
#: time zones).
FUTURE_DAYS = 1
#: Article ids are printed one per line and used in URLs: no control characters.
_BAD_ID = re.compile(r"[\x00-\x1f\x7f]")
MAX_ID_CHARS = 200
#: An article fetched from the web is identified by its URL, which may be longer.
MAX_URL_ID_CHARS = 2000
#: An article's URL becomes an IRI in its graph: http(s) only, nothing that could end an IRI.
_URL = re.compile(r"https?://[^\x00-\x20<>\"{}|^`\\]+", re.IGNORECASE)
#: A line longer than this is prose, not a dateline.
DATELINE_MAX_CHARS = 60
#: A first line longer than this is a lead paragraph, not a headline (longest seen: ~150).
HEADLINE_MAX_CHARS = 250
#: Words of a lead's first sentence that make the title of an article with no headline.
LEAD_TITLE_WORDS = 12
#: How far into an HTML page a <meta charset> is looked for (WHATWG: 1024 bytes; we are lenient).
CHARSET_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
#: WHATWG Encoding: these labels mean windows-1252 on the web.
_WEB_LATIN1 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
               "cp819", "ibm819", "iso_8859-1", "x-cp1252"}
_PUBLISHED_LINE = re.compile(r"(published|posted|updated|date)\b", re.IGNORECASE)
_METADATA_LINE = re.compile(
    r"^(by|written by|published|posted|updated|photo|image)\b|views?:|hits:|\d+ min read",
    re.IGNORECASE,
)
_DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
)


def read_paths(
    paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    errors: list[InputError] | None = None,
) -> Iterator[Article]:
    """Articles from files and directories (every supported file in a directory, sorted)."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
            yield from read_paths(files, max_bytes=max_bytes, errors=errors)
            continue
        try:
            yield from read_path(path, max_bytes=max_bytes, errors=errors)
        except InputError as error:
            if errors is None:
                raise
            errors.append(error)


def read_path(
    path: Path, *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    errors: list[InputError] | None = None,
) -> Iterator[Article]:
    """Articles in one file. Bad JSONL lines go to `errors` when given, else raise."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r}; "
                         f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    if suffix == ".jsonl":
        yield from _read_jsonl(path, _read_bytes(path, max_bytes=max_bytes), errors=errors)
        return
    data = _read_bytes(path, max_bytes=max_bytes)
    if suffix in (".html", ".htm"):
        yield article_from_html(decode_html(data, where=path), id=path.stem, source=str(path))
    else:
        yield article_from_text(_decode(path, data), id=path.stem, source=str(path))


def article_from_text(
    text: str, *, id: str, source: str = "", title: str | None = None,
    date: dt.date | None = None, url: str | None = None,
) -> Article:
    """An Article from plain text: the headline line is the title, a date near the top.

    Promotion lines ("Read more: ...") are dropped and shouted lines put in sentence case
    first (kg.clean); the Article's text is the cleaned text, so offsets point into it.
    """
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{source or id}: article is empty")
    limit = MAX_URL_ID_CHARS if url is not None and id == url else MAX_ID_CHARS
    if not id.strip() or len(id) > limit or _BAD_ID.search(id):
        raise InputError(f"{source or id!r}: article id {id!r} must be 1 to {limit} "
                         "characters without control characters (newlines, tabs)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"{source or id}: article is {len(text)} characters, over the "
                         f"extractor's limit of {MAX_ARTICLE_CHARS}")
    if date is not None and _is_future(date):
        raise InputError(f"{source or id}: publication date {date.isoformat()} is in the future")
    if url is not None and not _URL.fullmatch(url):
        raise InputError(f"{source or id}: url {url!r} is not an http(s) URL")
    return Article(
        id=id,
        title=title or find_title(text),
        text=text,
        date=date or find_date(text[:DATE_WINDOW]),
        source=source,
        url=url,
    )


def article_from_page(body: bytes, *, url: str, content_type: str,
                      charset: str | None = None) -> Article:
    """An Article from a fetched web page (`url` is where it was fetched from, after
    redirects; `content_type` its media type, `charset` the HTTP header's).

    Its id and url are its canonical URL (kg.urls.canonical_url), its source the fetched URL.
    """
    if b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{url}: looks binary (NUL bytes), not a web page")
    if content_type == "text/plain":
        canonical = canonical_url(url, None)
        text = decode_declared(body, charset, where=url) if charset else _decode(url, body)
        return article_from_text(text, id=canonical, source=url, url=canonical)
    return article_from_html(decode_html(body, where=url, charset=charset), id=url, source=url,
                             page_url=url)


def article_from_html(html: str, *, id: str, source: str = "", page_url: str | None = None
                      ) -> Article:
    """Main text of a web page via trafilatura; its metadata gives title, date and URL.

    With `page_url` (where the page was fetched from), the article's id and url are its
    canonical URL; without, its url is the one the page declares, if any.
    """
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise InputError(f"{source or id}: no article text found in the HTML")
    # Not extensive: its last resort dates a page from a "Copyright 2025" footer (2025-01-01).
    meta = trafilatura.extract_metadata(html, extensive=False)
    title = unshout(meta.title).strip() if meta and meta.title else None
    date = _parse_iso_date(meta.date) if meta and meta.date else None
    if date is not None and _is_future(date):
        date = None  # a page's metadata, not the publisher's word: ignore it like a dateline
    body = clean_text(body)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    declared = meta.url if meta and meta.url and _URL.fullmatch(meta.url) else None
    if page_url is not None:
        url: str | None = canonical_url(page_url, declared)
        id = url
    else:
        url = declared
    return article_from_text(text, id=id, source=source, title=title, date=date, url=url)


def find_title(text: str) -> str:
    """The headline: the first line before the lead that is not a byline, label or date.

    Text that opens with its lead paragraph (wire copy: "WASHINGTON — The ...") has no
    headline; its title is the lead's first words with an ellipsis, which is not a line of
    the text, so the lead is still read as prose (a title line is read as a headline).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:8]:
        if _is_lead(line):
            break
        if _is_headline(line):
            return line[:300]
    return _title_from_lead(lines[0])


def find_date(text: str) -> dt.date | None:
    """The first publication date near the top: a wire dateline ("BEIJING, May 14, 2024
    (Reuters) -"), a dateline-like line ("Published: May 14, 2024") or one |-separated part
    of a line ("Press release | Treasury | April 7, 2024").

    Other long lines are prose or photo captions, whose dates are not the publication date.
    """
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        dateline = dateline_of(line)
        parts = [line] if len(line) <= DATELINE_MAX_CHARS or _PUBLISHED_LINE.match(line) else [
            part for part in re.split(r"\s[|·•]\s", line) if len(part) <= DATELINE_MAX_CHARS]
        for part in ([dateline] if dateline else []) + parts:
            found = _date_in_line(part)
            if found and not _is_future(found):
                return found
    return None


def _is_lead(line: str) -> bool:
    """Whether a line is prose: sentences opened by a dateline, or too long for a headline."""
    dateline = dateline_of(line)
    # "EXCLUSIVE - Huawei plans a new chip" is a headline: a lead is sentences, with a stop.
    return len(line) > HEADLINE_MAX_CHARS or (
        dateline is not None and len(line[len(dateline):].split()) >= 8
        and line.rstrip("\"'”’)").endswith((".", "!", "?")))


def _is_headline(line: str) -> bool:
    words = line.split()
    if len(words) < 2 or line.isupper() or _METADATA_LINE.search(line) or is_promotion(line):
        return False
    # "Beijing, 29.6.2020" or "May 14, 2024": a dateline, not a headline.
    return not (len(line) <= DATELINE_MAX_CHARS and len(words) <= 5 and _date_in_line(line))


def _title_from_lead(line: str) -> str:
    dateline = dateline_of(line)
    lead = line[len(dateline):] if dateline and line.startswith(dateline) else line
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", lead, maxsplit=1)[0]
    words = sentence.split()[:LEAD_TITLE_WORDS]
    return " ".join(words).rstrip(".,;:!?") + "…"


def _date_in_line(line: str) -> dt.date | None:
    import dateparser

    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        order = "DMY" if re.match(r"\d{1,2}\.\d", match.group(0)) else None
        settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first"}
        if order:
            settings["DATE_ORDER"] = order
        parsed = dateparser.parse(match.group(0), languages=["en"], settings=settings)
        if parsed:
            return parsed.date()
    return None


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if size == 0:
        raise InputError(f"{path}: file is empty (0 bytes)")
    if size > max_bytes:
        raise InputError(f"{path}: file is {size} bytes, over the limit of {max_bytes} "
                         f"(set AIKG_MAX_BYTES to raise it)")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks binary (NUL bytes), not a text article")
    return data


def decode_html(data: bytes, *, where: object, charset: str | None = None) -> str:
    """An HTML page's text, decoded as the web decodes it (WHATWG order): a byte-order mark,
    else the charset of the HTTP header (`charset`), else a <meta charset> near the top,
    else UTF-8, else windows-1252 (a browser's default for an undeclared page).

    A declared charset Python does not know is an InputError naming it.
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-8-sig" if data[:1] == b"\xef" else "utf-16", errors="replace")
    declared = charset
    if declared is None and (match := _META_CHARSET.search(data[:CHARSET_WINDOW])):
        declared = match.group(1).decode("ascii")
        if declared.lower().startswith("utf-16"):
            declared = "utf-8"  # WHATWG: a <meta> that can be read is not UTF-16
    if declared:
        return decode_declared(data, declared, where=where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", errors="replace")


def decode_declared(data: bytes, charset: str, *, where: object) -> str:
    """Bytes in a declared charset; bytes the charset does not define become U+FFFD."""
    name = charset.strip().strip("\"'").lower()
    name = "windows-1252" if name in _WEB_LATIN1 else name
    try:
        return data.decode("utf-8-sig" if name in ("utf-8", "utf8") else name, errors="replace")
    except LookupError:
        raise InputError(f"{where}: unknown charset {charset!r}") from None


def _decode(where: object, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: invalid UTF-8 at byte {error.start}") from None


def _read_jsonl(path: Path, data: bytes, *, errors: list[InputError] | None
                ) -> Iterator[Article]:
    """One article per line; a line that is not UTF-8 or not JSON is refused by itself."""
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = _decode(f"{path}:{number}", raw)  # bytes.splitlines: \n and \r only
            yield _article_from_record(json.loads(line), path=path, number=number)
        except (json.JSONDecodeError, InputError) as error:
            problem = error if isinstance(error, InputError) else InputError(
                f"{path}:{number}: invalid JSON ({error.msg} at column {error.colno})")
            if errors is None:
                raise problem from None
            errors.append(problem)


def _article_from_record(record: object, *, path: Path, number: int) -> Article:
    where = f"{path}:{number}"
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: missing or empty 'text' field")
    raw_date = record.get("date")
    date = _parse_iso_date(raw_date) if isinstance(raw_date, str) and raw_date else None
    if raw_date and date is None:
        raise InputError(f"{where}: cannot read date {raw_date!r}; expected YYYY-MM-DD")
    title = record.get("title")
    url = record.get("url")
    return article_from_text(
        text,
        id=str(record.get("id") or f"{path.stem}-{number}"),
        source=str(record.get("source") or where),
        title=title if isinstance(title, str) and title.strip() else None,
        date=date,
        url=url if isinstance(url, str) and url else None,
    )


def _is_future(date: dt.date) -> bool:
    return date > dt.date.today() + dt.timedelta(days=FUTURE_DAYS)


def _parse_iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
