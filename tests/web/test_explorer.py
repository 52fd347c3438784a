"""The web explorer in a real browser: search, entity page with evidence, graph, timeline, SPARQL.

Each test saves a screenshot of the page it checked under test-artifacts/.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

Shot = Callable[[str], Path]
WITHDRAWAL = "Baidu will leave the “Partnership for AI” (PAI) alliance."


def _wait_view(page: Any, view: str) -> None:
    page.wait_for_selector(f"main[data-view='{view}']")


def test_assets_are_served_locally(server_url: str) -> None:
    with urllib.request.urlopen(f"{server_url}/") as response:
        html = response.read().decode("utf-8")
    assert '<script src="/static/vendor/cytoscape.min.js">' in html
    assert "http://" not in html.replace('href="/sparql"', "") and "https://" not in html
    with urllib.request.urlopen(f"{server_url}/static/vendor/cytoscape.min.js") as response:
        assert response.headers["content-type"].startswith("text/javascript")
        assert len(response.read()) > 300_000
    with urllib.request.urlopen(f"{server_url}/articles/000_4a79ae427b05caa0/text") as response:
        article = json.load(response)
    assert WITHDRAWAL in article["text"]


def test_home_lists_articles(page: Any, server_url: str, screenshot: Shot) -> None:
    page.goto(f"{server_url}/")
    _wait_view(page, "home")
    assert page.locator("h1").inner_text() == "US–China relations on AI"
    assert page.locator("main li a[href^='#/article/']").count() == 5  # 4 seeds, the emoji one
    screenshot("01-home")


def test_search_baidu_and_see_its_withdrawal_with_evidence(
    page: Any, server_url: str, screenshot: Shot
) -> None:
    page.goto(f"{server_url}/")
    _wait_view(page, "home")
    page.keyboard.press("/")  # the search box is reachable from the keyboard
    page.keyboard.type("Baidu")
    option = page.locator("#search-options li[data-entity='company/baidu']")
    option.wait_for()
    assert page.get_attribute("#search-input", "aria-expanded") == "true"
    screenshot("02-search-typeahead")
    while page.get_attribute("#search-input", "aria-activedescendant") != option.get_attribute(
            "id"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    _wait_view(page, "entity")
    assert page.url.endswith("#/entity/company/baidu")
    assert page.locator("h1").inner_text() == "Baidu"

    withdrawal = page.locator("article.fact[data-predicate='withdrewFrom']")
    assert withdrawal.count() == 1
    assert "withdrew from Partnership on AI" in withdrawal.locator(".statement-line").inner_text()
    evidence = withdrawal.locator("blockquote.evidence")
    assert evidence.locator("mark").inner_text().strip().endswith(WITHDRAWAL)
    # in context: the text before the sentence, fetched from the article, is shown around it
    page.wait_for_function(
        "el => el.textContent.startsWith('…')", arg=evidence.element_handle())
    assert "Beijing, 29.6.2020" in evidence.inner_text()
    link = withdrawal.locator("a.article-link")
    assert link.inner_text() == "Baidu announces participation in “Partnership with AI"
    screenshot("03-entity-baidu")

    link.click()
    _wait_view(page, "article")
    assert page.locator("mark#evidence").inner_text().endswith(WITHDRAWAL)
    screenshot("04-article-evidence")


def test_a_hub_s_links_come_a_page_at_a_time(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/#/graph/country/china?links=2")
    _wait_view(page, "graph")
    count = "() => window.aikgGraph.edges().length"
    assert page.evaluate(count) == 2
    details = page.locator("#graph-details")
    total = int(details.inner_text().split(" of ")[1].split(" links")[0])
    assert total > 4 and f"2 of {total} links" in details.inner_text()
    more = page.locator("button[data-more='country/china']")
    assert more.inner_text() == "Show 2 more links"
    more.click()
    page.wait_for_function(f"({count})() == 4")
    assert f"4 of {total} links" in details.inner_text()
    # every drawn node is reached by a drawn link: no neighbour floats unlinked
    assert page.evaluate("window.aikgGraph.nodes().every(n => n.degree() > 0)")


def test_graph_expands_on_click(page: Any, server_url: str, screenshot: Shot) -> None:
    page.goto(f"{server_url}/#/graph/company/baidu")
    _wait_view(page, "graph")
    count = "() => [window.aikgGraph.nodes().length, window.aikgGraph.edges().length]"
    nodes, edges = page.evaluate(count)
    assert nodes == 3 and edges >= 3  # Baidu, China, Partnership on AI
    relations = page.evaluate("window.aikgGraph.getElementById('alliance/partnership-on-ai')"
                              ".edgesWith(window.aikgGraph.getElementById('company/baidu'))"
                              ".map(e => e.data('relation'))")
    assert {"memberOf", "withdrewFrom"} <= set(relations)  # (events may link them too)
    assert page.locator("h1").inner_text() == "Neighbourhood of Baidu"

    # click the withdrawal link on the canvas: its evidence sentence appears beside the graph
    box = page.locator("#cy").bounding_box()
    middle = page.evaluate("window.aikgGraph.edges('.withdrewFrom')[0].renderedMidpoint()")
    page.mouse.click(box["x"] + middle["x"], box["y"] + middle["y"])
    details = page.locator("#graph-details")
    details.locator("blockquote.evidence mark").wait_for()
    assert "withdrewFrom" in details.inner_text()
    assert details.locator("mark").inner_text().strip().endswith(WITHDRAWAL)
    screenshot("05-graph-baidu-link-evidence")

    # click China on the canvas: its neighbourhood (Huawei, Tencent, ...) joins the graph
    position = page.evaluate("window.aikgGraph.getElementById('country/china').renderedPosition()")
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_function(f"({count})()[0] > {nodes}")
    expanded_nodes, expanded_edges = page.evaluate(count)
    assert expanded_edges > edges
    assert page.evaluate("window.aikgGraph.getElementById('company/huawei').nonempty()")
    assert page.locator("button[data-expand='country/china']").is_disabled()
    assert page.locator("#graph-summary").inner_text() == (
        f"{expanded_nodes} entities, {expanded_edges} links")

    # the same from the keyboard: focus a node's Expand button and press Enter
    button = page.locator("button[data-expand='company/huawei']")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"({count})()[0] > {expanded_nodes}")
    assert page.evaluate("window.aikgGraph.getElementById('policy/entity-list').nonempty()")
    screenshot("06-graph-expanded")


def test_timeline_shows_months_and_events(page: Any, server_url: str, screenshot: Shot) -> None:
    page.goto(f"{server_url}/#/timeline")
    _wait_view(page, "timeline")
    months = page.locator(".chart .bar").evaluate_all("bars => bars.map(b => b.dataset.month)")
    assert months == sorted(months) and "2024-05" in months
    # a time axis: every month between the first and the last has its slot, equally wide,
    # so the distance between two months is proportional to the time between them
    index = [int(m[:4]) * 12 + int(m[5:]) for m in months]
    assert index == list(range(index[0], index[0] + len(index)))
    lefts = page.locator(".chart .bar").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().left)")
    steps = {round(b - a, 1) for a, b in pairwise(lefts)}
    assert max(steps) - min(steps) <= 1.0, steps
    with urllib.request.urlopen(f"{server_url}/events?limit=500", timeout=120) as response:
        events = json.load(response)["items"]
    assert page.locator("article.event").count() == len(events) >= 9
    meetings = sum(event["type"] == "Meeting" for event in events)
    assert page.locator("article.event[data-event-type='Meeting']").count() == meetings >= 3
    screenshot("07-timeline")


def test_sparql_page_is_yasgui_and_runs_the_examples(
    page: Any, server_url: str, screenshot: Shot
) -> None:
    page.goto(f"{server_url}/#/sparql")
    _wait_view(page, "sparql")
    page.wait_for_selector("#yasgui .CodeMirror")
    assert page.locator("#yasgui .cm-keyword").count() > 3  # syntax highlighting
    assert "PREFIX aikg: <https://w3id.org/aikg/ontology#>" in _query(page)
    page.select_option("#sparql-example", "Alliance withdrawals")
    assert "aikg:withdrewFrom" in _query(page)
    page.click("#yasgui .yasqe_queryButton")
    rows = page.locator("#yasgui .yasr table tbody tr")
    rows.first.wait_for()
    headers = page.locator("#yasgui .yasr table thead th").all_inner_texts()
    assert [h.strip() for h in headers if h.strip()][-4:] == ["who", "alliance", "date",
                                                               "sentence"]
    assert rows.count() == 1 and WITHDRAWAL in rows.first.inner_text()
    screenshot("08-sparql")

    # IRIs of entities link to their explorer pages, not to the raw IRI
    _run(page, "SELECT DISTINCT ?company WHERE { ?company a aikg:Company } ORDER BY ?company")
    link = page.locator("#yasgui .yasr a[data-iri='https://w3id.org/aikg/id/company/baidu']")
    link.wait_for()
    assert link.get_attribute("href") == "#/entity/company/baidu"
    link.click()
    _wait_view(page, "entity")
    assert page.locator("h1").inner_text() == "Baidu"


def test_sparql_editor_completes_the_project_prefixes(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/#/sparql")
    _wait_view(page, "sparql")
    page.wait_for_selector("#yasgui .CodeMirror")
    page.evaluate("window.aikgYasgui.getTab().getYasqe().setValue('')")
    page.click("#yasgui .CodeMirror-code")
    page.keyboard.type("PREFIX aik")
    hint = page.locator(".CodeMirror-hints li", has_text="aikg: <https://w3id.org/aikg/")
    hint.first.wait_for()
    page.keyboard.press("Enter")
    assert _query(page).startswith("PREFIX aikg: <https://w3id.org/aikg/ontology#>")


def _query(page: Any) -> str:
    return str(page.evaluate("window.aikgYasgui.getTab().getQuery()"))


def _run(page: Any, query: str) -> None:
    page.evaluate("q => { window.aikgYasgui.getTab().setQuery(q); }",
                  "PREFIX aikg: <https://w3id.org/aikg/ontology#>\n" + query)
    page.click("#yasgui .yasqe_queryButton")
