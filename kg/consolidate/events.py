"""Clustering report events into consolidated events ("one event, many reports").

Two reports are of the same real-world event when (all must hold):

- **type**: the same event class;
- **sides**: after entity resolution, Meeting/Cooperation participants are equal or share
  at least two entities; Criticism/Demand/Proposal have the same actor and target/proposed;
- **date**: both dated: the days (or months) are at most DATE_TOLERANCE_DAYS apart (time
  zones and "on Friday" resolved against different datelines); one dated: the undated
  article was published 0..PUBLICATION_WINDOW_DAYS days after that date (news report what
  happened in the last days); neither dated: published at most PUBLICATION_WINDOW_DAYS
  apart; an undated report without a publication date joins nothing;
- **place**: two different stated places are compatible only when both reports are dated
  (the date then carries the identity; the places are kept as a disagreement).

A report joins a cluster only if it agrees with *every* member (complete linkage: no chains
of "close enough" drifting over weeks). Candidates are found by blocking keys (type and a
pair of participants, or type, actor and target: the *group*), never by comparing all pairs,
and reports are taken in a canonical order (day, then IRI), so the clusters of a set of
reports do not depend on the order they arrived in: an incremental refresh equals a full
rebuild.

Blocking keys are bucketed by time: a group plus the BUCKET_DAYS-long bucket of the report's
order day ("Meeting person/a person/b @2023-10-28"), and a report looks its candidates up in
its own bucket and the one before. BUCKET_DAYS is at least the widest order-day distance two
compatible reports can have (a month-long date plus the publication window plus the
tolerance), so every member of a cluster a report may join lies in those two buckets: the
clusters are exactly those of unbucketed keys, and a cluster spans at most two buckets. What
that buys is locality: a new report of a pair reported every week (the US and Chinese
governments) meets the pair's reports of a few weeks, not of every year (kg.consolidate.upkeep).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.consolidate.reports import Report
from kg.models import PARTICIPANT_EVENTS
from kg.namespaces import BASE

DATE_TOLERANCE_DAYS = 1
PUBLICATION_WINDOW_DAYS = 7
#: Width of a blocking-key time bucket: a month-long date (31 days) + the publication window
#: + the tolerance + 1 bounds the order-day distance of two compatible reports (see above).
BUCKET_DAYS = 31 + PUBLICATION_WINDOW_DAYS + DATE_TOLERANCE_DAYS + 1
#: Consolidated event nodes: BASE + "consolidated/event/<digest>".
EVENT_BASE = BASE + "consolidated/event/"
_ID_PREFIX = BASE + "id/"

Resolve = Callable[[str], str]


@dataclass(frozen=True)
class ResolvedReport:
    """A report with its roles resolved to canonical entities, its blocking groups (keys
    without time) and its time bucket (order day // BUCKET_DAYS)."""

    report: Report
    roles: frozenset[tuple[str, str]]
    groups: frozenset[str]
    span: tuple[dt.date, dt.date] | None  # the reported date as a day interval
    place: str | None  # case-folded location

    @property
    def bucket(self) -> int:
        return bucket_of(self.order[0])

    @property
    def keys(self) -> frozenset[str]:
        """The stored blocking keys: each group in this report's bucket."""
        return frozenset(bucket_key(group, self.bucket) for group in self.groups)

    @property
    def lookup_keys(self) -> frozenset[str]:
        """Where candidates are: each group in this bucket and the one before."""
        return self.keys | {bucket_key(group, self.bucket - 1) for group in self.groups}

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(iri for role, iri in self.roles if role == "participant")

    @property
    def order(self) -> tuple[dt.date, str]:
        day = self.span[0] if self.span else (self.report.published or dt.date.max)
        return day, self.report.node


@dataclass(frozen=True)
class Cluster:
    """One consolidated event: its node IRI (from its first member) and member reports."""

    node: str
    members: tuple[ResolvedReport, ...]

    @property
    def type(self) -> str:
        return self.members[0].report.type

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*(member.keys for member in self.members))


def resolve_report(report: Report, resolve: Resolve) -> ResolvedReport:
    roles = frozenset((role, resolve(iri)) for role, iri in report.roles)
    return ResolvedReport(report, roles, blocking_keys(report.type, roles),
                          date_span(report.date), _place(report.location))


def bucket_of(day: dt.date) -> int:
    """The time bucket of an order day (day ordinal // BUCKET_DAYS)."""
    return day.toordinal() // BUCKET_DAYS


def bucket_key(group: str, bucket: int) -> str:
    """"Meeting person/a person/b @2023-10-28": a group in a bucket, named by its first day."""
    first = dt.date.fromordinal(max(1, min(bucket * BUCKET_DAYS, dt.date.max.toordinal())))
    return f"{group} @{first.isoformat()}"


def blocking_keys(event_type: str, roles: frozenset[tuple[str, str]]) -> frozenset[str]:
    """Blocking groups: "Meeting person/a person/b" for each pair of participants;
    "Demand actor -> target"."""
    if event_type in PARTICIPANT_EVENTS:
        sides = sorted(_short(iri) for role, iri in roles if role == "participant")
        if len(sides) < 2:
            return frozenset({f"{event_type} {' '.join(sides)}"})
        return frozenset(f"{event_type} {a} {b}" for a, b in itertools.combinations(sides, 2))
    by_role = dict(sorted(roles))
    actor = _short(by_role.get("actor", "-"))
    other = _short(by_role.get("target") or by_role.get("proposed") or "-")
    return frozenset({f"{event_type} {actor} -> {other}"})


def cluster_reports(reports: Iterable[ResolvedReport],
                    seeds: Iterable[Sequence[ResolvedReport]] = ()) -> list[Cluster]:
    """Consolidated events of the reports (rules in the module docstring), by node IRI.

    `seeds` are clusters already decided (kg.consolidate.upkeep pins the stored clusters'
    members that precede every changed report): every report given must come after all of
    their members in (day, IRI) order. A report joins the compatible candidate cluster
    created first (smallest first member), else starts one.
    """
    clusters = sorted((sorted(seed, key=lambda r: r.order) for seed in seeds if seed),
                      key=lambda members: members[0].order)
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, members in enumerate(clusters):
        for key in {key for member in members for key in member.keys}:
            by_key[key].append(index)
    for report in sorted(reports, key=lambda r: r.order):
        candidates = {index for key in report.lookup_keys for index in by_key.get(key, ())}
        chosen = min((index for index in candidates
                      if all(same_event(report, member) for member in clusters[index])),
                     default=None)
        if chosen is None:
            chosen = len(clusters)
            clusters.append([])
        clusters[chosen].append(report)
        for key in report.keys:
            if chosen not in by_key[key]:
                by_key[key].append(chosen)
    return sorted((Cluster(event_node(members[0].report.node), tuple(members))
                   for members in clusters), key=lambda c: c.node)


def event_node(first_report: str) -> str:
    """The consolidated event's IRI: a digest of its first report (stable while it lasts)."""
    return EVENT_BASE + hashlib.sha256(first_report.encode()).hexdigest()[:24]


def same_event(a: ResolvedReport, b: ResolvedReport) -> bool:
    """Whether two reports may be of one event (module docstring: type, sides, date, place)."""
    if a.report.type != b.report.type:
        return False
    if a.report.type in PARTICIPANT_EVENTS:
        mine, theirs = a.participants, b.participants
        if mine != theirs and len(mine & theirs) < 2:
            return False
    elif a.roles != b.roles:
        return False
    if not _dates_agree(a, b):
        return False
    if a.place and b.place and a.place != b.place:
        return a.span is not None and b.span is not None
    return True


def _dates_agree(a: ResolvedReport, b: ResolvedReport) -> bool:
    tolerance = dt.timedelta(days=DATE_TOLERANCE_DAYS)
    window = dt.timedelta(days=PUBLICATION_WINDOW_DAYS)
    if a.span and b.span:
        return a.span[0] <= b.span[1] + tolerance and b.span[0] <= a.span[1] + tolerance
    if a.span or b.span:
        dated, undated = (a, b) if a.span else (b, a)
        published = undated.report.published
        assert dated.span is not None
        return published is not None and dated.span[0] <= published <= dated.span[1] + window
    first, second = a.report.published, b.report.published
    return first is not None and second is not None and abs(first - second) <= window


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """"2023-11-15" -> that day twice; "2023-11" -> its first and last day; else None."""
    if not value:
        return None
    try:
        if len(value) == 7:
            first = dt.date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, following - dt.timedelta(days=1)
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day, day


def _place(location: str | None) -> str | None:
    return " ".join(location.casefold().split()) if location else None


def _short(iri: str) -> str:
    return iri[len(_ID_PREFIX):] if iri.startswith(_ID_PREFIX) else iri
