"""Domain questions answered with SPARQL over the store ("who met whom about AI").

User values enter a query only as IRIs that `sparql_iri` has checked, in a VALUES clause,
so no input can change the shape of the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.models import slugify
from kg.namespaces import TOPIC
from kg.store import EmbeddedStore

MEETINGS_QUERY = """
SELECT ?event ?date ?location ?evidence ?start ?end ?confidence ?article ?title
       (GROUP_CONCAT(DISTINCT ?name; SEPARATOR="|") AS ?participants)
       (GROUP_CONCAT(DISTINCT ?topicLabel; SEPARATOR="|") AS ?topics)
WHERE {
  ?event a aikg:Meeting ; aikg:participant ?p ; aikg:evidence ?ev ; aikg:confidence ?confidence ;
         prov:wasDerivedFrom ?article .
  ?p rdfs:label ?name .
  ?ev rdf:value ?evidence ; aikg:startOffset ?start ; aikg:endOffset ?end .
  ?article schema:headline ?title .
  OPTIONAL { ?event aikg:topic ?t . ?t skos:prefLabel ?topicLabel }
  OPTIONAL { ?event aikg:date ?date }
  OPTIONAL { ?event aikg:location ?location }
  %(topic_filter)s
}
GROUP BY ?event ?date ?location ?evidence ?start ?end ?confidence ?article ?title
ORDER BY ?date ?event
"""


@dataclass(frozen=True)
class MeetingRow:
    """One meeting, with the sentence and article it came from."""

    event: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]
    date: str | None
    location: str | None
    evidence: str
    start: int
    end: int
    confidence: float
    article: str
    article_title: str


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def sparql_iri(iri: str) -> str:
    """`<iri>` for SPARQL text, refusing any character that could end the IRI early."""
    if not iri or _IRI_FORBIDDEN.search(iri):
        raise QueryError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def topic_iri_for(label: str) -> URIRef:
    return TOPIC[slugify(label)]


def meetings(store: EmbeddedStore, *, topic: str | None = None) -> list[MeetingRow]:
    """Who met whom, optionally about a topic (its narrower topics count too)."""
    topic_filter = ""
    if topic:
        topic_filter = (f"?event aikg:topic/skos:broader* ?topic . "
                        f"VALUES ?topic {{ {sparql_iri(topic_iri_for(topic))} }}")
    result = store.query(MEETINGS_QUERY % {"topic_filter": topic_filter})
    rows = []
    for row in result:
        rows.append(MeetingRow(
            event=str(row.event),  # type: ignore[union-attr]
            participants=tuple(sorted(str(row.participants).split("|"))),  # type: ignore[union-attr]
            topics=tuple(sorted(filter(None, (_text(row.topics) or "").split("|")))),  # type: ignore[union-attr]
            date=_text(row.date),  # type: ignore[union-attr]
            location=_text(row.location),  # type: ignore[union-attr]
            evidence=str(row.evidence),  # type: ignore[union-attr]
            start=int(row.start),  # type: ignore[union-attr]
            end=int(row.end),  # type: ignore[union-attr]
            confidence=float(row.confidence),  # type: ignore[union-attr]
            article=str(row.article),  # type: ignore[union-attr]
            article_title=str(row.title),  # type: ignore[union-attr]
        ))
    return rows


def _text(term: object) -> str | None:
    return str(term) if isinstance(term, (Literal, URIRef)) else None
