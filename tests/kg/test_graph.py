"""networkx projections and analytics over a store seeded with hand-made extractions."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import InputError
from kg.graph import (
    PROJECTIONS,
    GraphFormat,
    alliance_graph,
    centrality,
    co_meeting_graph,
    communities,
    ego_network,
    entity_graph,
    evidence_path,
    neighbors,
    policy_graph,
    project,
    role_graph,
    shortest_connection,
    write_graph,
)
from kg.index import GraphIndex
from kg.models import Article, Entity, Event, Evidence, Extraction, Fact
from kg.namespaces import ENTITIES_GRAPH
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.rows import entity_id_iri
from kg.store import EmbeddedStore

SMITH = Entity("person/brad-smith", "Brad Smith", "Person")
WANG = Entity("person/wang-wentao", "Wang Wentao", "Person")
XI = Entity("person/xi-jinping", "Xi Jinping", "Person")
BIDEN = Entity("person/joe-biden", "Joe Biden", "Person")
MICROSOFT = Entity("company/microsoft", "Microsoft", "Company")
BAIDU = Entity("company/baidu", "Baidu", "Company")
HUAWEI = Entity("company/huawei", "Huawei", "Company")
PAI = Entity("alliance/partnership-on-ai", "Partnership on AI", "Alliance")
US = Entity("government/government-of-the-united-states", "Government of the United States",
            "Government")
CN = Entity("government/government-of-china", "Government of China", "Government")
MOFCOM = Entity("government/ministry-of-commerce-of-china", "Ministry of Commerce of China",
                "Government")
ENTITY_LIST = Entity("policy/entity-list", "Entity List", "Policy")


def _article(id: str, sentences: list[str]) -> tuple[Article, dict[str, Evidence]]:
    text = " ".join(sentences)
    article = Article(id=id, title=f"Headline {id}", text=text, date=dt.date(2024, 1, 1),
                      source=f"{id}.txt")
    evidence = {}
    for sentence in sentences:
        start = text.index(sentence)
        evidence[sentence] = Evidence(sentence, start, start + len(sentence))
    return article, evidence


def extractions() -> list[Extraction]:
    met = "Brad Smith met Wang Wentao in Beijing to discuss AI."
    met_again = "Smith and Wang met again in January 2024 about trade."
    role = "Microsoft President Brad Smith spoke."
    minister = "Commerce Minister Wang Wentao of China's Ministry of Commerce answered."
    summit = "Joe Biden and Xi Jinping met in Woodside."
    first, fe = _article("meetings", [met, met_again, role, minister, summit])
    left = "Baidu withdrew from the Partnership on AI in June 2020."
    member = "Baidu had been a member of the Partnership on AI."
    listed = "The US added Huawei to the Entity List."
    second, se = _article("alliances", [left, member, listed])
    return [
        Extraction(
            article=first, entities=(SMITH, WANG, XI, BIDEN, MICROSOFT, MOFCOM, CN),
            facts=(Fact(SMITH.id, "roleIn", MICROSOFT.id, fe[role], 0.9, title="President"),
                   Fact(WANG.id, "roleIn", MOFCOM.id, fe[minister], 0.9,
                        title="Commerce Minister"),
                   Fact(MOFCOM.id, "partOf", CN.id, fe[minister], 0.8)),
            events=(Event("Meeting", fe[met], 0.8, participants=(SMITH.id, WANG.id),
                          topics=("AI",), date="2023-12-06", location="Beijing"),
                    Event("Meeting", fe[met_again], 0.7, participants=(SMITH.id, WANG.id),
                          topics=("trade",), date="2024-01"),
                    Event("Meeting", fe[summit], 0.8, participants=(BIDEN.id, XI.id),
                          date="2023-11-15"))),
        Extraction(
            article=second, entities=(BAIDU, PAI, HUAWEI, ENTITY_LIST, US),
            facts=(Fact(BAIDU.id, "withdrewFrom", PAI.id, se[left], 0.9, date="2020-06"),
                   Fact(BAIDU.id, "memberOf", PAI.id, se[member], 0.8),
                   Fact(ENTITY_LIST.id, "targets", HUAWEI.id, se[listed], 0.9),
                   Fact(ENTITY_LIST.id, "issuedBy", US.id, se[listed], 0.9)),
            events=(Event("Criticism", se[listed], 0.6, actor=US.id, target=HUAWEI.id,
                          topics=("national security",)),)),
    ]


@pytest.fixture(scope="module")
def seeded() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as store:
        store.delete_graph(ENTITIES_GRAPH)  # only the entities of these articles
        for extraction in extractions():
            store.put_graph(article_graph_iri(extraction.article),
                            extraction_to_graph(extraction))
        yield store


def test_entity_graph_has_typed_nodes_and_one_edge_per_statement(seeded: EmbeddedStore) -> None:
    graph = entity_graph(seeded)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["company/baidu"] == {
        "iri": "https://w3id.org/aikg/id/company/baidu", "label": "Baidu", "type": "Company"}
    baidu_pai = graph.get_edge_data("company/baidu", "alliance/partnership-on-ai")
    assert sorted(d["relation"] for d in baidu_pai.values()) == ["memberOf", "withdrewFrom"]
    withdrawal = next(d for d in baidu_pai.values() if d["relation"] == "withdrewFrom")
    assert withdrawal["date"] == "2020-06"
    assert withdrawal["evidence"] == "Baidu withdrew from the Partnership on AI in June 2020."
    assert withdrawal["article_title"] == "Headline alliances"
    assert withdrawal["kind"] == "fact" and withdrawal["evidence_count"] == 1
    # 3 + 4 facts, 3 meetings (one pair each) and 1 criticism
    assert graph.number_of_edges() == 11
    criticism = graph.get_edge_data("government/government-of-the-united-states",
                                    "company/huawei")
    assert [d["topics"] for d in criticism.values() if d["kind"] == "event"] == [
        ["national security"]]


def test_co_meeting_weights_count_meetings_and_collect_topics(seeded: EmbeddedStore) -> None:
    graph = co_meeting_graph(seeded)
    assert sorted(graph.nodes) == ["person/brad-smith", "person/joe-biden", "person/wang-wentao",
                                   "person/xi-jinping"]
    pair = graph["person/brad-smith"]["person/wang-wentao"]
    assert pair["weight"] == 2
    assert pair["topics"] == ["AI", "trade"]
    assert sorted(pair["dates"]) == ["2023-12-06", "2024-01"]
    assert "Brad Smith met Wang Wentao in Beijing to discuss AI." in pair["evidence"]
    assert graph["person/joe-biden"]["person/xi-jinping"]["weight"] == 1
    assert not graph.has_edge("person/brad-smith", "person/xi-jinping")


def test_alliance_graph_is_bipartite_and_marks_withdrawals(seeded: EmbeddedStore) -> None:
    graph = alliance_graph(seeded)
    assert nx.is_bipartite(graph)
    assert graph.nodes["company/baidu"]["bipartite"] == 0
    assert graph.nodes["alliance/partnership-on-ai"]["bipartite"] == 1
    edge = graph["company/baidu"]["alliance/partnership-on-ai"]
    assert edge["member"] and edge["withdrew"] and edge["withdrawn_on"] == "2020-06"
    assert len(edge["evidence"]) == 2


def test_policy_and_role_projections_point_the_readable_way(seeded: EmbeddedStore) -> None:
    policies = policy_graph(seeded)
    assert set(policies.edges) == {
        ("government/government-of-the-united-states", "policy/entity-list"),
        ("policy/entity-list", "company/huawei")}
    assert policies["policy/entity-list"]["company/huawei"]["relation"] == "targets"
    roles = role_graph(seeded)
    assert roles["person/brad-smith"]["company/microsoft"]["title"] == "President"
    assert nx.has_path(roles, "person/wang-wentao", "government/government-of-china")


def test_centrality_ranks_the_broker_first(seeded: EmbeddedStore) -> None:
    rows = centrality(role_graph(seeded))
    top = rows[0]
    assert top.node == "government/ministry-of-commerce-of-china"  # between Wang and China
    assert top.betweenness > 0 and top.degree == 2
    assert {r.node for r in rows} == set(role_graph(seeded).nodes)


def test_communities_split_the_two_meeting_pairs(seeded: EmbeddedStore) -> None:
    assert communities(co_meeting_graph(seeded)) == [
        ["person/brad-smith", "person/wang-wentao"], ["person/joe-biden", "person/xi-jinping"]]


def test_evidence_path_gives_each_hop_its_sentence(seeded: EmbeddedStore) -> None:
    graph = entity_graph(seeded)
    hops = evidence_path(graph, "person/brad-smith", "government/government-of-china")
    assert [(h.source, h.target) for h in hops] == [
        ("person/brad-smith", "person/wang-wentao"),
        ("person/wang-wentao", "government/ministry-of-commerce-of-china"),
        ("government/ministry-of-commerce-of-china", "government/government-of-china")]
    assert hops[0].relation == "Meeting"
    assert hops[0].evidence == "Brad Smith met Wang Wentao in Beijing to discuss AI."
    assert hops[1].relation == "roleIn" and hops[2].relation == "partOf"
    assert evidence_path(graph, "company/baidu", "company/baidu") == []
    with pytest.raises(InputError, match="no path"):
        evidence_path(graph, "company/baidu", "person/xi-jinping")
    with pytest.raises(InputError, match="no node 'company/nobody'"):
        evidence_path(graph, "company/nobody", "company/baidu")


def test_ego_network_follows_edges_both_ways(seeded: EmbeddedStore) -> None:
    ego = ego_network(entity_graph(seeded), "company/huawei")
    assert set(ego.nodes) == {"company/huawei", "policy/entity-list",
                              "government/government-of-the-united-states"}
    two = ego_network(entity_graph(seeded), "company/huawei", radius=2)
    assert "company/baidu" not in two


@pytest.mark.parametrize("fmt", list(GraphFormat))
@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_every_projection_writes_every_format(
    seeded: EmbeddedStore, name: str, fmt: GraphFormat
) -> None:
    graph = project(seeded, name)
    buffer = io.BytesIO()
    write_graph(graph, buffer, fmt)
    data = buffer.getvalue()
    if fmt is GraphFormat.json:
        parsed = nx.node_link_graph(json.loads(data), edges="links")
    elif fmt is GraphFormat.graphml:
        parsed = nx.read_graphml(io.BytesIO(data))
    else:
        parsed = nx.read_gexf(io.BytesIO(data))
    assert parsed.number_of_nodes() == graph.number_of_nodes()
    assert parsed.number_of_edges() == graph.number_of_edges()


def test_graphml_keeps_labels_and_joins_lists(seeded: EmbeddedStore) -> None:
    buffer = io.BytesIO()
    write_graph(co_meeting_graph(seeded), buffer, "graphml")
    parsed = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert parsed.nodes["person/brad-smith"]["label"] == "Brad Smith"
    assert parsed["person/brad-smith"]["person/wang-wentao"]["topics"] == "AI; trade"
    assert parsed["person/brad-smith"]["person/wang-wentao"]["weight"] == 2


def test_unknown_projection_and_format_name_the_bad_value(seeded: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="unknown projection 'friends'"):
        project(seeded, "friends")
    with pytest.raises(InputError, match="unsupported format 'dot'"):
        write_graph(entity_graph(seeded), io.BytesIO(), "dot")


def test_neighbors_still_walk_the_store(seeded: EmbeddedStore) -> None:
    hood = neighbors(seeded, "company/huawei", depth=1)
    assert {e.relation for e in hood.edges} == {"targets", "Criticism"}


def test_neighbor_pages_cover_every_edge_once_with_its_evidence(seeded: EmbeddedStore) -> None:
    whole = neighbors(seeded, "person/brad-smith", depth=2)
    assert whole.edges_total == len(whole.edges) == 4  # 2 meetings and roleIn; Wang's roleIn
    pages = [neighbors(seeded, "person/brad-smith", depth=2, limit=3, offset=at)
             for at in (0, 3, 6)]
    assert [len(page.edges) for page in pages] == [3, 1, 0]
    assert all(page.edges_total == 4 and page.depth == whole.depth for page in pages)
    assert [edge for page in pages for edge in page.edges] == whole.edges
    assert all(edge.evidence.sentence and edge.evidence.article_id for edge in whole.edges)
    assert neighbors(seeded, "person/brad-smith", limit=0).edges == []
    with pytest.raises(InputError, match="must not be negative"):
        neighbors(seeded, "person/brad-smith", offset=-1)


def test_a_path_is_the_same_chain_whichever_way_and_store_order() -> None:
    # A diamond (a-b-d and a-c-d, equally short) and two meetings of a and b.
    names = {key: Entity(f"company/{key}-co", f"{key.upper()} Co", "Company") for key in "abcd"}
    sentences = {pair: f"{pair[0].upper()} Co met {pair[1].upper()} Co." for pair in
                 ("ab", "ac", "bd", "cd")}
    again = "A Co and B Co met again."
    article, evidence = _article("diamond", [*sentences.values(), again])
    events = tuple(Event("Meeting", evidence[sentence], 0.7,
                         participants=(names[pair[0]].id, names[pair[1]].id))
                   for pair, sentence in sentences.items())
    events += (Event("Meeting", evidence[again], 0.9,
                     participants=(names["a"].id, names["b"].id)),)
    with EmbeddedStore(None) as store:
        store.put_graph(article_graph_iri(article), extraction_to_graph(Extraction(
            article=article, entities=tuple(names.values()), facts=(), events=events)))
        there = shortest_connection(store, "company/a-co", "company/d-co")
        back = shortest_connection(store, "company/d-co", "company/a-co")
        store.index = GraphIndex(store).start()  # the index's answer is the same chain
        assert store.index.wait(60)
        assert shortest_connection(store, "company/a-co", "company/d-co") == there
        store.index.close()
    assert there is not None and back is not None
    # through b (the lesser of b and c), over the more confident of the two a-b meetings
    iri = {key: entity_id_iri(entity.id) for key, entity in names.items()}
    assert [(e.source, e.target, e.evidence.sentence) for e in there] == [
        (iri["a"], iri["b"], again), (iri["b"], iri["d"], sentences["bd"])]
    assert [e.statement for e in back] == [e.statement for e in reversed(there)]


def stored_sample(tmp_path: Path) -> Path:
    """An on-disk store of the sample extractions alone (no gazetteer), for the CLI."""
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        store.delete_graph(ENTITIES_GRAPH)
        for extraction in extractions():
            store.put_graph(article_graph_iri(extraction.article),
                            extraction_to_graph(extraction))
    return store_dir


def test_kg_graph_writes_gexf_for_gephi(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_dir = stored_sample(tmp_path)
    out = tmp_path / "alliances.gexf"
    assert main(["--store", str(store_dir), "graph", "--projection", "alliance-membership",
                 "--format", "gexf", "-o", str(out)]) == 0
    assert "2 nodes, 1 edges" in capsys.readouterr().err
    labels = {node.get("label") for node in ET.parse(out).getroot().iter()
              if node.tag.endswith("}node")}
    assert labels == {"Baidu", "Partnership on AI"}
    with pytest.raises(SystemExit) as exit_info:  # argparse refuses an unknown projection
        main(["--store", str(store_dir), "graph", "--projection", "nope"])
    assert exit_info.value.code == 2


def test_kg_graph_json_to_stdout(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    store_dir = stored_sample(tmp_path)
    assert main(["--store", str(store_dir), "graph", "--projection", "co-meeting",
                 "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert {n["id"] for n in data["nodes"]} >= {"person/brad-smith", "person/xi-jinping"}
    weights = {(link["source"], link["target"]): link["weight"] for link in data["links"]}
    assert weights[("person/brad-smith", "person/wang-wentao")] == 2
