"""/stats counts what the articles say apart from what the gazetteer lists (issue 13, item
13): the entities named in facts and events, and the gazetteer's entries on their own."""

from __future__ import annotations

from api_samples import Backend, alliance_article, client_on, meeting_article, store_of
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.models import ENTITY_TYPES
from kg.namespaces import AIKG
from kg.queries import mentioned_entity_counts
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.settings import ENTITIES_FILE


def test_stats_separate_named_entities_from_the_gazetteer(backend: Backend) -> None:
    gazetteer = Graph().parse(ENTITIES_FILE, format="turtle")
    listed = {name: len(set(gazetteer.subjects(RDF.type, URIRef(AIKG[name]))))
              for name in ENTITY_TYPES}
    with client_on(backend, seed=False) as client:  # the real gazetteer stays in the store
        store = store_of(client)
        for extraction in (meeting_article(), alliance_article()):
            store.put_graph(article_graph_iri(extraction.article), extraction_to_graph(extraction))
        if store.index is not None:  # embedded: answer from the index, then from SPARQL
            assert store.index.wait(120)
        stats = client.get("/stats", headers={"Cache-Control": "no-cache"}).json()
        index, store.index = store.index, None
        try:
            assert mentioned_entity_counts(store) == stats["entities"]
        finally:
            store.index = index
    # Smith, Wang and Li take part in facts and events; the gazetteer's people do not count.
    assert stats["entities"]["Person"] == 3
    assert stats["entities"]["Company"] == 2  # Microsoft, Baidu
    assert stats["entities"]["Country"] == 0
    assert stats["gazetteer"] == listed
    assert stats["gazetteer"]["Person"] > stats["entities"]["Person"]
