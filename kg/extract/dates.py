"""Dates of events and facts, resolved against the article's publication date.

"on Wednesday" -> the most recent Wednesday on or before publication; "last month" -> YYYY-MM;
"in June 2020" -> 2020-06; "May 14, 2024" -> 2024-05-14; "April 24 to 26" -> its first day
(ruling 11); vague spans ("earlier this year", "recently") and durations ("two days") give no
date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateparser.date import DateDataParser
from spacy.tokens import Span

from kg.extract.context import ArticleContext

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
#: "June 2020": what dateparser reads as that month, answered without it (the common case).
_MONTH_YEAR = re.compile(rf"({'|'.join(MONTHS)}) ((?:19|20)\d{{2}})")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_JOIN = r"\s*(?:-|–|to|and|through|until)\s*"
#: "April 24 to 26", "May 10-11", "April 5 and 6": a multi-day span starts on its first day
#: (DESIGN.md ruling 11).
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAYS = re.compile(
    rf"^({_MONTH}) (\d{{1,2}}){_ORDINAL}{_JOIN}\d{{1,2}}{_ORDINAL}\b(.*)$")
#: "16 to 20 July", "5-6 April".
_DAYS_MONTH = re.compile(rf"^(\d{{1,2}}){_JOIN}\d{{1,2}} ({_MONTH})(.*)$")
#: "two days", "four hours", "a week": how long, not when.
_DURATION = re.compile(r"^(?:about |some |nearly |almost |more than |over |just |the )?"
                       r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|"
                       r"few|\d+)[- ](?:day|hour|week|month|year|minute)s?(?: long)?$")
#: "earlier this month", "late last month": the month is known, the day is not.
_RELATIVE_MONTH = re.compile(r"^(?:(?:earlier|early|late|mid|in the middle of) )?"
                             r"(this|last) month$")
#: "last November": the latest such month before the publication month.
_LAST_MONTH_NAME = re.compile(rf"^last ({'|'.join(MONTHS)})$")


@functools.lru_cache(maxsize=4096)
def resolve_date(text: str, published: dt.date | None) -> str | None:
    """An ISO date (or YYYY-MM) for a DATE expression, or None when it is vague.

    News conventions come first (a bare weekday is the latest such day up to the publication
    date, "last month" is a month); everything else goes to dateparser, whose period says
    whether a day or only a month is known. Cached: dateparser takes milliseconds a call,
    and news repeats its date expressions.
    """
    lowered = text.lower().strip()
    words = re.findall(r"[a-z]+", lowered)
    if any(w in ("next", "coming", "upcoming") for w in words):
        return None  # the future: not an event that happened
    if published is not None:
        for word in words:
            if word in WEEKDAYS:
                back = (published.weekday() - WEEKDAYS.index(word)) % 7
                return (published - dt.timedelta(days=back)).isoformat()
        if relative := _RELATIVE_MONTH.fullmatch(lowered):
            month = published.replace(day=1)
            if relative[1] == "last":
                month = month - dt.timedelta(days=1)
            return f"{month.year:04d}-{month.month:02d}"
        if named := _LAST_MONTH_NAME.fullmatch(lowered):
            number = MONTHS.index(named[1]) + 1
            year = published.year if number < published.month else published.year - 1
            return f"{year:04d}-{number:02d}"
    if _DURATION.fullmatch(lowered):
        return None
    if not _YEAR.search(lowered) and published is None:
        return None  # "in June": which June is unknowable without a publication date
    stripped = _first_day(_strip_preposition(lowered))
    if month_year := _MONTH_YEAR.fullmatch(stripped):
        return f"{month_year[2]}-{MONTHS.index(month_year[1]) + 1:02d}"
    data = _date_parser(published).get_date_data(stripped)
    if data.date_obj is None or data.period not in ("day", "month"):
        return None
    found = data.date_obj.date()
    if published is not None and found > published and not _YEAR.search(lowered):
        return None
    return found.isoformat() if data.period == "day" else f"{found.year:04d}-{found.month:02d}"


@functools.lru_cache(maxsize=64)
def _date_parser(published: dt.date | None) -> DateDataParser:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def _first_day(text: str) -> str:
    """The first day of a span of days: "april 24 to 26" -> "april 24" (ruling 11)."""
    if span := _MONTH_DAYS.match(text):
        return f"{span[1]} {span[2]}{span[3]}"
    if span := _DAYS_MONTH.match(text):
        return f"{span[1]} {span[2]}{span[3]}"
    return text


def _strip_preposition(text: str) -> str:
    return re.sub(r"^(on|in|at|since|by|from|during|until)\s+", "", text)


def date_in(ctx: ArticleContext, sent: Span) -> str | None:
    """The first resolvable DATE entity of a sentence."""
    for ent in ctx.ents_in(sent):
        if ent.label_ == "DATE" and (value := resolve_date(ent.text, ctx.article.date)):
            return value
    return None
