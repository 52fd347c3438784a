"""Relative and absolute dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.dates import resolve_date

PUBLISHED = dt.date(2023, 12, 7)  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("Wednesday", "2023-12-06"),
    ("on Thursday", "2023-12-07"),
    ("last month", "2023-11"),
    ("June 2020", "2020-06"),
    ("May 14, 2024", "2024-05-14"),
    ("20 May, 2022", "2022-05-20"),
    ("earlier this year", None),
    ("next Tuesday", None),
])
def test_resolve_date(text: str, expected: str | None) -> None:
    assert resolve_date(text, PUBLISHED) == expected
