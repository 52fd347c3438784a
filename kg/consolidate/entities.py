"""Resolution of entities across articles: which entity IRIs name the same thing.

Article graphs mint an entity's IRI from its type and normalised label
(kg.models.entity_key), so "Zhipu AI" and "Zhipu" are two companies there. Here they are
linked, by two rules tried in order, always within one type (a person is never a company):

- ``core-name`` (score 100): equal match keys (kg.consolidate.names: normalised, corporate
  suffixes dropped, spaces removed) of any label or alias;
- ``short-form`` (companies; score = 100 x the short core's share of the long one): a
  one-word core equal to the first word of exactly one other company's core ("Tianmu" ~
  "Tianmu Computing"); two candidates ("Sunvale Robotics", "Sunvale Biotics") -> none;
- ``fuzzy`` (score = rapidfuzz ``fuzz.ratio`` of the cores, 0..100): at least
  FUZZY_THRESHOLD[type], among names of at least FUZZY_MIN_LENGTH characters that share
  their first BLOCK_PREFIX characters (blocking: never all pairs). Shorter names are left
  alone: there one letter makes another name ("Hanxin" / "Hanxing" = 92.3).

Gazetteer entities are anchors: an unknown entity may join one, two gazetteer entities are
never merged (the gazetteer is curated), and the canonical entity of a set is its gazetteer
entity, else its smallest IRI (stable while the set lasts). Every union is kept as a
``Merge`` (which rule, which score, which two entities), so each merge is explainable, and
nothing here touches article graphs, so each is reversible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.consolidate.names import core_name, match_key

#: Least fuzz.ratio (0..100) for a fuzzy merge, by type. Chosen on the synthetic corpus's
#: spelling variants and on near-miss pairs that must stay apart ("Li Wei" / "Li Wen" = 83,
#: "Baidu" / "Baida" = 80); persons need more because their names are short and common.
FUZZY_THRESHOLD: dict[str, float] = {
    "Company": 92.0, "Alliance": 92.0, "Government": 94.0, "Policy": 94.0, "Person": 95.0,
}
FUZZY_MIN_LENGTH = 10
BLOCK_PREFIX = 3


@dataclass(frozen=True)
class EntityName:
    """One entity as the store describes it: IRI, type name ("Company"), its labels."""

    iri: str
    type: str
    labels: frozenset[str]
    known: bool = False  # described by the gazetteer (the entities graph)


@dataclass(frozen=True)
class Merge:
    """One union: `entity` joined `matched` by `rule` ("core-name" | "fuzzy") with `score`."""

    entity: str
    matched: str
    rule: str
    score: float


@dataclass
class Resolution:
    """Entity IRI -> canonical IRI (only entities that were merged), and the unions made."""

    canonical: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)

    def resolve(self, iri: str) -> str:
        """The canonical IRI of an entity (itself when not merged)."""
        return self.canonical.get(iri, iri)


class _Sets:
    """Union-find that refuses to join two sets each holding a gazetteer entity."""

    def __init__(self, names: dict[str, EntityName]) -> None:
        self.parent = {iri: iri for iri in names}
        self.known = {iri: iri if name.known else None for iri, name in names.items()}

    def find(self, iri: str) -> str:
        while self.parent[iri] != iri:
            self.parent[iri] = self.parent[self.parent[iri]]
            iri = self.parent[iri]
        return iri

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b or (self.known[root_a] and self.known[root_b]):
            return False
        low, high = sorted((root_a, root_b))
        self.parent[high] = low
        self.known[low] = self.known[low] or self.known[high]
        return True


def resolve_entities(names: Iterable[EntityName]) -> Resolution:
    """Merge the entities that name the same thing (rules in the module docstring).

    Deterministic: the same names give the same resolution in any order.
    """
    by_iri: dict[str, EntityName] = {}
    for name in names:
        old = by_iri.get(name.iri)
        by_iri[name.iri] = name if old is None else EntityName(
            name.iri, name.type, old.labels | name.labels, old.known or name.known)
    sets = _Sets(by_iri)
    merges: list[Merge] = []
    by_type: dict[str, list[EntityName]] = defaultdict(list)
    for iri in sorted(by_iri):
        by_type[by_iri[iri].type].append(by_iri[iri])
    for entity_type, members in by_type.items():
        merges += _exact(sets, entity_type, members)
        if entity_type == "Company":
            merges += _short_forms(sets, members)
        if entity_type in FUZZY_THRESHOLD:
            merges += _fuzzy(sets, entity_type, members, FUZZY_THRESHOLD[entity_type])
    resolution = Resolution(merges=merges)
    for iri in by_iri:
        root = sets.find(iri)
        canonical = sets.known[root] or root
        if canonical != iri:
            resolution.canonical[iri] = canonical
    return resolution


def _exact(sets: _Sets, entity_type: str, members: list[EntityName]) -> list[Merge]:
    first: dict[str, str] = {}
    merges = []
    for name in members:
        for key in sorted({match_key(label, entity_type) for label in name.labels} - {""}):
            other = first.setdefault(key, name.iri)
            if other != name.iri and sets.union(other, name.iri):
                merges.append(Merge(name.iri, other, "core-name", 100.0))
    return merges


def _short_forms(sets: _Sets, members: list[EntityName]) -> list[Merge]:
    heads: dict[str, set[str]] = defaultdict(set)  # first word -> sets whose core starts so
    cores: dict[str, tuple[str, str]] = {}  # set root -> (a long core, an entity of it)
    for name in members:
        for core in sorted(core_name(label, "Company") for label in name.labels):
            words = core.split()
            if len(words) > 1:
                heads[words[0]].add(sets.find(name.iri))
                cores.setdefault(sets.find(name.iri), (core, name.iri))
    merges = []
    for name in members:
        for core in sorted({core_name(label, "Company") for label in name.labels}):
            if " " in core or not core:
                continue
            others = heads.get(core, set()) - {sets.find(name.iri)}
            if len(others) == 1:
                long_core, matched = cores[next(iter(others))]
                if sets.union(matched, name.iri):
                    merges.append(Merge(name.iri, matched, "short-form",
                                        round(100 * len(core) / len(long_core), 1)))
    return merges


def _is_known(sets: _Sets, iri: str) -> bool:
    """Whether `iri` is a gazetteer entity (two of those are never merged)."""
    return sets.known.get(iri) == iri


def _fuzzy(sets: _Sets, entity_type: str, members: list[EntityName], threshold: float
           ) -> list[Merge]:
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in members:
        for core in sorted({core_name(label, entity_type) for label in name.labels}):
            if len(core) >= FUZZY_MIN_LENGTH:
                blocks[core.replace(" ", "")[:BLOCK_PREFIX]].append((core, name.iri))
    merges = []
    for block in (blocks[key] for key in sorted(blocks)):
        for index, (core_a, iri_a) in enumerate(block):
            for core_b, iri_b in block[index + 1:]:
                if iri_a == iri_b or (_is_known(sets, iri_a) and _is_known(sets, iri_b)):
                    continue
                if sets.find(iri_a) == sets.find(iri_b):
                    continue
                score = fuzz.ratio(core_a, core_b)
                if score >= threshold and sets.union(iri_a, iri_b):
                    merges.append(Merge(iri_b, iri_a, "fuzzy", round(score, 1)))
    return merges
