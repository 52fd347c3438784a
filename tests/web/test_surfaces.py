"""Explorer surfaces a new user meets first (issue 13, items 10-13), in headless Chromium that
can reach nothing but the server: offline API docs, the evidence highlight after emoji, the
home page's labels and counts."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

import pytest
from web_samples import EMOJI_EVIDENCE, EMOJI_TEXT, EMOJI_TITLE

pytestmark = pytest.mark.slow


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=120) as response:
        return json.load(response)


def test_api_docs_render_offline(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/sparql" in [p.strip() for p in paths] and "/store" in [p.strip() for p in paths]
    html = urllib.request.urlopen(f"{server_url}/docs", timeout=120).read().decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "cdn" not in html
    with pytest.raises(urllib.error.HTTPError) as missing:  # ReDoc (from a CDN) is not offered
        urllib.request.urlopen(f"{server_url}/redoc", timeout=120)
    assert missing.value.code == 404
    missing.value.close()


def _emoji_article(server_url: str) -> dict[str, Any]:
    articles = _get(f"{server_url}/articles?limit=100")["items"]
    return next(a for a in articles if a["title"] == EMOJI_TITLE)


def test_evidence_after_emoji_is_highlighted_exactly(page: Any, server_url: str) -> None:
    article = _emoji_article(server_url)
    text = _get(f"{server_url}/articles/{quote(article['id'], safe='')}/text")["text"]
    assert text.rstrip("\n").endswith(EMOJI_TEXT.split("\n\n", 1)[1].rstrip("\n"))
    start = text.index(EMOJI_EVIDENCE)  # a code-point offset, as the API gives them
    end = start + len(EMOJI_EVIDENCE)
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 3  # three emoji before it
    page.goto(f"{server_url}/#/article/{quote(article['id'], safe='')}"
              f"?start={start}&end={end}")
    page.wait_for_selector("main[data-view='article'] mark#evidence")
    assert page.locator("mark#evidence").inner_text() == EMOJI_EVIDENCE
    # the evidence block of a fact or event, shown in context on entity pages
    block = page.evaluate("""([id, start, end, sentence]) => {
        const block = evidenceBlock({ sentence, start, end, article: { id } });
        document.querySelector("main").append(block);
        return new Promise((resolve) => { const wait = () => {
          const quote = block.querySelector("blockquote").textContent;
          if (quote.startsWith("…")) resolve([block.querySelector("mark").textContent, quote]);
          else setTimeout(wait, 50); }; wait(); });
      }""", [article["id"], start, end, EMOJI_EVIDENCE])
    assert block[0] == EMOJI_EVIDENCE
    assert "🚀" in block[1] and block[1].index("🚀") < block[1].index(EMOJI_EVIDENCE)


def test_home_shows_labels_and_what_the_articles_say(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/")
    page.wait_for_selector("main[data-view='home']")
    chips = page.locator("#example-entities a")
    labels = chips.all_inner_texts()
    assert "Baidu" in labels and "Brad Smith" in labels  # labels, not "brad smith" slugs
    assert chips.filter(has_text="Brad Smith").get_attribute("href") == (
        "#/entity/person/brad-smith")
    stats = _get(f"{server_url}/stats")
    named = page.locator("[data-counts='entities']").inner_text()
    gazetteer = page.locator("[data-counts='gazetteer']").inner_text()
    assert f"Person: {stats['entities']['Person']}" in named
    assert f"Person: {stats['gazetteer']['Person']}" in gazetteer
    # four seed articles name a handful of people; the gazetteer knows many more
    assert stats["entities"]["Person"] < stats["gazetteer"]["Person"]
    assert stats["entities"]["Person"] <= 20
