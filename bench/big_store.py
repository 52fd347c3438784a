"""An embedded store of N synthetic articles, for the index benchmarks past 100k articles.

    .venv/bin/python -m bench.big_store --articles 1000000 --store /tmp/aikg-1m/store

Up to BASE articles, the store is the bulk load of bench.dataset's N-Quads (the file every
query benchmark uses). Past it, generating each article through kg.rdf would take hours here
(~2.2 h for 1M on 2 cores), so the BASE articles are loaded N / BASE times, each copy with
every article's content hash (and so its graph, statement and evidence IRIs) and id rewritten:
distinct articles with the same shape, about the same entities and topics, on the same dates.
A `<store>.loaded.json` note beside the store records the size, the load's seconds and the
quads; a store with a matching note is reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from pathlib import Path

from bench.dataset import synthetic_nquads
from kg.store import EmbeddedStore

#: Articles generated through kg.rdf; larger stores are copies of these with new hashes.
BASE = 100_000
_HASH = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r'"(synthetic-\d+-\d+)"')


def note_path(store: Path) -> Path:
    return store.with_name(store.name + ".loaded.json")


def copy_nquads(source: Path, target: Path, copy: int) -> None:
    """`source` with every 64-hex content hash and article id made distinct for `copy`."""
    renamed: dict[str, str] = {}

    def rehash(match: re.Match[str]) -> str:
        found = renamed.get(match[0])
        if found is None:
            found = renamed[match[0]] = hashlib.sha256(
                f"{match[0]}/{copy}".encode()).hexdigest()
        return found

    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(_ID.sub(rf'"\1-copy{copy}"', _HASH.sub(rehash, line)))


def load_store(articles: int, store: Path, *, seed: int = 0) -> dict[str, float | int]:
    """Load (or reuse) a store of `articles` synthetic articles; the load note as a dict."""
    note = note_path(store)
    if note.exists():
        found = json.loads(note.read_text(encoding="utf-8"))
        if found.get("articles") == articles and found.get("seed") == seed:
            return found  # type: ignore[no-any-return]
    if articles > BASE and articles % BASE:
        raise SystemExit(f"--articles past {BASE} must be a multiple of it")
    base = synthetic_nquads(min(articles, BASE), seed=seed)
    store.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with EmbeddedStore(store) as target:
        target.bulk_load(base)
        for copy in range(1, max(1, articles // BASE)):
            chunk = store.with_name(store.name + ".copy.nq")
            copy_nquads(base, chunk, copy)
            target.bulk_load(chunk)
            chunk.unlink()
            print(f"{(copy + 1) * BASE} articles loaded, {time.perf_counter() - started:.0f} s",
                  flush=True)
        seconds = time.perf_counter() - started
        quads = len(target)
    found = {"articles": articles, "seed": seed, "load_seconds": round(seconds, 1),
             "quads": quads}
    note.write_text(json.dumps(found), encoding="utf-8")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--store", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(load_store(args.articles, args.store)))


if __name__ == "__main__":
    main()
