"""RSS and Atom feeds -> the links of their items (feedparser). No fetching here.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, resolves relative links against the feed's URL
and decodes the declared charset; we keep only what intake needs from each item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.errors import InputError
from kg.urls import normalize_url


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: the page it links to (normalised), its title and date if given."""

    url: str
    title: str | None = None
    date: dt.date | None = None


def parse_feed(body: bytes, *, url: str, media_type: str = "application/xml",
               charset: str | None = None) -> tuple[list[FeedItem], list[InputError]]:
    """The items of a feed, in feed order, and an error for each item without a usable link.

    InputError (naming `url`) if the body is not an RSS or Atom feed at all.
    """
    import feedparser

    content_type = media_type + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": content_type})
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).strip()})" if reason else ""
        raise InputError(f"{url}: not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or ""
        title = entry.get("title") or None
        try:
            item_url = normalize_url(link)
        except ValueError:
            name = f" {title!r}" if title else ""
            errors.append(InputError(f"{url}: item {number}{name} has no http(s) link "
                                     f"({link!r})"))
            continue
        if item_url in seen:
            continue
        seen.add(item_url)
        items.append(FeedItem(item_url, title, _entry_date(entry)))
    return items, errors


def _entry_date(entry: object) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)  # type: ignore[attr-defined]
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                return None
    return None
