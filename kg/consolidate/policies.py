"""Policies told apart: one policy IRI of the article graphs may stand for several policies.

Article graphs mint a policy's IRI from its label (kg.models.entity_key), so "US export
controls" is one node for the October 2022 rules in one article and the 2025 guidance in
another. Split here, in a derived graph, rather than at mapping time in kg.rdf: the article
graphs stay exactly as extracted (every query, the index and the gold files keep their
IRIs), and a split is recomputed when a later article adds the evidence that separates two
readings, which mapping one article at a time cannot see.

Each article that states a fact about the policy is one *occurrence*, with the issuers it
names (resolved) and the dates of its facts about the policy. Two occurrences are the same
policy unless both name issuers and share none, or both give dates and none falls in the
same month. Occurrences cluster by complete linkage in publication order (as events do);
only a policy that splits gets aikg:PolicyVariant nodes, one per reading, in its own graph
GRAPH["consolidated/policy/<slug>"], carrying prov:wasAttributedTo its issuers (not
aikg:issuedBy, whose shape requires an aikg:Policy), aikg:date and prov:wasDerivedFrom its
articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef

from kg.consolidate.reports import (
    ARTICLE_GRAPH_PREFIX,
    DERIVED_FROM,
    article_of_graph,
    chunks,
    read_articles,
    select,
    values,
)
from kg.namespaces import AIKG, BASE, GRAPH
from kg.store import Store

POLICY_GRAPH_BASE = str(GRAPH["consolidated/policy/"])
VARIANT_BASE = BASE + "consolidated/policy/"
_ID = BASE + "id/"
_POLICY = _ID + "policy/"
_ATTRIBUTED_TO = "http://www.w3.org/ns/prov#wasAttributedTo"
_RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"


@dataclass(frozen=True)
class Occurrence:
    """What one article says of one policy: issuers (resolved IRIs) and dates ("2022-10")."""

    policy: str
    graph: str
    article: str
    published: dt.date | None
    issuers: frozenset[str]
    dates: frozenset[str]


def policy_graph(policy: str) -> str:
    return POLICY_GRAPH_BASE + policy[len(_ID) + len("policy/"):]


def policies_in(store: Store, graphs: Iterable[str]) -> set[str]:
    """Policies some fact of these article graphs is about, and those whose stored variants
    came from them (a dropped graph can no longer be read)."""
    found: set[str] = set()
    for batch in chunks(sorted(set(graphs))):
        found.update(row[0] for row in select(store, f"""SELECT DISTINCT ?p WHERE {{
            {values("g", batch)} GRAPH ?g {{ ?f <{_RDF_SUBJECT}> ?p }}
            FILTER(STRSTARTS(STR(?p), "{_POLICY}")) }}"""))
        articles = [article_of_graph(graph) for graph in batch]
        found.update(row[0] for row in select(store, f"""SELECT DISTINCT ?p WHERE {{
            {values("a", articles)} ?v aikg:variantOf ?p ; <{DERIVED_FROM}> ?a }}"""))
    return found


def all_policies(store: Store) -> set[str]:
    """Every policy some article graph states a fact about."""
    # (a gazetteer policy has no type triple in the article graphs: known by its IRI)
    return {row[0] for row in select(store, f"""SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{
        ?f <{_RDF_SUBJECT}> ?p }} FILTER(STRSTARTS(STR(?p), "{_POLICY}")) }}""")}


def read_occurrences(store: Store, policies: Iterable[str], resolve: Callable[[str], str]
                     ) -> dict[str, list[Occurrence]]:
    """Policy -> its occurrences, one per article graph that states a fact about it."""
    issuers: dict[tuple[str, str], set[str]] = defaultdict(set)
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    # Flat scans (no OPTIONAL): Oxigraph evaluates an OPTIONAL per binding of the VALUES.
    for batch in chunks(sorted(set(policies))):
        scope = values("p", batch)
        for policy, graph in select(store, f"""SELECT DISTINCT ?p ?g WHERE {{ {scope}
                GRAPH ?g {{ ?f <{_RDF_SUBJECT}> ?p }} }}"""):
            dates[(policy, graph)]  # every fact makes an occurrence, dated or not
        for policy, graph, issuer in select(store, f"""SELECT ?p ?g ?o WHERE {{ {scope}
                GRAPH ?g {{ ?p aikg:issuedBy ?o }} }}"""):
            issuers[(policy, graph)].add(resolve(issuer))
        for policy, graph, date in select(store, f"""SELECT ?p ?g ?d WHERE {{ {scope}
                GRAPH ?g {{ ?f <{_RDF_SUBJECT}> ?p ; aikg:date ?d }} }}"""):
            dates[(policy, graph)].add(date[:7])
    dates = defaultdict(set, {key: months for key, months in dates.items()
                              if key[1].startswith(ARTICLE_GRAPH_PREFIX)})
    articles = read_articles(store, {graph for _, graph in dates})
    found: dict[str, list[Occurrence]] = defaultdict(list)
    for (policy, graph), months in sorted(dates.items()):
        article, published, _ = articles.get(graph, ("", None, None))
        found[policy].append(Occurrence(policy, graph, article, published,
                                        frozenset(issuers.get((policy, graph), ())),
                                        frozenset(months)))
    return found


def same_policy(a: Occurrence, b: Occurrence) -> bool:
    """Not two policies: issuers overlap (or one names none), dates share a month (or one
    gives none)."""
    if a.issuers and b.issuers and not a.issuers & b.issuers:
        return False
    return not (a.dates and b.dates and not a.dates & b.dates)


def split_policy(occurrences: list[Occurrence]) -> list[list[Occurrence]]:
    """The readings of one policy IRI (complete linkage in publication order). A reading is
    checked against its distinct (issuers, dates) signatures, not every occurrence: equal
    signatures agree with the same occurrences, so the result is the same, in linear time."""
    readings: list[tuple[list[Occurrence], dict[tuple[frozenset[str], frozenset[str]],
                                                 Occurrence]]] = []
    for occurrence in sorted(occurrences, key=lambda o: (o.published or dt.date.max, o.graph)):
        signature = (occurrence.issuers, occurrence.dates)
        for members, signatures in readings:
            if signature in signatures or all(
                    same_policy(occurrence, other) for other in signatures.values()):
                members.append(occurrence)
                signatures.setdefault(signature, occurrence)
                break
        else:
            readings.append(([occurrence], {signature: occurrence}))
    return [members for members, _ in readings]


def variant_lines(policy: str, readings: list[list[Occurrence]]) -> list[str]:
    """The policy's graph: one aikg:PolicyVariant per reading (none when it does not split)."""
    if len(readings) < 2:
        return []
    lines = []
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    for reading in readings:
        digest = hashlib.sha256(reading[0].graph.encode()).hexdigest()[:16]
        node = f"<{VARIANT_BASE}{policy[len(_ID) + len('policy/'):]}/{digest}>"
        lines += [f"{node} {rdf_type} <{AIKG.PolicyVariant}> .",
                  f"{node} <{AIKG.variantOf}> <{policy}> ."]
        lines += [f"{node} <{_ATTRIBUTED_TO}> <{issuer}> ."
                  for issuer in sorted({i for o in reading for i in o.issuers})]
        lines += [f"{node} <{AIKG.date}> {ox.Literal(month, datatype=ox.NamedNode(_GYM))} ."
                  for month in sorted({d for o in reading for d in o.dates})]
        lines += [f"{node} <{DERIVED_FROM}> <{o.article}> ." for o in reading if o.article]
    return lines


_GYM = "http://www.w3.org/2001/XMLSchema#gYearMonth"


def refresh_policies(store: Store, policies: Iterable[str], resolve: Callable[[str], str]
                     ) -> int:
    """Recompute the variants of these policies; returns how many policies split."""
    wanted = sorted(set(policies))
    occurrences = read_occurrences(store, wanted, resolve)
    stored = {row[0] for batch in chunks(wanted) for row in select(store, f"""
        SELECT DISTINCT ?p WHERE {{ {values("p", batch)} ?v aikg:variantOf ?p }}""")}
    split = 0
    for policy in wanted:
        lines = variant_lines(policy, split_policy(occurrences.get(policy, [])))
        if lines:
            store.put_graph(URIRef(policy_graph(policy)), lines)
            split += 1
        elif policy in stored:
            store.delete_graph(URIRef(policy_graph(policy)))
    return split


def stored_policy_graphs(store: Store) -> set[str]:
    """Every derived graph of policy variants."""
    return {row[0] for row in select(store, """SELECT DISTINCT ?g WHERE {
        GRAPH ?g { ?v a aikg:PolicyVariant } }""")}
