"""Crash safety of the embedded store: SIGKILL in the middle of a batch, and two ingesters.

Every article is written in one transaction, so after a kill each article is either all there
(the same triples as an uninterrupted ingest gives it) or absent, the store opens and validates,
and running the same ingest again completes the batch.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path

import pytest
from hardening_support import ROOT, assert_conforms, kg, kg_command, stored_quads

from kg.store import EmbeddedStore

BATCH_SIZE = 30
KILL_AFTER = 5
SENTENCES = [
    "Microsoft President Brad Smith met Chinese Commerce Minister Wang Wentao in Beijing on "
    "Wednesday to discuss artificial intelligence and trade.",
    "China urged the United States to stop technological protectionism, the ministry said.",
    "Baidu has withdrawn from the Partnership on AI, the company said in a statement.",
    "The US Department of Commerce added Huawei to the Entity List over national security "
    "concerns.",
    "Nvidia said it would comply with the new export controls on AI chips to China.",
    "Premier Li Qiang proposed a global AI cooperation organization at a conference in Shanghai.",
]


def write_batch(directory: Path) -> list[str]:
    directory.mkdir()
    ids = []
    for number in range(BATCH_SIZE):
        body = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(8))
        text = (f"Report number {number} on US-China relations in AI\n"
                f"Published: May {1 + number % 28}, 2024\n\n{body}\nReport {number} ends.\n")
        path = directory / f"article-{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        ids.append(path.stem)
    return ids


def article_sizes(store_dir: Path) -> dict[str, int]:
    with EmbeddedStore(store_dir) as store:
        return {info.id: info.triples for info in store.articles()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """The batch, and a reference store it was ingested into without interruption."""
    root = tmp_path_factory.mktemp("crash")
    ids = write_batch(root / "batch")
    reference = root / "reference"
    result = kg("ingest", "--no-progress", str(root / "batch"), store=reference)
    assert result.returncode == 0, result.stderr
    return root / "batch", ids, reference


def ingest_until(store_dir: Path, inputs: Path, stored: int) -> subprocess.Popen[bytes]:
    """Start `kg ingest`; return once its progress bar says `stored` articles are written.

    The bar advances after each article's transaction, so those articles are in the store.
    Its stderr is a pseudo-terminal, since the progress bar is drawn only on a terminal.
    """
    leader, follower = pty.openpty()
    # A terminal 0 columns wide (a new pty's size) gets an empty progress bar.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    process = subprocess.Popen(kg_command("ingest", str(inputs), store=store_dir), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen, deadline = b"", time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed the terminal (it ended)
                break
            seen += chunk
            counts = [int(n) for n in re.findall(rb"\| *(\d+)/%d " % BATCH_SIZE, seen)]
            if counts and max(counts) >= stored:
                # Keep draining the terminal so the ingester never blocks on a full buffer.
                threading.Thread(target=_drain, args=(leader,), daemon=True).start()
                return process
    except BaseException:
        os.close(leader)
        raise
    os.close(leader)
    process.kill()
    process.wait()
    raise AssertionError(f"ingest did not report {stored} articles: {seen[-500:]!r}")


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.slow
def test_sigkill_midway_leaves_whole_articles_and_a_rerun_completes_the_batch(
        batch: tuple[Path, list[str], Path], tmp_path: Path) -> None:
    inputs, ids, reference = batch
    expected = article_sizes(reference)
    assert sorted(expected) == ids
    store_dir = tmp_path / "store"

    process = ingest_until(store_dir, inputs, KILL_AFTER)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL

    survived = article_sizes(store_dir)  # the store opens after the kill
    assert KILL_AFTER <= len(survived) < BATCH_SIZE, f"{len(survived)} articles survived"
    for article_id, triples in survived.items():
        assert triples == expected[article_id], f"{article_id} is half written"
    with EmbeddedStore(store_dir) as store:
        assert_conforms(store)

    again = kg("ingest", "--no-progress", str(inputs), store=store_dir)
    assert again.returncode == 0, again.stderr
    assert f"ingested {BATCH_SIZE} article(s)" in again.stdout
    assert article_sizes(store_dir) == expected
    assert stored_quads(store_dir) == stored_quads(reference)
    validate = kg("validate", store=store_dir)
    assert validate.returncode == 0, validate.stdout[-2000:]


@pytest.mark.slow
def test_a_second_ingest_on_the_same_store_is_refused_and_corrupts_nothing(
        batch: tuple[Path, list[str], Path], tmp_path: Path) -> None:
    inputs, _, reference = batch
    store_dir = tmp_path / "store"
    extra = tmp_path / "extra.txt"
    extra.write_text("A second writer tries its luck\n\nBaidu has withdrawn from the "
                     "Partnership on AI, the company said.", encoding="utf-8")

    first = ingest_until(store_dir, inputs, 1)
    started = time.monotonic()
    second = kg("ingest", "--no-progress", str(extra), store=store_dir)
    assert time.monotonic() - started < 60
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and "is locked by another process" in lines[0], second.stderr
    assert first.wait(timeout=300) == 0

    assert article_sizes(store_dir) == article_sizes(reference)
    assert "extra" not in article_sizes(store_dir)
    with EmbeddedStore(store_dir) as store:
        assert_conforms(store)
