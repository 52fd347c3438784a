"""Article text as it is pasted and published, made fit to read: promotions out, shouting down.

Every step works line by line and leaves every other line exactly as it was, so a clean
article's text (and so its content hash) does not change. The word lists are data, in
kg/data/reading.toml.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

READING_FILE = Path(__file__).resolve().parent / "data" / "reading.toml"

#: A wire dateline opening a paragraph: an upper-case place (one to four words), then up to
#: 60 characters of date and agency, then a dash ("BEIJING, May 14, 2024 (Reuters) - ",
#: "WASHINGTON — ", "HONG KONG, Aug. 20 (AP) -- "). A lone hyphen needs spaces around it, so
#: "US-China" is not a dash.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?P<rest>(?:,|\s\()[^\n]{0,60}?)??"
    r"(?:\s*(?:—|–|--)\s*|\s+-\s+)(?=\S)"
)
#: A shouted line has at least this many all-letter words (a section label "WORLD / TECH" or
#: a wire slug "US-CHINA/CHIPS" has fewer and stays as it is).
SHOUTED_MIN_WORDS = 3
_SENTENCE_END = re.compile(r"[.!?]['\"’”)]*\s+$")


@functools.cache
def _reading() -> dict[str, Any]:
    with READING_FILE.open("rb") as file:
        return tomllib.load(file)


@functools.cache
def _promotion() -> re.Pattern[str]:
    openings = sorted(_reading()["promotion_openings"], key=len, reverse=True)
    return re.compile("|".join(re.escape(o) for o in openings), re.IGNORECASE)


@functools.cache
def _acronyms() -> frozenset[str]:
    return frozenset(str(word) for word in _reading()["acronyms"])


def clean_text(text: str) -> str:
    """The text with promotion lines dropped and shouted lines in sentence case."""
    return unshout(drop_promotions(text))


def dateline_of(line: str) -> str | None:
    """The wire dateline opening a line, dash included ("WASHINGTON — "), or None."""
    match = DATELINE.match(line.lstrip())
    if match is None or not any(len(word) >= 2 for word in re.findall(r"[A-Z]+",
                                                                        match["place"])):
        return None
    return match.group(0)


def is_promotion(line: str) -> bool:
    """Whether a line is a promotion, paywall prompt or link list ("Read more: ...")."""
    stripped = line.strip().lstrip("•*>-–— ")
    limit = int(_reading()["promotion_max_chars"])
    return 0 < len(stripped) <= limit and _promotion().match(stripped) is not None


def drop_promotions(text: str) -> str:
    """The text without its promotion lines; unchanged (the same string) if it has none."""
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not is_promotion(line)]
    return text if len(kept) == len(lines) else "".join(kept)


def is_shouted(line: str) -> bool:
    """Whether a line is written in capitals: no lower-case letter, and enough words."""
    if any(char.islower() for char in line):
        return False
    words = [w.strip(".,;:!?\"'“”‘’()") for w in line.split()]
    return sum(1 for w in words if len(w) >= 2 and w.isalpha()) >= SHOUTED_MIN_WORDS


def unshout(text: str) -> str:
    """Shouted lines in sentence case, keeping known acronyms and a wire dateline's place.

    The spaCy model reads "JOE BIDEN MET XI" as one name; "Joe biden met xi" it reads as
    words, and the gazetteer still finds known names in it. Every character keeps its
    position (lower-casing that would change the length keeps the character), so offsets
    into the cleaned text are offsets into the original.
    """
    lines = text.splitlines(keepends=True)
    changed = False
    for number, line in enumerate(lines):
        if is_shouted(line):
            lines[number] = _sentence_case(line)
            changed = True
    return "".join(lines) if changed else text


def _sentence_case(line: str) -> str:
    dateline = dateline_of(line)
    start = 0
    if dateline is not None:
        start = line.index(dateline) + len(dateline)
    out = [line[:start]]
    capital_next = True
    for token in re.split(r"(\s+)", line[start:]):
        if not token or token.isspace():
            out.append(token)
            continue
        bare = token.strip(".,;:!?\"'“”‘’()[]")
        if bare in _acronyms() or f"{bare}." in _acronyms() or any(c.isdigit() for c in bare):
            word = token
        else:
            word = "".join(c.lower() if len(c.lower()) == 1 else c for c in token)
            if capital_next:
                word = _capitalize_first_letter(word)
        out.append(word)
        capital_next = _SENTENCE_END.search(token + " ") is not None
    return "".join(out)


def _capitalize_first_letter(word: str) -> str:
    for index, char in enumerate(word):
        if char.isalpha():
            upper = char.upper()
            return word[:index] + (upper if len(upper) == 1 else char) + word[index + 1:]
    return word
