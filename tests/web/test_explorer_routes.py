"""The explorer's routes without a browser: the page, its offline assets, and article text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.explorer import STATIC_DIR
from api.settings import ApiSettings
from kg.models import Article, Entity, Evidence, Extraction, Fact
from kg.rdf import article_graph_iri, extraction_to_graph

TEXT = "Beijing, 29.6.2020\n\nBaidu will leave the Partnership on AI. PAI is US-led."
SENTENCE = "Baidu will leave the Partnership on AI."


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ApiSettings(store=":memory:"))) as test_client:
        start = TEXT.index(SENTENCE)
        article = Article(id="baidu-pai", title="Baidu leaves PAI", text=TEXT,
                          date=dt.date(2020, 6, 29), source="baidu-pai.txt",
                          url="https://example.org/baidu-pai")
        extraction = Extraction(
            article=article,
            entities=(Entity("company/baidu", "Baidu", "Company"),
                      Entity("alliance/partnership-on-ai", "Partnership on AI", "Alliance")),
            facts=(Fact("company/baidu", "withdrewFrom", "alliance/partnership-on-ai",
                        Evidence(SENTENCE, start, start + len(SENTENCE)), 0.9),))
        store = test_client.app.state.store  # type: ignore[attr-defined]
        store.put_graph(article_graph_iri(article), extraction_to_graph(extraction))
        yield test_client


def test_root_serves_the_explorer_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<input id="search-input"' in response.text
    # every script and stylesheet comes from this server: the explorer works offline
    assets = re.findall(r'(?:src|href)="([^"#]+)"', response.text)
    assert assets and all(a.startswith("/") or a.startswith("data:") for a in assets)
    for asset in (a for a in assets if a.startswith("/static/")):
        assert client.get(asset).status_code == 200, asset


def test_vendored_cytoscape_matches_package_lock(client: TestClient) -> None:
    body = client.get("/static/vendor/cytoscape.min.js").text
    lock = (STATIC_DIR.parent.parent / "package-lock.json").read_text(encoding="utf-8")
    locked = re.search(r'"node_modules/cytoscape":\s*{\s*"version":\s*"([^"]+)"', lock)
    assert locked, "package-lock.json records the cytoscape version"
    assert f'.version="{locked.group(1)}"' in body  # re-run `npm run vendor` after an upgrade


def test_static_files_do_not_escape_their_folder(client: TestClient) -> None:
    assert client.get("/static/../main.py").status_code == 404
    assert client.get("/static/%2e%2e/main.py").status_code == 404


def test_article_text_lets_evidence_offsets_be_shown_in_context(client: TestClient) -> None:
    fact = client.get("/entities/company/baidu").json()["facts_out"][0]
    article = client.get(f"/articles/{fact['evidence']['article']['id']}/text").json()
    evidence = fact["evidence"]
    assert article["text"][evidence["start"]:evidence["end"]] == SENTENCE
    assert article["title"] == "Baidu leaves PAI" and article["date"] == "2020-06-29"
    assert article["url"] == "https://example.org/baidu-pai"


def test_unknown_article_text_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/articles/no-such-article/text")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no-such-article" in response.json()["detail"]


def _locked_version(package: str) -> str:
    lock = (STATIC_DIR.parent.parent / "package-lock.json").read_text(encoding="utf-8")
    locked = re.search(rf'"node_modules/{re.escape(package)}":\s*{{\s*"version":\s*"([^"]+)"',
                       lock)
    assert locked, f"package-lock.json records the {package} version"
    return locked.group(1)


def test_vendored_swagger_ui_and_yasgui_match_package_lock(client: TestClient) -> None:
    swagger = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").text
    assert f'PACKAGE_VERSION:"{_locked_version("swagger-ui-dist")}"' in swagger
    # yasgui.min.js names no version; `npm run vendor` writes it into the licence notice
    notice = client.get("/static/vendor/yasgui/LICENSE").text
    assert notice.startswith(f"@zazuko/yasgui {_locked_version('@zazuko/yasgui')}\n")
    for folder in ("swagger-ui", "yasgui"):
        assert "License" in client.get(f"/static/vendor/{folder}/LICENSE").text
