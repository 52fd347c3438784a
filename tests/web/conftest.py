"""Browser-test fixtures: the real `kg serve` on a loopback port over a store built from seeds/,
and headless Debian Chromium driven by Playwright (never Playwright's own browser downloads)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from web_samples import EMOJI_TEXT, guard

from bench.api_server import ApiServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("AIKG_CHROMIUM", "/usr/bin/chromium"))
#: Without the background-networking flags Chromium keeps calling home from a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: What Chromium logs for a refused SPARQL query (the page shows the error; tests provoke it).
EXPECTED_400 = "the server responded with a status of 400"


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]




@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kg serve` over the seed articles (and EMOJI_TEXT), started as a real process."""
    store = tmp_path_factory.mktemp("web") / "store"
    extra = tmp_path_factory.mktemp("web-articles")
    (extra / "robots-on-show.txt").write_text(EMOJI_TEXT, encoding="utf-8")
    subprocess.run(_kg("--store", str(store), "ingest", "--no-progress", str(ROOT / "seeds"),
                       str(extra)),
                   check=True, cwd=ROOT, capture_output=True, timeout=300)
    with ApiServer(store) as served:  # a real `kg serve` on a free port, /health answering
        yield served.url


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless Chromium with a fresh profile; skips when Debian's chromium is not installed."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); "
                    ".ci/run installs it so CI runs these tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1366, "height": 800})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context: object, server_url: str) -> Iterator[object]:
    """A new tab that can reach nothing but the server (the explorer must work offline); fails
    the test on any JavaScript error, console error or request to another host."""
    tab = browser_context.new_page()  # type: ignore[attr-defined]
    errors = guard(tab, server_url, tolerated=EXPECTED_400)
    yield tab
    tab.close()
    assert not errors, errors


@pytest.fixture
def screenshot(page: object) -> Callable[[str], Path]:
    """save(name): a full-page screenshot of the tab in test-artifacts/, for people to look at."""

    def save(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    return save
