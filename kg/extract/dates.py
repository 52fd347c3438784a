"""Dates of events and facts, resolved against the article's publication date.

"on Wednesday" -> the most recent Wednesday on or before publication; "last month" -> YYYY-MM;
"in June 2020" -> 2020-06; "May 14, 2024" -> 2024-05-14; vague spans ("earlier this year",
"recently") give no date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span

from kg.extract.context import ArticleContext

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


def resolve_date(text: str, published: dt.date | None) -> str | None:
    """An ISO date (or YYYY-MM) for a DATE expression, or None when it is vague."""
    lowered = text.lower().strip()
    words = re.findall(r"[a-z]+", lowered)
    if published is not None:
        for word in words:
            if word in WEEKDAYS:
                back = (published.weekday() - WEEKDAYS.index(word)) % 7
                if "next" in words:
                    return None
                return (published - dt.timedelta(days=back)).isoformat()
        if lowered in ("today", "this morning", "tonight"):
            return published.isoformat()
        if lowered == "yesterday":
            return (published - dt.timedelta(days=1)).isoformat()
        if lowered == "last month":
            first = published.replace(day=1) - dt.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        if lowered == "this month":
            return f"{published.year:04d}-{published.month:02d}"
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS or
                  (len(w) >= 3 and any(m.startswith(w) and w != "mar" for m in MONTHS)
                   and w in {m[:3] for m in MONTHS} | {"sept"})), None)
    year_match = _YEAR.search(lowered)
    if month is None:
        return None
    if year_match:
        year = int(year_match.group(0))
    elif published is not None and ("last" in words or month <= published.month):
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    day = next((int(m.group(1)) for m in _DAY.finditer(_YEAR.sub(" ", lowered))
                if 1 <= int(m.group(1)) <= 31), None)
    if day is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}"


def date_in(ctx: ArticleContext, sent: Span) -> str | None:
    """The first resolvable DATE entity of a sentence."""
    for ent in sent.ents:
        if ent.label_ == "DATE" and (value := resolve_date(ent.text, ctx.article.date)):
            return value
    return None
