"""The gazetteer of known entities and the topic lexicon, read from ontology/*.ttl once.

This is the only module of the extraction side that imports rdflib: the rest of kg/extract
works on the plain frozen records defined here.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL, SKOS

from kg.models import ENTITY_TYPES

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
ENTITIES_PATH = REPO_ROOT / "ontology" / "entities.ttl"
TOPICS_PATH = REPO_ROOT / "ontology" / "topics.ttl"
ID_BASE = "https://w3id.org/aikg/id/"
TOPIC_BASE = "https://w3id.org/aikg/topic/"
ONTOLOGY_BASE = "https://w3id.org/aikg/ontology#"
WIKIDATA_BASE = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its stable id ("company/baidu"), type and surface forms."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    part_of: str | None = None
    demonyms: tuple[str, ...] = ()
    issued_by: tuple[str, ...] = ()
    #: rdfs:comment, e.g. "Vice Premier of China (2023-)": the roles rules read a known
    #: person's nation and post from it when the article gives only a bare title.
    description: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class TopicEntry:
    """A topic concept: the label to output and the lower-case keywords that signal it."""

    label: str
    slug: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Known entities and topics with the look-ups the extractor needs."""

    entries: tuple[GazetteerEntry, ...] = ()
    topics: tuple[TopicEntry, ...] = ()
    _by_id: dict[str, GazetteerEntry] = field(default_factory=dict, compare=False, repr=False)
    _by_surface: dict[str, tuple[GazetteerEntry, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    _by_demonym: dict[str, GazetteerEntry] = field(default_factory=dict, compare=False,
                                                   repr=False)

    def __post_init__(self) -> None:
        surface: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for entry in self.entries:
            self._by_id[entry.id] = entry
            if entry.type == "Country":
                for demonym in entry.demonyms:
                    self._by_demonym.setdefault(demonym.casefold(), entry)
            for form in entry.surface_forms:
                if entry not in surface[form.casefold()]:
                    surface[form.casefold()].append(entry)
        self._by_surface.update({key: tuple(value) for key, value in surface.items()})

    def get(self, entity_id: str) -> GazetteerEntry | None:
        return self._by_id.get(entity_id)

    def lookup(self, surface: str, *, type: str | None = None) -> tuple[GazetteerEntry, ...]:
        """Entries with this label or alias (case-insensitive), optionally of one type."""
        found = self._by_surface.get(surface.strip().casefold(), ())
        return tuple(e for e in found if type is None or e.type == type)

    def country_of_demonym(self, word: str) -> GazetteerEntry | None:
        """The Country whose demonym (or name) this word is: "Chinese" -> China."""
        if (entry := self._by_demonym.get(word.casefold())) is not None:
            return entry
        countries = self.lookup(word, type="Country")
        return countries[0] if countries else None

    def is_country_name(self, name: str) -> bool:
        """A known country, or any sovereign territory's English name (from CLDR via babel).

        Lets an unknown GPE become a national government only when it names a country, never
        a city or a region.
        """
        return bool(self.lookup(name, type="Country")) or name.strip().casefold() in \
            _territory_names()

    def national_government(self, country: GazetteerEntry) -> GazetteerEntry | None:
        """The national Government that shares a surface form with the Country, if known."""
        for form in country.surface_forms:
            for entry in self.lookup(form, type="Government"):
                if entry.part_of is None:
                    return entry
        return None

    def country_of_government(self, government: GazetteerEntry) -> GazetteerEntry | None:
        """The Country a national government governs (they share a surface form)."""
        while government.part_of and (parent := self.get(government.part_of)):
            government = parent
        for form in government.surface_forms:
            countries = self.lookup(form, type="Country")
            if countries:
                return countries[0]
        return None


@functools.cache
def _territory_names() -> frozenset[str]:
    from babel import Locale

    territories = Locale("en").territories
    return frozenset(name.casefold() for code, name in territories.items() if code.isalpha())


def load_gazetteer(
    entities_path: Path | None = None, topics_path: Path | None = None
) -> Gazetteer:
    """The gazetteer from the ontology files (default: repo_root/ontology/), parsed once."""
    return _load_cached(entities_path or ENTITIES_PATH, topics_path or TOPICS_PATH)


@functools.cache
def _load_cached(entities_path: Path, topics_path: Path) -> Gazetteer:
    entries = tuple(read_entities(_parse(entities_path))) if entities_path.exists() else ()
    topics = tuple(read_topics(_parse(topics_path))) if topics_path.exists() else ()
    if not entries:
        logger.warning("no gazetteer entities at %s; only the statistical model names things",
                       entities_path)
    return Gazetteer(entries=entries, topics=topics)


def _parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def read_entities(graph: Graph) -> Iterable[GazetteerEntry]:
    """GazetteerEntry records for every subject under the id/ base with an aikg: type."""
    aikg = ONTOLOGY_BASE
    for subject in sorted(set(graph.subjects(RDF.type, None))):
        if not str(subject).startswith(ID_BASE):
            continue
        types = [str(t)[len(aikg):] for t in graph.objects(subject, RDF.type)
                 if str(t).startswith(aikg)]
        entity_type = next((t for t in types if t in ENTITY_TYPES), None)
        label = graph.value(subject, RDFS.label)
        if entity_type is None or label is None:
            continue
        yield GazetteerEntry(
            id=str(subject)[len(ID_BASE):],
            label=str(label),
            type=entity_type,
            aliases=_strings(graph.objects(subject, SKOS.altLabel)),
            wikidata=_wikidata(graph, subject),
            part_of=_local_id(graph.value(subject, URIRef(aikg + "partOf"))),
            demonyms=_strings(graph.objects(subject, SKOS.hiddenLabel)),
            issued_by=tuple(sorted(
                i for o in graph.objects(subject, URIRef(aikg + "issuedBy"))
                if (i := _local_id(o)) is not None
            )),
            description=_optional(graph.value(subject, RDFS.comment)),
        )


def read_topics(graph: Graph) -> Iterable[TopicEntry]:
    """TopicEntry records for the SKOS concepts under the topic/ base."""
    for subject in sorted(set(graph.subjects(SKOS.prefLabel, None))):
        if not str(subject).startswith(TOPIC_BASE):
            continue
        label = str(graph.value(subject, SKOS.prefLabel))
        keywords = {str(k).casefold() for k in graph.objects(subject, SKOS.hiddenLabel)}
        keywords.add(label.casefold())
        yield TopicEntry(label=label, slug=str(subject)[len(TOPIC_BASE):],
                         keywords=tuple(sorted(keywords)))


def _optional(node: object) -> str | None:
    return str(node) if node is not None else None


def _strings(nodes: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({str(n) for n in nodes}))


def _local_id(node: object) -> str | None:
    text = str(node) if node is not None else ""
    return text[len(ID_BASE):] if text.startswith(ID_BASE) else None


def _wikidata(graph: Graph, subject: URIRef) -> str | None:
    for same in graph.objects(subject, OWL.sameAs):
        if str(same).startswith(WIKIDATA_BASE):
            return str(same)[len(WIKIDATA_BASE):]
    return None
